using RemissFlow.Core.Features.Mallar;
using RemissFlow.Core.Files;
using RemissFlow.Documents;
using RemissFlow.Documents.Models;
using RemissFlow.Documents.Templates;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Runtime;
using DomainBeredning = RemissFlow.Core.Domain.BeredningHandelse;
using ModelBeredning = RemissFlow.Documents.Models.BeredningHandelse;

namespace RemissFlow.Core.Documents;

/// <summary>Data a document needs is missing (no TU yet, no beslut, no dnr …). The message is Swedish, for the user.</summary>
public sealed class DocumentDataException(string message) : Exception(message);

/// <summary>
/// Builds the renderer's document models from the database. Read-only: it never changes a row, so a
/// document can be previewed at any point of the workflow.
/// </summary>
public sealed class DocumentModelFactory(RemissFlowDbContext db, DocumentRenderer renderer, FileStore files, TimeProvider clock)
{
    /// <summary>
    /// The TU of a remissvar. <paramref name="versionNummer"/> null: the approved version, else the latest.
    /// </summary>
    public async Task<TjansteutlatandeModel> TjansteutlatandeAsync(Guid remissvarId, int? versionNummer = null, CancellationToken ct = default)
    {
        var svar = await RemissvarAsync(remissvarId, ct);
        var remiss = await db.Remisser.AsNoTracking().SingleAsync(r => r.Id == svar.RemissId, ct);
        var instans = await OrganisationAsync(svar.InstansId, ct);
        var avsandare = await OrganisationAsync(remiss.AvsandareId, ct);
        var tu = await db.Tjansteutlatanden.AsNoTracking().Include(t => t.Versioner)
            .SingleOrDefaultAsync(t => t.RemissvarId == remissvarId, ct)
            ?? throw new DocumentDataException($"Ärendet {Label(svar)} har inget tjänsteutlåtande ännu.");
        var nummer = versionNummer ?? tu.GodkandVersion ?? tu.Versioner.Select(v => v.Nummer).DefaultIfEmpty(0).Max();
        var version = tu.Versioner.SingleOrDefault(v => v.Nummer == nummer)
            ?? throw new DocumentDataException(versionNummer is null
                ? $"Tjänsteutlåtandet i {Label(svar)} har ingen sparad version."
                : $"Tjänsteutlåtandet i {Label(svar)} har ingen version {versionNummer}.");
        var dnr = svar.Dnr ?? throw new DocumentDataException("Remissvaret har inget eget diarienummer ännu; registrera ärendet först.");

        // A saved version renders the same forever: what it shows of the ärende is what had been recorded when it was
        // saved (rows from before those times were kept have none and always count), its own rubrik and its own author.
        var savedAt = version.SkapadAt;
        var namnd = await NamndOrganAsync(instans.Id, ct);
        var sammantrade = (await (
                from p in db.Foredragningspunkter.AsNoTracking()
                join s in db.Sammantraden.AsNoTracking() on p.SammantradeId equals s.Id
                where p.RemissvarId == remissvarId
                select new { s.Datum, p.AnmaldAt })
            .ToListAsync(ct))
            .Where(p => p.AnmaldAt is null || p.AnmaldAt <= savedAt)
            .Select(p => p.Datum)
            .ToList();

        var handlaggare = await UserAsync(version.SkapadAv, ct) ?? await UserAsync(svar.HandlaggareId, ct)
            ?? throw new DocumentDataException($"Ärendet {dnr} har ingen handläggare.");
        var signer = await SignerAsync(tu, nummer, instans.Id, ct);

        // The document says what the editor showed: the nämnd's omedelbar justering point and the svarsdatum sentence are
        // offered as editable default text in the editor (Pages/Arenden/Tu), never added here behind the handläggare's back.
        var points = ProseText.ToPoints(version.ForslagTillBeslut);

        var handelser = (await db.BeredningHandelser.AsNoTracking().Where(h => h.RemissvarId == remissvarId).ToListAsync(ct))
            .Where(h => h.RegistreradAt is null || h.RegistreradAt <= savedAt).ToList();
        var bilagor = await BilagorAsync(svar, savedAt, ct);

        var (letterhead, mall) = await LetterheadAsync(instans, DocumentKind.Tjansteutlatande, ct);
        if (tu.GodkandVersion == nummer && version.MallVersion is { } fixedWith)
        {
            // The approved version renders as approved: with the template kept then, not the organisation's current one.
            mall = await Mallversioner.StoredAsync(db, DocumentKind.Tjansteutlatande, fixedWith, ct);
        }

        return new TjansteutlatandeModel
        {
            Organisation = letterhead,
            Mall = mall,
            Dnr = dnr,
            Datum = tu.GodkandVersion == nummer && tu.GodkandAt is { } approved
                ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(approved, StockholmTime.Zone).DateTime)
                : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(version.SkapadAt, StockholmTime.Zone).DateTime),
            Handlaggare = new Person { Namn = handlaggare.DisplayName, Telefon = handlaggare.PhoneNumber, Epost = handlaggare.Email },
            Namnd = namnd?.Name ?? instans.Name,
            // An ärende sent back (återremiss) can sit on two lists; the latest meeting is the one that decides.
            Sammantradesdatum = sammantrade.Count == 0 ? null : sammantrade.Max(),
            Rubrik = version.Rubrik ?? tu.Rubrik,
            Avsandare = avsandare.Name,
            AvsandareDnr = svar.AvsandareDnr,
            Svarsdatum = svar.Svarsdatum,
            ForslagTillBeslut = points.Count == 0 ? null : points,
            OmedelbarJustering = false,
            Sammanfattning = ProseText.ToBlocks(version.Sammanfattning),
            Bakgrund = ProseText.ToBlocks(version.Bakgrund),
            BakgrundMedSvarsdatum = false,
            Arendet = ProseText.ToBlocks(version.Arendet),
            Beredning = new Beredning
            {
                // With nothing recorded and nothing written, the section still says who prepared the ärende.
                Enhet = handelser.Count == 0 && string.IsNullOrWhiteSpace(version.ArendetsBeredning)
                    ? instans.ForvaltningName ?? instans.Name
                    : null,
                Handelser = handelser.OrderBy(h => h.Datum).Select(ToModel).ToList(),
                Text = string.IsNullOrWhiteSpace(version.ArendetsBeredning) ? null : ProseText.ToBlocks(version.ArendetsBeredning),
            },
            Synpunkter = ProseText.ToBlocks(version.Synpunkter),
            Underskrifter = signer is null ? [] : [new Person { Namn = signer.DisplayName, Titel = SignerTitle(tu, nummer, signer, instans.Kind) }],
            Bilagor = bilagor,
        };
    }

    /// <summary>The protokollsutdrag of the latest beslut on the remissvar.</summary>
    public async Task<ProtokollsutdragModel> ProtokollsutdragAsync(Guid remissvarId, CancellationToken ct = default)
    {
        var svar = await RemissvarAsync(remissvarId, ct);
        var remiss = await db.Remisser.AsNoTracking().SingleAsync(r => r.Id == svar.RemissId, ct);
        var instans = await OrganisationAsync(svar.InstansId, ct);
        var avsandare = await OrganisationAsync(remiss.AvsandareId, ct);
        var beslut = (await db.Beslut.AsNoTracking().Where(b => b.RemissvarId == remissvarId).ToListAsync(ct))
            .OrderBy(b => b.Datum).ThenBy(b => b.Id).LastOrDefault()
            ?? throw new DocumentDataException($"Inget beslut är registrerat i {Label(svar)}.");
        var dnr = svar.Dnr ?? throw new DocumentDataException("Remissvaret har inget eget diarienummer ännu; registrera ärendet först.");
        var paragraf = beslut.Paragraf ?? throw new DocumentDataException($"Beslutet i {dnr} har ingen paragraf; ett protokollsutdrag kräver en.");
        var justeringsdatum = beslut.JusteradDatum ?? (beslut.OmedelbarJustering ? beslut.Datum : (DateOnly?)null)
            ?? throw new DocumentDataException($"Protokollet för beslutet i {dnr} är inte justerat ännu.");

        string namndNamn = (await NamndOrganAsync(instans.Id, ct))?.Name ?? instans.Name;
        var sammantradesdatum = beslut.Datum;
        string? platsOchTid = null;
        if (beslut.SammantradeId is { } sid
            && await db.Sammantraden.AsNoTracking().Where(s => s.Id == sid).Select(s => new { s.Datum, s.OrganId, s.Tid, s.Lokal }).SingleOrDefaultAsync(ct) is { } meeting)
        {
            sammantradesdatum = meeting.Datum;
            platsOchTid = string.Join(", ", new[] { meeting.Lokal, meeting.Tid is { } tid ? $"{SwedishText.WithWeekday(meeting.Datum)} kl. {tid.ToString("HH.mm", SwedishText.Culture)}" : null }
                .Where(x => !string.IsNullOrWhiteSpace(x)));
            namndNamn = await db.Organ.AsNoTracking().Where(o => o.Id == meeting.OrganId).Select(o => o.Name).SingleAsync(ct);
        }

        var sekreterare = await FirstWithRoleAsync(instans.Id, Role.Namndsekreterare, ct)
            ?? throw new DocumentDataException($"{instans.Name} har ingen nämndsekreterare som kan bestyrka utdraget.");
        var rubrik = await db.Tjansteutlatanden.AsNoTracking().Where(t => t.RemissvarId == remissvarId).Select(t => t.Rubrik).SingleOrDefaultAsync(ct)
            ?? RemissFlow.Documents.Composition.RemissRubrik.Of(remiss.Title);
        var expedieras = ProseText.ToList(beslut.ExpedierasTill);

        // The paragraph's own signatures when it was justerat omedelbart, else the whole protokoll's once it is justerat.
        var protokoll = beslut.SammantradeId is { } meetingId
            ? await db.Protokoll.AsNoTracking().Include(p => p.Godkannanden).FirstOrDefaultAsync(p => p.SammantradeId == meetingId, ct)
            : null;
        var egna = protokoll?.Godkannanden.Where(g => g.ParagrafId == beslut.Id).ToList() ?? [];
        var signerat = egna.Count > 0 ? egna
            : protokoll is { JusteratDatum: not null } ? protokoll.Godkannanden.Where(g => g.ParagrafId == null).ToList() : [];
        var digitalt = signerat.OrderBy(g => g.At).Select(Features.ProtokollJustering.ProtokollExport.Line).ToList();

        var (letterhead, mall) = await LetterheadAsync(instans, DocumentKind.Protokollsutdrag, ct);
        return new ProtokollsutdragModel
        {
            Organisation = letterhead,
            Mall = mall,
            Namnd = namndNamn,
            Sammantradesdatum = sammantradesdatum,
            Paragraf = paragraf,
            Dnr = dnr,
            Rubrik = rubrik,
            Beslut = ProseText.ToPoints(beslut.Beslutstext),
            BeslutNumrerat = ProseText.IsNumbered(beslut.Beslutstext),
            PlatsOchTid = string.IsNullOrEmpty(platsOchTid) ? null : platsOchTid,
            ForslagTillFullmaktige = ProseText.ToPoints(beslut.ForslagTillFullmaktige),
            Beslutsunderlag = ProseText.ToLines(beslut.Beslutsunderlag),
            Yrkanden = beslut.Yrkanden.Select(y => new Yrkande(y.Ledamot, y.Text)).ToList(),
            Propositionsordning = ProseText.ToPoints(beslut.Voteringsordning),
            Reservationer = beslut.Reservationer.Select(ToAnforande).ToList(),
            SarskildaUttalanden = beslut.SarskildaUttalanden.Select(ToAnforande).ToList(),
            OmedelbarJustering = beslut.OmedelbarJustering,
            Justerare = ProseText.ToList(beslut.Justerare),
            Justeringsdatum = justeringsdatum,
            JusteratDigitalt = digitalt,
            Bestyrks = new Person { Namn = sekreterare.DisplayName, Titel = sekreterare.Title ?? "Nämndsekreterare" },
            // The answer always goes back to the sender, whether or not the secretary wrote it down.
            ExpedierasTill = expedieras.Count == 0 ? [avsandare.Name] : expedieras,
        };
    }

    /// <summary>The sender's covering letter for a remiss.</summary>
    public async Task<MissivModel> MissivAsync(Guid remissId, CancellationToken ct = default)
    {
        var remiss = await db.Remisser.AsNoTracking().Include(r => r.Remisslista).SingleOrDefaultAsync(r => r.Id == remissId, ct)
            ?? throw new DocumentDataException("Remissen finns inte.");
        var avsandare = await OrganisationAsync(remiss.AvsandareId, ct);
        var ids = remiss.Remisslista.Select(p => p.OrganisationId).ToList();
        var instanser = await db.Organisationer.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var ordered = remiss.Remisslista.OrderBy(p => p.Ordning).Select(p => instanser[p.OrganisationId]).ToList();
        var handlingar = await db.Bilagor.AsNoTracking()
            .Where(b => b.RemissId == remissId && b.RemissvarId == null && b.Kind == BilagaKind.Remisshandling)
            .ToListAsync(ct);

        var (letterhead, mall) = await LetterheadAsync(avsandare, DocumentKind.Missiv, ct);
        return new MissivModel
        {
            Organisation = letterhead,
            Mall = mall,
            Dnr = remiss.Dnr,
            Datum = remiss.UtskickDatum ?? StockholmTime.Today(clock),
            Remisshandling = RemissFlow.Documents.Composition.RemissRubrik.Stripped(remiss.Title),
            Svarsdatum = remiss.Svarsdatum,
            SvarsEpost = SvarsEpost(remiss, avsandare),
            SvarsAdress = avsandare.PostalAddress,
            Inledning = ProseText.ToBlocks(remiss.Description),
            Remisslista = RemisslistaGroups(ordered),
            Kontaktperson = Kontaktperson(remiss, avsandare),
            Remisshandlingar = handlingar.OrderBy(b => b.UploadedAt).ThenBy(b => b.Id).Select(Title).ToList(),
        };
    }

    /// <summary>The sender's reminder to an instans that has not answered.</summary>
    public async Task<PaminnelseModel> PaminnelseAsync(Guid remissvarId, CancellationToken ct = default)
    {
        var svar = await RemissvarAsync(remissvarId, ct);
        var remiss = await db.Remisser.AsNoTracking().SingleAsync(r => r.Id == svar.RemissId, ct);
        var instans = await OrganisationAsync(svar.InstansId, ct);
        var avsandare = await OrganisationAsync(remiss.AvsandareId, ct);
        var beviljade = await db.Anstand.AsNoTracking()
            .Where(a => a.RemissvarId == remissvarId && a.Beslut == AnstandBeslut.Beviljat && a.BeviljatDatum != null)
            .Select(a => a.BeviljatDatum!.Value)
            .ToListAsync(ct);

        var (letterhead, mall) = await LetterheadAsync(avsandare, DocumentKind.Paminnelse, ct);
        return new PaminnelseModel
        {
            Organisation = letterhead,
            Mall = mall,
            Dnr = remiss.Dnr,
            Datum = StockholmTime.Today(clock),
            Mottagare = instans.Name,
            Remisshandling = RemissFlow.Documents.Composition.RemissRubrik.Stripped(remiss.Title),
            UrsprungligtSvarsdatum = remiss.Svarsdatum,
            // Anstånd only ever moves the date later, so the latest granted one is in force.
            ForlangtSvarsdatum = beviljade.Count == 0 ? null : beviljade.Max(),
            SvarsEpost = SvarsEpost(remiss, avsandare),
            Kontaktperson = Kontaktperson(remiss, avsandare),
        };
    }

    /// <summary>Nämnder first, then bolag, then the rest, each in the remisslista's own order.</summary>
    internal static IReadOnlyList<RemisslistaGrupp> RemisslistaGroups(IReadOnlyList<Organisation> ordered)
    {
        var groups = new (string Rubrik, Func<Organisation, bool> Member)[]
        {
            ("Nämnder", o => o.Kind is OrganisationKind.Namnd or OrganisationKind.Kommunstyrelse),
            ("Bolagsstyrelser", o => o.Kind == OrganisationKind.Bolag),
            ("Övriga remissinstanser", o => o.Kind == OrganisationKind.ExternOrganisation),
        };
        return groups
            .Select(g => new RemisslistaGrupp(g.Rubrik, ordered.Where(g.Member).Select(o => o.Name).ToList()))
            .Where(g => g.Instanser.Count > 0)
            .ToList();
    }

    /// <summary>The letterhead id for <paramref name="organisation"/> and the template <paramref name="kind"/> renders with (its saved override, if any).</summary>
    private async Task<(string Id, ResolvedTemplate Mall)> LetterheadAsync(Organisation organisation, DocumentKind kind, CancellationToken ct)
    {
        var id = Letterheads.IdFor(organisation, renderer, files);
        return (id, await Dokumentmallar.ResolveAsync(db, renderer, organisation.Id, id, kind, null, ct));
    }

    private static string SvarsEpost(Remiss remiss, Organisation avsandare) =>
        avsandare.ContactEmail ?? remiss.KontaktpersonEpost
        ?? throw new DocumentDataException($"{avsandare.Name} har ingen e-postadress för remissvar; lägg in en under organisationen.");

    private static Person Kontaktperson(Remiss remiss, Organisation avsandare) => new()
    {
        Namn = remiss.KontaktpersonNamn ?? avsandare.ForvaltningName ?? avsandare.Name,
        Epost = remiss.KontaktpersonEpost ?? avsandare.ContactEmail,
        Telefon = remiss.KontaktpersonNamn is null ? avsandare.ContactPhone : null,
        Organisation = avsandare.ForvaltningName,
    };

    /// <summary>Remisshandlingar first (the remitted document leads, as in the real TUs), then the TU's own bilagor.</summary>
    private async Task<IReadOnlyList<string>> BilagorAsync(Remissvar svar, DateTimeOffset savedBefore, CancellationToken ct)
    {
        var rows = await db.Bilagor.AsNoTracking()
            .Where(b => (b.RemissId == svar.RemissId && b.RemissvarId == null && b.Kind == BilagaKind.Remisshandling)
                || (b.RemissvarId == svar.Id && b.Kind == BilagaKind.TjansteutlatandeBilaga))
            .ToListAsync(ct);
        // A TU goes out as an allmän handling; a bilaga under sekretess is named in it as such, as in the sammanställning.
        var marked = await Features.Sekretess.SekretessRegister.MarkedAsync(db, SekretessTyp.Fil, rows.Select(b => b.Id), ct);
        return rows
            .Where(b => b.Kind == BilagaKind.Remisshandling || b.UploadedAt <= savedBefore)
            .OrderBy(b => b.Kind == BilagaKind.Remisshandling ? 0 : 1)
            .ThenBy(b => b.UploadedAt)
            .ThenBy(b => b.Id)
            .Select(b => marked.Contains(b.Id) ? "Handling med sekretess" : Title(b))
            .ToList();
    }

    /// <summary>A bilaga's title: the one KS gave the remisshandling, else its file name.</summary>
    public static string Title(Bilaga b) => string.IsNullOrWhiteSpace(b.Rubrik) ? Title(b.FileName) : b.Rubrik;

    /// <summary>A file name as a document title: the extension is noise in a signed list of attachments.</summary>
    internal static string Title(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        return string.IsNullOrWhiteSpace(name) ? fileName : name;
    }

    private static ModelBeredning ToModel(DomainBeredning h) =>
        new(h.OrganNamn, h.Datum, h.EndastMojlighet ? "mojlighet" : "behandlat");

    private static Anforande ToAnforande(Inlaga inlaga) =>
        new(ProseText.ToList(inlaga.Ledamot), string.IsNullOrWhiteSpace(inlaga.Text) ? null : inlaga.Text,
            inlaga.Form switch { Reservationsformer.Skriftlig => Reservationsform.Skriftlig, Reservationsformer.Muntlig => Reservationsform.Muntlig, _ => null },
            inlaga.TillFormanFor, inlaga.Bilaga);

    /// <summary>
    /// The signer's title; an ersättare who approved for the absent chef signs "t.f. förvaltningschef" (or "t.f. verkställande
    /// direktör"), whatever their own title, since the approval is the chef's.
    /// </summary>
    private static string SignerTitle(Tjansteutlatande tu, int nummer, AppUser signer, OrganisationKind kind)
    {
        var chef = kind == OrganisationKind.Bolag ? "verkställande direktör" : "förvaltningschef";
        if (tu.GodkandVersion == nummer && tu.GodkandAv == signer.Id && tu.GodkandPaUppdragAv is not null)
        {
            return $"t.f. {chef}";
        }

        return signer.Title ?? (kind == OrganisationKind.Bolag ? "Verkställande direktör" : "Förvaltningschef");
    }

    private async Task<AppUser?> SignerAsync(Tjansteutlatande tu, int nummer, Guid organisationId, CancellationToken ct)
    {
        // Whoever approved this version signs it; any other version shows the organisation's förvaltningschef.
        if (tu.GodkandVersion == nummer && tu.GodkandAv is { } approver && await UserAsync(approver, ct) is { } user)
        {
            return user;
        }

        return await FirstWithRoleAsync(organisationId, Role.Forvaltningschef, ct);
    }

    private async Task<AppUser?> FirstWithRoleAsync(Guid organisationId, Role role, CancellationToken ct)
    {
        var roleName = role.ToString().ToUpperInvariant();
        var users = await (
                from u in db.Users.AsNoTracking()
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where u.OrganisationId == organisationId && r.NormalizedName == roleName
                select u)
            .ToListAsync(ct);
        return users.OrderBy(u => u.DisplayName, StringComparer.Ordinal).ThenBy(u => u.Id).FirstOrDefault();
    }

    private async Task<AppUser?> UserAsync(Guid? id, CancellationToken ct) =>
        id is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);

    private async Task<Organ?> NamndOrganAsync(Guid organisationId, CancellationToken ct) =>
        (await db.Organ.AsNoTracking()
            .Where(o => o.OrganisationId == organisationId && (o.Kind == OrganKind.Namnd || o.Kind == OrganKind.Styrelse))
            .ToListAsync(ct))
        .OrderBy(o => o.Kind).ThenBy(o => o.Name, StringComparer.Ordinal).FirstOrDefault();

    private async Task<Remissvar> RemissvarAsync(Guid id, CancellationToken ct) =>
        await db.Remissvar.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct)
        ?? throw new DocumentDataException("Remissvaret finns inte.");

    private async Task<Organisation> OrganisationAsync(Guid id, CancellationToken ct) =>
        await db.Organisationer.AsNoTracking().SingleAsync(o => o.Id == id, ct);

    private static string Label(Remissvar svar) => svar.Dnr ?? svar.AvsandareDnr;
}
