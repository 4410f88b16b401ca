using RemissFlow.Core.Features.Ko;
using RemissFlow.Core.Oversikt;
using RemissFlow.Core.Workflow;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.AttGora;

/// <summary>One thing that waits for the user, with the page where it is done.</summary>
public sealed record AttGoraItem(Guid Id, string Text, string Href, string? Detail, DateOnly? Datum)
{
    /// <summary>Set on an ärende waiting in a shared queue: the version "Ta ärendet" claims.</summary>
    public int? KoVersion { get; init; }

    /// <summary>An ärende the reader (or the absent person they stand in for) has taken out of a queue: it can be given back.</summary>
    public bool Tagen { get; init; }
}

/// <summary>
/// One kind of waiting work. <see cref="NavHref"/> is the menu entry whose count it adds to, so
/// the menu and the start page read the same numbers.
/// </summary>
public sealed record AttGoraSection(string Key, string Heading, string Empty, string NavHref, IReadOnlyList<AttGoraItem> Items)
{
    public int Count => Items.Count;

    /// <summary>Whose work this is when the reader holds it as ersättare ("Per Åkesson"); null for the reader's own.</summary>
    public string? PaUppdragAv { get; init; }

    /// <summary>The shared queue the section's ärenden wait in ("Registratorerna på Stadsbyggnadsförvaltningen"); null when none.</summary>
    public string? Ko { get; init; }

    /// <summary>How many of the queue's ärenden colleagues have taken; they are left out of <see cref="Items"/>.</summary>
    public int TagnaAvAndra { get; init; }
}

/// <summary>
/// What waits for whom: one database query per role's part, shared by the start page "Att göra"
/// and the counts in the menu. Scoped, and remembered for the request, so a page that shows
/// both asks the database once.
/// </summary>
public sealed class AttGoraQuery(RemissFlowDbContext db, OversiktCache shared, TimeProvider clock)
{
    /// <summary>Answers submitted this many days back count as newly arrived for KS.</summary>
    public const int InkomnaSvarDagar = 14;

    private readonly Dictionary<(Guid?, Guid?), IReadOnlyList<AttGoraSection>> _cache = [];

    public async Task<IReadOnlyList<AttGoraSection>> ForAsync(Actor actor, OrganisationKind? kind, CancellationToken ct)
    {
        if (_cache.TryGetValue((actor.UserId, actor.OrganisationId), out var cached))
        {
            return cached;
        }

        List<AttGoraSection> sections = [];
        var org = actor.OrganisationId ?? Guid.Empty;
        var today = StockholmTime.Today(clock);
        var isKs = kind == OrganisationKind.Kommunstyrelse;
        if (isKs && (actor.Roles.Contains(Role.Registrator) || actor.Roles.Contains(Role.KsSamordnare)))
        {
            // KS's part reads every open remiss's answers, and KS sees it in the menu on every page: kept across requests
            // until the audit log moves (all it counts is changed by audited commands, or by the date, which is in the key).
            sections.AddRange(await shared.GetOrCreateAsync("attgora-ks", org, await OversiktCache.StampAsync(db, ct), async () => (await KsAsync(org, today, ct)).ToList()));
        }

        if (!isKs && actor.Roles.Contains(Role.Registrator))
        {
            Mark(sections, await RegistratorAsync(org, ct), actor, Role.Registrator);
        }

        if (actor.Roles.Contains(Role.Handlaggare) && actor.UserId is { } userId)
        {
            sections.AddRange(await HandlaggareAsync(org, userId, kind, ct));
        }

        if (actor.Roles.Contains(Role.Forvaltningschef))
        {
            Mark(sections, [await ForvaltningschefAsync(org, kind, ct)], actor, Role.Forvaltningschef);
        }

        if (actor.Roles.Contains(Role.Namndsekreterare))
        {
            Mark(sections, [.. await NamndsekreterareAsync(org, today, ct), await SenaProtokollAsync(org, today, ct)], actor, Role.Namndsekreterare);
        }

        if (actor.Roles.Contains(Role.Ledamot) && actor.UserId is { } ledamotUser)
        {
            sections.Add(await AttJusteraAsync(org, ledamotUser, ct));
        }

        if (actor.Roles.Contains(Role.Arkivarie))
        {
            sections.Add(await AttLevereraAsync(ct));
            sections.Add(await AttGallraAsync(org, today, ct));
        }

        if (actor.Roles.Contains(Role.Administrator))
        {
            sections.AddRange(await AdministratorAsync(ct));
        }

        if (actor.Roles.Contains(Role.Registrator) && await InkommandeAsync(org, ct) is { } inkommande)
        {
            sections.Add(inkommande);
        }

        sections = await KoAsync(sections, actor, org, ct);
        _cache[(actor.UserId, actor.OrganisationId)] = sections;
        return sections;
    }

