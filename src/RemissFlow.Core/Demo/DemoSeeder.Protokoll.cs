using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Background;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.ProtokollJustering;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Workflows.Calendar;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Demo;

public sealed partial class DemoSeeder
{
    private sealed partial class Run
    {
        private const string Sek = "sekreterare.sf@remissflow.test";
        private const string Ordforande = "ordforande.sf@remissflow.test";
        private const string Justerare = "ledamot.sf@remissflow.test";

        private readonly List<(DateTimeOffset At, Func<CancellationToken, Task> Step)> _later = [];

        private void Later(DateOnly date, int hour, Func<CancellationToken, Task> step) => _later.Add((StockholmTime.ToUtc(date, new TimeOnly(hour, 0)), step));

        /// <summary>Plays the planned steps due by <paramref name="until"/> in time order, each at its own time, with the timers due before it.</summary>
        private async Task RunLaterStepsAsync(DateTimeOffset until, CancellationToken ct)
        {
            while (_later.Count > 0)
            {
                var next = _later.MinBy(s => s.At);
                if (next.At > until)
                {
                    return;
                }

                _later.Remove(next);
                clock.To(next.At);
                await services.GetRequiredService<TimerPoller>().RunOnceAsync(ct);
                await next.Step(ct);
            }
        }

        /// <summary>
        /// Servicenämnden's last meeting: närvaro with an ersättare serving, a jäv, a votering by name, the protokoll
        /// justerat digitally by the ordförande and the justerare and its anslag up today; and an extra meeting held
        /// on the last working day, whose protokoll waits for their justering. False when no meeting fits.
        /// </summary>
        private async Task<bool> PlanProtokollAsync(DateOnly today, CancellationToken ct)
        {
            var calendar = services.GetRequiredService<IWorkingDayCalendar>();
            var namnd = await db.Organ.Where(o => o.OrganisationId == _org["SF"] && o.Kind == OrganKind.Namnd).Select(o => o.Id).FirstAsync(ct);
            var extraDag = calendar.PreviousWorkingDay(today.AddDays(-1));
            // The waiting work's meeting lies 26 days back or more and keeps its own story.
            var held = await db.Sammantraden.AsNoTracking()
                .Where(m => m.OrganId == namnd && m.Datum > today.AddDays(-26) && m.Datum < extraDag.AddDays(-2))
                .OrderByDescending(m => m.Datum).Select(m => new { m.Id, m.Datum }).FirstOrDefaultAsync(ct);
            if (held is null)
            {
                return false;
            }

            var start = calendar.PreviousWorkingDay(held.Datum.AddDays(-8));
            var senast = calendar.PreviousWorkingDay(held.Datum.AddDays(ProtokollRules.JusteringDagar) < today.AddDays(-1) ? held.Datum.AddDays(ProtokollRules.JusteringDagar) : today.AddDays(-1));
            var justering = calendar.AddWorkingDays(held.Datum, 2);
            // Justering as late as the law allows if that is what keeps the anslag up today.
            if (justering.AddDays(21) < today || justering > senast)
            {
                justering = senast;
            }

            var items = new List<Guid>();
            Later(start, 10, async t =>
            {
                items.Add(await Do(Sek, new AddOvrigPunkt.Command(held.Id, "Verksamhetsplan och budget 2027", "SF 2026/160", "Förvaltningschef Per Åkesson",
                    "Servicenämnden godkänner förvaltningens förslag till verksamhetsplan och budget för 2027."), t));
                items.Add(await Do(Sek, new AddOvrigPunkt.Command(held.Id, "Upphandling av städtjänster för stadens förvaltningar", "SF 2026/158", "Upphandlingschef Sven Ask",
                    "Servicenämnden godkänner förfrågningsunderlaget och uppdrar åt förvaltningen att genomföra upphandlingen."), t));
                items.Add(await Do(Sek, new AddOvrigPunkt.Command(held.Id, "Anmälan av delegationsbeslut", null, "Nämndsekreterare Lena Öberg",
                    "Servicenämnden lägger anmälan till handlingarna."), t));
                await Do(Sek, new SkickaKallelse.Command(held.Id), t);
            });

            Later(held.Datum, 17, async t =>
            {
                var l = await MembersAsync(namnd, held.Datum, t);
                await Do(Sek, new OppnaSammantrade.Command(held.Id), t);
                // Birgitta Sandell (M) is away; Linnea Forsberg (M) serves for her. Gustav Ekman (C) attends without a seat.
                var present = l.Values.Where(x => x.Namn != "Birgitta Sandell" && x.Namn is not ("Tomas Nyberg" or "Amina Osman")).Select(x => x.Id).ToList();
                await Do(Sek, new RegistreraNarvaro.Command(held.Id, present, [new(l["Linnea Forsberg"].Id, l["Birgitta Sandell"].Id)]), t);
                await Do(Sek, new RegistreraVotering.Command(held.Id, items[0], "Bifall till förvaltningens förslag",
                    "Bifall till Kristoffer Ahls (S) yrkande om återremiss",
                    [
                        new(l["Eva Lindström"].Id, Rost.Ja), new(l["Linnea Forsberg"].Id, Rost.Ja), new(l["Sofia Berglund"].Id, Rost.Ja),
                        new(l["Jonas Wikström"].Id, Rost.Ja), new(l["Per-Olof Dahlin"].Id, Rost.Ja),
                        new(l["Kristoffer Ahl"].Id, Rost.Nej), new(l["Anders Lund"].Id, Rost.Nej), new(l["Hassan Yilmaz"].Id, Rost.Nej),
                        new(l["Marie Holmgren"].Id, Rost.Nej),
                    ], Ja: 5, Nej: 4, Avstar: 0), t);
                // Sofia Berglund's spouse works for one of the likely tenderers; Gustav Ekman steps in for the item.
                await Do(Sek, new RegistreraJav.Command(held.Id, items[1], l["Sofia Berglund"].Id, l["Gustav Ekman"].Id), t);
                await Do(Sek, new ValjJusterare.Command(held.Id, [l["Anders Lund"].Id], StockholmTime.ToUtc(justering, new TimeOnly(10, 0)),
                    "Serviceförvaltningen, Lindhagensgatan 76"), t);
                await Do(Sek, new AvslutaSammantrade.Command(held.Id), t);
                await Do(Sek, new SkickaTillJustering.Command(held.Id), t);
            });

            Later(justering, 10, async t => await Do(Ordforande, new JusteraProtokoll.Command(held.Id), t));
            Later(justering, 11, async t => await Do(Justerare, new JusteraProtokoll.Command(held.Id), t));
            // The anslag timer fires a minute after the justering; the poller's next round (before this step) puts it up that day.
            Later(justering, 12, _ => Task.CompletedTask);

            var extra = await db.Sammantraden.AsNoTracking().Where(m => m.OrganId == namnd && m.Datum == extraDag).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
            var extraId = extra ?? Guid.Empty;
            Later(start, 11, async t =>
            {
                extraId = extra ?? await Do(Sek, new CreateSammantrade.Command(namnd, extraDag, new TimeOnly(17, 0), "Stadshuset, Ratsalen", Extra: true), t);
            });
            Later(calendar.PreviousWorkingDay(extraDag.AddDays(-3)), 10, async t =>
            {
                await Do(Sek, new AddOvrigPunkt.Command(extraId, "Yttrande till revisorerna över granskningen av stadens fordonsflotta", "SF 2026/177", "Förvaltningschef Per Åkesson",
                    "Servicenämnden överlämnar förvaltningens tjänsteutlåtande som sitt yttrande till revisorerna."), t);
                await Do(Sek, new SkickaKallelse.Command(extraId), t);
            });
            Later(extraDag, 17, async t =>
            {
                var l = await MembersAsync(namnd, extraDag, t);
                await Do(Sek, new OppnaSammantrade.Command(extraId), t);
                var present = l.Values.Where(x => x.Uppdrag != Uppdrag.Ersattare).Select(x => x.Id).ToList();
                await Do(Sek, new RegistreraNarvaro.Command(extraId, present, []), t);
                await Do(Sek, new ValjJusterare.Command(extraId, [l["Anders Lund"].Id], StockholmTime.ToUtc(calendar.AddWorkingDays(extraDag, 2), new TimeOnly(10, 0)),
                    "Serviceförvaltningen, Lindhagensgatan 76"), t);
                await Do(Sek, new AvslutaSammantrade.Command(extraId), t);
                await Do(Sek, new SkickaTillJustering.Command(extraId), t);
            });
            return true;
        }

        private async Task<Dictionary<string, Ledamot>> MembersAsync(Guid organ, DateOnly datum, CancellationToken ct) =>
            (await db.Ledamoter.AsNoTracking().Where(l => l.OrganId == organ && l.Fran <= datum && datum <= l.Till).ToListAsync(ct)).ToDictionary(l => l.Namn);
    }
}
