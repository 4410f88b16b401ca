using RemissFlow.Core.Documents;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Files;
using RemissFlow.Documents;
using RemissFlow.Documents.Composition;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.ProtokollJustering;

/// <summary>
/// Renders the whole meeting's protokoll (PDF or Word): heading, närvaro, every item of the föredragningslista in
/// order with its beslut, and the signatures with each digital justering. The public copy leaves out the text of
/// paragraphs marked not public. Readers' access is the caller's to check.
/// </summary>
public sealed class ProtokollExport(RemissFlowDbContext db, DocumentRenderer renderer, FileStore files)
{
    public async Task<MeetingFile?> RenderAsync(Guid sammantradeId, bool docx, bool offentlig, CancellationToken ct)
    {
        var meeting = await db.Sammantraden.AsNoTracking().FirstOrDefaultAsync(m => m.Id == sammantradeId, ct);
        if (meeting is null)
        {
            return null;
        }

        var organ = await db.Organ.AsNoTracking().FirstAsync(o => o.Id == meeting.OrganId, ct);
        var organisation = await db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == organ.OrganisationId, ct);
        var letterhead = Letterheads.IdFor(organisation, renderer, files);
        var model = await ModelAsync(meeting, organ, offentlig, ct);
        var doc = ProtokollDocument.Compose(model, renderer.Letterhead(letterhead));
        var name = $"protokoll-{FileSafe(organ.Name)}-{meeting.Datum:yyyy-MM-dd}";
        if (docx)
        {
            return new MeetingFile(renderer.RenderComposedDocx(doc), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name + ".docx");
        }

