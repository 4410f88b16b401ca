using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Workflows.Calendar;

namespace RemissFlow.Core.Demo;

public sealed partial class DemoSeeder
{
    private sealed partial class Run
    {
        /// <summary>Who does what in each instans of the demo (the HL chef is also its nämndsekreterare, the SVOA registrator does almost everything).</summary>
        private sealed record Staff(string Registrator, string Handlaggare, string Chef, string Sekreterare, string Beslutande, string Mottagare, OrganKind[] Beredning);

        private static readonly Dictionary<string, Staff> Staffing = new()
        {
            ["SF"] = new("registrator.sf@remissflow.test", "handlaggare.sf@remissflow.test", "chef.sf@remissflow.test", "sekreterare.sf@remissflow.test",
                "Servicenämnden", "servicenämnden", [OrganKind.Forvaltningsgrupp]),
            ["SOF"] = new("registrator.sof@remissflow.test", "handlaggare.sof@remissflow.test", "chef.sof@remissflow.test", "sekreterare.sof@remissflow.test",
                "Socialnämnden", "socialnämnden", [OrganKind.Forvaltningsgrupp, OrganKind.RadForFunktionshinderfragor]),
            ["HL"] = new("handlaggare.hl@remissflow.test", "handlaggare.hl@remissflow.test", "chef.hl@remissflow.test", "chef.hl@remissflow.test",
                "Stadsdelsnämnden", "Hägersten-Liljeholmens stadsdelsnämnd", [OrganKind.Samverkansgrupp, OrganKind.Pensionarsrad]),
            ["SV"] = new("registrator.svoa@remissflow.test", "registrator.svoa@remissflow.test", "vd.svoa@remissflow.test", "registrator.svoa@remissflow.test",
                "Styrelsen", "Stockholm Vatten och Avfall AB", []),
        };

        /// <summary>How far an instans's ärende has come; each step is the real use case its role would use.</summary>
        private enum Step { Registrerad, Tilldelad, UnderBeredning, HosChef, Godkand, Anmald }

        /// <summary>
        /// Work waiting for every demo login, at the dates it would have happened: ärenden at each
        /// step of the nämnd's process, a beslut from a meeting already held, an anstånd for KS to
        /// decide, answers in and instanser late. Played between the finished remiss and the open one,
        /// since the story clock never goes back; what happens today comes last (<see cref="SeedWaitingTodayAsync"/>).
        /// </summary>
        private async Task SeedWaitingWorkAsync(DateOnly today, CancellationToken ct)
        {
            var calendar = services.GetRequiredService<IWorkingDayCalendar>();
            // The meeting whose beslut waits: the last Servicenämnd meeting that leaves room, before the open
            // remiss's story begins three weeks ago, for the justering two working days after it.
            var meeting = await (from m in db.Sammantraden
                                 join o in db.Organ on m.OrganId equals o.Id
                                 where o.OrganisationId == _org["SF"] && o.Kind == OrganKind.Namnd && m.Datum <= today.AddDays(-26)
                                 orderby m.Datum descending
                                 select new { m.Id, m.Datum }).FirstAsync(ct);
            var sent = calendar.PreviousWorkingDay(meeting.Datum.AddDays(-35));
            await At(sent, ct);

            var digital = await SendRemissAsync(DemoTexts.DigitalService.Title, null, DemoTexts.DigitalService.Description,
                calendar.PreviousWorkingDay(today.AddDays(-7)), ["SF", "SOF", "SV", "PRO"], false, ct);
            var klimat = await SendRemissAsync(DemoTexts.Klimatanpassning.Title, null, DemoTexts.Klimatanpassning.Description,
                calendar.NextWorkingDay(today.AddDays(21)), ["SF", "SOF", "HL", "SV"], false, ct);
            var idrott = await SendRemissAsync(DemoTexts.Idrott.Title, null, DemoTexts.Idrott.Description,
                calendar.NextWorkingDay(today.AddDays(35)), ["SF", "SOF", "HL"], false, ct);
            var kultur = await SendRemissAsync(DemoTexts.Kulturmiljo.Title, null, DemoTexts.Kulturmiljo.Description,
                calendar.NextWorkingDay(today.AddDays(40)), ["SF", "SOF"], false, ct);
            var buller = await SendRemissAsync(DemoTexts.Buller.Title, null, DemoTexts.Buller.Description,
                calendar.NextWorkingDay(today.AddDays(50)), ["SF", "HL"], false, ct);
            var livsmedel = await SendRemissAsync(DemoTexts.Livsmedel.Title, null, DemoTexts.Livsmedel.Description,
                calendar.NextWorkingDay(today.AddDays(60)), ["SF", "SV"], true, ct);

            // Where each instans's ärende stops. Those that go on to the chef wait for their beredning
            // bodies' next meetings, so they are moved on in a second round, in the order those meet.
            var plan = new List<(Guid Svar, string Org, DemoTexts.Waiting Text, Step Until, Guid? Meeting)>
            {
                (await Svar(digital, "SF"), "SF", DemoTexts.DigitalService, Step.Anmald, meeting.Id),
                (await Svar(klimat, "SF"), "SF", DemoTexts.Klimatanpassning, Step.Anmald, meeting.Id),
                (await Svar(idrott, "SF"), "SF", DemoTexts.Idrott, Step.Anmald, meeting.Id),
                (await Svar(kultur, "SF"), "SF", DemoTexts.Kulturmiljo, Step.HosChef, null),
                (await Svar(buller, "SF"), "SF", DemoTexts.Buller, Step.HosChef, null),
                (await Svar(livsmedel, "SF"), "SF", DemoTexts.Livsmedel, Step.Registrerad, null),
                (await Svar(digital, "SOF"), "SOF", DemoTexts.DigitalService, Step.HosChef, null),
                (await Svar(klimat, "SOF"), "SOF", DemoTexts.Klimatanpassning, Step.UnderBeredning, null),
                (await Svar(idrott, "SOF"), "SOF", DemoTexts.Idrott, Step.Godkand, null),
                (await Svar(digital, "SV"), "SV", DemoTexts.DigitalService, Step.HosChef, null),
                (await Svar(klimat, "SV"), "SV", DemoTexts.Klimatanpassning, Step.Registrerad, null),
                (await Svar(klimat, "HL"), "HL", DemoTexts.Klimatanpassning, Step.Tilldelad, null),
                (await Svar(idrott, "HL"), "HL", DemoTexts.Idrott, Step.Godkand, null),
            };

            await At(calendar.AddWorkingDays(sent, 2), ct);
            foreach (var p in plan)
            {
                await Prepare(p.Svar, p.Org, p.Text, p.Until, ct);
            }

            foreach (var p in plan.Where(p => p.Until >= Step.HosChef).OrderBy(p => Staffing[p.Org].Beredning.Length))
            {
                await Finish(p.Svar, p.Org, sent, p.Until, p.Meeting, ct);
            }

            // The chef sends one TU back.
            var sf = Staffing["SF"];
            await Do(sf.Chef, new FireRemissvarTrigger.Command(await Svar(kultur, "SF"), "returnera",
                Kommentar: "Beskriv vad strategin kostar förvaltningen, och föreslå hur kostnaderna ska fördelas."), ct);

            // Servicenämnden meets: two beslut are recorded that evening, the third is still to be recorded.
            await At(meeting.Datum, ct, 18);
            await Do(sf.Sekreterare, new RecordBeslut.Command(await Svar(digital, "SF"), 151, "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", Standpunkt.TillstyrkerMedSynpunkter,
                ExpedierasTill: "Kommunstyrelsen"), ct);
            await Do(sf.Sekreterare, new RecordBeslut.Command(await Svar(klimat, "SF"), 152, "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", Standpunkt.Tillstyrker,
                Reservationer: [new("Erik Sand (M)", "Jag reserverar mig mot beslutet.")], ExpedierasTill: "Kommunstyrelsen"), ct);
            var justering = calendar.AddWorkingDays(meeting.Datum, 2);
            await At(justering, ct);
            await Do(sf.Sekreterare, new Justera.Command(await Svar(digital, "SF"), justering, "Lisa Berg, Erik Sand"), ct);

            // Socialnämnden asks for more time on the climate plan; KS has not decided yet.
            await At(calendar.AddWorkingDays(justering, 1), ct);
            await Do(Staffing["SOF"].Handlaggare, new RequestAnstand.Command(await Svar(klimat, "SOF"), calendar.NextWorkingDay(today.AddDays(49)),
                "Socialnämndens råd för funktionshinderfrågor behöver behandla planen, och rådet sammanträder först efter svarsdatum."), ct);
        }

