using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RemissFlow.Core.Background;
using RemissFlow.Core.Demo;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Documents.Wording;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>
/// The meeting day and after, in the browser on a fake clock: the nämndsekreterare opens the meeting, records the
/// närvaro (an ersättare serving), a jäv and a votering by name, closes it and writes the protokoll; the ordförande and
/// the justerare justera with their own logins; the anslag goes up on the public anslagstavla and the timer takes it
/// down; a ledamot reads the kallelse. Every page passes axe, at desktop and phone width.
/// </summary>
public sealed class MeetingDayBrowserTests : BrowserFixture
{
    private const string Ledamot = "ledamot.sf@remissflow.test";
    private const string Ordforande = "ordforande.motesdag@remissflow.test";
    private const string Punkt = "Budgetuppföljning per oktober";

    private readonly FakeClock _clock = new(DateTimeOffset.UtcNow);

    protected override Action<IServiceCollection>? TestServices => s => s.AddSingleton<TimeProvider>(_clock);

    private Task<(Guid Meeting, Guid Organ, Guid Organisation, DateOnly Datum)> NextSfMeetingAsync() => App.QueryAsync(async db =>
    {
        var sf = await db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Id).SingleAsync();
        var organ = await db.Organ.Where(o => o.OrganisationId == sf && o.Kind == OrganKind.Namnd).Select(o => o.Id).SingleAsync();
        var meeting = await db.Sammantraden.Where(m => m.OrganId == organ && m.KallelseSkickadAt != null && m.Status != "pagar" && m.Status != "avslutat")
            .OrderBy(m => m.Datum).Select(m => new { m.Id, m.Datum }).FirstAsync();
        return (meeting.Id, organ, sf, meeting.Datum);
    });

    /// <summary>The poller's next round two minutes on, as the background service would run it.</summary>
    private async Task TimersAsync(TimeSpan advance)
    {
        _clock.Advance(advance);
        await App.Services.GetRequiredService<TimerPoller>().RunOnceAsync(CancellationToken.None);
    }

    [Test]
    public async Task The_sekreterare_runs_the_meeting_the_ordforande_and_justerare_justera_and_the_anslag_goes_up_and_comes_down()
    {
        var (meeting, organ, sf, datum) = await NextSfMeetingAsync();
        _clock.Set(StockholmTime.ToUtc(datum, new TimeOnly(17, 30)));

        // The ordförande signs in with her own account: one is made for her and linked to her seat (set-up only).
        var user = await App.AsSystemAsync(new CreateUser.Command(Ordforande, "Eva Lindström", sf, [Role.Ledamot], DemoSeeder.Password));
        await App.QueryAsync(async db =>
        {
            var seat = await db.Ledamoter.SingleAsync(l => l.OrganId == organ && l.Namn == "Eva Lindström" && l.Fran <= datum && datum <= l.Till);
            seat.UserId = user;
            return await db.SaveChangesAsync();
        });

        var sek = await SignInAsync(MatrixWorld.SfSekreterare);
        await VisitAsync(sek, $"/sammantraden/{meeting}", "sammantrade");
        await sek.GetByRole(AriaRole.Button, new() { Name = "Öppna sammanträdet" }).ClickAsync();
        await Assertions.Expect(sek.GetByRole(AriaRole.Status)).ToContainTextAsync("Sammanträdet är öppnat");
        await Assertions.Expect(sek.Locator("dl.facts")).ToContainTextAsync("Pågår");
        await CheckPageAsync(sek, "sammantrade-oppnat");
        await sek.GetByRole(AriaRole.Link, new() { Name = "Närvaro, jäv och votering" }).ClickAsync();
        await Assertions.Expect(sek.Locator("section.panel h3", new() { HasText = Punkt })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^§ \\d+ {Punkt}$"));
        await CheckPageAsync(sek, "motet");

        // Närvaro: Hassan Yilmaz is away and Linnea Forsberg serves for him; a second ersättare for him is refused, the input kept.
        await sek.GetByLabel("Hassan Yilmaz (V), ledamot").UncheckAsync();
        await sek.GetByLabel("Linnea Forsberg (M), ersättare, närvarande").CheckAsync();
        await sek.GetByLabel("Tomas Nyberg (S), ersättare, närvarande").CheckAsync();
        await sek.GetByLabel("Linnea Forsberg tjänstgör för").SelectOptionAsync(new SelectOptionValue { Label = "Hassan Yilmaz (V)" });
        await sek.GetByLabel("Tomas Nyberg tjänstgör för").SelectOptionAsync(new SelectOptionValue { Label = "Hassan Yilmaz (V)" });
        await sek.GetByRole(AriaRole.Button, new() { Name = "Spara närvaron" }).ClickAsync();
        await Assertions.Expect(sek.Locator("#Narvaro_Ersattare .field-error")).ToHaveTextAsync("Fel: Ersättare: för Hassan Yilmaz tjänstgör redan en annan ersättare.");
        await Assertions.Expect(sek.GetByLabel("Hassan Yilmaz (V), ledamot")).Not.ToBeCheckedAsync();
        await CheckPageAsync(sek, "motet-narvaro-fel");
        await sek.GetByLabel("Tomas Nyberg tjänstgör för").SelectOptionAsync(new SelectOptionValue { Label = "Tjänstgör inte" });
        await sek.GetByRole(AriaRole.Button, new() { Name = "Spara närvaron" }).ClickAsync();
        await Assertions.Expect(sek.GetByRole(AriaRole.Status)).ToContainTextAsync("Närvaron är registrerad: 10 närvarande.");
        await Assertions.Expect(sek.Locator("dl.facts")).ToContainTextAsync("9 tjänstgörande av 9 ledamöter; nämnden är beslutför");

        // Jäv: Sofia Berglund leaves the item and Tomas Nyberg serves instead.
        var item = sek.Locator("section.panel", new() { HasText = Punkt });
        await item.GetByText("Anmäl jäv i punkten").ClickAsync();
        await item.GetByLabel("Jävig ledamot").SelectOptionAsync(new SelectOptionValue { Label = "Sofia Berglund (L)" });
        await item.GetByLabel("Ersättare som träder in").SelectOptionAsync(new SelectOptionValue { Label = "Tomas Nyberg (S)" });
        await item.GetByRole(AriaRole.Button, new() { Name = "Registrera jävet" }).ClickAsync();
        await Assertions.Expect(sek.GetByRole(AriaRole.Status)).ToContainTextAsync("Jävet är registrerat.");
        item = sek.Locator("section.panel", new() { HasText = Punkt });
        await Assertions.Expect(item).ToContainTextAsync("Jäv: Sofia Berglund deltar inte i punkten; Tomas Nyberg tjänstgör i stället.");
        await Assertions.Expect(item).ToContainTextAsync("Tomas Nyberg (för Sofia Berglund)");

        // Votering by name: the announced counts that do not add up are refused beside the field, the votes kept.
        var votes = new Dictionary<string, string>
        {
            ["Eva Lindström"] = "Ja", ["Kristoffer Ahl"] = "Nej", ["Anders Lund"] = "Nej", ["Birgitta Sandell"] = "Ja", ["Jonas Wikström"] = "Avstår",
            ["Marie Holmgren"] = "Nej", ["Per-Olof Dahlin"] = "Ja", ["Linnea Forsberg"] = "Ja", ["Tomas Nyberg"] = "Ja",
        };
        await item.GetByText("Votering med namnupprop").ClickAsync();
        await item.GetByLabel("Ja-proposition").FillAsync("förvaltningens förslag");
        await item.GetByLabel("Nej-proposition").FillAsync("Kristoffer Ahls yrkande om återremiss");
        foreach (var (namn, rost) in votes)
        {
            await item.GetByRole(AriaRole.Radio, new() { Name = $"{rost} ({namn})", Exact = true }).CheckAsync();
        }

        await item.GetByLabel("Antal ja").FillAsync("6");
        await item.GetByLabel("Antal nej").FillAsync("2");
        await item.GetByLabel("Antal avstår").FillAsync("1");
        await item.GetByRole(AriaRole.Button, new() { Name = "Registrera voteringen" }).ClickAsync();
        item = sek.Locator("section.panel", new() { HasText = Punkt });
        await Assertions.Expect(item.Locator(".field-error")).ToContainTextAsync("Rösträkning: de angivna siffrorna (6 ja, 2 nej, 1 avstår) stämmer inte med rösterna per namn (5 ja, 3 nej, 1 avstår av 9 tjänstgörande).");
        await Assertions.Expect(item.GetByRole(AriaRole.Radio, new() { Name = "Avstår (Jonas Wikström)", Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(item.GetByLabel("Ja-proposition")).ToHaveValueAsync("förvaltningens förslag");
        await CheckPageAsync(sek, "motet-votering-fel");
        await item.GetByLabel("Antal ja").FillAsync("5");
        await item.GetByLabel("Antal nej").FillAsync("3");
        await item.GetByRole(AriaRole.Button, new() { Name = "Registrera voteringen" }).ClickAsync();
        await Assertions.Expect(sek.GetByRole(AriaRole.Status)).ToContainTextAsync("Voteringen är registrerad: 5 ja, 3 nej, 1 avstår.");
        item = sek.Locator("section.panel", new() { HasText = Punkt });
        await Assertions.Expect(item).ToContainTextAsync("Votering: 5 ja, 3 nej, 1 avstår. Nämnden beslutade enligt förvaltningens förslag.");
        await Assertions.Expect(item).ToContainTextAsync("Jonas Wikström: avstår");
        await CheckPageAsync(sek, "motet-registrerat");
        await sek.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(sek, "motet-mobil");
        await sek.SetViewportSizeAsync(1280, 900);

        await VisitAsync(sek, $"/sammantraden/{meeting}", "sammantrade-pagar");
        await sek.GetByRole(AriaRole.Button, new() { Name = "Avsluta sammanträdet" }).ClickAsync();
        await Assertions.Expect(sek.GetByRole(AriaRole.Status)).ToContainTextAsync("Sammanträdet är avslutat.");

        // The protokoll: Anders Lund justerar with the ordförande two days later.
        await VisitAsync(sek, $"/sammantraden/{meeting}/protokoll", "protokoll");
        await sek.GetByLabel("Anders Lund (S)").CheckAsync();
        await sek.GetByLabel("Dag för justering").FillAsync(SwedishText.IsoDate(datum.AddDays(2)));
        await sek.GetByLabel("Klockslag för justering").FillAsync("14:00");
        await sek.GetByLabel("Plats för justering").FillAsync("Stadshuset, rum 3");
        await sek.GetByLabel("Förvaringsplats för protokollet").FillAsync("Servicenämndens kansli, Stadshuset");
        await sek.GetByRole(AriaRole.Button, new() { Name = "Spara justerare" }).ClickAsync();
        await Assertions.Expect(sek.GetByRole(AriaRole.Status)).ToContainTextAsync("Justerarna och justeringens tid och plats är sparade.");
        await sek.GetByRole(AriaRole.Button, new() { Name = "Skicka protokollet till justering" }).ClickAsync();
        await Assertions.Expect(sek.GetByRole(AriaRole.Status)).ToContainTextAsync("Protokollet är skickat till ordföranden och justerarna.");
        await CheckPageAsync(sek, "protokoll-skickat");
        var pdf = await sek.APIRequest.GetAsync($"/sammantraden/{meeting}/protokoll?handler=Fil");
        Assert.That((pdf.Status, pdf.Headers["content-type"]), Is.EqualTo((200, "application/pdf")));

        _clock.Advance(TimeSpan.FromDays(2));
        foreach (var (email, name) in new[] { (Ordforande, "ordforande"), (Ledamot, "justerare") })
        {
            var signer = await SignInAsync(email);
            await VisitAsync(signer, $"/kallelser/{meeting}/justering", $"justering-{name}");
            await signer.GetByRole(AriaRole.Button, new() { Name = "Justera protokollet" }).ClickAsync();
            await Assertions.Expect(signer.GetByRole(AriaRole.Status).First).ToContainTextAsync(name == "ordforande" ? "Du har justerat protokollet." : "Protokollet är justerat av alla och låst.");
            await CheckPageAsync(signer, $"justering-{name}-klar");
            if (name == "justerare")
            {
                await Assertions.Expect(signer.Locator("main li", new() { HasText = "Justerat digitalt av Eva Lindström (ordförande)" })).ToHaveCountAsync(1);
                await signer.SetViewportSizeAsync(375, 812);
                await CheckPageAsync(signer, "justering-mobil");
                await signer.SetViewportSizeAsync(1280, 900);

                // The ledamot reads the meeting's kallelse too.
                await VisitAsync(signer, $"/kallelser/{meeting}", "kallelse");
                await Assertions.Expect(signer.Locator("ol.agenda")).ToContainTextAsync(Punkt);
            }
        }

        // A minute after the justering the notice is up; 22 days after it went up the timer takes it down.
        await TimersAsync(TimeSpan.FromMinutes(2));
        var publik = await NewPageAsync();
        await VisitAsync(publik, "/publikt/anslagstavla", "anslagstavla");
        var anslag = publik.Locator($"section[aria-labelledby='anslag-{meeting}']");
        await Assertions.Expect(anslag).ToContainTextAsync("Servicenämndens kansli, Stadshuset");
        await Assertions.Expect(anslag).ToContainTextAsync(new System.Text.RegularExpressions.Regex($@"Anslaget uppsatt\s*{SwedishText.IsoDate(datum.AddDays(2))}"));
        await Assertions.Expect(anslag).ToContainTextAsync(new System.Text.RegularExpressions.Regex($@"Anslaget tas ned\s*{SwedishText.IsoDate(datum.AddDays(2 + 22))}"));
        await publik.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(publik, "anslagstavla-mobil");
        await publik.SetViewportSizeAsync(1280, 900);

        await TimersAsync(TimeSpan.FromDays(21));
        await publik.ReloadAsync();
        await Assertions.Expect(anslag).ToHaveCountAsync(1);
        await TimersAsync(TimeSpan.FromDays(1));
        await publik.ReloadAsync();
        await Assertions.Expect(anslag).ToHaveCountAsync(0);
        await CheckPageAsync(publik, "anslagstavla-nedtaget");
    }
}
