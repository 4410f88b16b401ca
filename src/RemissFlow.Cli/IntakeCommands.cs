using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Intake.Mail;

namespace RemissFlow.Cli;

/// <summary><c>intake poll</c>: reads the configured registry mailboxes once, as the app's poller does every minute.</summary>
public static class IntakeCommands
{
    public static Command Create()
    {
        var intake = new Command("intake", "Registrets e-post (IMAP).");
        var poll = new Command("poll", "Läser brevlådorna under Intake:Mailboxes en gång; varje nytt meddelande blir en inkommande post.");
        poll.SetAction(async (parse, ct) =>
        {
            await using var provider = CliHost.Build();
            var poller = provider.GetRequiredService<MailboxPoller>();
            if (poller.Mailboxes.Count == 0)
            {
                throw new CliFailure("inga brevlådor är konfigurerade (Intake:Mailboxes i appsettings.json eller miljövariabler)");
            }

            var output = parse.InvocationConfiguration.Output;
            var failed = false;
            foreach (var round in await poller.PollAllAsync(ct))
            {
                if (!round.Claimed)
                {
                    output.WriteLine($"{round.Mailbox}: läses redan av en annan nod");
                    continue;
                }

                output.WriteLine($"{round.Mailbox}: {round.Seen} meddelanden, {round.New} nya, {round.AlreadyThere} fanns redan, {round.Moved} flyttade"
                    + (round.Error is null ? "" : $"; fel: {round.Error}"));
                failed |= round.Error is not null;
            }

            return failed ? CliExit.Failure : CliExit.Ok;
        });
        intake.Subcommands.Add(poll);
        return intake;
    }
}
