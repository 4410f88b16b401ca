using System.Text;
using MimeKit;
using RemissFlow.Core.Background;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Notifications;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Notifications;

/// <summary>
/// The kallelse e-mail carries kallelse.ics through the outbox to a real SMTP listener: an invitation (METHOD:REQUEST)
/// at the meeting's time and place in Europe/Stockholm, with the meeting's UID, and a higher SEQUENCE on the supplement.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class KallelseInvitationTests(DatabaseProvider provider)
{
    private static readonly DateOnly Motesdag = new(2026, 3, 10);

    private TestSmtpServer _server = null!;
    private TestApp _app = null!;
    private Scenario _s = null!;

    [SetUp]
    public async Task Start()
    {
        _server = TestSmtpServer.Start();
        _app = await TestApp.StartAsync(provider, smtp: new SmtpOptions("127.0.0.1", _server.Port, "remissflow@example.test") { Timeout = TimeSpan.FromSeconds(10) });
        _s = await Scenario.BuildAsync(_app);
    }

    [TearDown]
    public async Task Stop()
    {
        await _app.DisposeAsync();
        await _server.DisposeAsync();
    }

    private static List<string> Unfold(string ics) =>
        ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal).Split("\r\n").SkipLast(1).ToList();

    private List<(string Subject, MimePart Ics)> Invitations() => _server.Messages
        .Select(m => MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(m.Data))))
        .SelectMany(m => m.Attachments.OfType<MimePart>().Where(a => a.FileName == "kallelse.ics").Select(a => (m.Subject ?? "", a)))
        .ToList();

    private static string Text(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Test]
    public async Task The_kallelse_mail_carries_an_invitation_at_the_meetings_time_and_place_and_the_supplement_updates_it()
    {
        var sek = _s["sf.sek"];
        var meeting = await _s.MeetingAsync(_s.SfNamnd, Motesdag);
        var user = await _app.Ok(TestApp.Admin, new CreateUser.Command("eva@example.test", "Eva Lindström", _s.Sf, [Role.Ledamot], "Remissarbete-2026"));
        await _app.Ok(sek, new AddLedamot.Command(_s.SfNamnd, "Eva Lindström", "M", Uppdrag.Ordforande, new DateOnly(2023, 1, 1), new DateOnly(2026, 12, 31), user));
        await _app.Ok(sek, new AddOvrigPunkt.Command(meeting, "Budgetuppföljning per februari", "SF 2026/40", "Ekonomichef Ulla Berg", "Nämnden godkänner uppföljningen."));
        await _app.Ok(sek, new SkickaKallelse.Command(meeting));
        var outbox = _app.Get<OutboxSender>();
        await outbox.RunOnceAsync(CancellationToken.None);

        var (subject, part) = Invitations().Single();
        Assert.That(subject, Does.StartWith("Kallelse:"));
        Assert.That(part.ContentType.MimeType, Is.EqualTo("text/calendar"));
        Assert.That(part.ContentType.Parameters["method"], Is.EqualTo("REQUEST"));
        var ics = Text(part);
        Assert.That(ics, Does.Contain("\r\n").And.Not.Match("[^\r]\n"), "CRLF line ends only");
        var lines = Unfold(ics);
        Assert.That(lines, Does.Contain("METHOD:REQUEST"));
        Assert.That(lines, Does.Contain($"UID:{meeting:D}@remissflow"));
        Assert.That(lines, Does.Contain("SEQUENCE:0"));
        Assert.That(lines, Does.Contain("DTSTART;TZID=Europe/Stockholm:20260310T170000"));
        Assert.That(lines, Does.Contain("DTEND;TZID=Europe/Stockholm:20260310T190000"));
        Assert.That(lines, Does.Contain("LOCATION:Stadshuset"));
        Assert.That(lines, Does.Contain("TZID:Europe/Stockholm"));
        Assert.That(lines.Single(l => l.StartsWith("SUMMARY:", StringComparison.Ordinal)), Does.Contain("sammanträde"));
        Assert.That(lines.Single(l => l.StartsWith("ORGANIZER", StringComparison.Ordinal)), Does.Contain(":mailto:"));
        Assert.That(ics.Split("\r\n").Max(l => Encoding.UTF8.GetByteCount(l)), Is.LessThanOrEqualTo(75), "folded at 75 octets");

        // A supplement is what was placed after the kallelse went out.
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await _app.Ok(sek, new AddOvrigPunkt.Command(meeting, "Anmälan av delegationsbeslut", null, "Nämndsekreterare", "Nämnden lägger anmälan till handlingarna."));
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await _app.Ok(sek, new SkickaKallelse.Command(meeting));
        await outbox.RunOnceAsync(CancellationToken.None);

        var supplement = Invitations().Single(i => i.Subject.StartsWith("Tillägg till kallelse:", StringComparison.Ordinal));
        var again = Unfold(Text(supplement.Ics));
        Assert.That(again, Does.Contain($"UID:{meeting:D}@remissflow"));
        Assert.That(again, Does.Contain("SEQUENCE:1"));
    }

    [Test]
    public void An_invitation_escapes_and_folds_long_swedish_text_and_parses_back()
    {
        var place = "Stadshuset, Ratsalen; ingång från Hantverkargatan 1 – följ skyltarna till Rådhussalen på plan två, Åsö";
        var entry = CalendarEntry.Meeting(Guid.Parse("5b7f7f0e-4a57-4f0b-9d8c-2f0f3c1f9a01"), "Servicenämnden: sammanträde", new DateOnly(2026, 7, 1), new TimeOnly(17, 30), location: place);
        var ics = IcsCalendarWriter.WriteInvitation(entry, 3, new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero), "Servicenämnden, Stockholm", "sf@example.test", "eva@example.test");

        Assert.That(ics.Split("\r\n").Max(l => Encoding.UTF8.GetByteCount(l)), Is.LessThanOrEqualTo(75));
        var lines = Unfold(ics);
        Assert.That(lines.Single(l => l.StartsWith("LOCATION:", StringComparison.Ordinal))["LOCATION:".Length..]
            .Replace(@"\,", ",", StringComparison.Ordinal).Replace(@"\;", ";", StringComparison.Ordinal), Is.EqualTo(place));
        Assert.That(lines, Does.Contain("SEQUENCE:3"));
        Assert.That(lines, Does.Contain("DTSTART;TZID=Europe/Stockholm:20260701T173000"));
        Assert.That(lines, Does.Contain("ORGANIZER;CN=\"Servicenämnden, Stockholm\":mailto:sf@example.test"));
        Assert.That(lines, Does.Contain("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:eva@example.test"));
        Assert.That(lines.First(), Is.EqualTo("BEGIN:VCALENDAR"));
        Assert.That(lines.Last(), Is.EqualTo("END:VCALENDAR"));
    }
}