    /// <summary>The e-mail in the registry's queue; no section when none waits, so a registrator without a mailbox sees nothing new.</summary>
    private async Task<AttGoraSection?> InkommandeAsync(Guid org, CancellationToken ct)
    {
        var rows = await db.Inkommande.AsNoTracking().Where(i => i.OrganisationId == org && i.Status == InkommandeStatus.Ny).OrderByDescending(i => i.MottagenAt)
            .Select(i => new { i.Id, i.Rubrik, i.Fran, i.MottagenAt }).ToListAsync(ct);
        return rows.Count == 0 ? null : new AttGoraSection("inkommande", "Inkommande e-post att registrera", "Ingen e-post väntar.", "/inkommande",
            rows.Select(i => new AttGoraItem(i.Id, string.IsNullOrWhiteSpace(i.Rubrik) ? "(utan ämne)" : i.Rubrik, $"/inkommande/{i.Id}", $"från {i.Fran}", StockholmTime.DateOf(i.MottagenAt))).ToList());
    }

    /// <summary>A role the actor holds as ersättare puts its work under the absent person's name (<see cref="AttGoraSection.PaUppdragAv"/>).</summary>
    private static void Mark(List<AttGoraSection> sections, IEnumerable<AttGoraSection> added, Actor actor, Role role)
    {
        var uppdrag = actor.EgnaRoller.Contains(role) ? null : actor.Uppdrag.FirstOrDefault(u => u.Lanade.Contains(role));
        sections.AddRange(uppdrag is null ? added : added.Select(s => s with { PaUppdragAv = uppdrag.Name }));
    }

    private sealed record SvarRow(Guid Id, string Title, string AvsandareDnr, string? Dnr, string Status, DateOnly Svarsdatum, Guid? HandlaggareId);

    private IQueryable<SvarRow> Open(Guid org, params string[] states) =>
        from v in db.Remissvar.AsNoTracking()
        where v.InstansId == org && states.Contains(v.Status)
        join r in db.Remisser on v.RemissId equals r.Id
        orderby v.Svarsdatum, v.AvsandareDnr
        select new SvarRow(v.Id, r.Title, v.AvsandareDnr, v.Dnr, v.Status, v.Svarsdatum, v.HandlaggareId);

    private static AttGoraItem Arende(SvarRow v, string href, string? detail = null) =>
        new(v.Id, $"{v.Dnr ?? v.AvsandareDnr} – {v.Title}", href, detail ?? $"svar senast {SwedishText.LongDate(v.Svarsdatum)}", v.Svarsdatum);

    private async Task<IEnumerable<AttGoraSection>> RegistratorAsync(Guid org, CancellationToken ct)
    {
        var rows = await Open(org, RemissvarState.Inkommen, RemissvarState.Registrerad).ToListAsync(ct);
        return
        [
            new("registrera", "Inkomna remisser att registrera", "Inga remisser väntar på registrering.", "/inkorg",
                rows.Where(r => r.Status == RemissvarState.Inkommen).Select(r => Arende(r, $"/arenden/{r.Id}", $"inkom från {r.AvsandareDnr}, svar senast {SwedishText.LongDate(r.Svarsdatum)}")).ToList()),
            new("tilldela", "Ärenden utan handläggare", "Alla registrerade ärenden har en handläggare.", "/inkorg",
                rows.Where(r => r.Status == RemissvarState.Registrerad && r.HandlaggareId == null).Select(r => Arende(r, $"/arenden/{r.Id}")).ToList()),
        ];
    }

