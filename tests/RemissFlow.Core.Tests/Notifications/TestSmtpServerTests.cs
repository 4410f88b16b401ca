using System.Net.Sockets;
using System.Text;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Notifications;

/// <summary>The test server's own protocol handling, spoken to directly so its behaviour does not hide behind SmtpClient.</summary>
[TestFixture]
public class TestSmtpServerTests
{
    [Test]
    public async Task Speaks_the_commands_and_unstuffs_dots()
    {
        await using var server = TestSmtpServer.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };

        async Task<string> Send(string line)
        {
            await writer.WriteLineAsync(line);
            return (await reader.ReadLineAsync())!;
        }

        var greeting = await reader.ReadLineAsync();
        var helo = await Send("HELO test");
        var noop = await Send("NOOP");
        var early = await Send("RCPT TO:<x@y.se>");
        var mail = await Send("MAIL FROM:<a@b.se>");
        var rset = await Send("RSET");
        await Send("MAIL FROM:<a@b.se>");
        await Send("RCPT TO:<x@y.se>");
        var data = await Send("DATA");
        await writer.WriteAsync("Subject: =?utf-8?Q?R=C3=A5d_f=C3=B6r?= =?utf-8?B?IGZ1bmt0aW9uc2hpbmRlcmZyw6Vnb3I=?=\r\n\r\n..rad med punkt\r\nvanlig rad\r\n.\r\n");
        var queued = await reader.ReadLineAsync();
        var unknown = await Send("VRFY x");
        var quit = await Send("QUIT");

        var message = server.Messages.Single();
        Assert.Multiple(() =>
        {
            Assert.That(greeting, Does.StartWith("220"));
            Assert.That(helo, Does.StartWith("250"));
            Assert.That(noop, Does.StartWith("250"));
            Assert.That(early, Does.StartWith("503"));
            Assert.That(mail, Does.StartWith("250"));
            Assert.That(rset, Does.StartWith("250"));
            Assert.That(data, Does.StartWith("354"));
            Assert.That(queued, Does.StartWith("250"));
            Assert.That(unknown, Does.StartWith("502"));
            Assert.That(quit, Does.StartWith("221"));
            Assert.That(message.MailFrom, Is.EqualTo("a@b.se"));
            Assert.That(message.RcptTo, Is.EqualTo(new[] { "x@y.se" }));
            Assert.That(message.TextBody, Is.EqualTo(".rad med punkt\r\nvanlig rad\r\n"));
            Assert.That(message.Subject, Is.EqualTo("Råd för funktionshinderfrågor"));
        });
    }

    [Test]
    public async Task Refusing_greets_with_the_code()
    {
        await using var server = TestSmtpServer.Start();
        server.RefuseConnections(421);
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);

        Assert.That(await reader.ReadLineAsync(), Does.StartWith("421"));
    }
}
