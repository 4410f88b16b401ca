using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Sekretess;
using RemissFlow.Core.Files;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Documents.Pdf;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Sekretess;

/// <summary>
/// Walks every public URL the way an anonymous visitor (or a crawler) can: every endpoint that allows anonymous access,
/// with every sent remiss id, every link and download the pages lead to, the public search for each secret word, and the
/// documents' addresses guessed directly. Four handlingar of one given answer carry words found nowhere else: a
/// remisshandling, an answer file, the approved TU and the justerat beslut. Before they are marked the walk finds every
/// word (so it reaches them); after marking it finds none, in HTML, PDF text (pdftotext), ZIP/DOCX/XLSX entries or JSON.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[Parallelizable(ParallelScope.Self)]
public sealed partial class SekretessPublicWalkTests(DatabaseProvider provider)
{
    private const string FilOrd = "Xqhemligremisshandling";
    private const string SvarsfilOrd = "Xqhemligsvarsfil";
    private const string TuOrd = "Xqhemligttjansteutlatande";
    private const string BeslutOrd = "Xqhemligtbeslut";
    private static readonly string[] Markers = [FilOrd, SvarsfilOrd, TuOrd, BeslutOrd];

    /// <summary>Anonymous endpoints the walk does not read, and why: none of them shows a handling.</summary>
    private static readonly IReadOnlyDictionary<string, string> NotWalked = new Dictionary<string, string>
    {
        ["healthz"] = "hälsokontroll",
        ["livez"] = "hälsokontroll för lastbalanseraren, inga data",
        ["readyz"] = "hälsokontroll för lastbalanseraren, inga data",
        ["konto/oidc/logga-in"] = "inloggning genom kommunens inloggningstjänst",
        ["konto/oidc/nekad"] = "sidan för den som inloggningstjänsten inte gav någon roll, inga data",
        ["openapi/{documentName}.json"] = "API-beskrivningen, inga data",
        ["api/token"] = "inloggning",
        ["api/token/refresh"] = "inloggning",
        ["kalender/{token}.ics"] = "den hemliga token är legitimationen (ett personligt flöde, inte publikt)",
        ["kalender/{token}/organ/{organId:guid}.ics"] = "den hemliga token är legitimationen",
        ["svara/{token}"] = "den hemliga svarslänken är legitimationen (en mottagares egen sida); handlingarna den länkar är de publika adresser vandringen läser",
        ["konto/logga-in"] = "inloggning",
        ["konto/logga-ut"] = "utloggning",
        ["fel"] = "felsidan",
    };