    private async Task<IEnumerable<AttGoraSection>> HandlaggareAsync(Guid org, Guid userId, OrganisationKind? kind, CancellationToken ct)
    {
        // Only the ärenden whose next step is the handläggare's own: with the chef or the nämnd they wait
        // for someone else (the whole list is on /mina-arenden). Returned means the chef sent it back and
        // it has not been sent again: in beredning, with a return in its log (read by the log's index).
        var ownTurn = RemissvarStates.HandlaggarensTur;
        var rows = await (from v in db.Remissvar.AsNoTracking()
                          where v.InstansId == org && v.HandlaggareId == userId && ownTurn.Contains(v.Status)
                          join r in db.Remisser on v.RemissId equals r.Id
                          orderby v.Svarsdatum, v.AvsandareDnr
                          select new
                          {
                              Row = new SvarRow(v.Id, r.Title, v.AvsandareDnr, v.Dnr, v.Status, v.Svarsdatum, v.HandlaggareId),
                              Returned = v.Status == RemissvarState.UnderBeredning && db.Handelser.Any(h => h.ArendeId == v.Id && h.Action == "workflow.returnera"),
                          }).ToListAsync(ct);
        return
        [
            new("returnerade", "Returnerade tjänsteutlåtanden", "Inget tjänsteutlåtande har returnerats till dig.", "/mina-arenden",
                rows.Where(r => r.Returned).Select(r => Arende(r.Row, $"/arenden/{r.Row.Id}/tu", $"returnerat av {RoleNames.Chef(kind ?? OrganisationKind.Namnd)}, svar senast {SwedishText.LongDate(r.Row.Svarsdatum)}")).ToList()),
            new("mina", "Mina ärenden att bereda", "Inget av dina ärenden väntar på dig.", "/mina-arenden",
                rows.Where(r => !r.Returned).Select(r => Arende(r.Row, $"/arenden/{r.Row.Id}")).ToList()),
        ];
    }

    private async Task<AttGoraSection> ForvaltningschefAsync(Guid org, OrganisationKind? kind, CancellationToken ct)
    {
        var rows = await Open(org, RemissvarState.HosForvaltningschef).ToListAsync(ct);
        return new("godkanna", "Tjänsteutlåtanden att godkänna", "Inget tjänsteutlåtande väntar på ditt godkännande.", "/",
            rows.Select(r => Arende(r, $"/arenden/{r.Id}", $"skickat till {RoleNames.Chef(kind ?? OrganisationKind.Namnd)}, svar senast {SwedishText.LongDate(r.Svarsdatum)}")).ToList());
    }

    private async Task<IEnumerable<AttGoraSection>> NamndsekreterareAsync(Guid org, DateOnly today, CancellationToken ct)
    {
        string[] states = [RemissvarState.Godkand, RemissvarState.PreliminartSvarLamnat, RemissvarState.InlamnadEjAnmald, RemissvarState.Anmald, RemissvarState.Beslutad, RemissvarState.Justerad, RemissvarState.OrdforandebeslutFattat];
        // Filters go on the entities: EF cannot translate a subquery over the projected record.
        var rows = await (from v in db.Remissvar.AsNoTracking()
                          where v.InstansId == org && states.Contains(v.Status)
                          join r in db.Remisser on v.RemissId equals r.Id
                          orderby v.Svarsdatum, v.AvsandareDnr
                          select new
                          {
                              Row = new SvarRow(v.Id, r.Title, v.AvsandareDnr, v.Dnr, v.Status, v.Svarsdatum, v.HandlaggareId),
                              Mote = (from p in db.Foredragningspunkter
                                      where p.RemissvarId == v.Id
                                      join m in db.Sammantraden on p.SammantradeId equals m.Id
                                      select (DateOnly?)m.Datum).Max(),
                          }).ToListAsync(ct);
        return
        [
            new("anmala", "Att anmäla till sammanträde", "Inget ärende väntar på att anmälas.", "/sammantraden",
                rows.Where(r => r.Row.Status is RemissvarState.Godkand or RemissvarState.PreliminartSvarLamnat or RemissvarState.InlamnadEjAnmald)
                    .Select(r => Arende(r.Row, $"/arenden/{r.Row.Id}", r.Row.Status == RemissvarState.InlamnadEjAnmald
                        ? "ordförandebeslutet ska anmälas vid nästa sammanträde"
                        : $"tjänsteutlåtandet är godkänt, svar senast {SwedishText.LongDate(r.Row.Svarsdatum)}")).ToList()),
            // A meeting still ahead has no beslut to record yet; it waits from the meeting's day.
            new("protokollfora", "Beslut att protokollföra", "Inget beslut väntar på att protokollföras.", "/sammantraden",
                rows.Where(r => r.Row.Status == RemissvarState.Anmald && r.Mote is { } d && d <= today)
                    .Select(r => Arende(r.Row, $"/arenden/{r.Row.Id}/beslut", $"sammanträdet {SwedishText.LongDate(r.Mote!.Value)}")).ToList()),
            new("justera", "Justeringar", "Inget protokoll väntar på justering.", "/sammantraden",
                rows.Where(r => r.Row.Status == RemissvarState.Beslutad).Select(r => Arende(r.Row, $"/arenden/{r.Row.Id}", r.Mote is { } d ? $"beslutat vid sammanträdet {SwedishText.LongDate(d)}" : null)).ToList()),
            new("lamna_in", "Svar att lämna in", "Inget svar väntar på att lämnas in.", "/sammantraden",
                rows.Where(r => r.Row.Status is RemissvarState.Justerad or RemissvarState.OrdforandebeslutFattat).Select(r => Arende(r.Row, $"/arenden/{r.Row.Id}")).ToList()),
        ];
    }

