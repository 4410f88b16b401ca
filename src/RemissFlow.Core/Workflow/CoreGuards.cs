using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Calendar;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Workflow;

/// <summary>The guards the definitions in workflows/ name. Each only reads; refusals are shown to people.</summary>
public static class CoreGuards
{
    public static IEnumerable<IWorkflowGuard> All() =>
    [
        new CoreGuard("tu.utkast_finns", async (_, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var has = await s.Db.Tjansteutlatanden.Where(t => t.RemissvarId == svar.Id).SelectMany(t => t.Versioner).AnyAsync(ct);
            return has ? GuardResult.Allow() : GuardResult.Refuse("Det finns inget utkast till tjänsteutlåtande att skicka.");
        }),
        new CoreGuard("beredning.organ_kravs", async (c, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            // Listing the buttons there is no organ yet: which one is chosen on the form, and checked when fired.
            if (c.Payload is not Transitions.BeredningsorganAnmalan { Organ: var kind })
            {
                return GuardResult.Allow();
            }

            var required = await RequiredOrgan(s, svar, ct);
            if (!required.Contains(kind))
            {
                return GuardResult.Refuse($"Förvaltningen använder inte {BeredningOrganNames.Definite(kind)} i beredningen.");
            }

            var done = await s.Db.BeredningHandelser.AnyAsync(h => h.RemissvarId == svar.Id && h.OrganKind == kind, ct);
            return done ? GuardResult.Refuse($"Ärendet har redan behandlats i {BeredningOrganNames.Definite(kind)}.") : GuardResult.Allow();
        }),
        new CoreGuard("beredning.organ_klara", async (_, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var required = await RequiredOrgan(s, svar, ct);
            var done = await s.Db.BeredningHandelser.Where(h => h.RemissvarId == svar.Id).Select(h => h.OrganKind).ToListAsync(ct);
            var missing = required.Where(r => !done.Contains(r)).ToList();
            return missing.Count == 0
                ? GuardResult.Allow()
                : GuardResult.Refuse($"Ärendet har inte behandlats i {string.Join(" och ", missing.Select(BeredningOrganNames.Definite))}.");
        }),
        new CoreGuard("sammantrade.inget_fore_svarsdatum", async (_, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var calendar = s.Services.GetRequiredService<IWorkingDayCalendar>();
            var today = s.Today();
            var lastDay = calendar.PreviousWorkingDay(svar.Svarsdatum);
            var organ = await s.Db.Organ.Where(o => o.OrganisationId == svar.InstansId && (o.Kind == OrganKind.Namnd || o.Kind == OrganKind.Styrelse)).ToListAsync(ct);
            foreach (var o in organ)
            {
                var meetings = await s.Db.Sammantraden.Where(m => m.OrganId == o.Id && m.Datum >= today && m.Datum <= lastDay).Select(m => m.Datum).ToListAsync(ct);
                var justering = o.OmedelbarJusteringForRemissvar ? 0 : o.JusteringArbetsdagar;
                var fitting = meetings.Where(d => calendar.AddWorkingDays(d, justering) <= lastDay).Order().ToList();
                if (fitting.Count > 0)
                {
                    return GuardResult.Refuse($"Nämnden sammanträder {SwedishText.LongDate(fitting[0])}, i tid före svarsdatum; ordförandebeslut används bara när inget sammanträde hinns med.");
                }
            }

            return GuardResult.Allow();
        }),
        new CoreGuard("avsandare.tillater_forvaltningens_svar", (_, s, _) => Task.FromResult(
            ((RemissvarSubject)s).Remiss.TillaterForvaltningensSvar
                ? GuardResult.Allow()
                : GuardResult.Refuse("Avsändaren tar inte emot förvaltningens svar utan nämndbeslut."))),
        new CoreGuard("avsandare.tillater_preliminart_svar", (_, s, _) => Task.FromResult(
            ((RemissvarSubject)s).Remiss.TillaterForvaltningensSvar
                ? GuardResult.Allow()
                : GuardResult.Refuse("Avsändaren tar inte emot preliminära svar."))),
        new CoreGuard("svar.handlingar_kompletta", async (c, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var tu = await s.Db.Tjansteutlatanden.AsNoTracking().FirstOrDefaultAsync(t => t.RemissvarId == svar.Id, ct);
            if (tu?.GodkandVersion is null)
            {
                var kind = await s.Db.Organisationer.Where(o => o.Id == svar.InstansId).Select(o => o.Kind).FirstAsync(ct);
                return GuardResult.Refuse($"Tjänsteutlåtandet är inte godkänt av {RoleNames.Chef(kind)}.");
            }

            var beslut = await LatestBeslut(s, svar.Id, ct);
            if (beslut is null)
            {
                return GuardResult.Refuse("Det finns inget beslut att skicka.");
            }

            if (!beslut.Ordforandebeslut && beslut.JusteradDatum is null)
            {
                return GuardResult.Refuse("Protokollet är inte justerat.");
            }

            return GuardResult.Allow();
        }),
        new CoreGuard("anstand.inget_pagaende", async (_, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var pending = await s.Db.Anstand.AnyAsync(a => a.RemissvarId == svar.Id && a.Beslut == AnstandBeslut.Begart, ct);
            return pending ? GuardResult.Refuse("En begäran om anstånd väntar redan på avsändarens beslut.") : GuardResult.Allow();
        }),
        new CoreGuard("anstand.begart", async (_, s, ct) =>
        {
            var svar = ((RemissvarSubject)s).Svar;
            var pending = await s.Db.Anstand.AnyAsync(a => a.RemissvarId == svar.Id && a.Beslut == AnstandBeslut.Begart, ct);
            return pending ? GuardResult.Allow() : GuardResult.Refuse("Det finns ingen begäran om anstånd att besluta om.");
        }),
        new CoreGuard("remiss.klar_for_utskick", async (_, s, ct) =>
        {
            var remiss = ((RemissSubject)s).Remiss;
            var problems = new List<string>();
            if (!await s.Db.Set<RemisslistaPost>().AnyAsync(p => p.RemissId == remiss.Id, ct))
            {
                problems.Add("remisslistan är tom");
            }

            if (!await s.Db.Bilagor.AnyAsync(b => b.RemissId == remiss.Id && b.Kind == BilagaKind.Remisshandling, ct))
            {
                problems.Add("det finns inga remisshandlingar");
            }

            if (remiss.Svarsdatum <= s.Today())
            {
                problems.Add("svarsdatum har redan passerats");
            }

            return problems.Count == 0 ? GuardResult.Allow() : GuardResult.Refuse($"Remissen kan inte skickas ut: {string.Join(", ", problems)}.");
        }),
        new CoreGuard("remiss.alla_instanser_nadda", async (_, s, ct) =>
        {
            var remiss = ((RemissSubject)s).Remiss;
            var listed = await s.Db.Set<RemisslistaPost>().CountAsync(p => p.RemissId == remiss.Id, ct);
            var reached = await s.Db.Remissvar.CountAsync(r => r.RemissId == remiss.Id, ct) + s.Db.Remissvar.Local.Count(r => r.RemissId == remiss.Id && s.Db.Entry(r).State == EntityState.Added);
            return reached >= listed ? GuardResult.Allow() : GuardResult.Refuse("Alla instanser på remisslistan har inte fått remissen.");
        }),
        new CoreGuard("remiss.alla_har_svarat", async (_, s, ct) =>
        {
            var remiss = ((RemissSubject)s).Remiss;
            var open = await s.Db.Remissvar.Where(r => r.RemissId == remiss.Id && !RemissvarStates.Answered.Contains(r.Status)).CountAsync(ct);
            return open == 0 ? GuardResult.Allow() : GuardResult.Refuse($"{open} instanser har ännu inte svarat; sammanställ efter svarstiden eller när alla svarat.");
        }),
        .. ProtokollGuards.All(),
        .. KedjaGuards.All(),
    ];

    private static async Task<List<OrganKind>> RequiredOrgan(CoreSubject s, Remissvar svar, CancellationToken ct) =>
        await s.Db.Organisationer.Where(o => o.Id == svar.InstansId).Select(o => o.BeredningOrgan).FirstOrDefaultAsync(ct) ?? [];

    public static async Task<Beslut?> LatestBeslut(CoreSubject s, Guid svarId, CancellationToken ct) =>
        s.Db.Beslut.Local.Where(b => b.RemissvarId == svarId).OrderByDescending(b => b.Datum).FirstOrDefault()
        ?? await s.Db.Beslut.Where(b => b.RemissvarId == svarId).OrderByDescending(b => b.Datum).ThenByDescending(b => b.Paragraf).FirstOrDefaultAsync(ct);


}
