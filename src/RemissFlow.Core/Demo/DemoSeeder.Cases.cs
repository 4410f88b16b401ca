using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Background;
using RemissFlow.Core.Documents;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Workflows.Calendar;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Demo;

public sealed partial class DemoSeeder
{
    private sealed partial class Run
    {
        private const string FinishedDnr = "KS 2025/1616";
        private const string FinishedTitle = "Handlingsplan för ett jämställt Stockholm 2030";
        private const string OpenTitle = "Program för en tillgänglig stad 2027–2030";
        private const string UrgentTitle = "Riktlinjer för stadens lokalförsörjning";

        private IReadOnlyDictionary<string, Guid> _org = null!;
        private readonly Dictionary<string, Actor> _people = [];

        private async Task<IReadOnlyList<string>> SeedCasesAsync(IReadOnlyDictionary<string, Guid> organisations, CancellationToken ct)
        {
            _org = organisations;
            var created = new List<string>();
            if (!await db.Organ.AnyAsync(ct))
            {
                await SeedOrganAndMeetingsAsync(ct);
                created.Add("sammanträden");
            }

            if (!await db.Ledamoter.AnyAsync(ct))
            {
                await SeedLedamoterAsync(ct);
                created.Add("ledamöter");
            }

            if (!await db.Remisser.AnyAsync(r => r.Dnr == FinishedDnr, ct))
            {
                await SeedFinishedRemissAsync(ct);
                created.Add(FinishedDnr);
            }

            var today = StockholmTime.Today(realClock);
            if (!await db.Remisser.AnyAsync(r => r.Title == DemoTexts.DigitalService.Title, ct))
            {
                await SeedWaitingWorkAsync(today, ct);
                created.Add(DemoTexts.DigitalService.Title);
            }

            // The meetings' story overlaps the open remiss's in time, so it is planned now and played as the clock passes.
            if (!await db.Protokoll.AnyAsync(ct) && await PlanProtokollAsync(today, ct))
            {
                created.Add("protokoll");
            }

            if (!await db.Remisser.AnyAsync(r => r.Title == OpenTitle, ct))
            {
                await SeedOpenRemissAsync(today, ct);
                created.Add(OpenTitle);
            }

            if (!await db.Remisser.AnyAsync(r => r.Title == UrgentTitle, ct))
            {
                await SeedUrgentRemissAsync(today, ct);
                created.Add(UrgentTitle);
            }

            await RunLaterStepsAsync(realClock.GetUtcNow(), ct);
            await SeedWaitingTodayAsync(ct);
            await SeedErsattareAsync(ct);
            if (await SeedKallelseAsync(today, ct))
            {
                created.Add("kallelse");
            }

            if (await SeedKedjaAsync(today, ct))
            {
                created.Add(KedjaDnr);
            }

            await SeedSekretessAsync(ct);
            await SeedGallringsplanAsync(ct);
            await SeedDokumentmallarAsync(ct);
            await SeedInkommandeAsync(ct);

            return created;
        }

        private async Task<Actor> P(string email)
        {
            if (_people.TryGetValue(email, out var actor))
            {
                return actor;
            }

            var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            actor = (await services.GetRequiredService<ActorLookup>().ForUserAsync(id, CancellationToken.None))!;
            _people[email] = actor;
            return actor;
        }

        private async Task<T> Do<T>(string email, IRequest<T> request, CancellationToken ct) => Ok(await Send(await P(email), request, ct));

        /// <summary>Moves the story's clock and lets due timers fire, as the background service would have.</summary>
        private async Task At(DateOnly date, CancellationToken ct, int hour = 9)
        {
            // Never ahead of the real clock: seeded between midnight and 08:00, "today at 08:00" would stamp the kallelse and
            // the day's work hours into the future, and what users then add would seem to come before it.
            var at = StockholmTime.ToUtc(date, new TimeOnly(hour, 0));
            if (at > realClock.GetUtcNow())
            {
                at = realClock.GetUtcNow();
            }

            await RunLaterStepsAsync(at, ct);
            clock.To(at);
            await services.GetRequiredService<TimerPoller>().RunOnceAsync(ct);
        }

