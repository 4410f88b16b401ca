using System.Text;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Persistence;
using RemissFlow.Documents.Tests;
using RemissFlow.Web.Tests.Support;
using static RemissFlow.Web.Tests.Support.MatrixRequest;

namespace RemissFlow.Web.Tests.Api;

/// <summary>
/// Every endpoint × every principal × organisation. Each endpoint the app has must have a row here (or be listed as public
/// with its reason), so a new endpoint without an authorization rule fails <see cref="Every_endpoint_has_a_row"/>. Each row
/// sends a real, valid request at a target where the action is possible — Servicenämnden's ärende in the right state for
/// SF's commands, a KS remiss in the right state for KS's — as anonymous and as every demo account: exactly the allowed
/// principals must succeed; every other one must be refused (401/403, 404 where the app hides existence, the sign-in or
/// /konto/nekad redirect for pages) with nothing changed. Refusals run first on one target; each allowed success gets a
/// fresh target when the action uses it up.
/// <para>A new endpoint: add a <see cref="Row"/> below with who may, the target that makes it possible and the request.</para>
/// </summary>
/// <para>The endpoints are dealt round-robin to <see cref="AuthorizationMatrixFixture.Parts"/> fixtures per provider (this one and
/// <see cref="AuthorizationMatrixPart2Tests"/>, <see cref="AuthorizationMatrixPart3Tests"/>), each with its own app and data, so
/// they run side by side; within one fixture the rows run one at a time, as they share its data.</para>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[Parallelizable(ParallelScope.Self)]
public sealed class AuthorizationMatrixTests(DatabaseProvider provider) : AuthorizationMatrixFixture(provider)
{
    /// <summary>Endpoints anyone may use, and why; everything else needs a row.</summary>
    private static readonly IReadOnlyDictionary<string, string> Public = new Dictionary<string, string>
    {
        ["* /healthz"] = "hälsokontroll för lastbalanseraren",
        ["* /livez"] = "lastbalanserarens kontroll att processen svarar",
        ["* /readyz"] = "lastbalanserarens kontroll att noden tar emot anrop",
        ["GET /openapi/{documentName}.json"] = "API-beskrivningen",
        ["POST /api/token"] = "inloggning för API-klienter",
        ["POST /api/token/refresh"] = "inloggning för API-klienter (refresh-token är legitimationen)",
        ["GET /kalender/{token}.ics"] = "kalenderflöde: den hemliga token i adressen är legitimationen",
        ["GET /kalender/{token}/organ/{organId:guid}.ics"] = "kalenderflöde: den hemliga token i adressen är legitimationen",
        ["GET /konto/logga-in"] = "inloggning",
        ["POST /konto/logga-in"] = "inloggning",
        ["GET /konto/logga-ut"] = "utloggning",
        ["GET /konto/oidc/logga-in"] = "inloggning genom kommunens inloggningstjänst (404 när den inte är påslagen; OidcSignInTests)",
        ["GET /konto/oidc/nekad"] = "sidan som förklarar varför en inloggning genom inloggningstjänsten inte gav någon session",
        ["POST /konto/logga-ut"] = "utloggning",
        ["GET /fel"] = "felsidan, som statuskodssidorna visar för alla",
        ["POST /fel"] = "felsidan, som visas på nytt för en POST som gick fel",
        ["GET /publikt/remisser"] = "den offentliga listan över utskickade remisser",
        ["GET /publikt/sammantraden"] = "föredragningslistorna för sammanträden vars kallelse är utskickad",
        ["GET /publikt/remisser/{id:guid}"] = "en utskickad remiss offentliga sida med sammanställningen",
        ["GET /publikt/remisser/{id:guid}?handler=Dokument"] = "de offentliga handlingarna i en utskickad remiss",
        ["GET /publikt/anslagstavla"] = "den offentliga anslagstavlan med de justerade protokollens tillkännagivanden",
        ["GET /publikt/anslagstavla?handler=Protokoll"] = "ett anslaget protokoll utan de paragrafer som är markerade som inte offentliga (ProtokollTests)",
        ["GET /svara/{token}"] = "en extern organisations svarssida: den hemliga token i adressen är legitimationen (SvarslankPageTests)",
        ["POST /svara/{token}"] = "en extern organisations svar: den hemliga token i adressen är legitimationen, med antiforgery och hastighetsgräns (SvarslankPageTests)",
        ["GET /sok"] = "sökningen: utan inloggning bara utskickade remisser, annars det som sidorna träffarna leder till visar användaren (SearchTests)",
    };

    private static readonly byte[] Pdf = ArendeData.Pdf;

    /// <summary>Days from today past the last meeting the demo seeds (a year ahead), for meetings the rows create.</summary>
    private const int BeyondDemoMeetings = 400;

    private static MatrixFile PdfFile(string field) => new(field, "Handling.pdf", "application/pdf", Pdf);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static MatrixCase Row(string endpoint, Func<MatrixPrincipal, bool> allowed, Func<MatrixWorld, Task<MatrixTarget>> target,
        Func<MatrixWorld, MatrixTarget, MatrixRequest> request, bool consumes = false, string variant = "") =>
        new(endpoint, variant, allowed, target, (w, t, _) => Task.FromResult(request(w, t)), consumes);

    private static MatrixCase Row(string endpoint, Func<MatrixPrincipal, bool> allowed, Func<MatrixWorld, Task<MatrixTarget>> target,
        Func<MatrixWorld, MatrixTarget, MatrixPrincipal, Task<MatrixRequest>> request, bool consumes = false, string variant = "") =>
        new(endpoint, variant, allowed, target, request, consumes);

    private static Task<MatrixTarget> NoTarget(MatrixWorld _) => Task.FromResult(MatrixTarget.None);

    private static readonly Func<MatrixPrincipal, bool> Sf = Who.In("SF");

    /// <summary>KS's registry queue: its registrators and its administratör.</summary>
    private static readonly Func<MatrixPrincipal, bool> KsInkommande = Who.In("KS", Role.Registrator, Role.Administrator);

    /// <summary>A sent remiss and its remisshandlingar are public (the public site shows them), so the nämnd's ledamot reads them as well as the staff.</summary>
    private static readonly Func<MatrixPrincipal, bool> SfWithLedamot = Sf.Or(Who.In("SF", Role.Ledamot));

    private static Func<MatrixPrincipal, bool> SfRole(params Role[] roles) => Who.In("SF", roles);

    /// <summary>The demo's two Servicenämnden members with accounts: the ordförande and the ledamot the matrix makes justerare.</summary>
    private static readonly Func<MatrixPrincipal, bool> Members = Who.Only("ledamot.sf").Or(Who.Only("ordforande.sf"));

    private static async Task<MatrixRequest> SaveTu(MatrixWorld w, MatrixTarget t, MatrixPrincipal p) => ApiPost($"/api/arenden/{t.SvarId}/tu", new
    {
        basedOnVersion = await w.LatestTuVersionAsync(t.SvarId), rubrik = "Remiss av matrisprogrammet", forslagTillBeslut = "Nämnden godkänner.",
        sammanfattning = "Sammanfattning.", bakgrund = "Bakgrund.", arendet = "Ärendet.", synpunkter = "Inga synpunkter.",
    });

    private static Task<Guid> OslAsync(MatrixWorld w) =>
        w.App.QueryAsync(db => db.OslBestammelser.Where(o => o.Kapitel == 21 && o.Paragraf == 7).Select(o => o.Id).SingleAsync());

    /// <summary>Servicenämndens beslutade ärende and its beslut (a protokoll paragraph), sekretessmarkerad by its registrator when <paramref name="marked"/>.</summary>
    private static async Task<MatrixTarget> SfBeslutAsync(MatrixWorld w, bool marked)
    {
        var t = await w.SfAsync("beslutad");
        var beslut = await w.App.QueryAsync(db => db.Beslut.Where(b => b.RemissvarId == t.SvarId).Select(b => b.Id).SingleAsync());
        if (marked)
        {
            await w.App.AsUserAsync(Sessions.SfRegistrator, new Core.Features.Sekretess.MarkeraSekretess.Command(SekretessTyp.Beslut, beslut, await OslAsync(w), "Matrisens skäl."));
        }

        return t with { BeslutId = beslut };
    }

    /// <summary>An outside organisation's answer file (a real one-page PDF) that KS registered and holds, sekretessmarkerad by KS's registrator.</summary>
    private static async Task<MatrixTarget> ExternMarkedFileAsync(MatrixWorld w)
    {
        var t = await w.ExternOpenAsync();
        await w.App.AsUserAsync(Sessions.KsRegistrator, new Core.Features.Remissvar.RegisterExternalAnswer.Command(t.SvarId, false, "Yttrande.pdf",
            TestFiles.Pdf("Yttrande med uppgifter om en enskild"), Standpunkt.Tillstyrker, null));
        var bilaga = await w.App.QueryAsync(db => db.Bilagor.Where(b => b.RemissvarId == t.SvarId).Select(b => b.Id).SingleAsync());
        await w.App.AsUserAsync(Sessions.KsRegistrator, new Core.Features.Sekretess.MarkeraSekretess.Command(SekretessTyp.Fil, bilaga, await OslAsync(w), "Matrisens skäl."));
        return t with { BilagaId = bilaga };
    }

    private const string Arkivarie = "arkivarie@remissflow.test";

    /// <summary>
    /// KS with something due for gallring and no proposal waiting: a fresh outside answer file, dated eleven years back,
    /// under a plan row that gallrar answer files after ten years (the demo's own files are younger).
    /// </summary>
    private static async Task<MatrixTarget> GallringDueAsync(MatrixWorld w)
    {
        var open = await w.App.QueryAsync(db => db.Gallringsbeslut.Where(g => g.Status == "foreslaget").Select(g => g.Id).ToListAsync());
        foreach (var id in open)
        {
            await w.App.AsUserAsync(Arkivarie, new Core.Features.Gallring.AvbrytGallring.Command(id, "Matrisen börjar om."));
        }

        var t = await w.ExternAnsweredAsync(withFile: true);
        await w.App.QueryAsync(async db =>
        {
            var b = await db.Bilagor.SingleAsync(x => x.Id == t.BilagaId);
            b.UploadedAt = b.UploadedAt.AddYears(-11);
            return await db.SaveChangesAsync();
        });
        var rad = await w.App.QueryAsync(db => db.Gallringsplan.Where(r => r.Giltig && r.Handlingstyp == "remissvar_fil" && r.OrganisationId == w.Org("KS"))
            .Select(r => new { r.Atgard, r.Ar, r.Utgangspunkt }).FirstOrDefaultAsync());
        if (rad is not { Atgard: "gallras", Ar: 10, Utgangspunkt: "upprattad" })
        {
            await w.App.AsUserAsync(Sessions.AdminEmail, new Core.Features.Gallring.AndraGallringsplan.Command("remissvar_fil", "gallras", 10, "upprattad", "Matrisens regel."));
        }

        return t;
    }

