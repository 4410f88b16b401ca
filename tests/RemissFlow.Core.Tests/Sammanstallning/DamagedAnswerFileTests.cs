using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Files;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Core.Tests.Documents;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Workflows.Runtime;
using Scenario = RemissFlow.Core.Tests.Lifecycle.Scenario;

namespace RemissFlow.Core.Tests.Sammanstallning;

/// <summary>
/// An answer file that says it is a PDF but cannot be read as one: the sammanställning in every
/// format, and its public copy, still come out, and list the file as "kunde inte bifogas" with
/// its name, its address and its SHA-256, so a reader can fetch and check it.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[Parallelizable(ParallelScope.Self)] // Beside other fixtures (own app and database); its tests one at a time, as they share its data.
public sealed class DamagedAnswerFileTests(DatabaseProvider provider)
{
    private TestApp _app = null!;
    private Scenario _s = null!;

    public static IEnumerable<TestCaseData> Corpus()
    {
        var good = Encoding.Latin1.GetString(GoodPdf());
        yield return new TestCaseData("bara-huvud.pdf", Encoding.Latin1.GetBytes("%PDF-1.7\n")).SetName("Bara PDF-huvudet");
        yield return new TestCaseData("utan-xref.pdf", Encoding.Latin1.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")).SetName("Ingen xref-tabell");
        yield return new TestCaseData("avklippt.pdf", Encoding.Latin1.GetBytes(good[..(good.Length / 2)])).SetName("Avklippt mitt i");
        yield return new TestCaseData("fel-startxref.pdf", Encoding.Latin1.GetBytes(Regex.Replace(good, @"startxref\n\d+", "startxref\n99999"))).SetName("startxref pekar fel");
        var random = new Random(12);
        var garbage = new byte[4096];
        random.NextBytes(garbage);
        yield return new TestCaseData("skrap.pdf", Encoding.Latin1.GetBytes("%PDF-1.4\n").Concat(garbage).ToArray()).SetName("Skräp efter huvudet");
        yield return new TestCaseData("krypterad.pdf", EncryptedPdf()).SetName("Krypterad med lösenord");
    }

    /// <summary>A small correct PDF: one page, one line, a correct cross-reference table.</summary>
    private static byte[] GoodPdf()
    {
        var stream = "BT /F1 14 Tf 72 760 Td (Yttrande) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(sb.Length);
            sb.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = sb.Length;
        sb.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets)
        {
            sb.Append($"{o:D10} 00000 n \n");
        }

        sb.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    private static byte[] EncryptedPdf()
    {
        RemissFlow.Documents.Pdf.PdfSharpSetup.Ensure();
        using var doc = new PdfSharp.Pdf.PdfDocument();
        doc.AddPage();
        doc.SecuritySettings.UserPassword = "hemligt";
        doc.SecuritySettings.OwnerPassword = "hemligare";
        using var ms = new MemoryStream();
        doc.Save(ms, false);
        return ms.ToArray();
    }

    [OneTimeSetUp]
    public async Task Build()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private static string Squash(string text) => Regex.Replace(text, @"\s+", "");

    [TestCaseSource(nameof(Corpus))]
    public async Task A_damaged_answer_file_is_listed_as_not_attached_in_every_format_and_in_the_public_copy(string fileName, byte[] damaged)
    {
        var remiss = await _s.SendRemissAsync(StockholmTime.Today(_app.Clock).AddDays(30), _s.Extern);
        var svar = await _s.SvarAsync(remiss, _s.Extern);
        await _app.Ok(_s["ks.reg"], new RegisterExternalAnswer.Command(svar.Id, false, fileName, GoodPdf(), Standpunkt.Tillstyrker, "PRO tillstyrker."));

        // The stored bytes are replaced by the damaged ones, past the upload check: a file stored before a stricter
        // check, or damaged in storage, must not depend on that check for the sammanställning to work.
        var stored = await _app.Get<FileStore>().SaveAsync(damaged, "application/pdf", CancellationToken.None);
        var bilaga = await _app.Query(async db =>
        {
            var b = await db.Bilagor.SingleAsync(x => x.RemissvarId == svar.Id && x.Kind == BilagaKind.Svar);
            await db.Bilagor.Where(x => x.Id == b.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Sha256, stored.Sha256).SetProperty(x => x.Size, stored.Size));
            return b.Id;
        });
        var sha = Convert.ToHexString(SHA256.HashData(damaged)).ToLowerInvariant();
        var address = $"/publikt/remisser/{remiss}?handler=Dokument&dokument=fil-{bilaga:N}";

        var exporter = _app.Get<SammanstallningExporter>();
        var pdf = await exporter.ExportAsync(remiss, SammanstallningFormat.Pdf);
        var docx = await exporter.ExportAsync(remiss, SammanstallningFormat.Docx);
        var zip = await exporter.ExportAsync(remiss, SammanstallningFormat.Zip);
        await exporter.ExportAsync(remiss, SammanstallningFormat.Xlsx);
        await exporter.ExportAsync(remiss, SammanstallningFormat.Csv);
        await _app.Ok(_s["ks.sam"], new PublishSammanstallning.Command(remiss));
        var publicCopy = await _app.Get<PublicRemissQuery>().DocumentAsync(remiss, PublicRemissQuery.SammanstallningDocumentId);
        var publicFile = await _app.Get<PublicRemissQuery>().DocumentAsync(remiss, $"fil-{bilaga:N}");

        var pdfText = Squash(PdfText.Extract(pdf.Content, raw: true));
        string docxText;
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx.Content), false))
        {
            docxText = Squash(word.MainDocumentPart!.Document.Body!.InnerText);
        }

        using var archive = new ZipArchive(new MemoryStream(zip.Content), ZipArchiveMode.Read);
        var entry = archive.Entries.Single(e => e.FullName.EndsWith("/" + fileName, StringComparison.Ordinal));
        using var entryContent = new MemoryStream();
        await using (var s = entry.Open())
        {
            await s.CopyToAsync(entryContent);
        }

        using var manifest = new StreamReader(archive.GetEntry(SammanstallningExporter.ManifestName)!.Open());
        var manifestText = await manifest.ReadToEndAsync();
        Assert.Multiple(() =>
        {
            foreach (var (format, text) in new[] { ("PDF", pdfText), ("DOCX", docxText), ("offentlig kopia", Squash(PdfText.Extract(publicCopy!.Content, raw: true))) })
            {
                Assert.That(text, Does.Contain(Squash("kunde inte bifogas")), format);
                Assert.That(text, Does.Contain(fileName), format);
                Assert.That(text, Does.Contain(Squash(address)), format);
                Assert.That(text, Does.Contain(sha[..32]).And.Contain(sha[32..]), format);
            }

            Assert.That(entryContent.ToArray(), Is.EqualTo(damaged), "ZIP: the file as it came");
            Assert.That(manifestText, Does.Contain(sha), "ZIP: manifest");
            Assert.That(publicFile!.Content, Is.EqualTo(damaged), "the address serves the file");
        });
    }
}