        /// <summary>Nämnder meet on the third Tuesday of each month except July; beredning bodies a week before.</summary>
        private async Task SeedOrganAndMeetingsAsync(CancellationToken ct)
        {
            var end = StockholmTime.Today(realClock).AddMonths(12);
            var calendar = services.GetRequiredService<IWorkingDayCalendar>();
            async Task Body(string org, OrganKind kind, string name, int papers, int justering, bool omedelbar, int daysBefore)
            {
                var organ = Ok(await Send(Actor.System, new CreateOrgan.Command(_org[org], kind, name, papers, justering, omedelbar), ct));
                for (var month = new DateOnly(2026, 1, 1); month <= end; month = month.AddMonths(1))
                {
                    if (month.Month == 7)
                    {
                        continue;
                    }

                    var tuesday = month.AddDays(((int)DayOfWeek.Tuesday - (int)month.DayOfWeek + 7) % 7 + 14);
                    var date = calendar.PreviousWorkingDay(tuesday.AddDays(-daysBefore));
                    if (date > StockholmTime.Today(clock))
                    {
                        Ok(await Send(Actor.System, new CreateSammantrade.Command(organ, date, new TimeOnly(kind == OrganKind.Namnd ? 17 : 13, 0),
                            kind == OrganKind.Namnd ? "Stadshuset, Ratsalen" : "Förvaltningens sammanträdesrum"), ct));
                    }
                }
            }

            await Body("SF", OrganKind.Namnd, "Servicenämnden", 7, 5, true, 0);
            await Body("SF", OrganKind.Forvaltningsgrupp, "Serviceförvaltningens förvaltningsgrupp", 3, 0, false, 7);
            await Body("SOF", OrganKind.Namnd, "Socialnämnden", 7, 2, false, 0);
            await Body("SOF", OrganKind.Forvaltningsgrupp, "Socialförvaltningens förvaltningsgrupp", 3, 0, false, 6);
            await Body("SOF", OrganKind.RadForFunktionshinderfragor, "Socialnämndens råd för funktionshinderfrågor", 3, 0, false, 5);
            await Body("HL", OrganKind.Namnd, "Hägersten-Liljeholmens stadsdelsnämnd", 7, 5, false, -2);
            await Body("HL", OrganKind.Samverkansgrupp, "Stadsdelsförvaltningens samverkansgrupp", 3, 0, false, 6);
            await Body("HL", OrganKind.Pensionarsrad, "Stadsdelsnämndens pensionärsråd", 3, 0, false, 5);
            await Body("SV", OrganKind.Styrelse, "Styrelsen för Stockholm Vatten och Avfall AB", 5, 3, true, -1);
            // Kommunstyrelsen decides the city's answer on a remiss from outside (the chain): the day after the nämnder's Tuesday.
            await Body("KS", OrganKind.Styrelse, "Kommunstyrelsen", 7, 5, true, -1);
            Ok(await Send(Actor.System, new InitDiarieserie.Command(_org["SF"], 2026, 185), ct));
            Ok(await Send(Actor.System, new InitDiarieserie.Command(_org["SOF"], 2026, 212), ct));
        }

        private async Task<Guid> Meeting(string org, OrganKind kind, DateOnly onOrAfter, CancellationToken ct) =>
            await (from m in db.Sammantraden
                   join o in db.Organ on m.OrganId equals o.Id
                   where o.OrganisationId == _org[org] && o.Kind == kind && m.Datum >= onOrAfter
                   orderby m.Datum
                   select m.Id).FirstAsync(ct);

        private async Task<DateOnly> MeetingDate(Guid id) => await db.Sammantraden.Where(m => m.Id == id).Select(m => m.Datum).SingleAsync();

        private async Task<Guid> SendRemissAsync(string title, string? dnr, string description, DateOnly svarsdatum, string[] instanser, bool tillaterForvaltningensSvar, CancellationToken ct)
        {
            const string reg = "registrator.ks@remissflow.test";
            var created = await Do(reg, new CreateRemiss.Command(title, description, svarsdatum, dnr, tillaterForvaltningensSvar, "Johan Ek", "samordnare.ks@remissflow.test"), ct);
            await Do(reg, new SetRemisslista.Command(created.Id, instanser.Select(k => _org[k]).ToList()), ct);
            var missiv = await services.GetRequiredService<DocumentService>().RenderMissivAsync(created.Id, OutputFormat.Pdf, ct);
            await Do(reg, new AddRemisshandling.Command(created.Id, $"Missiv {created.Dnr.Replace('/', '-')}.pdf", missiv.Content), ct);
            await Do(reg, new FireRemissTrigger.Command(created.Id, "skicka_ut"), ct);
            return created.Id;
        }

        private async Task<Guid> Svar(Guid remiss, string org) =>
            await db.Remissvar.AsNoTracking().Where(r => r.RemissId == remiss && r.InstansId == _org[org]).Select(r => r.Id).SingleAsync();