    /// <summary>SF's missiv template with a version 1 to restore.</summary>
    private static async Task<MatrixTarget> MallVersionAsync(MatrixWorld w)
    {
        var sf = w.Org("SF");
        if (!await w.App.QueryAsync(db => db.Dokumentmallar.AnyAsync(m => m.OrganisationId == sf && m.Dokumenttyp == "missiv" && m.Version == 1)))
        {
            await w.App.AsUserAsync(Sessions.AdminEmail, new Core.Features.Mallar.SparaDokumentmall.Command(sf, "missiv", "{\"headings\": {\"kontakt\": \"Frågor om remissen\"}}"));
        }

        return MatrixTarget.None;
    }

    /// <summary>A proposal of KS that waits for the arkivarie's decision and would gallra at least one handling.</summary>
    private static async Task<MatrixTarget> GallringForslagAsync(MatrixWorld w)
    {
        var t = await GallringDueAsync(w);
        return t with { GallringId = await w.App.AsUserAsync(Arkivarie, new Core.Features.Gallring.ForeslaGallring.Command()) };
    }

    /// <summary>A provision in chapters 1–9, which the seeded list does not use, so each success adds a new one.</summary>
    private static MatrixRequest OslPost(int n) => PagePost("/admin/sekretess",
        ("Input.Kapitel", (1 + (n / 100 % 9)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Input.Paragraf", (1 + (n % 100)).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Beskrivning", "Matrisens bestämmelse"));

    /// <summary>The matrix. Servicenämnden (SF) is the instans of the ärende rows unless the variant names another, so SOF, HL and the bolag are the outsiders.</summary>
    public static readonly IReadOnlyList<MatrixCase> Cases =
    [
        // ---- API: the signed-in user and the registers everyone reads.
        Row("GET /api/me", Who.SignedIn, NoTarget, (_, _) => ApiGet("/api/me")),
        Row("GET /api/sok", Who.SignedIn, NoTarget, (_, _) => ApiGet("/api/sok?q=matrisremiss")),
        Row("GET /api/organisationer", Who.SignedIn, NoTarget, (_, _) => ApiGet("/api/organisationer")),
        Row("GET /api/organisationer/{id:guid}", Who.SignedIn, w => w.SfOrganisationAsync(), (_, t) => ApiGet($"/api/organisationer/{t.OrgId}")),
        Row("POST /api/organisationer", Who.Admin, NoTarget, (w, _) => ApiPost("/api/organisationer", new { name = $"Matrisbolaget {w.Next()}", kind = "Bolag", dnrPrefix = w.UniquePrefix() })),
        Row("PUT /api/organisationer/{id:guid}", Who.Admin, w => w.MatrixOrganisationAsync(), async (w, t, _) =>
            ApiPut($"/api/organisationer/{t.OrgId}", new { expectedVersion = await w.OrganisationVersionAsync(t.OrgId), name = "Matrisföreningen", active = true })),

        // ---- API: remisser, the sender's side (KS) and what an instans may read of a remiss sent to it.
        Row("GET /api/remisser", Who.SignedIn, NoTarget, (_, _) => ApiGet("/api/remisser")),
        Row("GET /api/remisser/{id:guid}", Who.KsSender.Or(SfWithLedamot), w => w.SentAsync(), (_, t) => ApiGet($"/api/remisser/{t.RemissId}")),
        Row("POST /api/remisser", Who.KsSender, NoTarget, (w, _) => ApiPost("/api/remisser", new { title = $"Matrisremiss {w.Next()}", svarsdatum = Iso(w.Today.AddDays(60)) })),
        Row("PUT /api/remisser/{id:guid}", Who.KsSender, w => w.UtkastAsync(), async (w, t, _) =>
            ApiPut($"/api/remisser/{t.RemissId}", new { expectedVersion = await w.RemissVersionAsync(t.RemissId), title = "Ändrad matrisremiss", svarsdatum = Iso(w.Today.AddDays(61)) })),
        Row("GET /api/remisser/{id:guid}/triggers", Who.KsSender, w => w.SentAsync(), (_, t) => ApiGet($"/api/remisser/{t.RemissId}/triggers")),
        Row("POST /api/remisser/{id:guid}/skicka-ut", Who.KsRegistrator, w => w.UtkastAsync(ready: true), (_, t) => ApiPost($"/api/remisser/{t.RemissId}/skicka-ut"), consumes: true),
        Row("POST /api/remisser/{id:guid}/triggers/{trigger}", Who.KsSamordnare, w => w.ExternAnsweredAsync(withFile: false),
            (_, t) => ApiPost($"/api/remisser/{t.RemissId}/triggers/sammanstall"), consumes: true, variant: "sammanstall"),
        Row("POST /api/remisser/{id:guid}/triggers/{trigger}", Who.KsRegistrator, w => w.SentAsync(),
            (_, t) => ApiPost($"/api/remisser/{t.RemissId}/triggers/aterkalla", new { motivering = "Förslaget dras tillbaka." }), consumes: true, variant: "aterkalla"),
        Row("POST /api/remisser/{id:guid}/triggers/{trigger}", Who.KsRegistrator, w => w.SentAsync(),
            (w, t) => ApiPost($"/api/remisser/{t.RemissId}/triggers/lagg_till_instans", new { organisationId = w.Org("HL") }), consumes: true, variant: "lagg_till_instans"),
        Row("PUT /api/remisser/{id:guid}/remisslista", Who.KsSender, w => w.UtkastAsync(), (w, t) => ApiPut($"/api/remisser/{t.RemissId}/remisslista", new { organisationIds = new[] { w.Org("SF") } })),
        Row("POST /api/remisser/{id:guid}/handlingar", Who.KsSender, w => w.UtkastAsync(), (_, t) => ApiUpload($"/api/remisser/{t.RemissId}/handlingar", PdfFile("fil"))),
        Row("GET /api/remisser/{id:guid}/handlingar/{bilagaId:guid}", Who.KsSender.Or(SfWithLedamot), w => w.SentAsync(), (_, t) => ApiGet($"/api/remisser/{t.RemissId}/handlingar/{t.BilagaId}")),
        Row("GET /api/remisser/{id:guid}/matris", Who.KsSender, w => w.SentAsync(), (_, t) => ApiGet($"/api/remisser/{t.RemissId}/matris")),
        Row("GET /api/remisser/{id:guid}/sammanstallning", Who.KsSender, w => w.SentAsync(), (_, t) => ApiGet($"/api/remisser/{t.RemissId}/sammanstallning?format=csv")),
        Row("POST /api/remisser/{id:guid}/sammanstallning/publicera", Who.KsSamordnare, w => w.SentAsync(), (_, t) => ApiPost($"/api/remisser/{t.RemissId}/sammanstallning/publicera"), consumes: true),
        Row("PUT /api/remisser/{id:guid}/svar/{svarId:guid}/nyckelpunkter", Who.KsSamordnare, w => w.ExternAnsweredAsync(withFile: false),
            (w, t) => ApiPut($"/api/remisser/{t.RemissId}/svar/{t.SvarId}/nyckelpunkter", new { nyckelpunkter = $"Nyckelpunkt {w.Next()}." })),
        Row("POST /api/remisser/{id:guid}/paminnelser", Who.KsSamordnare, w => w.SentAsync(), (_, t) => ApiPost($"/api/remisser/{t.RemissId}/paminnelser", new { remissvarIds = new[] { t.SvarId } }), consumes: true),
        Row("POST /api/remisser/{id:guid}/svar/{svarId:guid}/anstand", Who.KsSender, w => w.SfAnstandBegartAsync(),
            (w, t) => ApiPost($"/api/remisser/{t.RemissId}/svar/{t.SvarId}/anstand", new { bevilja = true, nyttSvarsdatum = Iso(w.Today.AddDays(90)) }), consumes: true),
        Row("POST /api/remisser/{id:guid}/svar/{svarId:guid}/externt-svar", Who.KsSender, w => w.ExternOpenAsync(),
            (_, t) => ApiUpload($"/api/remisser/{t.RemissId}/svar/{t.SvarId}/externt-svar", null, ("avstar", "true")), consumes: true),

        // ---- API: overviews.
        Row("GET /api/bevakning", Who.HasRole(Role.Namndsekreterare), NoTarget, (_, _) => ApiGet("/api/bevakning")),
        Row("GET /api/oversikt/remisser/{id:guid}/matris", Who.KsSender, w => w.SentAsync(), (_, t) => ApiGet($"/api/oversikt/remisser/{t.RemissId}/matris")),

        // ---- API: the instans's ärende. Drafts are internal: KS reads the answer only once it is inlämnad.
        Row("GET /api/arenden/{id:guid}", Sf, w => w.SfAsync("under_beredning"), (_, t) => ApiGet($"/api/arenden/{t.SvarId}"), variant: "utkast"),
        Row("GET /api/arenden/{id:guid}", Sf, w => w.SfAsync("godkand"), (_, t) => ApiGet($"/api/arenden/{t.SvarId}"), variant: "godkänt, ej inlämnat"),
        Row("GET /api/arenden/{id:guid}", Sf.Or(Who.KsSender), w => w.SfAsync("inlamnad"), (_, t) => ApiGet($"/api/arenden/{t.SvarId}"), variant: "inlämnat"),
        Row("GET /api/arenden/{id:guid}", Who.In("SOF"), w => w.ArendeAsync("SOF", "under_beredning"), (_, t) => ApiGet($"/api/arenden/{t.SvarId}"), variant: "Socialnämndens utkast"),
        Row("GET /api/arenden/{id:guid}/plan", Sf, w => w.SfAsync("tilldelad"), (_, t) => ApiGet($"/api/arenden/{t.SvarId}/plan")),
        Row("POST /api/arenden/{id:guid}/registrera", SfRole(Role.Registrator), w => w.SfAsync("inkommen"), (_, t) => ApiPost($"/api/arenden/{t.SvarId}/registrera"), consumes: true),
        Row("POST /api/arenden/{id:guid}/tilldela", SfRole(Role.Registrator, Role.Forvaltningschef), w => w.SfAsync("registrerad"),
            (w, t) => ApiPost($"/api/arenden/{t.SvarId}/tilldela", new { handlaggareId = w.User(MatrixWorld.SfHandlaggare) }), consumes: true),
        Row("POST /api/arenden/{id:guid}/handelser/{trigger}", SfRole(Role.Handlaggare), w => w.SfAsync("tilldelad"),
            (_, t) => ApiPost($"/api/arenden/{t.SvarId}/handelser/paborja_beredning"), consumes: true, variant: "paborja_beredning"),
        Row("POST /api/arenden/{id:guid}/handelser/{trigger}", SfRole(Role.Forvaltningschef), w => w.SfAsync("hos_forvaltningschef"),
            (_, t) => ApiPost($"/api/arenden/{t.SvarId}/handelser/godkann"), consumes: true, variant: "godkann"),
        Row("POST /api/arenden/{id:guid}/handelser/{trigger}", SfRole(Role.Forvaltningschef, Role.Namndsekreterare), w => w.SfAsync("registrerad"),
            (_, t) => ApiPost($"/api/arenden/{t.SvarId}/handelser/avsta"), consumes: true, variant: "avsta"),
        Row("POST /api/arenden/{id:guid}/handelser/{trigger}", SfRole(Role.Namndsekreterare, Role.Registrator), w => w.SfAsync("justerad"),
            (_, t) => ApiPost($"/api/arenden/{t.SvarId}/handelser/lamna_in"), consumes: true, variant: "lamna_in"),
        Row("POST /api/arenden/{id:guid}/tu", SfRole(Role.Handlaggare), w => w.SfAsync("under_beredning"), SaveTu),
        // The same from the other side: Socialnämnden's draft, where Servicenämnden's handläggare is the outsider.
        Row("POST /api/arenden/{id:guid}/tu", Who.In("SOF", Role.Handlaggare), w => w.ArendeAsync("SOF", "under_beredning"), SaveTu, variant: "Socialnämndens ärende"),
        // The import stores nothing; only the ärende's handläggare may read a file into a proposal for its TU.
        Row("POST /api/arenden/{id:guid}/tu/import", SfRole(Role.Handlaggare), w => w.SfAsync("under_beredning"),
            (_, t) => ApiUpload($"/api/arenden/{t.SvarId}/tu/import", new MatrixFile("fil", "tu.docx", TuWordFile.MediaType, TuWordFile.Minimal()))),
        Row("POST /api/arenden/{id:guid}/beredning", SfRole(Role.Handlaggare), w => w.SfAsync("under_beredning"),
            (w, t) => ApiPost($"/api/arenden/{t.SvarId}/beredning", new { organ = "Forvaltningsgrupp", datum = Iso(w.Today) })),
        Row("POST /api/arenden/{id:guid}/sammantrade", SfRole(Role.Namndsekreterare), w => w.SfAsync("godkand"), async (w, t, _) =>
            ApiPost($"/api/arenden/{t.SvarId}/sammantrade", new { sammantradeId = await w.SfMeetingTodayAsync() }), consumes: true),
        Row("POST /api/arenden/{id:guid}/beslut", SfRole(Role.Namndsekreterare), w => w.SfAsync("anmald"),
            (w, t) => ApiPost($"/api/arenden/{t.SvarId}/beslut", new { paragraf = w.Paragraf(), beslutstext = "Nämnden godkänner tjänsteutlåtandet.", standpunkt = "Tillstyrker" }), consumes: true),
        Row("POST /api/arenden/{id:guid}/justering", SfRole(Role.Namndsekreterare), w => w.SfAsync("beslutad"),
            (w, t) => ApiPost($"/api/arenden/{t.SvarId}/justering", new { justeringsdatum = Iso(w.Today), justerare = "Anna Ek, Bo Lind" }), consumes: true),
        Row("POST /api/arenden/{id:guid}/anstand", SfRole(Role.Handlaggare, Role.Namndsekreterare, Role.Registrator), w => w.SfAsync("tilldelad"),
            (w, t) => ApiPost($"/api/arenden/{t.SvarId}/anstand", new { onskatSvarsdatum = Iso(w.Today.AddDays(120)), motivering = "Nämnden sammanträder inte i tid." }), consumes: true),
        // The urgent path is Socialnämnden's (see MatrixWorld.SofUrgentAsync), so there Servicenämnden is the other organisation.
        Row("POST /api/arenden/{id:guid}/ordforandebeslut", Who.In("SOF", Role.Namndsekreterare), w => w.SofUrgentAsync("godkand"),
            (w, t) => ApiPost($"/api/arenden/{t.SvarId}/ordforandebeslut", new { beslutsdatum = Iso(w.Today), ordforande = "Eva Ordf", standpunkt = "Tillstyrker" }), consumes: true),
        Row("POST /api/arenden/{id:guid}/ordforandebeslut/anmalan", Who.In("SOF", Role.Namndsekreterare), w => w.SofUrgentAsync("inlamnad_ej_anmald"), async (w, t, _) =>
            ApiPost($"/api/arenden/{t.SvarId}/ordforandebeslut/anmalan", new { sammantradeId = await w.NextMeetingAsync("SOF"), paragraf = w.Paragraf() }), consumes: true),

        // ---- Pages: start, account, notices, calendar.
        Row("GET /", Who.SignedIn, NoTarget, (_, _) => PageGet("/")),
        // The shared queues (issue #20): whoever holds the queue's role in the ärende's organisation takes it; only the taker gives it back.
        Row("POST /?handler=Ta", SfRole(Role.Registrator), w => w.SfAsync("inkommen"),
            async (w, t, _) => PagePost("/?handler=Ta", ("id", t.SvarId.ToString()), ("version", (await w.SvarVersionAsync(t.SvarId)).ToString())), consumes: true),
        Row("POST /?handler=LamnaTillbaka", Who.Only("registrator.sf"), w => w.SfTagenAsync(),
            (_, t) => PagePost("/?handler=LamnaTillbaka", ("id", t.SvarId.ToString())), consumes: true),
        Row("GET /konto/nekad", Who.SignedIn, NoTarget, (_, _) => PageGet("/konto/nekad")),
        Row("GET /kalender", Who.SignedIn, NoTarget, (_, _) => PageGet("/kalender")),
        Row("POST /kalender?handler=Forny", Who.SignedIn, NoTarget, (_, _) => PagePost("/kalender?handler=Forny")),
        Row("GET /notiser", Who.SignedIn, NoTarget, (_, _) => PageGet("/notiser")),
        Row("POST /notiser?handler=Last", Who.Only("handlaggare.sf"), w => w.SfHandlaggareNotisAsync(), (_, t) => PagePost("/notiser?handler=Last", ("notisId", t.NotisId.ToString()))),
        Row("POST /notiser?handler=AllaLasta", Who.SignedIn, NoTarget, (_, _) => PagePost("/notiser?handler=AllaLasta")),

        // ---- Pages: the chain (a remiss from outside, its ärende, the internal remiss).
        Row("GET /arenden/inkommen", Who.KsRegistrator.Or(p => Who.InstansRegistrator(p) && p.Org != "SVOA"), NoTarget, (_, _) => PageGet("/arenden/inkommen")),
        Row("POST /arenden/inkommen", Who.KsRegistrator.Or(p => Who.InstansRegistrator(p) && p.Org != "SVOA"), w => w.DepartementTargetAsync(), (w, t) =>
        {
            var n = w.Next();
            return PageUpload("/arenden/inkommen", new MatrixFile("missiv", "remissbrev.pdf", "application/pdf", Pdf), ("Input.AvsandareId", t.OrgId.ToString()),
                ("Input.Title", $"Matrisbetänkandet {n}"), ("Input.AvsandareDnr", $"Matris2026/9{n:0000}"), ("Input.MottagenDatum", Iso(w.Today)), ("Input.Svarsdatum", Iso(w.Today.AddDays(90))));
        }),
        Row("GET /arenden/{id:guid}/kedja", Who.In("KS"), w => w.KsExternArendeAsync(), (_, t) => PageGet($"/arenden/{t.SvarId}/kedja")),
        Row("POST /arenden/{id:guid}/kedja?handler=Vidare", Who.KsSender, w => w.KsExternArendeAsync(),
            (w, t) => PagePost($"/arenden/{t.SvarId}/kedja?handler=Vidare", ("Vidare.Instanser", w.Org("SF").ToString()), ("Vidare.Svarsdatum", Iso(w.Today.AddDays(30)))), consumes: true),
        Row("POST /arenden/{id:guid}/kedja?handler=Aterkalla", Who.KsRegistrator, w => w.KsExternArendeAsync(),
            (_, t) => PagePost($"/arenden/{t.SvarId}/kedja?handler=Aterkalla", ("Aterkallelse.Motivering", "Avsändaren drog tillbaka remissen.")), consumes: true),
        Row("POST /arenden/{id:guid}/kedja?handler=Expediera", Who.KsRegistrator, w => w.KsBeslutatExternArendeAsync(),
            (_, t) => PagePost($"/arenden/{t.SvarId}/kedja?handler=Expediera"), consumes: true),
        // Only the ärende's own handläggare in Kommunstyrelsen may, and no matrix principal is one: every principal is refused
        // (KS's registrator and samordnare by role, everyone else never sees the ärende). KedjaPageTests shows the success.
        Row("POST /arenden/{id:guid}/kedja?handler=Hamta", Who.Nobody, w => w.KsExternArendeAsync(),
            (_, t) => PagePost($"/arenden/{t.SvarId}/kedja?handler=Hamta")),
        // ---- Pages: ersättare (issue #20). Naming one's own: whoever hands over a role and has someone in the organisation to name
        // (KS's registrator names Stadsledningskontoret's handläggare; KS's samordnare, the administratör and the arkivarie hand over no role).
        Row("GET /konto/ersattare", Who.SignedIn, NoTarget, (_, _) => PageGet("/konto/ersattare")),
        Row("POST /konto/ersattare?handler=Namn", p => p.Org is not null && RemissFlow.Core.Access.ErsattareAccess.Overlatbara.Any(p.Has), NoTarget,
            async (w, _, p) =>
            {
                var from = w.Today.AddDays(200 + (3 * w.Next()));
                var candidate = p.SignedIn ? await w.ErsattareCandidateAsync(p) : w.User(MatrixWorld.SfHandlaggare);
                return PagePost("/konto/ersattare?handler=Namn", ("Input.ErsattareId", candidate.ToString()), ("Input.FranOchMed", Iso(from)), ("Input.TillOchMed", Iso(from.AddDays(1))));
            }, consumes: true),
        Row("POST /konto/ersattare?handler=Avsluta", Who.Only("chef.sf").Or(Who.Admin), w => w.SfErsattarePeriodAsync(),
            (_, t) => PagePost("/konto/ersattare?handler=Avsluta", ("period", t.PeriodId.ToString())), consumes: true),
        Row("GET /admin/ersattare", Who.Admin, NoTarget, (_, _) => PageGet("/admin/ersattare")),
        Row("GET /admin/inloggning", Who.Admin, NoTarget, (_, _) => PageGet("/admin/inloggning")),
        Row("POST /admin/inloggning?handler=Ny", Who.Admin, NoTarget, (w, _) =>
            PagePost("/admin/inloggning?handler=Ny", ("Input.Grupp", $"Matrisgrupp {w.Next()}"), ("Input.OrganisationId", w.Org("SF").ToString()), ("Input.Roll", "Handlaggare"))),
        Row("POST /admin/inloggning?handler=TaBort", Who.Admin,
            async w => new MatrixTarget { MappningId = await w.App.AsUserAsync("admin@remissflow.test", new RemissFlow.Core.Features.Oidc.AddOidcRollmappning.Command($"Matrisgrupp {w.Next()}", w.Org("SF"), Role.Registrator)) },
            (_, t) => PagePost($"/admin/inloggning?handler=TaBort&mappning={t.MappningId}"), consumes: true),
        Row("POST /admin/ersattare?handler=Namn", Who.Admin, NoTarget, (w, _) =>
        {
            var from = w.Today.AddDays(200 + (3 * w.Next()));
            return PagePost("/admin/ersattare?handler=Namn", ("Input.FranvarandeId", w.User("chef.sof@remissflow.test").ToString()),
                ("Input.ErsattareId", w.User("handlaggare.sof@remissflow.test").ToString()), ("Input.FranOchMed", Iso(from)), ("Input.TillOchMed", Iso(from.AddDays(1))));
        }, consumes: true),
        Row("POST /admin/ersattare?handler=Avsluta", Who.Admin, w => w.SfErsattarePeriodAsync(),
            (_, t) => PagePost("/admin/ersattare?handler=Avsluta", ("period", t.PeriodId.ToString())), consumes: true),

        // ---- Pages: administration.
        Row("GET /admin", Who.Admin, NoTarget, (_, _) => PageGet("/admin")),
        Row("GET /admin/anvandare", Who.Admin, NoTarget, (_, _) => PageGet("/admin/anvandare")),
        Row("GET /admin/anvandare/ny", Who.Admin, NoTarget, (_, _) => PageGet("/admin/anvandare/ny")),
        Row("POST /admin/anvandare/ny", Who.Admin, NoTarget, (w, _) =>
        {
            var n = w.Next();
            return PagePost("/admin/anvandare/ny", ("Input.DisplayName", $"Matris Person {n}"), ("Input.Email", $"matris{n}@remissflow.test"),
                ("Input.OrganisationId", w.Org("SF").ToString()), ("Input.Roles", "Handlaggare"), ("Input.Password", RemissFlow.Core.Demo.DemoSeeder.Password));
        }),
        // The account page: a read of a demo account; every change on an account of the matrix's own (see MatrixWorld.FreshUserAsync).
        Row("GET /admin/anvandare/{id:guid}", Who.Admin, w => w.UserAsync(MatrixWorld.SfHandlaggare), (_, t) => PageGet($"/admin/anvandare/{t.UserId}")),
        Row("POST /admin/anvandare/{id:guid}", Who.Admin, w => w.FreshUserAsync(), async (w, t, _) =>
            PagePost($"/admin/anvandare/{t.UserId}", ("Input.ConcurrencyStamp", await w.UserStampAsync(t.UserId)), ("Input.DisplayName", $"Matris Ändrad {w.Next()}"),
                ("Input.Title", "Utredare"), ("Input.OrganisationId", w.Org("SF").ToString()), ("Input.Roles", "Registrator"))),
        Row("POST /admin/anvandare/{id:guid}?handler=Status", Who.Admin, w => w.FreshUserAsync(),
            (_, t) => PagePost($"/admin/anvandare/{t.UserId}?handler=Status", ("active", "false")), consumes: true, variant: "inaktivera"),
        Row("POST /admin/anvandare/{id:guid}?handler=Status", Who.Admin, w => w.FreshUserAsync(deactivated: true),
            (_, t) => PagePost($"/admin/anvandare/{t.UserId}?handler=Status", ("active", "true")), consumes: true, variant: "aktivera"),
        Row("POST /admin/anvandare/{id:guid}?handler=Losenord", Who.Admin, w => w.FreshUserAsync(),
            (w, t) => PagePost($"/admin/anvandare/{t.UserId}?handler=Losenord", ("Losenord.NewPassword", $"Granit-och-ek-{w.Next()}"))),
        Row("GET /admin/avsandare", Who.Admin, NoTarget, (_, _) => PageGet("/admin/avsandare")),
        Row("GET /admin/avsandare/ny", Who.Admin, NoTarget, (_, _) => PageGet("/admin/avsandare/ny")),
        Row("POST /admin/avsandare/ny", Who.Admin, NoTarget, (w, _) =>
            PagePost("/admin/avsandare/ny", ("Input.Name", $"Matrismyndigheten {w.Next()}"), ("Input.Typ", "Myndighet"), ("Input.Kortnamn", w.UniquePrefix()),
                ("Input.SvarsEpost", "registrator@myndighet.test"), ("Input.LeveransPdf", "true"), ("Input.LeveransFilnamn", "{dnr} {instans}"))),
        Row("GET /admin/avsandare/{id:guid}", Who.Admin, w => w.DepartementTargetAsync(), (_, t) => PageGet($"/admin/avsandare/{t.OrgId}")),
        Row("POST /admin/avsandare/{id:guid}", Who.Admin, w => w.DepartementTargetAsync(), async (w, t, _) =>
            PagePost($"/admin/avsandare/{t.OrgId}", ("Input.Version", (await w.OrganisationVersionAsync(t.OrgId)).ToString()), ("Input.Name", "Matrisdepartementet"),
                ("Input.Typ", "Departement"), ("Input.SvarsEpost", "matris.remissvar@regeringskansliet.test"), ("Input.LeveransPdf", "true"), ("Input.LeveransWord", "true"),
                ("Input.LeveransDnrIAmne", "true"), ("Input.LeveransFilnamn", "{dnr} {instans}"), ("Input.Active", "true"))),
        Row("GET /admin/organisationer", Who.Admin, NoTarget, (_, _) => PageGet("/admin/organisationer")),
        Row("GET /admin/organisationer/ny", Who.Admin, NoTarget, (_, _) => PageGet("/admin/organisationer/ny")),
        Row("POST /admin/organisationer/ny", Who.Admin, NoTarget, (w, _) =>
            PagePost("/admin/organisationer/ny", ("Input.Name", $"Matrisföreningen {w.Next()}"), ("Input.Kind", "ExternOrganisation"), ("Input.DnrPrefix", w.UniquePrefix()))),
        Row("GET /admin/organisationer/{id:guid}", Who.Admin, w => w.MatrixOrganisationAsync(), (_, t) => PageGet($"/admin/organisationer/{t.OrgId}")),
        Row("POST /admin/organisationer/{id:guid}", Who.Admin, w => w.MatrixOrganisationAsync(), async (w, t, _) =>
            PagePost($"/admin/organisationer/{t.OrgId}", ("Input.Version", (await w.OrganisationVersionAsync(t.OrgId)).ToString()), ("Input.Name", "Matrisföreningen"), ("Input.Active", "true"))),

        Row("POST /admin/organisationer/{id:guid}?handler=Logotyp", Who.Admin, w => w.MatrixOrganisationAsync(),
            (_, t) => PageUpload($"/admin/organisationer/{t.OrgId}?handler=Logotyp", new MatrixFile("logotyp", "logotyp.png", "image/png", TinyPng.Create(4, 2)))),

        // ---- Pages: sekretess (the holding organisation's registrator and handläggare) and the administratör's OSL list.
        Row("GET /sekretess", Who.HasRole(Role.Registrator, Role.Handlaggare), NoTarget, (_, _) => PageGet("/sekretess")),
        Row("POST /sekretess?handler=Markera", SfRole(Role.Registrator, Role.Handlaggare), w => SfBeslutAsync(w, marked: false), async (w, t, _) =>
            PagePost($"/sekretess?handler=Markera&typ=beslut&id={t.BeslutId}", ("Input.OslBestammelseId", (await OslAsync(w)).ToString()), ("Input.Skal", "Uppgifter om en enskild."))),
        Row("POST /sekretess?handler=Avmarkera", SfRole(Role.Registrator, Role.Handlaggare), w => SfBeslutAsync(w, marked: true),
            (_, t) => PagePost($"/sekretess?handler=Avmarkera&typ=beslut&id={t.BeslutId}", ("Input.Motivering", "En ny prövning.")), consumes: true),
        Row("GET /sekretess/maskera", Who.KsRegistrator, w => ExternMarkedFileAsync(w), (_, t) => PageGet($"/sekretess/maskera?id={t.BilagaId}")),
        Row("POST /sekretess/maskera?handler=Forhandsgranska", Who.KsRegistrator, w => ExternMarkedFileAsync(w),
            (_, t) => PagePost($"/sekretess/maskera?handler=Forhandsgranska&id={t.BilagaId}", ("Omraden", "1; 0; 0; 100; 20")) with { SucceedsWithPage = true }),
        Row("POST /sekretess/maskera?handler=Spara", Who.KsRegistrator, w => ExternMarkedFileAsync(w),
            (_, t) => PagePost($"/sekretess/maskera?handler=Spara&id={t.BilagaId}", ("Omraden", "1; 0; 0; 100; 20"))),
        Row("GET /admin/sekretess", Who.Admin, NoTarget, (_, _) => PageGet("/admin/sekretess")),
        Row("POST /admin/sekretess", Who.Admin, NoTarget, (w, _) => OslPost(w.Next())),
        Row("POST /admin/sekretess?handler=Aktiv", Who.Admin, NoTarget, async (w, _, _) => PagePost($"/admin/sekretess?handler=Aktiv&id={await OslAsync(w)}&aktiv=true")),

        // ---- Pages: KS's remisser.
        Row("GET /remisser", Who.KsSender, NoTarget, (_, _) => PageGet("/remisser")),
        Row("GET /oversikt", Who.KsSender, NoTarget, (_, _) => PageGet("/oversikt")),
        Row("GET /remisser/ny", Who.KsSender, NoTarget, (_, _) => PageGet("/remisser/ny")),
        Row("POST /remisser/ny", Who.KsSender, NoTarget, (w, _) => PagePost("/remisser/ny", ("Input.Title", $"Matrisremiss {w.Next()}"), ("Input.Svarsdatum", Iso(w.Today.AddDays(60))))),
        Row("GET /remisser/{id:guid}", Who.KsSender.Or(SfWithLedamot), w => w.SentAsync(), (_, t) => PageGet($"/remisser/{t.RemissId}")),
        Row("POST /remisser/{id:guid}?handler=Trigger", Who.KsRegistrator, w => w.UtkastAsync(ready: true),
            (_, t) => PagePost($"/remisser/{t.RemissId}?handler=Trigger", ("trigger", "skicka_ut"), ("bekraftat", "ja")), consumes: true, variant: "skicka_ut"),
        Row("POST /remisser/{id:guid}?handler=Trigger", Who.KsSamordnare, w => w.ExternAnsweredAsync(withFile: false),
            (_, t) => PagePost($"/remisser/{t.RemissId}?handler=Trigger", ("trigger", "sammanstall")), consumes: true, variant: "sammanstall"),
        Row("POST /remisser/{id:guid}?handler=Motiverad", Who.KsRegistrator, w => w.SentAsync(),
            (_, t) => PagePost($"/remisser/{t.RemissId}?handler=Motiverad", ("trigger", "aterkalla"), ("motivering", "Förslaget dras tillbaka."), ("bekraftat", "ja")), consumes: true),
        Row("POST /remisser/{id:guid}?handler=LaggTill", Who.KsRegistrator, w => w.SentAsync(),
            (w, t) => PagePost($"/remisser/{t.RemissId}?handler=LaggTill", ("organisationId", w.Org("HL").ToString())), consumes: true),
        Row("POST /remisser/{id:guid}?handler=Paminn", Who.KsSamordnare, w => w.SentAsync(),
            (_, t) => PagePost($"/remisser/{t.RemissId}?handler=Paminn", ("valda", t.SvarId.ToString())), consumes: true),
        Row("GET /remisser/{id:guid}/redigera", Who.KsSender, w => w.UtkastAsync(), (_, t) => PageGet($"/remisser/{t.RemissId}/redigera")),
        Row("POST /remisser/{id:guid}/redigera", Who.KsSender, w => w.UtkastAsync(), async (w, t, _) =>
            PagePost($"/remisser/{t.RemissId}/redigera", ("Version", (await w.RemissVersionAsync(t.RemissId)).ToString()), ("Input.Title", "Ändrad matrisremiss"), ("Input.Svarsdatum", Iso(w.Today.AddDays(62))))),
        Row("GET /remisser/{id:guid}/remisslista", Who.KsSender, w => w.UtkastAsync(), (_, t) => PageGet($"/remisser/{t.RemissId}/remisslista")),
        Row("POST /remisser/{id:guid}/remisslista", Who.KsSender, w => w.UtkastAsync(), (w, t) => PagePost($"/remisser/{t.RemissId}/remisslista", ("Valda", w.Org("SF").ToString()))),
        Row("GET /remisser/{id:guid}/handlingar", Who.KsSender, w => w.UtkastAsync(), (_, t) => PageGet($"/remisser/{t.RemissId}/handlingar")),
        Row("POST /remisser/{id:guid}/handlingar", Who.KsSender, w => w.UtkastAsync(), (_, t) => PageUpload($"/remisser/{t.RemissId}/handlingar", PdfFile("fil"))),
        Row("POST /remisser/{id:guid}/handlingar?handler=Rubrik", Who.KsSender, w => w.UtkastAsync(ready: true),
            (_, t) => PagePost($"/remisser/{t.RemissId}/handlingar?handler=Rubrik", ("bilagaId", t.BilagaId.ToString()), ("rubrik", "Förslag till program"))),
        Row("POST /remisser/{id:guid}/handlingar?handler=Ersatt", Who.KsSender, w => w.UtkastAsync(ready: true),
            (_, t) => PageUpload($"/remisser/{t.RemissId}/handlingar?handler=Ersatt", PdfFile("fil"), ("bilagaId", t.BilagaId.ToString()))),
        Row("POST /remisser/{id:guid}/handlingar?handler=TaBort", Who.KsSender, w => w.UtkastAsync(ready: true),
            (_, t) => PagePost($"/remisser/{t.RemissId}/handlingar?handler=TaBort", ("bilagaId", t.BilagaId.ToString())), consumes: true),
        Row("GET /remisser/{id:guid}/handlingar?handler=Fil", Who.KsSender.Or(SfWithLedamot), w => w.SentAsync(), (_, t) => PageGet($"/remisser/{t.RemissId}/handlingar?handler=Fil&bilagaId={t.BilagaId}")),
        Row("GET /remisser/{id:guid}/missiv", Who.KsSender, w => w.UtkastAsync(), (_, t) => PageGet($"/remisser/{t.RemissId}/missiv")),
        Row("GET /remisser/{id:guid}/missiv?handler=Pdf", Who.KsSender, w => w.UtkastAsync(), (_, t) => PageGet($"/remisser/{t.RemissId}/missiv?handler=Pdf")),
        Row("GET /remisser/{id:guid}/sammanstallning", Who.KsSender, w => w.SentAsync(), (_, t) => PageGet($"/remisser/{t.RemissId}/sammanstallning")),
        Row("GET /remisser/{id:guid}/sammanstallning?handler=Export", Who.KsSender, w => w.SentAsync(), (_, t) => PageGet($"/remisser/{t.RemissId}/sammanstallning?handler=Export&format=csv")),
        Row("POST /remisser/{id:guid}/sammanstallning?handler=Nyckelpunkter", Who.KsSamordnare, w => w.ExternAnsweredAsync(withFile: false), async (w, t, _) =>
            PagePost($"/remisser/{t.RemissId}/sammanstallning?handler=Nyckelpunkter", ("remissvarId", t.SvarId.ToString()),
                ("version", (await w.SvarVersionAsync(t.SvarId)).ToString()), ("nyckelpunkter", $"Nyckelpunkt {w.Next()}."))),
        Row("POST /remisser/{id:guid}/sammanstallning?handler=Publicera", Who.KsSamordnare, w => w.SentAsync(),
            (_, t) => PagePost($"/remisser/{t.RemissId}/sammanstallning?handler=Publicera"), consumes: true),
        Row("GET /remisser/{id:guid}/svar/{svarId:guid}", Who.KsSender, w => w.SentAsync(), (_, t) => PageGet($"/remisser/{t.RemissId}/svar/{t.SvarId}")),
        Row("POST /remisser/{id:guid}/svar/{svarId:guid}?handler=Anstand", Who.KsSender, w => w.SfAnstandBegartAsync(), (w, t) =>
            PagePost($"/remisser/{t.RemissId}/svar/{t.SvarId}?handler=Anstand", ("Anstand.Beslut", "bevilja"), ("Anstand.NyttSvarsdatum", Iso(w.Today.AddDays(90)))), consumes: true),
        Row("POST /remisser/{id:guid}?handler=FornyaLank", Who.KsSender, w => w.ExternOpenAsync(),
            (_, t) => PagePost($"/remisser/{t.RemissId}?handler=FornyaLank", ("svarId", t.SvarId.ToString()))),
        Row("POST /remisser/{id:guid}?handler=AterkallaLank", Who.KsSender, w => w.ExternOpenAsync(),
            (_, t) => PagePost($"/remisser/{t.RemissId}?handler=AterkallaLank", ("svarId", t.SvarId.ToString())), consumes: true),
        Row("POST /remisser/{id:guid}/svar/{svarId:guid}?handler=Externt", Who.KsSender, w => w.ExternOpenAsync(),
            (_, t) => PagePost($"/remisser/{t.RemissId}/svar/{t.SvarId}?handler=Externt", ("Externt.Typ", "avstar")), consumes: true),
        Row("GET /remisser/{id:guid}/svar/{svarId:guid}?handler=Tu", Who.KsSender, w => w.SfAsync("inlamnad"),
            (_, t) => PageGet($"/remisser/{t.RemissId}/svar/{t.SvarId}?handler=Tu"), variant: "inlämnat"),
        // An approved TU is still the instans's own until the answer is handed in: nobody on the sender's side gets it.
        Row("GET /remisser/{id:guid}/svar/{svarId:guid}?handler=Tu", Who.Nobody, w => w.SfAsync("godkand"),
            (_, t) => PageGet($"/remisser/{t.RemissId}/svar/{t.SvarId}?handler=Tu"), variant: "godkänt, ej inlämnat"),
        Row("GET /remisser/{id:guid}/svar/{svarId:guid}?handler=Paminnelse", Who.KsSender, async w =>
            {
                var sent = await w.SentAsync();
                await w.App.AsUserAsync(Sessions.KsSamordnare, new Core.Sammanstallning.SendPaminnelser.Command(sent.RemissId, [sent.SvarId]));
                return sent;
            },
            async (w, t, _) => PageGet($"/remisser/{t.RemissId}/svar/{t.SvarId}?handler=Paminnelse&nummer={await w.App.QueryAsync(db => db.Handelser.Where(h => h.ArendeId == t.SvarId && h.Action == "paminnelse.skickad").Select(h => h.Sequence).SingleAsync())}")),
        Row("GET /remisser/{id:guid}/svar/{svarId:guid}?handler=Utdrag", Who.KsSender, w => w.SfAsync("inlamnad"), (_, t) => PageGet($"/remisser/{t.RemissId}/svar/{t.SvarId}?handler=Utdrag")),
        Row("GET /remisser/{id:guid}/svar/{svarId:guid}?handler=Fil", Who.KsSender, w => w.ExternAnsweredAsync(withFile: true),
            (_, t) => PageGet($"/remisser/{t.RemissId}/svar/{t.SvarId}?handler=Fil&bilagaId={t.BilagaId}")),

        // ---- Pages: the instans's work lists and overviews (each on the user's own organisation).
        Row("GET /inkorg", Who.InstansRegistrator, NoTarget, (_, _) => PageGet("/inkorg")),
        Row("GET /mina-arenden", Who.HasRole(Role.Handlaggare), NoTarget, (_, _) => PageGet("/mina-arenden")),
        Row("GET /bevakning", Who.HasRole(Role.Namndsekreterare), NoTarget, (_, _) => PageGet("/bevakning")),
        Row("GET /oversikt/namnd", Who.HasRole(Role.Namndsekreterare), NoTarget, (_, _) => PageGet("/oversikt/namnd")),
        Row("GET /sammantraden", Who.HasRole(Role.Namndsekreterare), NoTarget, (_, _) => PageGet("/sammantraden")),
        Row("POST /sammantraden?handler=Sammantrade", SfRole(Role.Namndsekreterare), w => w.SfOrganisationAsync(), async (w, _, _) =>
            PagePost("/sammantraden?handler=Sammantrade", ("Nytt.OrganId", (await w.NamndOrganAsync("SF")).ToString()), ("Nytt.Datum", Iso(w.Today.AddDays(BeyondDemoMeetings + w.Next()))), ("Nytt.Extra", "true"))),
        // Import and new organ act on the user's own organisation, so every nämndsekreterare may, each for their own.
        Row("POST /sammantraden?handler=Import", Who.HasRole(Role.Namndsekreterare), NoTarget, async (w, _, p) =>
        {
            var organ = await w.NamndOrganNameAsync(p.Org is null or "KS" ? "SF" : p.Org);
            // Past the demo's meetings (seeded a year ahead): a date inside it may already hold the organ's meeting, and the
            // import refuses a second one (the row failed on 2026-12-06).
            var csv = $"organ;datum;tid;lokal\n{organ};{Iso(w.Today.AddDays(BeyondDemoMeetings + 200 + w.Next()))};17:00;Matrissalen\n";
            return PageUpload("/sammantraden?handler=Import", new MatrixFile("Fil", "sammantraden.csv", "text/csv", Encoding.UTF8.GetBytes(csv)));
        }),
        Row("POST /sammantraden?handler=Organ", Who.HasRole(Role.Namndsekreterare), NoTarget, (w, _) =>
            PagePost("/sammantraden?handler=Organ", ("NyttOrgan.Kind", "Pensionarsrad"), ("NyttOrgan.Name", $"Matrisrådet {w.Next()}"),
                ("NyttOrgan.HandlingarArbetsdagarFore", "5"), ("NyttOrgan.JusteringArbetsdagar", "0"))),
        Row("GET /sammantraden/{id:guid}", SfRole(Role.Namndsekreterare), w => w.SfNextMeetingAsync(), (_, t) => PageGet($"/sammantraden/{t.MeetingId}")),
        Row("GET /sammantraden/organ/{id:guid}/ledamoter", SfRole(Role.Namndsekreterare), w => w.SfNamndOrganAsync(), (_, t) => PageGet($"/sammantraden/organ/{t.OrganId}/ledamoter")),
        Row("POST /sammantraden/organ/{id:guid}/ledamoter?handler=Ny", SfRole(Role.Namndsekreterare), w => w.SfNamndOrganAsync(), (w, t) =>
            PagePost($"/sammantraden/organ/{t.OrganId}/ledamoter?handler=Ny", ("Ny.Namn", $"Matrisledamot {w.Next()}"), ("Ny.Uppdrag", "Ersattare"),
                ("Ny.Fran", Iso(w.Today)), ("Ny.Till", Iso(w.Today.AddYears(1))))),
        Row("POST /sammantraden/organ/{id:guid}/ledamoter?handler=Import", SfRole(Role.Namndsekreterare), w => w.SfNamndOrganAsync(), (w, t) =>
            PageUpload($"/sammantraden/organ/{t.OrganId}/ledamoter?handler=Import", new MatrixFile("Fil", "ledamoter.csv", "text/csv",
                Encoding.UTF8.GetBytes($"namn;uppdrag;från;till\r\nMatrisersättare {w.Next()};ersättare;{Iso(w.Today)};{Iso(w.Today.AddYears(1))}\r\n")))),
        Row("GET /kallelser", Who.HasRole(Role.Ledamot), NoTarget, (_, _) => PageGet("/kallelser")),
        Row("GET /arkiv", Who.HasRole(Role.Arkivarie), NoTarget, (_, _) => PageGet("/arkiv")),
        // Downloading a package answers with the ZIP itself; a refused principal gets no package and leaves no delivery in the log.
        Row("POST /arkiv", Who.HasRole(Role.Arkivarie), NoTarget, (_, _) =>
            PagePost("/arkiv", ("In.Urval", "Remiss"), ("In.Varde", "KS 2025/1616")) with { SucceedsWithPage = true }),
        Row("GET /inkommande", Who.HasRole(Role.Registrator, Role.Administrator), NoTarget, (_, _) => PageGet("/inkommande")),
        Row("GET /inkommande/{id:guid}", KsInkommande, w => w.InkommandeAsync(), (_, t) => PageGet($"/inkommande/{t.InkommandeId}")),
        Row("GET /inkommande/{id:guid}?handler=Bilaga", KsInkommande, w => w.InkommandeAsync(), (_, t) => PageGet($"/inkommande/{t.InkommandeId}?handler=Bilaga&bilagaId={t.BilagaId}")),
        Row("POST /inkommande/{id:guid}?handler=Svar", Who.KsRegistrator, w => w.InkommandeAsync(), (_, t) => PagePost($"/inkommande/{t.InkommandeId}?handler=Svar",
            ("Input.RemissvarId", $"{t.SvarId}"), ("Input.BilagaId", $"{t.BilagaId}"), ("Input.Standpunkt", "Tillstyrker")), consumes: true),
        Row("POST /inkommande/{id:guid}?handler=Remiss", Who.KsRegistrator, async w => (await w.InkommandeAsync()) with { OrgId = await w.DepartementAsync() }, (w, t) => PagePost($"/inkommande/{t.InkommandeId}?handler=Remiss",
            ("Input.AvsandareId", $"{t.OrgId}"), ("Input.Title", "Matrisens remiss"), ("Input.AvsandareDnr", $"MatrisIn2026/{w.Next():00000}"),
            ("Input.Svarsdatum", Iso(w.Today.AddDays(120))), ("Input.MottagenDatum", Iso(w.Today)), ("Input.MissivBilagaId", $"{t.BilagaId}")), consumes: true),
        Row("POST /inkommande/{id:guid}?handler=Arende", KsInkommande, async w => (await w.InkommandeAsync()) with { SvarId = (await w.KsExternArendeAsync()).SvarId },
            async (w, t, _) => PagePost($"/inkommande/{t.InkommandeId}?handler=Arende",
            ("Input.Dnr", await w.App.QueryAsync(db => db.Remissvar.Where(s => s.Id == t.SvarId).Select(s => s.Dnr!).SingleAsync())), ("Input.Bilagor", $"{t.BilagaId}")), consumes: true),
        Row("POST /inkommande/{id:guid}?handler=EjAllman", KsInkommande, w => w.InkommandeAsync(), (_, t) => PagePost($"/inkommande/{t.InkommandeId}?handler=EjAllman", ("Input.Skal", "Reklam.")), consumes: true),
        Row("POST /inkommande/{id:guid}?handler=Ateroppna", KsInkommande, w => w.InkommandeEjAllmanAsync(), (_, t) => PagePost($"/inkommande/{t.InkommandeId}?handler=Ateroppna", ("Input.Skal", "Felmarkerad.")), consumes: true),
        Row("GET /arkiv/gallring", Who.HasRole(Role.Arkivarie), NoTarget, (_, _) => PageGet("/arkiv/gallring")),
        Row("POST /arkiv/gallring?handler=Foresla", Who.HasRole(Role.Arkivarie), GallringDueAsync, (_, _) => PagePost("/arkiv/gallring?handler=Foresla"), consumes: true),
        Row("GET /arkiv/gallring/{id:guid}", Who.HasRole(Role.Arkivarie), GallringForslagAsync, (_, t) => PageGet($"/arkiv/gallring/{t.GallringId}")),
        // Deciding deletes for real: each success gets its own proposal.
        Row("POST /arkiv/gallring/{id:guid}?handler=Besluta", Who.HasRole(Role.Arkivarie), GallringForslagAsync, (_, t) =>
            PagePost($"/arkiv/gallring/{t.GallringId}?handler=Besluta"), consumes: true),
        Row("POST /arkiv/gallring/{id:guid}?handler=Avbryt", Who.HasRole(Role.Arkivarie), GallringForslagAsync, (_, t) =>
            PagePost($"/arkiv/gallring/{t.GallringId}?handler=Avbryt", ("Input.Skal", "Matrisens skäl.")), consumes: true),
        Row("GET /admin/registerutdrag", Who.Admin, NoTarget, (_, _) => PageGet("/admin/registerutdrag")),
        // The utdrag answers on the page or as the file itself; a refused principal gets neither and leaves no audit event.
        Row("POST /admin/registerutdrag", Who.Admin, NoTarget, (_, _) =>
            PagePost("/admin/registerutdrag", ("Input.Sok", "handlaggare.sf@remissflow.test")) with { SucceedsWithPage = true }),
        Row("POST /admin/registerutdrag?handler=Json", Who.Admin, NoTarget, (_, _) =>
            PagePost("/admin/registerutdrag?handler=Json", ("Input.Sok", "handlaggare.sf@remissflow.test")) with { SucceedsWithPage = true }),
        Row("POST /admin/registerutdrag?handler=Html", Who.Admin, NoTarget, (_, _) =>
            PagePost("/admin/registerutdrag?handler=Html", ("Input.Sok", "Emma Sjöberg")) with { SucceedsWithPage = true }),
        Row("GET /admin/mallar", Who.Admin, NoTarget, (_, _) => PageGet("/admin/mallar")),
        Row("GET /admin/mallar/{organisationId:guid}/{dokumenttyp}", Who.Admin, NoTarget, (w, _) => PageGet($"/admin/mallar/{w.Org("SF")}/missiv")),
        Row("POST /admin/mallar/{organisationId:guid}/{dokumenttyp}", Who.Admin, NoTarget, (w, _) =>
            PagePost($"/admin/mallar/{w.Org("SF")}/missiv", ("Input.Mall", $"{{\"headings\": {{\"kontakt\": \"Kontakt {w.Next()}\"}}}}"))),
        Row("POST /admin/mallar/{organisationId:guid}/{dokumenttyp}?handler=Forhandsgranska", Who.Admin, NoTarget, (w, _) =>
            PagePost($"/admin/mallar/{w.Org("SF")}/missiv?handler=Forhandsgranska", ("Input.Mall", "{\"headings\": {\"kontakt\": \"Frågor\"}}")) with { SucceedsWithPage = true }),
        Row("POST /admin/mallar/{organisationId:guid}/{dokumenttyp}?handler=Pdf", Who.Admin, NoTarget, (w, _) =>
            PagePost($"/admin/mallar/{w.Org("SF")}/missiv?handler=Pdf", ("Input.Mall", "{\"headings\": {\"kontakt\": \"Frågor\"}}")) with { SucceedsWithPage = true }),
        Row("POST /admin/mallar/{organisationId:guid}/{dokumenttyp}?handler=Aterstall", Who.Admin, MallVersionAsync, (w, _) =>
            PagePost($"/admin/mallar/{w.Org("SF")}/missiv?handler=Aterstall&version=1")),
        Row("GET /admin/gallringsplan", Who.Admin, NoTarget, (_, _) => PageGet("/admin/gallringsplan")),
        Row("POST /admin/gallringsplan", Who.Admin, NoTarget, (w, _) =>
            PagePost($"/admin/gallringsplan?org={w.Org("SF")}", ("Input.Handlingstyp", "tu_bilaga"), ("Input.Atgard", "gallras"), ("Input.Ar", $"{1 + (w.Next() % 50)}"),
                ("Input.Utgangspunkt", "arende_avslutat"))),
        Row("GET /kallelser/{id:guid}", Members, w => w.SfKallelseSentAsync(), (_, t) => PageGet($"/kallelser/{t.MeetingId}")),
        Row("GET /kallelser/{id:guid}?handler=Pdf", Members, w => w.SfKallelseSentAsync(), (_, t) => PageGet($"/kallelser/{t.MeetingId}?handler=Pdf")),
        Row("GET /kallelser/{id:guid}?handler=Handlingar", Members, w => w.SfKallelseSentAsync(), (_, t) => PageGet($"/kallelser/{t.MeetingId}?handler=Handlingar")),
        Row("GET /sammantraden/{id:guid}/protokoll", SfRole(Role.Namndsekreterare), w => w.SfHeldMeetingAsync(), (_, t) => PageGet($"/sammantraden/{t.MeetingId}/protokoll")),
        Row("GET /sammantraden/{id:guid}/protokoll?handler=Fil", SfRole(Role.Namndsekreterare), w => w.SfProtokollAsync(), (_, t) => PageGet($"/sammantraden/{t.MeetingId}/protokoll?handler=Fil")),
        Row("POST /sammantraden/{id:guid}/protokoll?handler=Justerare", SfRole(Role.Namndsekreterare), w => w.SfHeldMeetingAsync(), async (w, t, _) =>
            PagePost($"/sammantraden/{t.MeetingId}/protokoll?handler=Justerare", ("In.Justerare", (await w.SfJusterareAsync()).ToString()), ("In.Plats", "Matrisrummet"))),
        Row("POST /sammantraden/{id:guid}/protokoll?handler=Offentlighet", SfRole(Role.Namndsekreterare), w => w.SfProtokollAsync(), (_, t) =>
            PagePost($"/sammantraden/{t.MeetingId}/protokoll?handler=Offentlighet&paragraf={t.BeslutId}&offentlig=false")),
        Row("POST /sammantraden/{id:guid}/protokoll?handler=Skicka", SfRole(Role.Namndsekreterare), w => w.SfProtokollAsync(), (_, t) =>
            PagePost($"/sammantraden/{t.MeetingId}/protokoll?handler=Skicka"), consumes: true),
        Row("GET /sammantraden/{id:guid}/motet", SfRole(Role.Namndsekreterare), w => w.SfHeldMeetingAsync(), (_, t) => PageGet($"/sammantraden/{t.MeetingId}/motet")),
        Row("POST /sammantraden/{id:guid}?handler=Oppna", SfRole(Role.Namndsekreterare), w => w.SfMeetingTodayAsync(MatrixWorld.MeetingDay.Planned),
            (_, t) => PagePost($"/sammantraden/{t.MeetingId}?handler=Oppna"), consumes: true),
        Row("POST /sammantraden/{id:guid}?handler=Avsluta", SfRole(Role.Namndsekreterare), w => w.SfMeetingTodayAsync(MatrixWorld.MeetingDay.Opened),
            (_, t) => PagePost($"/sammantraden/{t.MeetingId}?handler=Avsluta"), consumes: true),
        Row("POST /sammantraden/{id:guid}/motet?handler=Narvaro", SfRole(Role.Namndsekreterare), w => w.SfMeetingTodayAsync(MatrixWorld.MeetingDay.Opened),
            (_, t) => PagePost($"/sammantraden/{t.MeetingId}/motet?handler=Narvaro", [.. t.LedamotIds.Select(id => ("Narvaro.Narvarande", id.ToString()))])),
        Row("POST /sammantraden/{id:guid}/motet?handler=Jav", SfRole(Role.Namndsekreterare), w => w.SfMeetingTodayAsync(MatrixWorld.MeetingDay.NarvaroRecorded),
            (_, t) => PagePost($"/sammantraden/{t.MeetingId}/motet?handler=Jav", ("Jav.PunktId", t.PunktId.ToString()), ("Jav.LedamotId", t.LedamotIds[1].ToString())), consumes: true),
        Row("POST /sammantraden/{id:guid}/motet?handler=Votering", SfRole(Role.Namndsekreterare), w => w.SfMeetingTodayAsync(MatrixWorld.MeetingDay.NarvaroRecorded),
            (_, t) => PagePost($"/sammantraden/{t.MeetingId}/motet?handler=Votering", ("Votering.PunktId", t.PunktId.ToString()),
                ("Votering.JaForslag", "Gruppens förslag"), ("Votering.NejForslag", "Avslag"),
                ("Votering.Roster[0].LedamotId", t.LedamotIds[0].ToString()), ("Votering.Roster[0].Rost", "Ja"),
                ("Votering.Roster[1].LedamotId", t.LedamotIds[1].ToString()), ("Votering.Roster[1].Rost", "Ja"),
                ("Votering.Roster[2].LedamotId", t.LedamotIds[2].ToString()), ("Votering.Roster[2].Rost", "Nej")), consumes: true),
        // The justering page is the signers' own: the ordförande (ordforande.sf) and the chosen justerare (ledamot.sf).
        Row("GET /kallelser/{id:guid}/justering", Members, w => w.SfProtokollSentAsync(), (_, t) => PageGet($"/kallelser/{t.MeetingId}/justering")),
        Row("GET /kallelser/{id:guid}/justering?handler=Fil", Members, w => w.SfProtokollSentAsync(), (_, t) => PageGet($"/kallelser/{t.MeetingId}/justering?handler=Fil")),
        Row("POST /kallelser/{id:guid}/justering", Members, w => w.SfProtokollSentAsync(), (_, t) => PagePost($"/kallelser/{t.MeetingId}/justering"), consumes: true),
        Row("GET /sammantraden/{id:guid}?handler=Kallelse", SfRole(Role.Namndsekreterare), w => w.SfNextMeetingAsync(), (_, t) => PageGet($"/sammantraden/{t.MeetingId}?handler=Kallelse&format=docx")),
        Row("GET /sammantraden/{id:guid}?handler=Handlingar", SfRole(Role.Namndsekreterare), w => w.SfNextMeetingAsync(), (_, t) => PageGet($"/sammantraden/{t.MeetingId}?handler=Handlingar")),
        Row("POST /sammantraden/{id:guid}?handler=Punkt", SfRole(Role.Namndsekreterare), w => w.SfNextMeetingAsync(), (w, t) =>
            PagePost($"/sammantraden/{t.MeetingId}?handler=Punkt", ("Ny.Rubrik", $"Matrispunkt {w.Next()}"))),
        Row("POST /sammantraden/{id:guid}?handler=Flytta", SfRole(Role.Namndsekreterare), w => w.SfMeetingWithNewItemAsync(), async (w, t, _) =>
            PagePost($"/sammantraden/{t.MeetingId}?handler=Flytta&punkt={await w.LastItemAsync(t.MeetingId)}&upp=true")),
        Row("POST /sammantraden/{id:guid}?handler=Skicka", SfRole(Role.Namndsekreterare), w => w.SfMeetingWithNewItemAsync(), (_, t) =>
            PagePost($"/sammantraden/{t.MeetingId}?handler=Skicka"), consumes: true),

        // ---- Pages: the instans's ärende. Drafts are internal: KS reads the answer only once it is inlämnad.
        Row("GET /arenden/{id:guid}", Sf, w => w.SfAsync("under_beredning"), (_, t) => PageGet($"/arenden/{t.SvarId}"), variant: "utkast"),
        Row("GET /arenden/{id:guid}", Sf.Or(Who.KsSender), w => w.SfAsync("inlamnad"), (_, t) => PageGet($"/arenden/{t.SvarId}"), variant: "inlämnat"),
        Row("POST /arenden/{id:guid}?handler=Registrera", SfRole(Role.Registrator), w => w.SfAsync("inkommen"), (_, t) => PagePost($"/arenden/{t.SvarId}?handler=Registrera"), consumes: true),
        Row("POST /arenden/{id:guid}?handler=Tilldela", SfRole(Role.Registrator, Role.Forvaltningschef), w => w.SfAsync("registrerad"),
            (w, t) => PagePost($"/arenden/{t.SvarId}?handler=Tilldela", ("Tilldela.HandlaggareId", w.User(MatrixWorld.SfHandlaggare).ToString())), consumes: true),
        Row("POST /arenden/{id:guid}?handler=Handelse", SfRole(Role.Forvaltningschef), w => w.SfAsync("hos_forvaltningschef"),
            (_, t) => PagePost($"/arenden/{t.SvarId}?handler=Handelse", ("trigger", "godkann")), consumes: true, variant: "godkann"),
        Row("POST /arenden/{id:guid}?handler=Handelse", SfRole(Role.Namndsekreterare, Role.Registrator), w => w.SfAsync("justerad"),
            (_, t) => PagePost($"/arenden/{t.SvarId}?handler=Handelse", ("trigger", "lamna_in")), consumes: true, variant: "lamna_in"),
        Row("POST /arenden/{id:guid}?handler=Beredning", SfRole(Role.Handlaggare), w => w.SfAsync("under_beredning"),
            (w, t) => PagePost($"/arenden/{t.SvarId}?handler=Beredning", ("Beredning.Organ", "Forvaltningsgrupp"), ("Beredning.Datum", Iso(w.Today)))),
        Row("POST /arenden/{id:guid}?handler=Placera", SfRole(Role.Namndsekreterare), w => w.SfAsync("godkand"), async (w, t, _) =>
            PagePost($"/arenden/{t.SvarId}?handler=Placera", ("Placera.SammantradeId", (await w.SfMeetingTodayAsync()).ToString())), consumes: true),
        Row("POST /arenden/{id:guid}?handler=Justera", SfRole(Role.Namndsekreterare), w => w.SfAsync("beslutad"),
            (w, t) => PagePost($"/arenden/{t.SvarId}?handler=Justera", ("Justering.Justeringsdatum", Iso(w.Today)), ("Justering.Justerare", "Anna Ek, Bo Lind")), consumes: true),
        Row("POST /arenden/{id:guid}?handler=Anstand", SfRole(Role.Handlaggare, Role.Namndsekreterare, Role.Registrator), w => w.SfAsync("tilldelad"),
            (w, t) => PagePost($"/arenden/{t.SvarId}?handler=Anstand", ("AnstandBegaran.OnskatSvarsdatum", Iso(w.Today.AddDays(120))), ("AnstandBegaran.Motivering", "Nämnden sammanträder inte i tid.")), consumes: true),
        Row("GET /arenden/{id:guid}/tu", SfRole(Role.Handlaggare), w => w.SfAsync("under_beredning"), (_, t) => PageGet($"/arenden/{t.SvarId}/tu")),
        Row("GET /arenden/{id:guid}/tu", Who.In("SOF", Role.Handlaggare), w => w.ArendeAsync("SOF", "under_beredning"), (_, t) => PageGet($"/arenden/{t.SvarId}/tu"), variant: "Socialnämndens ärende"),
        Row("POST /arenden/{id:guid}/tu", SfRole(Role.Handlaggare), w => w.SfAsync("under_beredning"), async (w, t, _) =>
            PagePost($"/arenden/{t.SvarId}/tu", ("Input.BasedOnVersion", (await w.LatestTuVersionAsync(t.SvarId)).ToString()), ("Input.Rubrik", "Remiss av matrisprogrammet"),
                ("Input.ForslagTillBeslut", "Nämnden godkänner."), ("Input.Sammanfattning", "Sammanfattning."), ("Input.Bakgrund", "Bakgrund."),
                ("Input.Arendet", "Ärendet."), ("Input.Synpunkter", "Inga synpunkter."))),
        Row("POST /arenden/{id:guid}/tu?handler=Import", SfRole(Role.Handlaggare), w => w.SfAsync("under_beredning"),
            (_, t) => PageUpload($"/arenden/{t.SvarId}/tu?handler=Import", new MatrixFile("fil", "tu.docx", TuWordFile.MediaType, TuWordFile.Minimal())) with { SucceedsWithPage = true }),
        Row("GET /arenden/{id:guid}/tu/jamfor", Sf, w => w.SfAsync("under_beredning"), (_, t) => PageGet($"/arenden/{t.SvarId}/tu/jamfor")),
        Row("GET /arenden/{id:guid}/dokument/{typ}/{format}", Sf, w => w.SfAsync("under_beredning"), (_, t) => PageGet($"/arenden/{t.SvarId}/dokument/tu/html"), variant: "utkast"),
        Row("GET /arenden/{id:guid}/dokument/{typ}/{format}", Sf.Or(Who.KsSender), w => w.SfAsync("inlamnad"), (_, t) => PageGet($"/arenden/{t.SvarId}/dokument/protokollsutdrag/html"), variant: "inlämnat"),
        // The only files of an ärende are an outside organisation's answer, which KS registers (the organisation has no accounts).
        Row("GET /arenden/{id:guid}/bilagor/{bilagaId:guid}", Who.KsSender, w => w.ExternAnsweredAsync(withFile: true), (_, t) => PageGet($"/arenden/{t.SvarId}/bilagor/{t.BilagaId}")),
        // The remiss's papers under the ärende's read rule: every user of the instans, not only KS (issue 13, blocker 2); drafts stay the instans's own.
        Row("GET /arenden/{id:guid}/remisshandlingar/{bilagaId:guid}", Sf, w => w.SfAsync("registrerad"),
            (_, t) => PageGet($"/arenden/{t.SvarId}/remisshandlingar/{t.BilagaId}"), variant: "utkast"),
        Row("GET /arenden/{id:guid}/remisshandlingar/{bilagaId:guid}", Sf.Or(Who.KsSender), w => w.SfAsync("inlamnad"),
            (_, t) => PageGet($"/arenden/{t.SvarId}/remisshandlingar/{t.BilagaId}"), variant: "inlämnat"),
        Row("GET /arenden/{id:guid}/missiv", Sf, w => w.SfAsync("registrerad"), (_, t) => PageGet($"/arenden/{t.SvarId}/missiv"), variant: "utkast"),
        Row("GET /arenden/{id:guid}/missiv", Sf.Or(Who.KsSender), w => w.SfAsync("inlamnad"), (_, t) => PageGet($"/arenden/{t.SvarId}/missiv"), variant: "inlämnat"),
        Row("GET /arenden/{id:guid}/beslut", SfRole(Role.Namndsekreterare), w => w.SfAsync("anmald"), (_, t) => PageGet($"/arenden/{t.SvarId}/beslut")),
        Row("POST /arenden/{id:guid}/beslut?handler=Angra", SfRole(Role.Namndsekreterare), w => w.SfAsync("beslutad"),
            (_, t) => PagePost($"/arenden/{t.SvarId}/beslut?handler=Angra", ("Angra.Skal", "Beslutet registrerades på fel ärende.")), consumes: true),
        Row("GET /arenden/{id:guid}/avsta", Sf, w => w.SfAsync("registrerad"), (_, t) => PageGet($"/arenden/{t.SvarId}/avsta")),
        Row("POST /arenden/{id:guid}/avsta", SfRole(Role.Forvaltningschef, Role.Namndsekreterare), w => w.SfAsync("registrerad"),
            (_, t) => PagePost($"/arenden/{t.SvarId}/avsta", ("Input.Motivering", "Remissen berör inte nämnden.")), consumes: true),
        Row("GET /arenden/{id:guid}/lamna-in", Sf, w => w.SfAsync("justerad"), (_, t) => PageGet($"/arenden/{t.SvarId}/lamna-in")),
        Row("POST /arenden/{id:guid}/lamna-in", SfRole(Role.Namndsekreterare, Role.Registrator), w => w.SfAsync("justerad"),
            (_, t) => PagePost($"/arenden/{t.SvarId}/lamna-in"), consumes: true),
        Row("GET /arenden/{id:guid}/kvitto", Sf, w => w.SfAsync("inlamnad"), (_, t) => PageGet($"/arenden/{t.SvarId}/kvitto")),
        Row("POST /arenden/{id:guid}/beslut?handler=LaggTill", SfRole(Role.Namndsekreterare), w => w.SfAsync("anmald"),
            (_, t) => PagePost($"/arenden/{t.SvarId}/beslut?handler=LaggTill", ("lista", "reservationer")) with { SucceedsWithPage = true }),
        Row("POST /arenden/{id:guid}/beslut", SfRole(Role.Namndsekreterare), w => w.SfAsync("anmald"), (w, t) =>
            PagePost($"/arenden/{t.SvarId}/beslut", ("Input.Paragraf", w.Paragraf().ToString()), ("Input.Beslutstext", "Nämnden godkänner tjänsteutlåtandet."), ("Input.Standpunkt", "Tillstyrker")), consumes: true),
        Row("GET /arenden/{id:guid}/ordforandebeslut", Who.In("SOF", Role.Namndsekreterare), w => w.SofUrgentAsync("godkand"), (_, t) => PageGet($"/arenden/{t.SvarId}/ordforandebeslut")),
        Row("POST /arenden/{id:guid}/ordforandebeslut?handler=Fatta", Who.In("SOF", Role.Namndsekreterare), w => w.SofUrgentAsync("godkand"), (w, t) =>
            PagePost($"/arenden/{t.SvarId}/ordforandebeslut?handler=Fatta", ("Beslut.Beslutsdatum", Iso(w.Today)), ("Beslut.Ordforande", "Eva Ordf"), ("Beslut.Standpunkt", "Tillstyrker")), consumes: true),
        Row("POST /arenden/{id:guid}/ordforandebeslut?handler=Anmal", Who.In("SOF", Role.Namndsekreterare), w => w.SofUrgentAsync("inlamnad_ej_anmald"), async (w, t, _) =>
            PagePost($"/arenden/{t.SvarId}/ordforandebeslut?handler=Anmal", ("Anmalan.SammantradeId", (await w.NextMeetingAsync("SOF")).ToString()), ("Anmalan.Paragraf", w.Paragraf().ToString())), consumes: true),
    ];

    [Test]
    public async Task Every_endpoint_has_a_row()
    {
        var endpoints = await EndpointCatalog.AllAsync(App.Services);
        var listed = Cases.Select(c => c.Endpoint).ToHashSet();
        var missing = endpoints.Where(e => !listed.Contains(e) && !Public.ContainsKey(e)).ToList();
        var stale = listed.Concat(Public.Keys).Where(e => !endpoints.Contains(e)).ToList();
        TestContext.Out.WriteLine($"{endpoints.Count} endpoints: {Public.Count} public, {listed.Count} in the matrix ({Cases.Count} rows) × {Principals.All.Count} principals.");
        Assert.Multiple(() =>
        {
            Assert.That(missing, Is.Empty, "Endpoints without a row in the authorization matrix (add one: who may, on what target, with which request)");
            Assert.That(stale, Is.Empty, "Rows for endpoints the app no longer has");
        });
    }

    [Test]
    public void Every_endpoint_is_in_exactly_one_part() =>
        Assert.That(Enumerable.Range(1, Parts).SelectMany(part => Endpoints(part).Select(t => (string)t.Arguments[0]!)),
            Is.EquivalentTo(Cases.Select(c => c.Endpoint).Distinct()));

    [Test]
    public async Task The_principals_are_the_demo_accounts_as_the_database_has_them() =>
        Assert.That(await World.PrincipalsDifferingFromDatabaseAsync(), Is.Empty);

    [TestCaseSource(typeof(AuthorizationMatrixFixture), nameof(Endpoints), new object[] { 1 })]
    public Task Exactly_the_allowed_principals_succeed(string endpoint) => CheckAsync(endpoint);
}

/// <summary>The matrix's second share of the endpoints (see <see cref="AuthorizationMatrixTests"/>).</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[Parallelizable(ParallelScope.Self)]
public sealed class AuthorizationMatrixPart2Tests(DatabaseProvider provider) : AuthorizationMatrixFixture(provider)
{
    [TestCaseSource(typeof(AuthorizationMatrixFixture), nameof(Endpoints), new object[] { 2 })]
    public Task Exactly_the_allowed_principals_succeed(string endpoint) => CheckAsync(endpoint);
}

/// <summary>The matrix's third share of the endpoints (see <see cref="AuthorizationMatrixTests"/>).</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[Parallelizable(ParallelScope.Self)]
public sealed class AuthorizationMatrixPart3Tests(DatabaseProvider provider) : AuthorizationMatrixFixture(provider)
{
    [TestCaseSource(typeof(AuthorizationMatrixFixture), nameof(Endpoints), new object[] { 3 })]
    public Task Exactly_the_allowed_principals_succeed(string endpoint) => CheckAsync(endpoint);
}
