using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Deadlines;

[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class CalendarFeedTests(DatabaseProvider provider)
{
    [Test]
    public async Task A_users_secret_feed_has_the_organisations_deadlines_and_meetings_and_nothing_of_others()
    {
        await using var app = await TestApp.StartAsync(provider);
        var s = await Scenario.BuildAsync(app);
        await s.MeetingAsync(s.SfNamnd, new DateOnly(2026, 4, 14));
        await s.MeetingAsync(s.SofNamnd, new DateOnly(2026, 4, 21));
        var remiss = await s.SendRemissAsync(new DateOnly(2026, 4, 24), s.Sf, s.Sof);
        var svar = await s.SvarAsync(remiss, s.Sf);
        await app.Ok(s["sf.reg"], new RegisterRemissvar.Command(svar.Id));
        var token = await app.Query(db => db.Users.Where(u => u.Id == s["sf.hl"].UserId).Select(u => u.CalendarToken).SingleAsync());

        string? Feed(Func<CalendarFeed, Task<string?>> get)
        {
            using var scope = app.Services.CreateScope();
            return get(scope.ServiceProvider.GetRequiredService<CalendarFeed>()).GetAwaiter().GetResult();
        }

        var raw = Feed(f => f.ForUserAsync(token, CancellationToken.None))!;
        var feed = Unfold(raw);
        var again = Unfold(Feed(f => f.ForUserAsync(token, CancellationToken.None))!);
        Assert.That(raw.Split("\r\n").Select(l => System.Text.Encoding.UTF8.GetByteCount(l)), Is.All.LessThanOrEqualTo(75));

        Assert.That(feed, Does.StartWith("BEGIN:VCALENDAR\r\n").And.EndWith("END:VCALENDAR\r\n"));
        Assert.That(feed, Does.Contain("SUMMARY:Svarsdatum: Handlingsplan för ett jämställt Stockholm 2030 (SF 2026/1)"));
        Assert.That(feed, Does.Contain("DTSTART;VALUE=DATE:20260424"));
        Assert.That(feed, Does.Contain("SUMMARY:Sammanträde: Servicenämnden"));
        Assert.That(feed, Does.Not.Contain("Socialnämnden"));
        Assert.That(Uids(feed), Is.EqualTo(Uids(again)).And.Contains($"{svar.Id}-svarsdatum@remissflow"));
        Assert.That(Feed(f => f.ForUserAsync("fel-token", CancellationToken.None)), Is.Null);
        Assert.That(Feed(f => f.ForOrganAsync(token, s.SofNamnd, CancellationToken.None)), Is.Null);
        Assert.That(Feed(f => f.ForOrganAsync(token, s.SfNamnd, CancellationToken.None)), Does.Contain("Sammanträde: Servicenämnden"));
    }

    // Issue 13: the nämndsekreterare's feed lacked the plans' milestones, and one item read "1 ärenden".
    [Test]
    public async Task The_namndsekreterares_feed_has_the_milestones_and_one_item_is_one_arende()
    {
        await using var app = await TestApp.StartAsync(provider);
        var s = await Scenario.BuildAsync(app);
        var meeting = await s.MeetingAsync(s.SfNamnd, new DateOnly(2026, 4, 14));
        var remiss = await s.SendRemissAsync(new DateOnly(2026, 4, 24), s.Sf);
        var svar = await s.SvarAsync(remiss, s.Sf);
        await app.Ok(s["sf.reg"], new RegisterRemissvar.Command(svar.Id));
        await app.Ok(s["sf.reg"], new AssignHandlaggare.Command(svar.Id, s["sf.hl"].UserId!.Value));
        await app.Query(async db =>
        {
            db.Foredragningspunkter.Add(new Domain.Foredragningspunkt { SammantradeId = meeting, RemissvarId = svar.Id, Rubrik = "Handlingsplan för ett jämställt Stockholm 2030" });
            return await db.SaveChangesAsync();
        });
        var token = await app.Query(db => db.Users.Where(u => u.Id == s["sf.sek"].UserId).Select(u => u.CalendarToken).SingleAsync());

        string feed;
        using (var scope = app.Services.CreateScope())
        {
            feed = Unfold((await scope.ServiceProvider.GetRequiredService<CalendarFeed>().ForUserAsync(token, CancellationToken.None))!);
        }

        Assert.Multiple(() =>
        {
            Assert.That(feed, Does.Contain("Tjänsteutlåtandet till förvaltningschefen"), "the plan's milestones, as in the handläggare's feed");
            Assert.That(feed, Does.Contain("1 ärende på föredragningslistan."));
            Assert.That(feed, Does.Not.Contain("1 ärenden"));
        });
    }

    private static string Unfold(string feed) => feed.Replace("\r\n ", string.Empty, StringComparison.Ordinal);

    private static List<string> Uids(string feed) =>
        feed.Split("\r\n").Where(l => l.StartsWith("UID:", StringComparison.Ordinal)).Select(l => l[4..]).ToList();
}