        private async Task Register(Guid svar, string registrator, string handlaggare, CancellationToken ct)
        {
            await Do(registrator, new RegisterRemissvar.Command(svar), ct);
            await Do(registrator, new AssignHandlaggare.Command(svar, (await P(handlaggare)).UserId!.Value), ct);
        }

        private async Task<int> Draft(Guid svar, string handlaggare, DemoTexts.Tu text, int? basedOn, CancellationToken ct)
        {
            var saved = await Do(handlaggare, new SaveTjansteutlatande.Command(svar, basedOn, text.Rubrik, text.Forslag, text.Sammanfattning, text.Bakgrund, text.Arendet, null, text.Synpunkter), ct);
            return saved.Nummer;
        }

        private async Task SeedFinishedRemissAsync(CancellationToken ct)
        {
            await At(new DateOnly(2026, 2, 16), ct);
            var remiss = await SendRemissAsync(FinishedTitle, FinishedDnr, DemoTexts.FinishedDescription, new DateOnly(2026, 4, 24),
                ["SF", "SOF", "HL", "SV", "PRO", "FUNK"], false, ct);
            var (sf, sof, hl, sv, pro) = (await Svar(remiss, "SF"), await Svar(remiss, "SOF"), await Svar(remiss, "HL"), await Svar(remiss, "SV"), await Svar(remiss, "PRO"));

            await At(new DateOnly(2026, 2, 18), ct);
            await Register(sf, "registrator.sf@remissflow.test", "handlaggare.sf@remissflow.test", ct);
            await Register(sof, "registrator.sof@remissflow.test", "handlaggare.sof@remissflow.test", ct);
            await Register(hl, "handlaggare.hl@remissflow.test", "handlaggare.hl@remissflow.test", ct);
            await Do("registrator.svoa@remissflow.test", new RegisterRemissvar.Command(sv), ct);

            // Servicenämnden: on time, with a reservation and omedelbar justering.
            await At(new DateOnly(2026, 2, 20), ct);
            await Do("handlaggare.sf@remissflow.test", new FireRemissvarTrigger.Command(sf, "paborja_beredning"), ct);
            await Draft(sf, "handlaggare.sf@remissflow.test", DemoTexts.ServiceTu, null, ct);
            var sfNamnd = await Meeting("SF", OrganKind.Namnd, new DateOnly(2026, 4, 1), ct);
            var sfGrupp = await Meeting("SF", OrganKind.Forvaltningsgrupp, new DateOnly(2026, 3, 1), ct);
            await At(await MeetingDate(sfGrupp), ct);
            await Do("handlaggare.sf@remissflow.test", new RecordBeredning.Command(sf, OrganKind.Forvaltningsgrupp, await MeetingDate(sfGrupp)), ct);
            await Do("handlaggare.sf@remissflow.test", new FireRemissvarTrigger.Command(sf, "skicka_till_forvaltningschef"), ct);
            await At(clock.Today().AddDays(2), ct);
            await Do("chef.sf@remissflow.test", new FireRemissvarTrigger.Command(sf, "godkann"), ct);
            await Do("sekreterare.sf@remissflow.test", new PlaceOnAgenda.Command(sf, sfNamnd), ct);

            // Socialnämnden: asks for anstånd, which KS grants; answers by the new date.
            await At(new DateOnly(2026, 3, 2), ct);
            await Do("handlaggare.sof@remissflow.test", new FireRemissvarTrigger.Command(sof, "paborja_beredning"), ct);
            await Draft(sof, "handlaggare.sof@remissflow.test", DemoTexts.SocialTu, null, ct);
            await At(new DateOnly(2026, 3, 10), ct);
            await Do("handlaggare.sof@remissflow.test", new RequestAnstand.Command(sof, new DateOnly(2026, 5, 22),
                "Socialnämnden sammanträder inte i april; ärendet behöver behandlas i nämndens sammanträde i maj."), ct);
            await At(new DateOnly(2026, 3, 11), ct);
            await Do("registrator.ks@remissflow.test", new DecideAnstand.Command(sof, true, new DateOnly(2026, 5, 22), "Anstånd beviljas till den 22 maj 2026."), ct);

            // Stockholm Vatten och Avfall: avstår.
            await At(new DateOnly(2026, 3, 5), ct);
            await Do("registrator.svoa@remissflow.test", new FireRemissvarTrigger.Command(sv, "avsta"), ct);

            // Hägersten-Liljeholmen: answers, but late.
            await At(new DateOnly(2026, 3, 20), ct);
            await Do("handlaggare.hl@remissflow.test", new FireRemissvarTrigger.Command(hl, "paborja_beredning"), ct);
            await Draft(hl, "handlaggare.hl@remissflow.test", DemoTexts.StadsdelTu, null, ct);
            var hlNamnd = await Meeting("HL", OrganKind.Namnd, new DateOnly(2026, 4, 15), ct);
            foreach (var kind in new[] { OrganKind.Samverkansgrupp, OrganKind.Pensionarsrad })
            {
                var m = await Meeting("HL", kind, new DateOnly(2026, 4, 1), ct);
                await At(await MeetingDate(m), ct);
                await Do("handlaggare.hl@remissflow.test", new RecordBeredning.Command(hl, kind, await MeetingDate(m), kind == OrganKind.Pensionarsrad), ct);
            }

            await Do("handlaggare.hl@remissflow.test", new FireRemissvarTrigger.Command(hl, "skicka_till_forvaltningschef"), ct);
            await Do("chef.hl@remissflow.test", new FireRemissvarTrigger.Command(hl, "godkann"), ct);
            await Do("chef.hl@remissflow.test", new PlaceOnAgenda.Command(hl, hlNamnd), ct);

            // PRO answers by letter, which KS registers.
            await At(new DateOnly(2026, 4, 20), ct);
            await Do("registrator.ks@remissflow.test", new RegisterExternalAnswer.Command(pro, false, "PRO Stockholms län – yttrande.pdf", DemoTexts.PdfLetter("PRO Stockholms län", FinishedTitle),
                Standpunkt.TillstyrkerMedSynpunkter, "PRO stöder planen och vill att äldre kvinnors ekonomiska situation lyfts fram."), ct);

            var sfDate = await MeetingDate(sfNamnd);
            await At(sfDate, ct, 18);
            await Do("sekreterare.sf@remissflow.test", new RecordBeslut.Command(sf, 14, "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", Standpunkt.TillstyrkerMedSynpunkter,
                OmedelbarJustering: true,
                Yrkanden: [new("Ordföranden Lisa Berg (S)", "Bifall till förvaltningens förslag.")],
                Reservationer: [new("Erik Sand (M)", "Jag reserverar mig mot beslutet till förmån för mitt eget yrkande om att avstyrka mål 3.")],
                Beslutsunderlag: "Förvaltningens tjänsteutlåtande", ExpedierasTill: "Kommunstyrelsen"), ct);
            await Do("sekreterare.sf@remissflow.test", new Justera.Command(sf, sfDate, "Lisa Berg, Erik Sand"), ct);
            await At(sfDate.AddDays(1), ct);
            await Do("sekreterare.sf@remissflow.test", new FireRemissvarTrigger.Command(sf, "lamna_in"), ct);

            var hlDate = await MeetingDate(hlNamnd);
            await At(hlDate, ct, 18);
            await Do("chef.hl@remissflow.test", new RecordBeslut.Command(hl, 9, "Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", Standpunkt.Tillstyrker), ct);
            var hlJustering = services.GetRequiredService<IWorkingDayCalendar>().AddWorkingDays(hlDate, 5);
            await At(hlJustering, ct);
            await Do("chef.hl@remissflow.test", new Justera.Command(hl, hlJustering, "Anders Vik, Maja Lind"), ct);
            await Do("chef.hl@remissflow.test", new FireRemissvarTrigger.Command(hl, "lamna_in"), ct);

            // Socialnämnden's May meeting, after förvaltningsgrupp and råd.
            var sofNamnd = await Meeting("SOF", OrganKind.Namnd, new DateOnly(2026, 5, 1), ct);
            foreach (var kind in new[] { OrganKind.Forvaltningsgrupp, OrganKind.RadForFunktionshinderfragor })
            {
                var m = await Meeting("SOF", kind, new DateOnly(2026, 5, 1), ct);
                await At(await MeetingDate(m), ct);
                await Do("handlaggare.sof@remissflow.test", new RecordBeredning.Command(sof, kind, await MeetingDate(m), kind == OrganKind.RadForFunktionshinderfragor), ct);
            }

            await Do("handlaggare.sof@remissflow.test", new FireRemissvarTrigger.Command(sof, "skicka_till_forvaltningschef"), ct);
            await Do("chef.sof@remissflow.test", new FireRemissvarTrigger.Command(sof, "godkann"), ct);
            await Do("sekreterare.sof@remissflow.test", new PlaceOnAgenda.Command(sof, sofNamnd), ct);
            var sofDate = await MeetingDate(sofNamnd);
            await At(sofDate, ct, 18);
            await Do("sekreterare.sof@remissflow.test", new RecordBeslut.Command(sof, 11, "Socialnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", Standpunkt.TillstyrkerMedSynpunkter,
                SarskildaUttalanden: [new("Amira Noor (V)", "Vi välkomnar planen men vill se ett tydligare fokus på våldsutsatta kvinnor med funktionsnedsättning.")]), ct);
            var sofJustering = services.GetRequiredService<IWorkingDayCalendar>().AddWorkingDays(sofDate, 2);
            await At(sofJustering, ct);
            await Do("sekreterare.sof@remissflow.test", new Justera.Command(sof, sofJustering, "Karin Holm, Amira Noor"), ct);
            await Do("sekreterare.sof@remissflow.test", new FireRemissvarTrigger.Command(sof, "lamna_in"), ct);

            // KS compiles after svarstiden; Funktionsrätt never answered.
            await At(new DateOnly(2026, 6, 1), ct);
            await Do("samordnare.ks@remissflow.test", new FireRemissTrigger.Command(remiss, "sammanstall"), ct);
            await At(new DateOnly(2026, 6, 10), ct);
            await Do("samordnare.ks@remissflow.test", new FireRemissTrigger.Command(remiss, "avsluta"), ct);
        }