    /// <summary>
    /// Meetings whose protokoll is not justerat within the legal 14 days (KL 5:69): a protokoll drawn up and not
    /// justerat, or a meeting with beslut not yet justerade and no protokoll at all. Beslut justerade one by one (the
    /// paragraph's own justering, as before whole protokoll were kept) need nothing more. Only the last year is looked at.
    /// </summary>
    private async Task<AttGoraSection> SenaProtokollAsync(Guid org, DateOnly today, CancellationToken ct)
    {
        var latest = today.AddDays(-Features.ProtokollJustering.ProtokollRules.JusteringDagar - 1);
        var earliest = today.AddYears(-1);
        var rows = await (from m in db.Sammantraden.AsNoTracking()
                          join o in db.Organ.AsNoTracking() on m.OrganId equals o.Id
                          where o.OrganisationId == org && m.Datum <= latest && m.Datum >= earliest
                          let p = db.Protokoll.FirstOrDefault(p => p.SammantradeId == m.Id)
                          where (p != null && p.JusteratDatum == null) || (p == null && db.Beslut.Any(b => b.SammantradeId == m.Id && b.JusteradDatum == null))
                          orderby m.Datum
                          select new { m.Id, m.Datum, o.Name, Finns = p != null }).ToListAsync(ct);
        return new("protokoll_sena", "Protokoll som inte är justerade i tid", "Inget protokoll är sent med justeringen.", "/sammantraden",
            rows.Select(r => new AttGoraItem(r.Id, $"{r.Name} {SwedishText.IsoDate(r.Datum)}", $"/sammantraden/{r.Id}/protokoll",
                $"{(r.Finns ? "inte justerat" : "protokollet är inte upprättat")}; justeringen skulle vara klar {SwedishText.LongDate(r.Datum.AddDays(Features.ProtokollJustering.ProtokollRules.JusteringDagar))}",
                r.Datum.AddDays(Features.ProtokollJustering.ProtokollRules.JusteringDagar))).ToList());
    }

    /// <summary>Closed remisser no package has delivered yet: the arkivarie's queue for the e-arkiv.</summary>
    private async Task<AttGoraSection> AttLevereraAsync(CancellationToken ct)
    {
        var final = Features.Arkiv.ExportArkivpaket.AvslutadeRemisser.ToList();
        var rows = await db.Remisser.AsNoTracking()
            .Where(r => final.Contains(r.Status) && !db.Handelser.Any(h => h.ArendeId == r.Id && h.Action == Features.Arkiv.ExportArkivpaket.Action))
            .OrderBy(r => r.Dnr).Select(r => new { r.Id, r.Dnr, r.Title, r.Status }).ToListAsync(ct);
        return new("arkiv_leverera", "Avslutade remisser att leverera till e-arkivet", "Allt avslutat är levererat.", "/arkiv",
            rows.Select(r => new AttGoraItem(r.Id, $"{r.Dnr} – {r.Title}", "/arkiv", r.Status == "avslutad" ? "avslutad, inte levererad" : "återkallad, inte levererad", null)).ToList());
    }