        var pdf = renderer.RenderComposedPdf(doc, letterhead);
        return new MeetingFile(pdf.Bytes, "application/pdf", name + ".pdf", pdf.Pages);
    }

    public async Task<ProtokollModel> ModelAsync(Sammantrade meeting, Organ organ, bool offentlig, CancellationToken ct)
    {
        var protokoll = await db.Protokoll.AsNoTracking().Include(p => p.Godkannanden).FirstOrDefaultAsync(p => p.SammantradeId == meeting.Id, ct)
            ?? new Protokoll { SammantradeId = meeting.Id, Status = "upprattat" };
        var members = await db.Ledamoter.AsNoTracking()
            .Where(l => l.OrganId == organ.Id && l.Fran <= meeting.Datum && meeting.Datum <= l.Till).ToListAsync(ct);
        var present = await Narvarande.PresentAsync(db, meeting, ct);
        var signers = await ProtokollRules.SignersAsync(db, protokoll, meeting, ct);
        var punkter = await Foredragningslista.LoadAsync(db, meeting.Id, ct);
        var data = await SammantradeProtokollData.LoadAsync(db, meeting.Id, ct);
        var narvaro = data?.Narvaro.ToDictionary(n => n.LedamotId) ?? new Dictionary<Guid, NarvaroRad>();
        string Named(Guid ledamotId, string namn) => narvaro.TryGetValue(ledamotId, out var n) && n.Parti is { } parti ? $"{namn} ({parti})" : namn;
        var beslut = await db.Beslut.AsNoTracking().Where(b => b.SammantradeId == meeting.Id || b.AnmalsVidSammantradeId == meeting.Id).ToListAsync(ct);
        // A sekretessmarkerad paragraph is left out of the public protokoll as one marked not offentlig is.
        var hemliga = await Sekretess.SekretessRegister.MarkedAsync(db, SekretessTyp.Beslut, beslut.Select(b => b.Id), ct);

        var paragrafer = new List<ProtokollParagraf>();
        foreach (var p in punkter)
        {
            var b = p.RemissvarId is { } svarId ? beslut.Where(x => x.RemissvarId == svarId).OrderByDescending(x => x.Datum).FirstOrDefault() : null;
            var id = b?.Id ?? p.Id;
            var recorded = data?.PunktOf(p.Id);
            paragrafer.Add(new ProtokollParagraf(
                b?.Paragraf ?? p.Paragraf, p.Ordning, p.Rubrik, p.Dnr,
                b is null ? (p.ArRemissarende ? [] : ProseText.ToPoints(p.Beslutsforslag)) : ProseText.ToPoints(b.Beslutstext),
                b?.Yrkanden.Select(y => (y.Ledamot, y.Text)).ToList() ?? [],
                ProseText.ToPoints(b?.Voteringsordning),
                recorded?.Voteringar is { Count: > 0 } voteringar ? Votering(voteringar[^1], Named) : null,
                b?.Reservationer.Select(y => (y.Ledamot, y.Text)).ToList() ?? [],
                b?.SarskildaUttalanden.Select(y => (y.Ledamot, y.Text)).ToList() ?? [],
                recorded?.Jav.Select(j => $"{Named(j.LedamotId, j.Namn)} anmäler jäv och deltar inte i handläggningen"
                    + (j.ErsattareId is { } e ? $"; {Named(e, j.ErsattareNamn ?? "")} tjänstgör i stället." : ".")).ToList() ?? [],
                b?.OmedelbarJustering ?? false,
                protokoll.Godkannanden.Where(g => g.ParagrafId == id).OrderBy(g => g.At).Select(Line).ToList(),
                protokoll.EjOffentliga.Contains(id) || hemliga.Contains(id)));
        }

        // An ordförandebeslut reported here has its § in this protokoll though it is not on the föredragningslista.
        foreach (var b in beslut.Where(x => x.AnmalsVidSammantradeId == meeting.Id && x.SammantradeId != meeting.Id))
        {
            paragrafer.Add(new ProtokollParagraf(b.Paragraf, paragrafer.Count + 1, "Anmälan av ordförandebeslut", null, ProseText.ToPoints(b.Beslutstext),
                [], [], null, [], [], [], false, [], protokoll.EjOffentliga.Contains(b.Id) || hemliga.Contains(b.Id)));
        }

        var ordered = paragrafer.OrderBy(x => x.Paragraf ?? int.MaxValue).ThenBy(x => x.Punkt).ToList();
        var sekreterare = (await db.Users.AsNoTracking()
                .Where(u => u.OrganisationId == organ.OrganisationId)
                .Join(db.UserRoles, u => u.Id, ur => ur.UserId, (u, ur) => new { u, ur.RoleId })
                .Join(db.Roles, x => x.RoleId, r => r.Id, (x, r) => new { x.u, r.NormalizedName })
                .Where(x => x.NormalizedName == "NAMNDSEKRETERARE").Select(x => x.u.DisplayName).ToListAsync(ct))
            .Order(StringComparer.Ordinal).FirstOrDefault();

        string? justering = null;
        if (protokoll.JusteringTid is { } tid)
        {
            var local = StockholmTime.ToLocal(tid);
            justering = $"{SwedishText.WithWeekday(DateOnly.FromDateTime(local.DateTime))} kl. {local:HH:mm}{(protokoll.JusteringPlats is { } plats ? ", " + plats : "")}";
        }
        else if (protokoll.JusteringPlats is { } plats)
        {
            justering = plats;
        }

        string? anslag = protokoll.AnslagUppsatt is { } upp
            ? $"Justeringen har tillkännagetts på anslagstavlan den {SwedishText.IsoDate(upp)}; anslaget tas ned den {SwedishText.IsoDate(protokoll.AnslagTasNed!.Value)}. " +
              $"Protokollet förvaras hos {protokoll.Forvaringsplats}. Den som vill överklaga beslut genom laglighetsprövning ska göra det senast den {SwedishText.IsoDate(protokoll.OverklagandeTill!.Value)}."
            : null;

        // Once the närvaro is recorded an ersättare present is listed apart: serving for whom, or present without serving.
        List<NarvaroRad> ersattare = data is { NarvaroRegistrerad: true } ? data.Narvaro.Where(n => n.ArErsattare && n.Narvarande).ToList() : [];
        return new ProtokollModel(
            organ.Name, meeting.Datum, meeting.Tid, meeting.Lokal,
            members.Where(l => present.Contains(l.Id) && l.Uppdrag != Uppdrag.Ersattare)
                .OrderBy(l => l.Uppdrag).ThenBy(l => l.Namn, StringComparer.Ordinal).Select(Member).ToList(),
            ersattare.Where(n => n.ErsatterId is not null).Select(n => $"{Named(n.LedamotId, n.Namn)} för {n.ErsatterNamn}").ToList(),
            ersattare.Where(n => n.ErsatterId is null).Select(n => $"{Named(n.LedamotId, n.Namn)}, ersättare").ToList(),
            signers.Where(s => s.Roll == JusteringsRoll.Justerare).Select(s => s.Ledamot.Namn).ToList(),
            justering,
            ordered,
            sekreterare,
            signers.FirstOrDefault(s => s.Roll == JusteringsRoll.Ordforande)?.Ledamot.Namn,
            protokoll.Godkannanden.Where(g => g.ParagrafId is null).OrderBy(g => g.At).Select(Line).ToList(),
            anslag,
            offentlig);
    }

    /// <summary>Who voted how, by name, and the result with the two propositions, as the protokoll states a votering (KL 5:67).</summary>
    private static ProtokollVotering Votering(VoteringRad v, Func<Guid, string, string> named)
    {
        List<string> Of(Rost rost) => v.Roster.Where(r => r.Rost == rost).Select(r => named(r.LedamotId, r.Namn)).ToList();
        var utslag = v.Utslagsrost ? " Ordförandens utslagsröst avgjorde vid lika röstetal." : "";
        var utfall = $"Ja-proposition: {v.JaForslag.TrimEnd('.')}. Nej-proposition: {v.NejForslag.TrimEnd('.')}. Omröstningen utföll med {v.Ja} ja-röster, {v.Nej} nej-röster "
            + $"och {v.Avstar} som avstod.{utslag} Nämnden har beslutat enligt {v.Utfall.TrimEnd('.')}.";
        return new ProtokollVotering(Of(Rost.Ja), Of(Rost.Nej), Of(Rost.Avstar), utfall);
    }

    private static string Member(Ledamot l)
    {
        var roll = l.Uppdrag switch { Uppdrag.Ordforande => "ordförande", Uppdrag.ViceOrdforande => "vice ordförande", _ => null };
        var parti = l.Parti is { } p ? " (" + p + ")" : "";
        return roll is null ? l.Namn + parti : $"{l.Namn}{parti}, {roll}";
    }

    /// <summary>"Justerat digitalt av … den …": the approval as it is printed, in Stockholm time.</summary>
    public static string Line(ProtokollGodkannande g)
    {
        var local = StockholmTime.ToLocal(g.At);
        var roll = g.Roll == JusteringsRoll.Ordforande ? "ordförande" : "justerare";
        return $"Justerat digitalt av {g.Namn} ({roll}) den {local:yyyy-MM-dd} kl. {local:HH:mm}";
    }

    private static string FileSafe(string name) =>
        string.Concat(name.ToLowerInvariant().Select(c => c switch { 'å' or 'ä' => 'a', 'ö' => 'o', _ when char.IsAsciiLetterOrDigit(c) => c, _ => '-' })).Trim('-');
}
