using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RemissFlow.Core.Background;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Files;
using RemissFlow.Core.Intake.Mail;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Foundation;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Intake;

/// <summary>
/// The registry mailbox read over IMAP from a real Dovecot on 127.0.0.1, on both databases. Each test reads its own
/// folder, so one server serves the fixture; messages are delivered byte for byte by IMAP APPEND.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class MailboxPollerTests(DatabaseProvider provider)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    private TestDovecot _dovecot = null!;
    private TestApp _app = null!;
    private MailboxOptions _mailbox = null!;

    [OneTimeSetUp]
    public async Task StartDovecot() => _dovecot = await TestDovecot.StartAsync();

    [OneTimeTearDown]
    public async Task StopDovecot()
    {
        if (_dovecot is not null)
        {
            await _dovecot.DisposeAsync();
        }
    }

    [SetUp]
    public async Task Start()
    {
        if (provider == DatabaseProvider.Postgres)
        {
            Providers.RequirePostgres();
        }

        _app = await TestApp.StartAsync(provider);
        await SeedData.KsAndSf(_app);
        var folder = "T" + Guid.NewGuid().ToString("N")[..10];
        _mailbox = new MailboxOptions("registrator-ks", "KS", _dovecot.Host, _dovecot.Port, TestDovecot.User, TestDovecot.Password)
        {
            EnableSsl = false,
            Folder = folder,
            ProcessedFolder = folder + "-behandlade",
            MaxMessageBytes = 64 * 1024,
        };
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private MailboxPoller Poller(TestApp host) => new(
        host.Services.GetRequiredService<IServiceScopeFactory>(), host.Clock, host.Get<BackgroundOptions>(), host.Get<FileStore>(), [_mailbox],
        NullLogger<MailboxPoller>.Instance);

    private Task Deliver(string raw) => Deliver(Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n")));

    private Task Deliver(byte[] raw) => _dovecot.AppendAsync(raw, _mailbox.Folder);

    private Task<int> InInbox() => _dovecot.CountAsync(_mailbox.Folder);

    private Task<int> Processed() => _dovecot.CountAsync(_mailbox.ProcessedFolder);

    private Task<List<InkommandeEpost>> Items() => _app.Query(db => db.Inkommande.Include(i => i.Bilagor).OrderBy(i => i.Rubrik).ToListAsync());

    private static string Message(string id, string subject, string body = "Hej!\n\nSe bifogat remissvar.\n") => $"""
        From: Anna Berg <anna.berg@forskola.example.se>
        To: registrator@ks.example.se
        Subject: {subject}
        Date: Tue, 21 Apr 2026 14:05:00 +0200
        Message-ID: <{id}@forskola.example.se>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        {body}
        """;

    private static string WithPdf(string id, string subject) => $"""
        From: Anna Berg <anna.berg@forskola.example.se>
        To: registrator@ks.example.se
        Subject: {subject}
        Date: Tue, 21 Apr 2026 14:05:00 +0200
        Message-ID: <{id}@forskola.example.se>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="grans-1"

        --grans-1
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        Remissvaret i KS 2025/1616 är bifogat.
        --grans-1
        Content-Type: application/pdf; name="Remissvar KS 2025-1616.pdf"
        Content-Disposition: attachment; filename="Remissvar KS 2025-1616.pdf"
        Content-Transfer-Encoding: base64

        {Convert.ToBase64String(Pdf)}
        --grans-1
        Content-Type: application/octet-stream; name="verktyg.exe"
        Content-Disposition: attachment; filename="verktyg.exe"
        Content-Transfer-Encoding: base64

        {Convert.ToBase64String("MZ\u0090\u0000binary"u8.ToArray())}
        --grans-1--
        """;

    [Test]
    public async Task Each_message_becomes_one_item_with_its_attachments_in_the_file_store_and_moves_after_the_commit()
    {
        await Deliver(WithPdf("svar-1", "Remissvar KS 2025/1616"));
        await Deliver(Message("fraga-2", "Fråga om svarsdatum"));

        var round = await Poller(_app).PollAsync(_mailbox, CancellationToken.None);

        Assert.That(round, Is.EqualTo(new MailboxRound(_mailbox.Name, true, 2, 2, 0, 2, null)));
        Assert.That((await InInbox(), await Processed()), Is.EqualTo((0, 2)));
        var items = await Items();
        var svar = items.Single(i => i.MessageId == "svar-1@forskola.example.se");
        var pdf = svar.Bilagor.Single(b => b.MediaType == UploadPolicy.Pdf);
        var exe = svar.Bilagor.Single(b => b.Namn == "verktyg.exe");
        Assert.Multiple(() =>
        {
            Assert.That(items, Has.Count.EqualTo(2));
            Assert.That(svar.Fran, Does.Contain("Anna Berg").And.Contain("anna.berg@forskola.example.se"));
            Assert.That(svar.Till, Is.EqualTo("registrator@ks.example.se"));
            Assert.That(svar.Rubrik, Is.EqualTo("Remissvar KS 2025/1616"));
            Assert.That(svar.Skickad, Is.EqualTo(new DateTimeOffset(2026, 4, 21, 12, 5, 0, TimeSpan.Zero)));
            Assert.That(svar.Text, Is.EqualTo("Remissvaret i KS 2025/1616 är bifogat."));
            Assert.That(svar.Status, Is.EqualTo(InkommandeStatus.Ny));
            Assert.That(svar.Anmarkning, Is.Null);
            Assert.That(pdf.Namn, Is.EqualTo("Remissvar KS 2025-1616.pdf"));
            Assert.That(_app.Get<FileStore>().Read(pdf.Sha256), Is.EqualTo(Pdf));
            Assert.That(pdf.Avvisad, Is.Null);
            Assert.That(exe.Avvisad, Does.Contain("verktyg.exe").And.Contain("varken PDF"));
        });
        var audit = await _app.Query(db => db.Handelser.Where(h => h.Action == "inkommande.mottagen").Select(h => h.ArendeId).ToListAsync());
        Assert.That(audit, Is.EquivalentTo(items.Select(i => i.Id)));
    }

    [Test]
    public async Task A_message_read_again_makes_no_second_item()
    {
        var raw = Message("samma-1", "Remissvar om bostadsförsörjning");
        await Deliver(raw);
        Assert.That((await Poller(_app).PollAsync(_mailbox, CancellationToken.None)).New, Is.EqualTo(1));

        // The same message back in the inbox: moved back by a person, or delivered twice by the sender's server.
        await Deliver(raw);
        var again = await Poller(_app).PollAsync(_mailbox, CancellationToken.None);

        Assert.That(again, Is.EqualTo(new MailboxRound(_mailbox.Name, true, 1, 0, 1, 1, null)));
        Assert.That((await Items()).Count, Is.EqualTo(1));
        Assert.That((await InInbox(), await Processed()), Is.EqualTo((0, 2)));
    }

    [Test]
    public async Task A_crash_between_the_commit_and_the_move_leaves_the_message_in_the_inbox_and_the_next_round_only_moves_it()
    {
        await Deliver(Message("krasch-1", "Remissvar före kraschen"));
        var crashing = Poller(_app);
        crashing.AfterCommit = (_, _) => throw new IOException("Noden dog efter commit men före MOVE.");

        var crashed = await crashing.PollAsync(_mailbox, CancellationToken.None);

        Assert.That(crashed.Error, Does.Contain("Noden dog"));
        Assert.That((await Items()).Count, Is.EqualTo(1));
        Assert.That((await InInbox(), await Processed()), Is.EqualTo((1, 0)));

        await using var restarted = _app.AnotherHost("host-after-crash");
        var next = await Poller(restarted).PollAsync(_mailbox, CancellationToken.None);

        Assert.That(next, Is.EqualTo(new MailboxRound(_mailbox.Name, true, 1, 0, 1, 1, null)));
        Assert.That((await Items()).Count, Is.EqualTo(1));
        Assert.That((await InInbox(), await Processed()), Is.EqualTo((0, 1)));
    }

    [Test]
    public async Task Odd_encodings_are_read_as_the_sender_meant_them()
    {
        var latin = Encoding.Latin1;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var cp1252 = Encoding.GetEncoding(1252);

        // Outlook's Windows-1252 with no charset at all, and labelled ISO-8859-1 while using 0x96 for the dash.
        await Deliver(cp1252.GetBytes("From: sof@example.se\r\nTo: ks@example.se\r\nSubject: Utan teckenkodning\r\nMessage-ID: <w1@example.se>\r\nContent-Transfer-Encoding: 8bit\r\n\r\nYttrande från Förskoleförvaltningen – se bilaga. Kostnad 5 000 €.\r\n"));
        await Deliver(cp1252.GetBytes("From: sof@example.se\r\nTo: ks@example.se\r\nSubject: Latin-1 etikett\r\nMessage-ID: <w2@example.se>\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\nÅtgärd – tillstyrker.\r\n"));
        // RFC 2047 subjects (Q in ISO-8859-1, B in UTF-8) and a quoted-printable body.
        await Deliver(latin.GetBytes("From: =?iso-8859-1?Q?Stadsbyggnadsn=E4mnden?= <sbn@example.se>\r\nTo: ks@example.se\r\nSubject: =?iso-8859-1?Q?Remissvar_g=E4llande_=F6versiktsplan?=\r\nMessage-ID: <q1@example.se>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nN=C3=A4mnden tillstyrker f=C3=B6rslaget med synpunkter p=C3=A5 =\r\navsnitt 3.\r\n"));
        await Deliver(Encoding.ASCII.GetBytes("From: mf@example.se\r\nTo: ks@example.se\r\nSubject: =?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes("Svar på remiss – KS 2025/1616")) + "?=\r\nMessage-ID: <b1@example.se>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><style>p{color:red}</style></head><body><p>Milj&ouml;f&ouml;rvaltningen avst&aring;r.</p><p>Med v&auml;nlig h&auml;lsning</p></body></html>\r\n"));

        var round = await Poller(_app).PollAsync(_mailbox, CancellationToken.None);

        Assert.That(round.New, Is.EqualTo(4));
        var items = (await Items()).ToDictionary(i => i.MessageId);
        Assert.Multiple(() =>
        {
            Assert.That(items["w1@example.se"].Text, Is.EqualTo("Yttrande från Förskoleförvaltningen – se bilaga. Kostnad 5 000 €."));
            Assert.That(items["w2@example.se"].Text, Is.EqualTo("Åtgärd – tillstyrker."));
            Assert.That(items["q1@example.se"].Rubrik, Is.EqualTo("Remissvar gällande översiktsplan"));
            Assert.That(items["q1@example.se"].Fran, Does.Contain("Stadsbyggnadsnämnden"));
            Assert.That(items["q1@example.se"].Text, Is.EqualTo("Nämnden tillstyrker förslaget med synpunkter på avsnitt 3."));
            Assert.That(items["b1@example.se"].Rubrik, Is.EqualTo("Svar på remiss – KS 2025/1616"));
            Assert.That(items["b1@example.se"].Text, Is.EqualTo("Miljöförvaltningen avstår.\nMed vänlig hälsning"));
            Assert.That(items.Values.Select(i => i.Anmarkning), Is.All.Null);
        });
    }

    [Test]
    public async Task Broken_mime_and_a_message_without_message_id_give_clear_items_and_never_a_crash()
    {
        // A multipart whose boundary never comes; bytes that are no e-mail at all; a message without Message-ID.
        await Deliver("From: a@example.se\nSubject: Trasig\nMessage-ID: <trasig@example.se>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"finns-inte\"\n\nYttrandet kommer här men gränsen saknas.\n");
        await Deliver([0x89, (byte)'P', (byte)'N', (byte)'G', 0xFF, 0xFE, 0x01, 0x02, (byte)'\r', (byte)'\n', 0x9C, 0x80, (byte)'\r', (byte)'\n']);
        var utanId = "From: b@example.se\r\nSubject: Utan Message-ID\r\n\r\nText.\r\n";
        await Deliver(utanId);

        var round = await Poller(_app).PollAsync(_mailbox, CancellationToken.None);

        Assert.That(round, Is.EqualTo(new MailboxRound(_mailbox.Name, true, 3, 3, 0, 3, null)));
        var items = await Items();
        var trasig = items.Single(i => i.MessageId == "trasig@example.se");
        var utan = items.Single(i => i.Rubrik == "Utan Message-ID");
        var skrap = items.Single(i => i != trasig && i != utan);
        Assert.Multiple(() =>
        {
            Assert.That(trasig.Anmarkning, Does.Contain("MIME-struktur är trasig"));
            Assert.That(trasig.Text, Does.Contain("Yttrandet kommer här"));
            Assert.That(trasig.Bilagor.Single().Namn, Is.EqualTo("meddelande.eml"));
            Assert.That(utan.MessageId, Does.StartWith("sha256:"));
            Assert.That(utan.Anmarkning, Is.Null);
            Assert.That(skrap.Anmarkning, Does.Contain("inte giltig e-post"));
            Assert.That(skrap.Rubrik, Is.EqualTo("(meddelandet kunde inte läsas)"));
            Assert.That(skrap.Bilagor.Single().Namn, Is.EqualTo("meddelande.eml"));
            Assert.That(_app.Get<FileStore>().Read(skrap.Bilagor.Single().Sha256)!.Take(4), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }));
        });

        // Keyed by the hash of its bytes, the message without a Message-ID is still read only once.
        await Deliver(utanId);
        Assert.That((await Poller(_app).PollAsync(_mailbox, CancellationToken.None)).AlreadyThere, Is.EqualTo(1));
        Assert.That((await Items()).Count, Is.EqualTo(3));
    }

    [Test]
    public async Task A_message_over_the_limit_is_not_read_but_becomes_an_item_that_says_so()
    {
        var big = new StringBuilder();
        for (var i = 0; i < 4000; i++)
        {
            big.Append("Rad ").Append(i).Append(" av en mycket lång bilaga som skickats i brödtexten.\n");
        }

        await Deliver(Message("stor-1", "Remissvar med stora bilagor", big.ToString()));

        var round = await Poller(_app).PollAsync(_mailbox, CancellationToken.None);

        Assert.That(round.New, Is.EqualTo(1));
        var item = (await Items()).Single();
        Assert.Multiple(() =>
        {
            Assert.That(item.Rubrik, Is.EqualTo("Remissvar med stora bilagor"));
            Assert.That(item.Fran, Does.Contain("anna.berg@forskola.example.se"));
            Assert.That(item.Text, Is.Empty);
            Assert.That(item.Storlek, Is.GreaterThan(_mailbox.MaxMessageBytes));
            Assert.That(item.Anmarkning, Does.Contain("större än gränsen 64 kB").And.Contain("har inte lästs in"));
        });
        Assert.That((await InInbox(), await Processed()), Is.EqualTo((0, 1)));
    }

    [Test]
    public async Task Two_pollers_at_once_read_every_message_exactly_once()
    {
        for (var i = 0; i < 12; i++)
        {
            await Deliver(Message($"par-{i}", $"Remissvar {i:00}"));
        }

        await using var hostB = _app.AnotherHost("host-b");
        var rounds = await Task.WhenAll(Poller(_app).PollAsync(_mailbox, CancellationToken.None), Poller(hostB).PollAsync(_mailbox, CancellationToken.None));

        Assert.That(rounds.Sum(r => r.New), Is.EqualTo(12));
        Assert.That(rounds.Sum(r => r.AlreadyThere), Is.Zero);
        Assert.That(rounds.Select(r => r.Error), Is.All.Null);
        Assert.That((await Items()).Select(i => i.MessageId).Distinct().Count(), Is.EqualTo(12));
        Assert.That((await InInbox(), await Processed()), Is.EqualTo((0, 12)));
    }

    [Test]
    public async Task A_mailbox_claimed_by_a_dead_node_is_left_alone_until_its_lease_lapses()
    {
        await Deliver(Message("lease-1", "Remissvar under lås"));
        var until = _app.Clock.GetUtcNow().AddMinutes(1);
        await _app.Query(db =>
        {
            db.InkommandeBrevlador.Add(new InkommandeBrevlada { Namn = _mailbox.Name, ClaimedBy = "dead-node", ClaimedUntil = until });
            return db.SaveChangesAsync();
        });

        var blocked = await Poller(_app).PollAsync(_mailbox, CancellationToken.None);
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        var taken = await Poller(_app).PollAsync(_mailbox, CancellationToken.None);

        Assert.That(blocked.Claimed, Is.False);
        Assert.That(taken, Is.EqualTo(new MailboxRound(_mailbox.Name, true, 1, 1, 0, 1, null)));
    }
}