    /// <summary>The proposal that waits for the arkivarie's decision, or else what the plan lets be gallrat today, per ärende.</summary>
    private async Task<AttGoraSection> AttGallraAsync(Guid org, DateOnly today, CancellationToken ct)
    {
        const string heading = "Gallring enligt dokumenthanteringsplanen";
        const string empty = "Ingenting får gallras i dag.";
        if (await db.Gallringsbeslut.AsNoTracking().Where(g => g.OrganisationId == org && g.Status == "foreslaget")
                .Select(g => new { g.Id, g.Beteckning, N = g.Poster.Count }).FirstOrDefaultAsync(ct) is { } open)
        {
            return new("arkiv_gallra", heading, empty, "/arkiv",
                [new AttGoraItem(open.Id, $"Förslag {open.Beteckning}", $"/arkiv/gallring/{open.Id}", $"{open.N} handlingar, väntar på ditt beslut", null)]);
        }

        var due = (await Features.Gallring.Gallringsplan.KandidaterAsync(db, org, today, ct)).Where(k => k.Status == Features.Gallring.GallringsStatus.Forfallen);
        return new("arkiv_gallra", heading, empty, "/arkiv", due.GroupBy(k => (k.ArendeId, k.Dnr))
            .Select(g => new AttGoraItem(g.Key.ArendeId, g.Key.Dnr ?? "Ärende utan diarienummer", "/arkiv/gallring", $"{g.Count()} handlingar får gallras", g.Min(k => k.GallrasFran)))
            .ToList());
    }

    /// <summary>Protokoll sent to justering where this ledamot is ordförande or a chosen justerare and has not approved yet.</summary>
    private async Task<AttGoraSection> AttJusteraAsync(Guid org, Guid userId, CancellationToken ct)
    {
        var open = await (from p in db.Protokoll.AsNoTracking().Include(p => p.Godkannanden)
                          join m in db.Sammantraden.AsNoTracking() on p.SammantradeId equals m.Id
                          join o in db.Organ.AsNoTracking() on m.OrganId equals o.Id
                          where o.OrganisationId == org && p.Status == "under_justering"
                          select new { p, m, o.Name }).ToListAsync(ct);
        var items = new List<AttGoraItem>();
        foreach (var x in open.OrderBy(x => x.m.Datum))
        {
            var signers = await Features.ProtokollJustering.ProtokollRules.SignersAsync(db, x.p, x.m, ct);
            if (signers.FirstOrDefault(s => s.Ledamot.UserId == userId) is { } me && !x.p.Godkannanden.Any(g => g.LedamotId == me.Ledamot.Id && g.ParagrafId == null))
            {
                items.Add(new AttGoraItem(x.p.Id, $"{x.Name} {SwedishText.IsoDate(x.m.Datum)}", $"/kallelser/{x.m.Id}/justering",
                    x.p.JusteringTid is { } t ? $"justering {SwedishText.IsoDate(StockholmTime.DateOf(t))} kl. {StockholmTime.ToLocal(t):HH:mm}" : null, x.m.Datum));
            }
        }

        return new("att_justera", "Protokoll att justera", "Inget protokoll väntar på din justering.", "/kallelser", items);
    }

