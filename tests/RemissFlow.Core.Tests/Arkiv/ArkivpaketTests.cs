using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Arkiv;
using RemissFlow.Core.Files;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Arkiv;

/// <summary>
/// The demo's finished remiss KS 2025/1616 with all its remissvar, exported once per database as an FGS package: METS,
/// ERMS and PREMIS validated with xmllint against the official schemas, and each E-ARK CSIP/SIP requirement group the
/// package claims checked on the XML itself.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class ArkivpaketTests(DatabaseProvider provider)
{
    public const string FinishedDnr = "KS 2025/1616";

    private static readonly XNamespace M = ArkivMets.Mets;
    private static readonly XNamespace XLink = ArkivMets.XLink;
    private static readonly XNamespace Csip = ArkivMets.Csip;
    private static readonly XNamespace Sip = ArkivMets.Sip;

    private TestApp _app = null!;
    private string _out = null!;
    private ExportArkivpaket.Levererat _paket = null!;
    private XDocument _mets = null!;
    private string Root => _paket.Sokvag;

    internal static async Task<Actor> ArkivarieAsync(TestApp app)
    {
        var ks = await app.Query(db => db.Organisationer.FirstAsync(o => o.DnrPrefix == "KS"));
        return TestApp.As(ks.Id, Role.Arkivarie);
    }

    [OneTimeSetUp]
    public async Task Export()
    {
        _app = await TestApp.StartAsync(provider, template: DatabaseTemplate.Demo);
        _out = Directory.CreateTempSubdirectory("remissflow-arkiv-").FullName;
        _paket = await _app.Ok(await ArkivarieAsync(_app), new ExportArkivpaket.Command(Urval.Remiss, FinishedDnr, _out));
        _mets = XDocument.Load(Path.Combine(Root, "METS.xml"));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _app.DisposeAsync();
        Directory.Delete(_out, recursive: true);
    }

    private string File(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    [Test]
    public void Mets_validates_against_the_official_METS_schema_with_the_CSIP_and_SIP_extensions()
    {
        var (exit, output) = Xmllint.Validate(File("METS.xml"), File("schemas"), "mets.xsd");
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("validates"));
    }

    [Test]
    public void Erms_validates_against_the_official_CITS_ERMS_3_schema()
    {
        var (exit, output) = Xmllint.Validate(File("metadata/descriptive/ERMS.xml"), File("schemas"), "ERMS_v3.xsd");
        Assert.That(exit, Is.Zero, output);
    }

    [Test]
    public void Premis_validates_against_the_official_PREMIS_3_schema()
    {
        var (exit, output) = Xmllint.Validate(File("metadata/preservation/premis.xml"), File("schemas"), "premis-v3-0.xsd");
        Assert.That(exit, Is.Zero, output);
    }

    [Test]
    public void A_sekretessmarkerad_handling_is_delivered_with_an_ERMS_restriction_naming_its_provision()
    {
        // The demo's PRO letter is marked under OSL 21:7 (DemoSeeder.Sekretess); the archive keeps it, restricted.
        var erms = ArkivErms.Erms;
        var records = XDocument.Load(File("metadata/descriptive/ERMS.xml")).Descendants(erms + "record").ToList();
        var restricted = records.Where(r => r.Element(erms + "restriction") is not null).ToList();
        Assert.That(restricted, Has.Count.EqualTo(1));
        var restriction = restricted[0].Element(erms + "restriction")!;
        Assert.That(restriction.Attribute("restrictionType")?.Value, Is.EqualTo("confidential"));
        Assert.That(restriction.Element(erms + "regulation")?.Value, Is.EqualTo("OSL 21:7"));
        Assert.That(restricted[0].Descendants(erms + "appendix").Single().Attribute("name")?.Value, Is.EqualTo("PRO Stockholms län – yttrande.pdf"));
    }

    [Test]
    public void The_packages_schemas_are_the_unmodified_official_copies()
    {
        var source = Path.Combine(RepoPaths.Root, "src", "RemissFlow.Core", "Features", "Arkiv", "Schemas");
        foreach (var f in ArkivSchemas.Files)
        {
            Assert.That(System.IO.File.ReadAllBytes(File("schemas/" + f)), Is.EqualTo(System.IO.File.ReadAllBytes(Path.Combine(source, f))), f);
        }

        // SOURCES.md records each schema's SHA-256 as copied; a changed byte would no longer match it.
        var sources = System.IO.File.ReadAllText(Path.Combine(source, "SOURCES.md"));
        foreach (var f in ArkivSchemas.Files)
        {
            var sha = Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(Path.Combine(source, f)))).ToLowerInvariant();
            Assert.That(sources, Does.Contain($"| {f} |").And.Contain(sha), f);
        }
    }

    [Test]
    public void CSIPSTR1_16_one_root_folder_named_by_OBJID_with_METS_metadata_representations_schemas_and_documentation()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Path.GetFileName(Root), Is.EqualTo(_paket.Namn), "CSIPSTR1/2: the root folder is the package");
            Assert.That(System.IO.File.Exists(File("METS.xml")), "CSIPSTR4");
            Assert.That(Directory.Exists(File("metadata/preservation")), "CSIPSTR5/6");
            Assert.That(Directory.Exists(File("metadata/descriptive")), "CSIPSTR7");
            Assert.That(Directory.GetDirectories(File("representations")).Select(Path.GetFileName), Is.EqualTo(new[] { "rep1" }), "CSIPSTR9/10");
            Assert.That(Directory.Exists(File("representations/rep1/data")), "CSIPSTR11");
            Assert.That(Directory.GetFiles(File("schemas")), Has.Length.EqualTo(ArkivSchemas.Files.Count), "CSIPSTR15");
            Assert.That(Directory.GetFiles(File("documentation")), Is.Not.Empty, "CSIPSTR16");
            Assert.That(Directory.GetFileSystemEntries(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal),
                Is.EqualTo(new[] { "METS.xml", "documentation", "metadata", "representations", "schemas" }));
        });
    }

    [Test]
    public void CSIP1_6_and_SIP1_2_package_identity_category_content_type_and_profile()
    {
        var mets = _mets.Root!;
        Assert.Multiple(() =>
        {
            Assert.That(mets.Attribute("OBJID")?.Value, Is.EqualTo(_paket.Namn), "CSIP1");
            Assert.That(mets.Attribute("TYPE")?.Value, Is.EqualTo("Textual works – Digital"), "CSIP2: a term of the content category vocabulary");
            Assert.That(mets.Attribute(Csip + "OTHERTYPE"), Is.Null, "CSIP3: only with TYPE OTHER");
            Assert.That(mets.Attribute(Csip + "CONTENTINFORMATIONTYPE")?.Value, Is.EqualTo("citserms_v3_0"), "CSIP4");
            Assert.That(mets.Attribute(Csip + "OTHERCONTENTINFORMATIONTYPE"), Is.Null, "CSIP5: only with OTHER");
            Assert.That(mets.Attribute("PROFILE")?.Value, Is.EqualTo("https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"), "CSIP6/SIP2");
            Assert.That(mets.Attribute("LABEL")?.Value, Does.Contain(FinishedDnr), "SIP1");
        });
    }

    [Test]
    public void CSIP117_CSIP7_16_and_SIP3_31_header_agents_and_submission_agreement()
    {
        var hdr = _mets.Root!.Element(M + "metsHdr")!;
        var agents = hdr.Elements(M + "agent").ToList();
        var software = agents.Single(a => a.Attribute("OTHERTYPE")?.Value == "SOFTWARE");
        var archivists = agents.Where(a => a.Attribute("ROLE")?.Value == "ARCHIVIST").ToList();
        var submitter = agents.Single(a => a.Attribute("ROLE")?.Value == "CREATOR" && a.Attribute("TYPE")?.Value == "ORGANIZATION");
        Assert.Multiple(() =>
        {
            Assert.That(_mets.Root!.Elements(M + "metsHdr").Count(), Is.EqualTo(1), "CSIP117");
            Assert.That(DateTimeOffset.TryParse(hdr.Attribute("CREATEDATE")?.Value, out _), "CSIP7");
            Assert.That(hdr.Attribute(Csip + "OAISPACKAGETYPE")?.Value, Is.EqualTo("SIP"), "CSIP9/SIP4");
            Assert.That(hdr.Attribute("RECORDSTATUS")?.Value, Is.EqualTo("NEW"), "SIP3");
            Assert.That(software.Attribute("ROLE")?.Value, Is.EqualTo("CREATOR"), "CSIP11");
            Assert.That(software.Attribute("TYPE")?.Value, Is.EqualTo("OTHER"), "CSIP12");
            Assert.That(software.Element(M + "name")?.Value, Is.EqualTo("RemissFlow"), "CSIP14");
            Assert.That(software.Element(M + "note")?.Attribute(Csip + "NOTETYPE")?.Value, Is.EqualTo("SOFTWARE VERSION"), "CSIP15/16");
            Assert.That(software.Element(M + "note")?.Value, Is.Not.Empty, "CSIP15");
            Assert.That(archivists.Select(a => a.Element(M + "name")?.Value), Does.Contain("Kommunstyrelsen").And.Contain("Servicenämnden"), "SIP9/12: each archival creator");
            Assert.That(archivists.All(a => a.Attribute("TYPE")?.Value == "ORGANIZATION" && a.Element(M + "note")?.Attribute(Csip + "NOTETYPE")?.Value == "IDENTIFICATIONCODE"), "SIP10/11/13/14");
            Assert.That(submitter.Element(M + "name")?.Value, Is.EqualTo("Kommunstyrelsen"), "SIP15–18: the arkivarie's organisation submits");
            Assert.That(submitter.Element(M + "note")?.Attribute(Csip + "NOTETYPE")?.Value, Is.EqualTo("IDENTIFICATIONCODE"), "SIP19/20");
            Assert.That(hdr.Elements(M + "altRecordID").Single(a => a.Attribute("TYPE")?.Value == "SUBMISSIONAGREEMENT").Value, Is.Not.Empty, "SIP5");
        });
    }

    [Test]
    public void CSIP17_30_descriptive_metadata_references_the_ERMS_file_with_size_date_and_checksum()
    {
        var dmd = _mets.Root!.Elements(M + "dmdSec").Single();
        AssertMdRef(dmd, "metadata/descriptive/ERMS.xml", "OTHER");
        Assert.That(dmd.Element(M + "mdRef")!.Attribute("OTHERMDTYPE")?.Value, Is.EqualTo("ERMS"));
    }

    [Test]
    public void CSIP31_44_one_amdSec_with_a_digiprovMD_referencing_the_PREMIS_file()
    {
        var amd = _mets.Root!.Elements(M + "amdSec").Single();
        var digiprov = amd.Elements(M + "digiprovMD").Single();
        AssertMdRef(digiprov, "metadata/preservation/premis.xml", "PREMIS");
        Assert.That(amd.Elements(M + "rightsMD"), Is.Empty, "CSIP45–57 are not claimed: no rights metadata");
    }

    private void AssertMdRef(XElement section, string href, string mdType)
    {
        var r = section.Element(M + "mdRef")!;
        var bytes = System.IO.File.ReadAllBytes(File(href));
        Assert.Multiple(() =>
        {
            Assert.That(section.Attribute("ID")?.Value, Is.Not.Empty, "ID");
            Assert.That(DateTimeOffset.TryParse(section.Attribute("CREATED")?.Value, out _), "CREATED");
            Assert.That(section.Attribute("STATUS")?.Value, Is.EqualTo("CURRENT"), "STATUS");
            Assert.That(r.Attribute("LOCTYPE")?.Value, Is.EqualTo("URL"));
            Assert.That(r.Attribute(XLink + "type")?.Value, Is.EqualTo("simple"));
            Assert.That(r.Attribute(XLink + "href")?.Value, Is.EqualTo(href));
            Assert.That(r.Attribute("MDTYPE")?.Value, Is.EqualTo(mdType));
            Assert.That(r.Attribute("MIMETYPE")?.Value, Is.EqualTo("application/xml"));
            Assert.That(r.Attribute("SIZE")?.Value, Is.EqualTo(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(DateTimeOffset.TryParse(r.Attribute("CREATED")?.Value, out _), "CREATED of the file");
            Assert.That(r.Attribute("CHECKSUM")?.Value, Is.EqualTo(Convert.ToHexString(SHA256.HashData(bytes))));
            Assert.That(r.Attribute("CHECKSUMTYPE")?.Value, Is.EqualTo("SHA-256"));
        });
    }

    [Test]
    public void CSIP58_79_and_SIP32_33_file_section_lists_every_file_with_mime_size_date_and_SHA256()
    {
        var fileSec = _mets.Root!.Elements(M + "fileSec").Single();
        var groups = fileSec.Elements(M + "fileGrp").ToList();
        var files = groups.SelectMany(g => g.Elements(M + "file")).ToList();
        var ids = _mets.Descendants().Select(e => e.Attribute("ID")?.Value).Where(v => v is not null).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(fileSec.Attribute("ID")?.Value, Is.Not.Empty, "CSIP59");
            Assert.That(groups.Select(g => g.Attribute("USE")?.Value), Is.EqualTo(new[] { "Documentation", "Schemas", "Representations/rep1" }), "CSIP60/113/114/64");
            Assert.That(groups.All(g => g.Attribute("ID") is not null && g.Elements(M + "file").Any()), "CSIP65/66");
            Assert.That(groups[2].Attribute(Csip + "CONTENTINFORMATIONTYPE")?.Value, Is.EqualTo("citserms_v3_0"), "CSIP62");
            Assert.That(ids, Is.Unique, "CSIP67 and every other xml:id: unique in the package");
        });

        foreach (var f in files)
        {
            var loc = f.Element(M + "FLocat")!;
            var href = loc.Attribute(XLink + "href")!.Value;
            var bytes = System.IO.File.ReadAllBytes(File(href));
            Assert.Multiple(() =>
            {
                Assert.That(f.Attribute("MIMETYPE")?.Value, Is.Not.Empty, $"CSIP68 {href}");
                Assert.That(f.Attribute("SIZE")?.Value, Is.EqualTo(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"CSIP69 {href}");
                Assert.That(DateTimeOffset.TryParse(f.Attribute("CREATED")?.Value, out _), $"CSIP70 {href}");
                Assert.That(f.Attribute("CHECKSUM")?.Value, Is.EqualTo(Convert.ToHexString(SHA256.HashData(bytes))), $"CSIP71 {href}");
                Assert.That(f.Attribute("CHECKSUMTYPE")?.Value, Is.EqualTo("SHA-256"), $"CSIP72 {href}");
                Assert.That(loc.Attribute("LOCTYPE")?.Value, Is.EqualTo("URL"), $"CSIP77 {href}");
                Assert.That(loc.Attribute(XLink + "type")?.Value, Is.EqualTo("simple"), $"CSIP78 {href}");
                Assert.That(href, Does.Not.StartWith("/").And.Not.Contain(".."), $"CSIP79: relative {href}");
            });
        }

        var pdfs = groups[2].Elements(M + "file").Where(f => f.Attribute(Sip + "FILEFORMATNAME")?.Value == "PDF/A").ToList();
        Assert.That(pdfs, Is.Not.Empty, "SIP32: RemissFlow's documents are named PDF/A");
        Assert.That(pdfs.Select(f => f.Attribute(Sip + "FILEFORMATVERSION")?.Value), Is.All.Match("^[123][abu]?$"), "SIP33");
    }

    [Test]
    public void CSIP80_119_one_CSIP_structMap_with_metadata_documentation_schemas_and_representations_divisions()
    {
        var map = _mets.Root!.Elements(M + "structMap").Single();
        var top = map.Elements(M + "div").Single();
        var divs = top.Elements(M + "div").ToDictionary(d => d.Attribute("LABEL")!.Value);
        var ids = _mets.Descendants().Select(e => e.Attribute("ID")?.Value).Where(v => v is not null).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(map.Attribute("TYPE")?.Value, Is.EqualTo("PHYSICAL"), "CSIP81");
            Assert.That(map.Attribute("LABEL")?.Value, Is.EqualTo("CSIP"), "CSIP82");
            Assert.That(map.Attribute("ID")?.Value, Is.Not.Empty, "CSIP83");
            Assert.That(top.Attribute("ID")?.Value, Is.Not.Empty, "CSIP84/85");
            Assert.That(divs.Keys, Is.EquivalentTo(new[] { "Metadata", "Documentation", "Schemas", "Representations" }), "CSIP88/93/97/101");
            Assert.That(divs.Values.All(d => d.Attribute("ID") is not null), "CSIP89/94/98/102");
            Assert.That(divs["Metadata"].Attribute("ADMID")?.Value.Split(' '), Is.SubsetOf(ids), "CSIP91");
            Assert.That(divs["Metadata"].Attribute("DMDID")?.Value.Split(' '), Is.SubsetOf(ids), "CSIP92");
            Assert.That(divs["Documentation"].Element(M + "fptr")?.Attribute("FILEID")?.Value, Is.EqualTo("grp-documentation"), "CSIP96/116");
            Assert.That(divs["Schemas"].Element(M + "fptr")?.Attribute("FILEID")?.Value, Is.EqualTo("grp-schemas"), "CSIP100/118");
            Assert.That(divs["Representations"].Element(M + "fptr")?.Attribute("FILEID")?.Value, Is.EqualTo("grp-rep1"), "CSIP104/119");
        });
    }

    [Test]
    public async Task Every_handling_is_there_RemissFlows_own_as_PDF_A_and_the_originals_byte_for_byte_as_received()
    {
        var content = _mets.Descendants(M + "fileGrp").Single(g => g.Attribute("USE")?.Value == "Representations/rep1").Elements(M + "file").ToList();
        var store = _app.Get<FileStore>();
        var remiss = await _app.Query(db => db.Remisser.FirstAsync(r => r.Dnr == FinishedDnr));
        var svar = await _app.Query(db => db.Remissvar.Where(s => s.RemissId == remiss.Id).ToListAsync());
        var svarIds = svar.Select(s => s.Id).ToList();
        var bilagor = await _app.Query(db => db.Bilagor.Where(b => b.RemissId == remiss.Id || (b.RemissvarId != null && svarIds.Contains(b.RemissvarId.Value))).ToListAsync());
        var shas = content.Select(f => f.Attribute("CHECKSUM")!.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.That(bilagor, Is.Not.Empty, "the demo remiss has remisshandlingar");
        foreach (var b in bilagor.Where(b => b.RemissvarId is null || svar.Single(s => s.Id == b.RemissvarId).Status is "inlamnad" or "besvarad_av_forvaltningen" or "avstatt" or "aterkallad"))
        {
            Assert.That(shas.Contains(b.Sha256), $"{b.FileName} is in the package as received");
            Assert.That(Convert.ToHexString(SHA256.HashData(store.Read(b.Sha256)!)), Is.EqualTo(b.Sha256).IgnoreCase);
            Assert.That(content.Any(f => f.Attribute("OWNERID")?.Value == b.FileName), $"{b.FileName}'s own name is kept");
        }

        var rendered = content.Where(f => f.Attribute(Sip + "FILEFORMATNAME")?.Value == "PDF/A").ToList();
        Assert.That(rendered.Select(f => f.Attribute("OWNERID")?.Value), Has.Some.StartsWith("missiv").And.Some.StartsWith("tjansteutlatande"));
        foreach (var f in rendered)
        {
            var text = Encoding.Latin1.GetString(System.IO.File.ReadAllBytes(File(f.Element(M + "FLocat")!.Attribute(XLink + "href")!.Value)));
            Assert.That(text, Does.StartWith("%PDF-").And.Contain("pdfaid:part"), "PDF/A identification in the file's XMP");
        }
    }

    [Test]
    public async Task Premis_carries_registration_decisions_expediering_and_a_checksum_event_per_file_from_the_audit_log()
    {
        XNamespace p = ArkivPremis.Premis;
        var premis = XDocument.Load(File("metadata/preservation/premis.xml"));
        var events = premis.Root!.Elements(p + "event").ToList();
        var types = events.Select(e => e.Element(p + "eventType")!.Value).ToList();
        var content = _mets.Descendants(M + "fileGrp").Single(g => g.Attribute("USE")?.Value == "Representations/rep1").Elements(M + "file").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(types, Does.Contain("registrering").And.Contain("beslut").And.Contain("expediering").And.Contain("avslut"));
            Assert.That(types.Count(t => t == "message digest calculation"), Is.EqualTo(content.Count), "one checksum event per file");
            Assert.That(premis.Root!.Elements(p + "object").Select(o => o.Descendants(p + "messageDigest").Single().Value),
                Is.EquivalentTo(content.Select(f => f.Attribute("CHECKSUM")!.Value)), "every handling is a PREMIS object with its SHA-256");
        });

        // Each event names the audit entry it came from and that entry's hash, so the archive can match it to the chain.
        var hashes = (await _app.Query(db => db.Handelser.Select(h => h.Hash).ToListAsync())).ToHashSet(StringComparer.Ordinal);
        foreach (var e in events.Where(e => e.Element(p + "eventIdentifier")!.Element(p + "eventIdentifierValue")!.Value.StartsWith("handelse-", StringComparison.Ordinal)))
        {
            var note = e.Descendants(p + "eventOutcomeDetailNote").Single().Value;
            Assert.That(hashes.Contains(note[(note.LastIndexOf(' ') + 1)..]), note);
        }
    }

    [Test]
    public async Task The_delivery_is_audited_on_the_package_and_on_each_arende_and_the_chain_still_verifies()
    {
        var events = await _app.Query(db => db.Handelser.Where(h => h.Action == ExportArkivpaket.Action).ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That(events.Count(e => e.ArendeTyp == "Arkivpaket" && e.ArendeId == _paket.PaketId), Is.EqualTo(1));
            Assert.That(events.Where(e => e.ArendeTyp != "Arkivpaket").Select(e => e.ArendeId).Distinct().Count(), Is.EqualTo(_paket.Arenden.Count));
            Assert.That(events.Where(e => e.ArendeTyp != "Arkivpaket").Select(e => e.Dnr), Has.All.Not.Null.And.Some.EqualTo(FinishedDnr));
            Assert.That(events.Single(e => e.ArendeTyp == "Arkivpaket").Beskrivning, Does.Contain(_paket.Namn).And.Contain(FinishedDnr));
        });
        using var scope = _app.Services.CreateScope();
        var check = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        Assert.That(check.Intact, check.Reason);
    }

    [Test]
    public void The_package_reads_back_and_every_checksum_verifies()
    {
        var result = VerifyArkivpaket.Verify(Root);
        Assert.That(result.Fel, Is.Empty);
        Assert.That(result.FilerKontrollerade, Is.EqualTo(_paket.Filer));
    }
}