        /// <summary>An open remiss whose svarsdatum lies ahead of today, with answers in different states.</summary>
        private async Task SeedOpenRemissAsync(DateOnly today, CancellationToken ct)
        {
            var calendar = services.GetRequiredService<IWorkingDayCalendar>();
            var sent = calendar.PreviousWorkingDay(today.AddDays(-21));
            var svarsdatum = calendar.NextWorkingDay(today.AddDays(45));
            await At(sent, ct);
            var remiss = await SendRemissAsync(OpenTitle, null, DemoTexts.OpenDescription, svarsdatum, ["SF", "SOF", "HL", "SV", "PRO", "FUNK"], true, ct);
            var (sf, sof, sv, funk) = (await Svar(remiss, "SF"), await Svar(remiss, "SOF"), await Svar(remiss, "SV"), await Svar(remiss, "FUNK"));

            await At(calendar.AddWorkingDays(sent, 2), ct);
            await Register(sf, "registrator.sf@remissflow.test", "handlaggare.sf@remissflow.test", ct);
            await Register(sof, "registrator.sof@remissflow.test", "handlaggare.sof@remissflow.test", ct);
            await Do("registrator.svoa@remissflow.test", new RegisterRemissvar.Command(sv), ct);
            await At(calendar.AddWorkingDays(sent, 4), ct);
            await Do("handlaggare.sf@remissflow.test", new FireRemissvarTrigger.Command(sf, "paborja_beredning"), ct);
            await Draft(sf, "handlaggare.sf@remissflow.test", DemoTexts.OpenTu, null, ct);
            await At(calendar.AddWorkingDays(sent, 6), ct);
            await Do("registrator.ks@remissflow.test", new DecideAnstand.Command(funk, true, calendar.NextWorkingDay(svarsdatum.AddDays(14)),
                "Funktionsrätt Stockholms stad har begärt anstånd per telefon."), ct);
            await At(today, ct, 8);
        }