    private async Task<IEnumerable<AttGoraSection>> KsAsync(Guid org, DateOnly today, CancellationToken ct)
    {
        var anstand = await (from a in db.Anstand.AsNoTracking()
                             where a.Beslut == AnstandBeslut.Begart
                             join v in db.Remissvar on a.RemissvarId equals v.Id
                             join r in db.Remisser on v.RemissId equals r.Id
                             where r.AvsandareId == org
                             join o in db.Organisationer on v.InstansId equals o.Id
                             orderby a.BegartAt
                             select new { a.Id, RemissId = r.Id, SvarId = v.Id, r.Dnr, r.Title, Instans = o.Name, a.BegartDatum, v.Svarsdatum }).ToListAsync(ct);

        // Grouped per remiss: at 80 instanser a remiss, one line each would bury the page.
        var since = today.AddDays(-InkomnaSvarDagar);
        var sinceAt = StockholmTime.ToUtc(since, TimeOnly.MinValue);
        var open = RemissStates.AwaitingAnswers;
        // One pass over the open remissers' answers (by the RemissId index), not two scans of every remissvar.
        var answered = RemissvarStates.Answered;
        var perRemiss = await (from r in db.Remisser.AsNoTracking()
                               where r.AvsandareId == org && open.Contains(r.Status)
                               join v in db.Remissvar on r.Id equals v.RemissId
                               group v by new { r.Id, r.Dnr, r.Title } into g
                               select new
                               {
                                   g.Key.Id,
                                   g.Key.Dnr,
                                   g.Key.Title,
                                   Nya = g.Count(v => v.InlamnadAt != null && v.InlamnadAt >= sinceAt),
                                   Sena = g.Count(v => v.Svarsdatum < today && !answered.Contains(v.Status)),
                                   Tidigast = g.Where(v => v.Svarsdatum < today && !answered.Contains(v.Status)).Min(v => (DateOnly?)v.Svarsdatum),
                               })
            .Where(x => x.Nya > 0 || x.Sena > 0)
            .ToListAsync(ct);
        var inkomna = perRemiss.Where(x => x.Nya > 0).Select(x => new { x.Id, x.Dnr, x.Title, Antal = x.Nya }).ToList();
        var sena = perRemiss.Where(x => x.Sena > 0).Select(x => new { x.Id, x.Dnr, x.Title, Antal = x.Sena, Tidigast = x.Tidigast!.Value }).ToList();

        return
        [
            new("anstand", "Begärda anstånd", "Inget anstånd väntar på beslut.", "/remisser",
                anstand.Select(a => new AttGoraItem(a.Id, $"{a.Instans} – {a.Title}", $"/remisser/{a.RemissId}/svar/{a.SvarId}",
                    $"{a.Dnr}: begär anstånd från {SwedishText.LongDate(a.Svarsdatum)} till {SwedishText.LongDate(a.BegartDatum)}", a.BegartDatum)).ToList()),
            new("inkomna", "Inkomna svar", $"Inga svar har kommit in de senaste {InkomnaSvarDagar} dagarna.", "/remisser",
                inkomna.OrderBy(i => i.Dnr).Select(i => new AttGoraItem(i.Id, $"{i.Dnr} – {i.Title}", $"/remisser/{i.Id}",
                    SwedishText.Count(i.Antal, "nytt svar", "nya svar"), null)).ToList()),
            new("sena", "Sena instanser", "Ingen instans är sen med sitt svar.", "/remisser",
                sena.OrderBy(s => s.Tidigast).Select(s => new AttGoraItem(s.Id, $"{s.Dnr} – {s.Title}", $"/remisser/{s.Id}",
                    $"{SwedishText.Count(s.Antal, "instans", "instanser")} har inte svarat, svarsdatum {SwedishText.LongDate(s.Tidigast)}", s.Tidigast)).ToList()),
        ];
    }