        /// <summary>Today's part of the story: the bolag declines the climate plan, so KS has an answer just in.</summary>
        private async Task SeedWaitingTodayAsync(CancellationToken ct)
        {
            var klimat = await db.Remisser.Where(r => r.Title == DemoTexts.Klimatanpassning.Title).Select(r => r.Id).SingleAsync(ct);
            var sv = await Svar(klimat, "SV");
            if (await db.Remissvar.AnyAsync(v => v.Id == sv && v.Status == "registrerad", ct))
            {
                await Do(Staffing["SV"].Sekreterare, new FireRemissvarTrigger.Command(sv, "avsta"), ct);
            }
        }

        private async Task Prepare(Guid svar, string org, DemoTexts.Waiting remiss, Step until, CancellationToken ct)
        {
            var staff = Staffing[org];
            await Do(staff.Registrator, new RegisterRemissvar.Command(svar), ct);
            if (until == Step.Registrerad)
            {
                return;
            }

            await Do(staff.Registrator, new AssignHandlaggare.Command(svar, (await P(staff.Handlaggare)).UserId!.Value), ct);
            if (until == Step.Tilldelad)
            {
                return;
            }

            await Do(staff.Handlaggare, new FireRemissvarTrigger.Command(svar, "paborja_beredning"), ct);
            await Draft(svar, staff.Handlaggare, DemoTexts.WaitingTu(remiss, staff.Beslutande, staff.Mottagare), null, ct);
        }

        /// <summary>The beredning bodies treat the ärende at their first meeting after it arrived; then on to the chef, and perhaps the nämnd.</summary>
        private async Task Finish(Guid svar, string org, DateOnly arrived, Step until, Guid? meeting, CancellationToken ct)
        {
            var staff = Staffing[org];
            foreach (var kind in staff.Beredning)
            {
                var date = await (from m in db.Sammantraden
                                  join o in db.Organ on m.OrganId equals o.Id
                                  where o.OrganisationId == _org[org] && o.Kind == kind && m.Datum > arrived
                                  orderby m.Datum
                                  select m.Datum).FirstAsync(ct);
                await At(date, ct, 15);
                await Do(staff.Handlaggare, new RecordBeredning.Command(svar, kind, date, kind is OrganKind.Pensionarsrad or OrganKind.RadForFunktionshinderfragor), ct);
            }

            await Do(staff.Handlaggare, new FireRemissvarTrigger.Command(svar, "skicka_till_forvaltningschef"), ct);
            if (until == Step.HosChef)
            {
                return;
            }

            await Do(staff.Chef, new FireRemissvarTrigger.Command(svar, "godkann"), ct);
            if (until == Step.Anmald && meeting is { } agenda)
            {
                await Do(staff.Sekreterare, new PlaceOnAgenda.Command(svar, agenda), ct);
            }
        }
    }
}
