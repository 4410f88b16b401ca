using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using RemissFlow.Cli;
using RemissFlow.Core.AttGora;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Arkiv;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Cli;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Tests.Arkiv;

/// <summary>
/// <c>arkiv export</c> and <c>arkiv verify</c> on the demo, on both databases: a package read back verifies; a tampered,
/// a missing and an unlisted file are each found; what may not be delivered is refused with a Swedish reason.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class ArkivCommandTests(DatabaseProvider provider)
{
    private TestApp _app = null!;
    private CliEnvironment _env = null!;
    private string _out = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider, template: DatabaseTemplate.Demo);
        _env = new CliEnvironment(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
                ["ConnectionStrings:RemissFlow"] = _app.Database.Options.ConnectionString,
                ["RemissFlow:DataDirectory"] = _app.Database.DataDirectory,
                ["RemissFlow:WorkflowsDirectory"] = RepoPaths.Workflows,
                ["RemissFlow:TemplatesDirectory"] = RepoPaths.Templates,
            }).Build(),
            _app.Clock);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [SetUp]
    public void CreateOut() => _out = Directory.CreateTempSubdirectory("remissflow-arkiv-cli-").FullName;

    [TearDown]
    public void RemoveOut() => Directory.Delete(_out, recursive: true);

    private Task<string> ClosedSvarDnrAsync() =>
        _app.Query(db => db.Remissvar.Where(s => s.Status == "inlamnad" && s.Dnr != null).OrderBy(s => s.Dnr).Select(s => s.Dnr!).FirstAsync());

    private async Task<string> ExportFolderAsync()
    {
        var run = await CliRun.Of(_env, "arkiv", "export", "--arende", await ClosedSvarDnrAsync(), "--out", _out);
        Assert.That(run.Exit, Is.Zero, run.ToString);
        return Directory.GetDirectories(_out).Single();
    }

    [Test]
    public async Task Export_as_zip_then_verify_reads_every_file_back_and_finds_nothing_wrong()
    {
        var zip = Path.Combine(_out, "leverans.zip");
        var export = await CliRun.Of(_env, "arkiv", "export", "--remiss", ArkivpaketTests.FinishedDnr, "--out", zip);
        Assert.That(export.Exit, Is.Zero, export.ToString);
        Assert.That(export.Out, Does.StartWith(zip + ": paket uuid-").And.Contain(ArkivpaketTests.FinishedDnr).And.Contain("ZIP SHA-256"));

        using (var archive = ZipFile.OpenRead(zip))
        {
            var roots = archive.Entries.Select(e => e.FullName.Split('/')[0]).Distinct().ToList();
            Assert.That(roots, Has.Count.EqualTo(1), "CSIPSTR1/3: the ZIP unpacks to a single root folder");
            Assert.That(archive.GetEntry(roots[0] + "/METS.xml"), Is.Not.Null);
        }

        var verify = await CliRun.Of(_env, "arkiv", "verify", zip);
        Assert.That(verify.Exit, Is.Zero, verify.ToString);
        Assert.That(verify.Out, Does.Contain("paketet är helt"));
    }

    [Test]
    public async Task Verify_finds_a_tampered_file_in_a_folder()
    {
        var root = await ExportFolderAsync();
        var pdf = Directory.GetFiles(Path.Combine(root, "representations", "rep1", "data"), "*.pdf", SearchOption.AllDirectories).First();
        var bytes = File.ReadAllBytes(pdf);
        bytes[bytes.Length / 2] ^= 0x20;
        File.WriteAllBytes(pdf, bytes);

        var run = await CliRun.Of(_env, "arkiv", "verify", root);

        Assert.That(run.Exit, Is.EqualTo(CliExit.Failure), run.ToString);
        Assert.That(run.Err, Does.Contain(Path.GetFileName(pdf)).And.Contain("har ändrats: kontrollsumman (SHA-256) stämmer inte med METS.xml"));
        Assert.That(run.Err, Does.Contain("1 fel"));
    }

    [Test]
    public async Task Verify_finds_a_file_that_METS_does_not_list_and_one_that_is_missing()
    {
        var root = await ExportFolderAsync();
        File.WriteAllText(Path.Combine(root, "documentation", "okand.txt"), "inte listad");
        File.Delete(Path.Combine(root, "metadata", "preservation", "premis.xml"));

        // The folder that holds the package is accepted as well as the package's own root.
        var run = await CliRun.Of(_env, "arkiv", "verify", _out);

        Assert.That(run.Exit, Is.EqualTo(CliExit.Failure), run.ToString);
        Assert.That(run.Err, Does.Contain("documentation/okand.txt finns i paketet men står inte i METS.xml"));
        Assert.That(run.Err, Does.Contain("metadata/preservation/premis.xml står i METS.xml men finns inte i paketet"));
    }

    [Test]
    public async Task Export_as_tar_holds_the_same_files_as_the_zip_and_verify_checks_every_checksum()
    {
        var tar = Path.Combine(_out, "leverans.tar");
        var zip = Path.Combine(_out, "leverans.zip");
        var export = await CliRun.Of(_env, "arkiv", "export", "--remiss", ArkivpaketTests.FinishedDnr, "--out", tar);
        Assert.That(export.Exit, Is.Zero, export.ToString);
        Assert.That(export.Out, Does.StartWith(tar + ": paket uuid-").And.Contain("TAR SHA-256"));
        Assert.That((await CliRun.Of(_env, "arkiv", "export", "--remiss", ArkivpaketTests.FinishedDnr, "--out", zip)).Exit, Is.Zero);

        var inTar = TarFiles(tar);
        using var archive = ZipFile.OpenRead(zip);
        // Two exports are two packages (own id, own time): the same files under the same paths, METS and PREMIS naming their own package.
        var inZip = archive.Entries.Where(e => !e.FullName.EndsWith('/')).Select(e => e.FullName[(e.FullName.IndexOf('/', StringComparison.Ordinal) + 1)..]).Order(StringComparer.Ordinal).ToList();
        Assert.That(inTar.Keys.Select(k => k[(k.IndexOf('/', StringComparison.Ordinal) + 1)..]).Order(StringComparer.Ordinal), Is.EqualTo(inZip));
        Assert.That(inTar.Keys.Select(k => k.Split('/')[0]).Distinct().Count(), Is.EqualTo(1), "one root folder in the TAR");

        var verify = VerifyArkivpaket.Verify(tar);
        Assert.That(verify.Fel, Is.Empty);
        Assert.That(verify.FilerKontrollerade, Is.EqualTo(inTar.Count - 1), "every file but METS.xml itself is listed in METS and checked");
        var cli = await CliRun.Of(_env, "arkiv", "verify", tar);
        Assert.That(cli.Exit, Is.Zero, cli.ToString);
        Assert.That(cli.Out, Does.Contain("paketet är helt"));
    }

    [Test]
    public async Task Verify_finds_a_tampered_file_inside_a_tar()
    {
        var tar = Path.Combine(_out, "p.tar");
        Assert.That((await CliRun.Of(_env, "arkiv", "export", "--arende", await ClosedSvarDnrAsync(), "--out", tar)).Exit, Is.Zero);
        var files = TarFiles(tar);
        var pdf = files.Keys.First(k => k.EndsWith(".pdf", StringComparison.Ordinal));
        files[pdf][files[pdf].Length / 2] ^= 0x20;
        var tampered = Path.Combine(_out, "andrad.tar");
        using (var stream = File.Create(tampered))
        using (var writer = new System.Formats.Tar.TarWriter(stream))
        {
            foreach (var (name, bytes) in files)
            {
                writer.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
            }
        }

        var run = await CliRun.Of(_env, "arkiv", "verify", tampered);

        Assert.That(run.Exit, Is.EqualTo(CliExit.Failure), run.ToString);
        Assert.That(run.Err, Does.Contain(pdf[(pdf.IndexOf('/', StringComparison.Ordinal) + 1)..] + " har ändrats: kontrollsumman (SHA-256) stämmer inte med METS.xml"));
    }

    private static Dictionary<string, byte[]> TarFiles(string tar)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var stream = File.OpenRead(tar);
        using var reader = new System.Formats.Tar.TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType == System.Formats.Tar.TarEntryType.RegularFile)
            {
                using var buffer = new MemoryStream();
                entry.DataStream!.CopyTo(buffer);
                files[entry.Name] = buffer.ToArray();
            }
        }

        return files;
    }

    [Test]
    public async Task Verify_finds_a_tampered_file_inside_a_zip()
    {
        var zip = Path.Combine(_out, "p.zip");
        Assert.That((await CliRun.Of(_env, "arkiv", "export", "--arende", await ClosedSvarDnrAsync(), "--out", zip)).Exit, Is.Zero);
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Update))
        {
            var entry = archive.Entries.First(e => e.FullName.EndsWith("ERMS.xml", StringComparison.Ordinal));
            string text;
            using (var reader = new StreamReader(entry.Open()))
            {
                text = reader.ReadToEnd();
            }

            var name = entry.FullName;
            entry.Delete();
            using var writer = new StreamWriter(archive.CreateEntry(name).Open());
            writer.Write(text.Replace("closed", "in_progress", StringComparison.Ordinal));
        }

        var run = await CliRun.Of(_env, "arkiv", "verify", zip);

        Assert.That(run.Exit, Is.EqualTo(CliExit.Failure), run.ToString);
        Assert.That(run.Err, Does.Contain("metadata/descriptive/ERMS.xml har ändrats"));
    }

    [Test]
    public async Task Export_of_a_year_holds_everything_closed_that_year_and_a_year_without_any_is_refused()
    {
        var remiss = await _app.Query(db => db.Remisser.FirstAsync(r => r.Dnr == ArkivpaketTests.FinishedDnr));
        var closedAt = await _app.Query(db => db.Handelser.Where(h => h.ArendeId == remiss.Id).MaxAsync(h => h.At));
        var year = StockholmTime.ToLocal(closedAt).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var run = await CliRun.Of(_env, "arkiv", "export", "--year", year, "--out", _out);
        Assert.That(run.Exit, Is.Zero, run.ToString);
        Assert.That(run.Out, Does.Contain(ArkivpaketTests.FinishedDnr));
        Assert.That(VerifyArkivpaket.Verify(_out).Fel, Is.Empty);

        var none = await CliRun.Of(_env, "arkiv", "export", "--year", "1999", "--out", _out);
        Assert.That(none.Exit, Is.EqualTo(CliExit.Failure), none.ToString);
        Assert.That(none.Err, Does.Contain("Inga ärenden avslutades år 1999"));
    }

    [TestCase(new[] { "arkiv", "export", "--out", "x.zip" }, "ange precis ett av --arende, --remiss och --year")]
    [TestCase(new[] { "arkiv", "export", "--remiss", "KS 2025/1616", "--year", "2026", "--out", "x.zip" }, "ange precis ett")]
    [TestCase(new[] { "arkiv", "export", "--remiss", "KS-2025-1616", "--out", "x.zip" }, "Diarienummer ska skrivas som PREFIX ÅÅÅÅ/N")]
    [TestCase(new[] { "arkiv", "export", "--year", "26", "--out", "x.zip" }, "År ska skrivas med fyra siffror")]
    public async Task Bad_usage_exits_2_with_a_swedish_reason(string[] args, string reason)
    {
        var run = await CliRun.Of(_env, args);
        Assert.That(run.Exit, Is.EqualTo(CliExit.Usage), run.ToString);
        Assert.That(run.Err, Does.Contain(reason));
        Assert.That(Directory.GetFileSystemEntries(_out), Is.Empty);
    }

    [Test]
    public async Task An_open_remiss_and_an_unknown_dnr_are_refused_and_nothing_is_written()
    {
        var open = await _app.Query(db => db.Remisser.Where(r => r.Dnr.StartsWith("KS ") && r.Status != "avslutad" && r.Status != "aterkallad" && r.Status != "raderad").OrderBy(r => r.Dnr).Select(r => r.Dnr).FirstAsync());
        var zip = Path.Combine(_out, "p.zip");

        var openRun = await CliRun.Of(_env, "arkiv", "export", "--remiss", open, "--out", zip);
        var unknown = await CliRun.Of(_env, "arkiv", "export", "--arende", "KS 1901/99999", "--out", zip);

        Assert.Multiple(() =>
        {
            Assert.That(openRun.Exit, Is.EqualTo(CliExit.Failure), openRun.ToString);
            Assert.That(openRun.Err, Does.Contain($"Remissen {open} är inte avslutad"));
            Assert.That(unknown.Exit, Is.EqualTo(CliExit.Failure), unknown.ToString);
            Assert.That(unknown.Err, Does.Contain("Ärendet KS 1901/99999 finns inte."));
            Assert.That(Directory.GetFileSystemEntries(_out), Is.Empty);
        });
    }

    [Test]
    public async Task The_arkivaries_start_page_lists_the_closed_remisser_not_yet_delivered_until_a_package_delivers_them()
    {
        await using var app = await TestApp.StartAsync(provider, template: DatabaseTemplate.Demo);
        var arkivarie = await ArkivpaketTests.ArkivarieAsync(app);
        async Task<List<string>> QueueAsync()
        {
            using var scope = app.Services.CreateScope();
            var sections = await scope.ServiceProvider.GetRequiredService<AttGoraQuery>().ForAsync(arkivarie, OrganisationKind.Kommunstyrelse, CancellationToken.None);
            return sections.Single(x => x.Key == "arkiv_leverera").Items.Select(i => i.Text).ToList();
        }

        Assert.That(await QueueAsync(), Has.Some.StartsWith(ArkivpaketTests.FinishedDnr + " – "));
        await app.Ok(arkivarie, new ExportArkivpaket.Command(Urval.Remiss, ArkivpaketTests.FinishedDnr, Path.Combine(_out, "p.zip")));
        Assert.That(await QueueAsync(), Has.None.StartsWith(ArkivpaketTests.FinishedDnr + " – "));
    }

    [Test]
    public async Task Only_an_arkivarie_may_export_and_an_existing_zip_is_never_overwritten()
    {
        var ks = await _app.Query(db => db.Organisationer.FirstAsync(o => o.DnrPrefix == "KS"));
        var zip = Path.Combine(_out, "p.zip");

        var registrator = await _app.Send(TestApp.As(ks.Id, Role.Registrator, Role.KsSamordnare), new ExportArkivpaket.Command(Urval.Remiss, ArkivpaketTests.FinishedDnr, zip));
        Assert.That(registrator.Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(File.Exists(zip), Is.False);

        File.WriteAllText(zip, "tidigare leverans");
        var again = await _app.Send(await ArkivpaketTests.ArkivarieAsync(_app), new ExportArkivpaket.Command(Urval.Remiss, ArkivpaketTests.FinishedDnr, zip));
        Assert.That(again.Refusal?.Errors.Select(e => e.Field), Is.EqualTo(new[] { "Utdata" }));
        Assert.That(again.Refusal!.Message, Does.Contain("finns redan"));
        Assert.That(File.ReadAllText(zip), Is.EqualTo("tidigare leverans"));
    }
}