    private RemissFlowApp _app = null!;
    private Guid _remissId;
    private Guid _svarId;
    private readonly List<(string Typ, Guid Id)> _handlingar = [];
    private string _registrator = "";

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider);
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<FileStore>();

        // A given answer with an approved TU and a justerat beslut, on a sent remiss whose sammanställning is then published.
        var candidates = await (from v in db.Remissvar
                                join t in db.Tjansteutlatanden on v.Id equals t.RemissvarId
                                where v.Status == "inlamnad" && t.GodkandVersion != null
                                select new { v, t }).ToListAsync();
        var beslutAll = await db.Beslut.Where(b => b.Paragraf != null && (b.JusteradDatum != null || b.OmedelbarJustering)).ToListAsync();
        var pick = candidates.First(c => beslutAll.Any(b => b.RemissvarId == c.v.Id));
        _svarId = pick.v.Id;
        _remissId = pick.v.RemissId;
        var remiss = await db.Remisser.SingleAsync(r => r.Id == _remissId);
        remiss.SammanstallningPublicerad = true;
        var version = await db.TjansteutlatandeVersioner.SingleAsync(x => x.TjansteutlatandeId == pick.t.Id && x.Nummer == pick.t.GodkandVersion);
        version.Sammanfattning = $"{version.Sammanfattning} {TuOrd}.";
        var beslut = beslutAll.Where(b => b.RemissvarId == _svarId).OrderBy(b => b.Datum).ThenBy(b => b.Id).Last();
        var tracked = await db.Beslut.SingleAsync(b => b.Id == beslut.Id);
        tracked.Beslutstext = $"{tracked.Beslutstext} {BeslutOrd}.";

        _registrator = await (from u in db.Users
                              join ur in db.UserRoles on u.Id equals ur.UserId
                              join r in db.Roles on ur.RoleId equals r.Id
                              where u.OrganisationId == pick.v.InstansId && r.NormalizedName == "REGISTRATOR"
                              select u.Email!).FirstAsync();
        var uploader = await db.Users.Where(u => u.Email == _registrator).Select(u => u.Id).SingleAsync();
        var ksUploader = await db.Users.Where(u => u.OrganisationId == remiss.AvsandareId).Select(u => u.Id).FirstAsync();
        var filPdf = TestFiles.Pdf($"Bilaga {FilOrd} med uppgifter om enskild");
        var svarPdf = TestFiles.Pdf($"Svar {SvarsfilOrd} med uppgifter om enskild");
        var filStored = await store.SaveAsync(filPdf, "application/pdf", CancellationToken.None);
        var svarStored = await store.SaveAsync(svarPdf, "application/pdf", CancellationToken.None);
        var fil = new Bilaga
        {
            Kind = BilagaKind.Remisshandling, RemissId = _remissId, FileName = $"{FilOrd.ToLowerInvariant()}.pdf", MediaType = "application/pdf",
            Size = filStored.Size, Sha256 = filStored.Sha256, UploadedAt = DateTimeOffset.UtcNow, UploadedBy = ksUploader,
        };
        var svarsfil = new Bilaga
        {
            Kind = BilagaKind.Svar, RemissvarId = _svarId, FileName = $"{SvarsfilOrd.ToLowerInvariant()}.pdf", MediaType = "application/pdf",
            Size = svarStored.Size, Sha256 = svarStored.Sha256, UploadedAt = DateTimeOffset.UtcNow, UploadedBy = uploader,
        };
        db.Bilagor.AddRange(fil, svarsfil);
        await db.SaveChangesAsync();
        _handlingar.AddRange([(SekretessTyp.Fil, fil.Id), (SekretessTyp.Fil, svarsfil.Id), (SekretessTyp.TuVersion, version.Id), (SekretessTyp.Beslut, beslut.Id)]);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Test, Order(1)]
    public async Task Before_marking_the_walk_reaches_every_secret_word()
    {
        var found = await WalkAsync();
        foreach (var marker in Markers)
        {
            Assert.That(found.Keys, Does.Contain(marker), $"the walk never reached {marker}: it would prove nothing after marking");
        }
    }

    [Test, Order(2)]
    public async Task After_marking_no_public_url_shows_a_marked_handling()
    {
        var osl = await _app.QueryAsync(db => db.OslBestammelser.Where(o => o.Kapitel == 21 && o.Paragraf == 7).Select(o => o.Id).SingleAsync());
        var ks = await _app.QueryAsync(db => (from u in db.Users
                                              join ur in db.UserRoles on u.Id equals ur.UserId
                                              join r in db.Roles on ur.RoleId equals r.Id
                                              join rm in db.Remisser on u.OrganisationId equals rm.AvsandareId
                                              where rm.Id == _remissId && r.NormalizedName == "REGISTRATOR"
                                              select u.Email!).FirstAsync());
        foreach (var (typ, id) in _handlingar)
        {
            var marker = typ == SekretessTyp.Fil && id == _handlingar[0].Id ? ks : _registrator;
            await _app.AsUserAsync(marker, new MarkeraSekretess.Command(typ, id, osl, "Uppgifter om en enskilds personliga förhållanden."));
        }

        // The answer file gets a masked copy (its one line of text blacked out): that copy, and only it, is public.
        var svarsfil = _handlingar[1].Id;
        await _app.AsUserAsync(_registrator, new SkapaMaskeradKopia.Command(svarsfil, [new MaskArea(1, 0, 0, 100, 20)]));
        // The approved TU gets a masked copy too: its secret word replaced and the TU rendered again.
        var tu = _handlingar[2].Id;
        await _app.AsUserAsync(_registrator, new MaskeraStycken.Command(SekretessTyp.TuVersion, tu, [TuOrd]));

        var found = await WalkAsync();
        Assert.That(found, Is.Empty, () => "sekretessmarkerade handlingar syns publikt:\n" + string.Join("\n", found.Select(f => $"{f.Key}: {f.Value}")));

        var page = await _app.NewClient().GetStringAsync($"/publikt/remisser/{_remissId}");
        Assert.That(page, Does.Contain(PublicRemissQuery.FileDocumentId(svarsfil)), "the masked copy is listed in the handling's place");
        Assert.That(page, Does.Not.Contain(PublicRemissQuery.FileDocumentId(_handlingar[0].Id)), "a marked handling without a masked copy is not listed");
        var masked = await _app.NewClient().GetByteArrayAsync(PublicRemissQuery.DocumentPath(_remissId, PublicRemissQuery.FileDocumentId(svarsfil)));
        Assert.That(PdfText.Extract(masked).Trim(), Is.Empty, "the masked copy is pages of pixels: no text survives");
        Assert.That(page, Does.Contain(PublicRemissQuery.FileDocumentId(tu)), "the masked TU is listed in the TU's place");
        var maskedTu = PdfText.Extract(await _app.NewClient().GetByteArrayAsync(PublicRemissQuery.DocumentPath(_remissId, PublicRemissQuery.FileDocumentId(tu))));
        Assert.That(maskedTu, Does.Contain("[…] (OSL 21:7)").And.Not.Contain(TuOrd));

        // In its place the public sammanställning says that a secret handling exists.
        var pdf = await _app.NewClient().GetByteArrayAsync(PublicRemissQuery.DocumentPath(_remissId, PublicRemissQuery.SammanstallningDocumentId));
        // The table cell may wrap the words onto two lines.
        Assert.That(Regex.Replace(PdfText.Extract(pdf), @"\s+", " "), Does.Contain(SvarsDokumentSamlare.SekretessText));
    }

    [Test, Order(3)]
    public async Task Unmarking_is_audited_and_makes_the_handling_public_again()
    {
        var (typ, id) = _handlingar[1];
        await _app.AsUserAsync(_registrator, new AvmarkeraSekretess.Command(typ, id, "Ny sekretessprövning: uppgifterna är offentliga."));
        var found = await WalkAsync();
        Assert.That(found.Keys, Is.EquivalentTo(new[] { SvarsfilOrd }));
        var actions = await _app.QueryAsync(db => db.Handelser.Where(h => h.ArendeId == _svarId && h.Action.StartsWith("sekretess.")).Select(h => h.Action).ToListAsync());
        Assert.That(actions, Does.Contain("sekretess.markerad").And.Contain("sekretess.avmarkerad"));
        var still = await _app.QueryAsync(db => db.Handelser.Where(h => h.Action.StartsWith("sekretess.")).Select(h => h.Beskrivning + h.After).ToListAsync());
        Assert.That(still.Any(s => s.Contains(TuOrd, StringComparison.OrdinalIgnoreCase)), Is.False, "the audit log names the handling, never its content");
    }

    [Test]
    public async Task A_handlaggare_of_another_organisation_cannot_mark()
    {
        var osl = await _app.QueryAsync(db => db.OslBestammelser.Select(o => o.Id).FirstAsync());
        var other = await _app.QueryAsync(db => (from u in db.Users
                                                 join ur in db.UserRoles on u.Id equals ur.UserId
                                                 join r in db.Roles on ur.RoleId equals r.Id
                                                 join v in db.Remissvar on _svarId equals v.Id
                                                 where u.OrganisationId != v.InstansId && r.NormalizedName == "REGISTRATOR"
                                                 select u.Email!).FirstAsync());
        var result = await _app.SendAsAsync(other, new MarkeraSekretess.Command(SekretessTyp.TuVersion, _handlingar[2].Id, osl, "Skäl."));
        Assert.That(result.Succeeded, Is.False);
        var empty = await _app.SendAsAsync(_registrator, new MarkeraSekretess.Command(SekretessTyp.TuVersion, _handlingar[2].Id, osl, " "));
        Assert.That(empty.Refusal?.Errors.Select(e => e.Message), Has.Some.Contains("Skäl"));
    }

    /// <summary>Every marker found, with the first URL it was found at.</summary>
    private async Task<Dictionary<string, string>> WalkAsync()
    {
        var client = _app.NewClient();
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => (e.RoutePattern.RawText ?? "").Trim('/'))
            .Distinct().ToList();
        var remisser = await _app.QueryAsync(db => db.Remisser.Where(r => r.UtskickDatum != null).Select(r => r.Id).ToListAsync());
        var svar = await _app.QueryAsync(db => db.Remissvar.Where(v => remisser.Contains(v.RemissId)).Select(v => v.Id).ToListAsync());

        var queue = new Queue<string>(["/publikt/remisser", "/publikt/sammantraden", "/publikt/anslagstavla", "/sok"]);
        foreach (var marker in Markers)
        {
            queue.Enqueue($"/sok?q={marker}");
            queue.Enqueue($"/publikt/remisser?q={marker}");
        }

        foreach (var id in remisser)
        {
            queue.Enqueue($"/publikt/remisser/{id}");
        }

        // Addresses a visitor could guess: every document id of the chosen remiss, listed or not.
        foreach (var doc in _handlingar.Where(h => h.Typ == SekretessTyp.Fil).Select(h => PublicRemissQuery.FileDocumentId(h.Id))
                     .Concat(svar.SelectMany(s => new[] { $"tu-{s:N}", $"utdrag-{s:N}" })).Append(PublicRemissQuery.SammanstallningDocumentId))
        {
            queue.Enqueue(PublicRemissQuery.DocumentPath(_remissId, doc));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var found = new Dictionary<string, string>();
        while (queue.Count > 0 && seen.Count < 2000)
        {
            var url = WebUtility.HtmlDecode(queue.Dequeue());
            if (!seen.Add(url))
            {
                continue;
            }

            using var response = await client.GetAsync(url);
            Assert.That((int)response.StatusCode, Is.LessThan(500), url);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            visited.Add(new Uri(new Uri("http://x"), url).AbsolutePath.TrimStart('/'));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var text = Text(bytes, response.Content.Headers.ContentType?.MediaType);
            // The search page echoes the words asked for; a word counts only where the address did not bring it.
            foreach (var marker in Markers.Where(m => text.Contains(m, StringComparison.OrdinalIgnoreCase) && !url.Contains(m, StringComparison.OrdinalIgnoreCase)))
            {
                found.TryAdd(marker, url);
            }

            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                foreach (Match m in Link().Matches(text))
                {
                    var href = m.Groups["href"].Value;
                    // Only what an anonymous visitor can open: the public area and the search, not sign-in or the signed-in pages it redirects to.
                    if (href.StartsWith("/publikt", StringComparison.Ordinal) || href.StartsWith("/sok", StringComparison.Ordinal) || href.StartsWith("/sammantraden/publika", StringComparison.Ordinal))
                    {
                        queue.Enqueue(href);
                    }
                }
            }
        }

        // Like the authorization matrix: a new anonymous endpoint must be walked, or listed here with its reason.
        var unwalked = endpoints.Where(p => !NotWalked.ContainsKey(p))
            .Where(p => !visited.Any(v => Regex.IsMatch(v, "^" + Regex.Replace(Regex.Escape(p), @"\\\{[^}]*}", "[^/]+") + "$")))
            .ToList();
        Assert.That(unwalked, Is.Empty, "public endpoints the walk never opened (walk them, or list them in NotWalked with the reason)");

        return found;
    }

    private static string Text(byte[] bytes, string? mediaType)
    {
        if (bytes.Length > 4 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F')
        {
            return PdfText.Extract(bytes) + Encoding.Latin1.GetString(bytes);
        }

        if (bytes.Length > 2 && bytes[0] == 'P' && bytes[1] == 'K')
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var sb = new StringBuilder();
            foreach (var entry in zip.Entries)
            {
                using var s = entry.Open();
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                sb.Append(entry.FullName).Append('\n').Append(Text(ms.ToArray(), null)).Append('\n');
            }

            return sb.ToString();
        }

        return mediaType is null or "text/html" or "application/json" or "text/csv" or "text/plain" or "text/calendar" || mediaType.EndsWith("xml", StringComparison.Ordinal)
            ? WebUtility.HtmlDecode(Encoding.UTF8.GetString(bytes))
            : Encoding.UTF8.GetString(bytes);
    }

    [GeneratedRegex("(?:href|src|action)=\"(?<href>/[^\"#]*)\"")]
    private static partial Regex Link();
}