    private async Task<IEnumerable<AttGoraSection>> AdministratorAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var users = await (from u in db.Users.AsNoTracking()
                           join o in db.Organisationer on u.OrganisationId equals o.Id
                           where (u.LockoutEnd != null && u.LockoutEnd > now && u.LockoutEnd < AppUser.DeactivatedFrom)
                                 || ((u.LockoutEnd == null || u.LockoutEnd < AppUser.DeactivatedFrom) && !db.UserRoles.Any(ur => ur.UserId == u.Id))
                           orderby u.DisplayName
                           select new { u.Id, u.DisplayName, Org = o.Name, Locked = u.LockoutEnd != null && u.LockoutEnd > now, HasRoles = db.UserRoles.Any(ur => ur.UserId == u.Id) })
                          .ToListAsync(ct);
        var orgs = await db.Organisationer.AsNoTracking()
            .Where(o => !db.Users.Any(u => u.OrganisationId == o.Id && (u.LockoutEnd == null || u.LockoutEnd < AppUser.DeactivatedFrom)))
            .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        return
        [
            new("laste", "Konton som är låsta", "Inget konto är låst.", "/admin",
                users.Where(u => u.Locked).Select(u => new AttGoraItem(u.Id, u.DisplayName, $"/admin/anvandare/{u.Id}", $"{u.Org}: låst efter för många misslyckade inloggningar", null)).ToList()),
            new("utan_roller", "Konton utan roller", "Alla aktiva konton har minst en roll.", "/admin",
                users.Where(u => !u.HasRoles).Select(u => new AttGoraItem(u.Id, u.DisplayName, $"/admin/anvandare/{u.Id}", $"{u.Org}: kan logga in men har inga arbetsuppgifter", null)).ToList()),
            new("org_utan_anvandare", "Organisationer utan användare", "Alla organisationer har aktiva användare.", "/admin",
                orgs.Select(o => new AttGoraItem(o.Id, o.Name, $"/admin/organisationer/{o.Id}", "ingen kan arbeta med organisationens remissvar", null)).ToList()),
        ];
    }

    /// <summary>
    /// The shared queues (<see cref="KoRules"/>): an ärende a colleague has taken leaves the reader's sections; one the
    /// reader took, or the absent person they stand in for, moves to "Ärenden du har tagit" at the top. The rest wait in
    /// the queue with the version "Ta ärendet" claims. A claim for an older version, or by a deactivated account, has lapsed.
    /// </summary>
    private async Task<List<AttGoraSection>> KoAsync(List<AttGoraSection> sections, Actor actor, Guid org, CancellationToken ct)
    {
        var queued = sections.Where(s => KoRules.Sektioner.ContainsKey(s.Key) && s.Count > 0).ToList();
        if (actor.UserId is not { } me || !sections.Any(s => KoRules.Sektioner.ContainsKey(s.Key)))
        {
            return sections;
        }

        var ids = queued.SelectMany(s => s.Items.Select(i => i.Id)).Distinct().ToList();
        var versions = await db.Remissvar.AsNoTracking().Where(v => ids.Contains(v.Id)).Select(v => new { v.Id, v.Version }).ToDictionaryAsync(v => v.Id, v => v.Version, ct);
        var claims = await (from k in db.KoTagningar.AsNoTracking()
                            where ids.Contains(k.RemissvarId)
                            join v in db.Remissvar on k.RemissvarId equals v.Id
                            where v.Version == k.SvarVersion
                            join u in db.Users on k.TagenAv equals u.Id
                            where u.LockoutEnd == null || u.LockoutEnd < AppUser.DeactivatedFrom
                            select new { k.RemissvarId, k.TagenAv, u.DisplayName }).ToDictionaryAsync(k => k.RemissvarId, ct);
        var organisation = await db.Organisationer.AsNoTracking().Where(o => o.Id == org).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        var mine = actor.Uppdrag.Select(u => u.UserId).Append(me).ToHashSet();

        var tagna = new List<AttGoraItem>();
        var result = new List<AttGoraSection>();
        foreach (var s in sections)
        {
            if (!KoRules.Sektioner.TryGetValue(s.Key, out var role))
            {
                result.Add(s);
                continue;
            }

            var waiting = new List<AttGoraItem>();
            var others = 0;
            foreach (var item in s.Items)
            {
                if (!claims.TryGetValue(item.Id, out var claim))
                {
                    waiting.Add(item with { KoVersion = versions.GetValueOrDefault(item.Id) });
                }
                else if (mine.Contains(claim.TagenAv))
                {
                    var vem = claim.TagenAv == me ? "" : $" (tagen av {claim.DisplayName})";
                    tagna.Add(item with { Detail = $"{s.Heading}{vem}{(item.Detail is null ? "" : ": " + item.Detail)}", Tagen = true });
                }
                else
                {
                    others++;
                }
            }

            result.Add(s with { Items = waiting, Ko = KoRules.Namn(role, organisation), TagnaAvAndra = others });
        }

        if (tagna.Count > 0)
        {
            result.Insert(0, new AttGoraSection("tagna", "Ärenden du har tagit", "Du har inte tagit något ärende ur en kö.", "/",
                tagna.OrderBy(i => i.Datum ?? DateOnly.MaxValue).ToList()));
        }

        return result;
    }
}
