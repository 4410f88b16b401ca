using RemissFlow.Core.Notifications;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Notifications;

[TestFixture]
public class SmtpEmailSenderTests
{
    private TestSmtpServer _server = null!;

    [SetUp]
    public void StartServer() => _server = TestSmtpServer.Start();

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    private SmtpEmailSender Sender() => new(new SmtpOptions(_server.Host, _server.Port, "remissflow@stockholm.se")
    {
        FromName = "RemissFlow Socialförvaltningen",
        Timeout = TimeSpan.FromSeconds(10),
    });

    private static EmailMessage Notice(string to = "daniel.lauridsen@stockholm.se") => new(
        to,
        "Påminnelse: tjänsteutlåtandet i SOF 2024/472 ska till förvaltningschefen",
        "Hej!\n\nTjänsteutlåtandet i ärende SOF 2024/472 (remiss av Stockholms stads program för de mänskliga rättigheterna) ska till förvaltningschefen senast onsdag 2024-09-04.\n.En rad som börjar med punkt.\nÅÄÖ åäö – slut.");

    [Test]
    public async Task Delivers_a_message_with_envelope_and_headers()
    {
        await Sender().SendAsync(Notice() with { ToName = "Daniel Lauridsen" });

        var received = _server.Messages.Single();
        Assert.Multiple(() =>
        {
            Assert.That(received.MailFrom, Is.EqualTo("remissflow@stockholm.se"));
            Assert.That(received.RcptTo, Is.EqualTo(new[] { "daniel.lauridsen@stockholm.se" }));
            Assert.That(received.From, Does.Contain("RemissFlow Socialförvaltningen").And.Contain("<remissflow@stockholm.se>"));
            Assert.That(received.To, Does.Contain("Daniel Lauridsen"));
        });
    }

    [Test]
    public async Task Swedish_characters_survive_in_subject_and_body()
    {
        var notice = Notice();

        await Sender().SendAsync(notice);

        var received = _server.Messages.Single();
        Assert.Multiple(() =>
        {
            // The sender must have encoded them: the raw message is 7-bit.
            Assert.That(received.Data.All(c => c < 128), Is.True);
            Assert.That(received.Subject, Is.EqualTo(notice.Subject));
            Assert.That(received.TextBody!.ReplaceLineEndings("\n").TrimEnd('\n'), Is.EqualTo(notice.TextBody));
        });
    }

    [Test]
    public async Task Swedish_characters_survive_in_the_display_names_and_the_html()
    {
        await Sender().SendAsync(Notice() with { ToName = "Åsa Öberg-Ärlemalm", HtmlBody = "<p>Svar senast måndag – Älvsjö stadsdelsförvaltning</p>" });

        var received = _server.Messages.Single();
        Assert.Multiple(() =>
        {
            Assert.That(received.Data.All(c => c < 128), Is.True, "the raw message is 7-bit");
            Assert.That(received.From, Does.Contain("RemissFlow Socialförvaltningen"));
            Assert.That(received.To, Does.Contain("Åsa Öberg-Ärlemalm").And.Contain("<daniel.lauridsen@stockholm.se>"));
            Assert.That(received.HtmlBody, Is.EqualTo("<p>Svar senast måndag – Älvsjö stadsdelsförvaltning</p>"));
        });
    }

    [Test]
    public async Task Html_alternative_arrives_beside_the_text()
    {
        await Sender().SendAsync(Notice() with { HtmlBody = "<p>Sista dag: <strong>måndag 2024-09-30</strong></p>" });

        var received = _server.Messages.Single();
        Assert.Multiple(() =>
        {
            Assert.That(received.Header("Content-Type"), Does.StartWith("multipart/alternative"));
            Assert.That(received.HtmlBody, Is.EqualTo("<p>Sista dag: <strong>måndag 2024-09-30</strong></p>"));
            Assert.That(received.TextBody, Does.Contain("ÅÄÖ åäö"));
        });
    }

    [Test]
    public async Task Message_id_comes_from_the_caller()
    {
        var id = Guid.Parse("7d9a0c1e-2b3f-4e5a-8c6d-9e0f1a2b3c4d");

        await Sender().SendAsync(Notice() with { MessageId = id });

        Assert.That(_server.Messages.Single().Header("Message-ID"), Is.EqualTo("<7d9a0c1e-2b3f-4e5a-8c6d-9e0f1a2b3c4d@remissflow>"));
    }

    [Test]
    public async Task Several_messages_in_a_row_each_arrive_once()
    {
        var sender = Sender();
        foreach (var to in new[] { "a@stockholm.se", "b@stockholm.se", "c@stockholm.se" })
        {
            await sender.SendAsync(Notice(to));
        }

        Assert.That(_server.Messages.Select(m => m.RcptTo.Single()), Is.EqualTo(new[] { "a@stockholm.se", "b@stockholm.se", "c@stockholm.se" }));
    }

    [Test]
    public async Task A_refused_connection_is_a_transient_failure_and_a_retry_delivers()
    {
        _server.RefuseConnections(421);

        var failure = Assert.ThrowsAsync<EmailSendException>(() => Sender().SendAsync(Notice()));
        Assert.Multiple(() =>
        {
            Assert.That(failure!.IsTransient, Is.True);
            Assert.That(failure.SmtpStatusCode, Is.EqualTo(421));
            Assert.That(_server.Messages, Is.Empty);
        });

        _server.Recover();
        await Sender().SendAsync(Notice());

        Assert.That(_server.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_temporary_rejection_is_transient()
    {
        _server.RejectMail(451);

        var failure = Assert.ThrowsAsync<EmailSendException>(() => Sender().SendAsync(Notice()));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.IsTransient, Is.True);
            Assert.That(failure.SmtpStatusCode, Is.EqualTo(451));
            Assert.That(failure.Message, Does.Contain("daniel.lauridsen@stockholm.se"));
        });
    }

    [Test]
    public void A_permanent_rejection_is_not_transient()
    {
        _server.RejectMail(550);

        var failure = Assert.ThrowsAsync<EmailSendException>(() => Sender().SendAsync(Notice()));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.IsTransient, Is.False);
            Assert.That(failure.SmtpStatusCode, Is.EqualTo(550));
        });
    }

    [Test]
    public async Task A_server_that_is_down_is_a_transient_failure_without_a_code()
    {
        int port = _server.Port;
        await _server.DisposeAsync();
        var sender = new SmtpEmailSender(new SmtpOptions("127.0.0.1", port, "remissflow@stockholm.se") { Timeout = TimeSpan.FromSeconds(10) });

        var failure = Assert.ThrowsAsync<EmailSendException>(() => sender.SendAsync(Notice()));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.IsTransient, Is.True);
            Assert.That(failure.SmtpStatusCode, Is.Null);
        });
        _server = TestSmtpServer.Start();
    }

    [Test]
    public void A_malformed_address_is_a_permanent_failure()
    {
        var failure = Assert.ThrowsAsync<EmailSendException>(() => Sender().SendAsync(Notice("inte en adress")));

        Assert.That(failure!.IsTransient, Is.False);
    }
}
