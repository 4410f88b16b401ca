using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RemissFlow.Core.Intake.Mail;

namespace RemissFlow.Core.Background;

/// <summary>Reads the configured registry mailboxes every <see cref="MailboxPollerService.Interval"/>; each round takes the mailbox's claim first.</summary>
public sealed partial class MailboxPollerService(MailboxPoller poller, TimeProvider clock, BackgroundHeartbeats heartbeats, ILogger<MailboxPollerService> log)
    : BackgroundService
{
    /// <summary>Mail is not urgent to the minute, and every round logs in to each mailbox.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var round in await poller.PollAllAsync(stoppingToken))
                {
                    if (round.New > 0)
                    {
                        LogRound(log, round.Mailbox, round.New, round.AlreadyThere);
                    }
                }

                heartbeats.Beat(nameof(MailboxPollerService), clock.GetUtcNow());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPollFailed(log, e);
            }

            await Task.Delay(Interval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {Mailbox}: {New} new Inkommande items ({Already} already there)")]
    private static partial void LogRound(ILogger logger, string mailbox, int @new, int already);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mailbox poll failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