        /// <summary>A remiss with a svarsdatum no nämnd meeting can meet: the deadline board shows it as impossible.</summary>
        private async Task SeedUrgentRemissAsync(DateOnly today, CancellationToken ct)
        {
            var calendar = services.GetRequiredService<IWorkingDayCalendar>();
            var nextMeeting = await (from m in db.Sammantraden
                                     join o in db.Organ on m.OrganId equals o.Id
                                     where o.OrganisationId == _org["SF"] && o.Kind == OrganKind.Namnd && m.Datum > today.AddDays(5)
                                     orderby m.Datum
                                     select m.Datum).FirstAsync(ct);
            var svarsdatum = calendar.PreviousWorkingDay(nextMeeting.AddDays(-1));
            var sent = calendar.PreviousWorkingDay(today.AddDays(-3));
            await At(sent, ct);
            var remiss = await SendRemissAsync(UrgentTitle, null, DemoTexts.UrgentDescription, svarsdatum, ["SF", "SOF"], false, ct);
            await At(calendar.AddWorkingDays(sent, 1), ct);
            await Register(await Svar(remiss, "SF"), "registrator.sf@remissflow.test", "handlaggare.sf@remissflow.test", ct);
            await At(today, ct, 8);
        }
    }
}

internal static class SeedClockExtensions
{
    public static DateOnly Today(this SeedClock clock) => StockholmTime.Today(clock);
}
