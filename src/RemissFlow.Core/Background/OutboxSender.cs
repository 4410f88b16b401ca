using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RemissFlow.Core.Notifications;

namespace RemissFlow.Core.Background;

/// <summary>
/// Delivers the e-mail outbox. A row is claimed with a lease, sent, and marked sent; an SMTP
/// outage leaves it for a retry with exponential backoff, a permanent refusal (5xx) is recorded
/// and not retried. Rows survive restarts; the Message-ID is the row's id, so the rare resend
/// after a crash between SMTP's acceptance and the commit carries the same Message-ID.
/// </summary>
public sealed partial class OutboxSender(IServiceScopeFactory scopes, TimeProvider clock, BackgroundOptions options, BackgroundHeartbeats heartbeats, IEmailSender sender, ILogger<OutboxSender> log)
    : BackgroundService
{
    public const int MaxAttempts = 12;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                heartbeats.Beat(nameof(OutboxSender), clock.GetUtcNow());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(log, e);
            }

            await Task.Delay(options.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (ExecuteTask is null or { IsCompleted: true })
        {
            await BackgroundTelemetry.ReleaseClaimsAsync(scopes, options.HostName, cancellationToken);
        }
    }

    /// <summary>Sends what is due now; returns how many were delivered.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var delivered = 0;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
        var gate = scope.ServiceProvider.GetRequiredService<WriteGate>();
        var now = clock.GetUtcNow();
        var due = await db.UtgaendeEpost
            .Where(m => m.SentAt == null && m.Attempts < MaxAttempts && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil <= now))
            .OrderBy(m => m.NextAttemptAt)
            .Take(50)
            .Select(m => m.Id)
            .ToListAsync(ct);

        foreach (var id in due)
        {
            UtgaendeEpost? message;
            List<UtgaendeEpostBilaga> filer;
            using (await gate.EnterAsync(db, ct))
            {
                // The conditional update is the claim: of two hosts, only one changes the row.
                // A claim that lapsed without an outcome means its node died mid-send: counted, so a resend is explained.
                var claimed = await db.UtgaendeEpost
                    .Where(m => m.Id == id && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil <= now))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.AvbrutnaForsok, m => m.ClaimedUntil == null ? m.AvbrutnaForsok : m.AvbrutnaForsok + 1)
                        .SetProperty(m => m.ClaimedBy, options.HostName)
                        .SetProperty(m => m.ClaimedUntil, now + options.Lease), ct);
                if (claimed == 0)
                {
                    continue;
                }

                message = await db.UtgaendeEpost.AsNoTracking().FirstAsync(m => m.Id == id, ct);
                filer = await db.UtgaendeEpostBilagor.AsNoTracking().Where(b => b.EpostId == id).OrderBy(b => b.Ordning).ToListAsync(ct);
            }

            using var activity = BackgroundTelemetry.Source.StartActivity("outbox.send");
            activity?.SetTag("remissflow.message", id);
            if (message.AvbrutnaForsok > 0)
            {
                LogResend(log, id, message.AvbrutnaForsok);
            }

            string? error = null;
            var retry = true;
            var recorded = false;
            var attempts = message.Attempts + 1;

            // The send is recorded the moment the server accepts it, before the session closes, so that a node killed
            // after acceptance leaves as short a window as one update for the message to go out twice.
            async Task RecordSentAsync(CancellationToken token)
            {
                var at = clock.GetUtcNow();
                using (await gate.EnterAsync(db, token))
                {
                    await db.UtgaendeEpost.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.SentAt, at).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, (string?)null), token);
                }

                recorded = true;
            }

            try
            {
                await sender.SendAsync(new EmailMessage(message.Till, message.Rubrik, message.Text)
                {
                    MessageId = message.Id,
                    OnAccepted = RecordSentAsync,
                    Attachments = [
                        .. message.Bilaga is { } bytes ? [new EmailAttachment(message.BilagaNamn ?? "bilaga", message.BilagaTyp ?? "application/octet-stream", bytes)] : Array.Empty<EmailAttachment>(),
                        .. filer.Select(f => new EmailAttachment(f.Namn, f.Typ, f.Innehall)),
                    ],
                }, ct);
            }
            catch (EmailSendException e)
            {
                error = e.Message;
                retry = e.IsTransient;
            }

            if (error is null)
            {
                // A sender that does not call OnAccepted is recorded when it returns.
                if (!recorded)
                {
                    await RecordSentAsync(ct);
                }

                delivered++;
                BackgroundTelemetry.EmailsSent.Add(1);
                continue;
            }

            var failedAt = clock.GetUtcNow();
            LogSendFailed(log, id, message.Till, attempts, error);
            BackgroundTelemetry.EmailsFailed.Add(1);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, error);
            using (await gate.EnterAsync(db, ct))
            {
                await db.UtgaendeEpost.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, retry ? attempts : MaxAttempts)
                    .SetProperty(m => m.NextAttemptAt, failedAt + Backoff(attempts))
                    .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LastError, error.Length > 2000 ? error[..2000] : error), ct);
            }
        }

        return delivered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {Id} is sent again after {Interrupted} interrupted attempt(s), with the same Message-ID")]
    private static partial void LogResend(ILogger logger, Guid id, int interrupted);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {Id} to {To} failed (attempt {Attempts}): {Error}")]
    private static partial void LogSendFailed(ILogger logger, Guid id, string to, int attempts, string error);
}
