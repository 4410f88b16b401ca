using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RemissFlow.Core.Background;
using RemissFlow.Core.Features.Inkommande;
using RemissFlow.Core.Files;

namespace RemissFlow.Core.Intake.Mail;

/// <summary>What one round did to one mailbox.</summary>
/// <param name="Claimed">False when another node held the mailbox's claim, so this one left it alone.</param>
public sealed record MailboxRound(string Mailbox, bool Claimed, int Seen, int New, int AlreadyThere, int Moved, string? Error);

/// <summary>
/// Reads the registry mailboxes over IMAP. Per message: the item is committed first (<see cref="TaEmotEpost"/>), and
/// only then is the message moved to the processed folder, so a crash in between leaves the message in the inbox, and
/// the next round finds its item by Message-ID and only moves it. A mailbox is read by one node at a time: a claim
/// row with a lease, taken by a conditional update as the outbox and the timers take theirs, and renewed per message.
/// </summary>
public sealed partial class MailboxPoller(
    IServiceScopeFactory scopes, TimeProvider clock, BackgroundOptions options, FileStore files, IReadOnlyList<MailboxOptions> mailboxes, ILogger<MailboxPoller> log)
{
    public IReadOnlyList<MailboxOptions> Mailboxes => mailboxes;

    /// <summary>
    /// Runs after a message's item is committed and before the message is moved. Tests set it to throw, which is what a
    /// crash at the worst moment looks like to the mailbox and the database.
    /// </summary>
    public Func<ReadMail, CancellationToken, Task>? AfterCommit { get; set; }

    public async Task<IReadOnlyList<MailboxRound>> PollAllAsync(CancellationToken ct)
    {
        var rounds = new List<MailboxRound>();
        foreach (var mailbox in mailboxes)
        {
            rounds.Add(await PollAsync(mailbox, ct));
        }

        return rounds;
    }

    public async Task<MailboxRound> PollAsync(MailboxOptions mailbox, CancellationToken ct)
    {
        if (!await ClaimAsync(mailbox.Name, ct))
        {
            return new MailboxRound(mailbox.Name, false, 0, 0, 0, 0, null);
        }

        int seen = 0, created = 0, already = 0, moved = 0;
        string? error = null;
        try
        {
            var organisationId = await OrganisationAsync(mailbox, ct);
            using var client = new ImapClient { Timeout = (int)mailbox.Timeout.TotalMilliseconds };
            var security = !mailbox.EnableSsl ? SecureSocketOptions.None : mailbox.Port == 993 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(mailbox.Host, mailbox.Port, security, ct);
            await client.AuthenticateAsync(mailbox.UserName, mailbox.Password, ct);
            var inbox = string.Equals(mailbox.Folder, "INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(mailbox.Folder, ct);
            await inbox.OpenAsync(FolderAccess.ReadWrite, ct);
            var processed = await ProcessedFolderAsync(client, mailbox.ProcessedFolder, ct);
            var messages = inbox.Count == 0 ? [] : await inbox.FetchAsync(0, -1, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size), ct);
            foreach (var summary in messages)
            {
                if (!await RenewAsync(mailbox.Name, ct))
                {
                    error = "Brevlådans lås gick förlorat under läsningen; en annan nod fortsätter.";
                    break;
                }

                seen++;
                var mail = summary.Size is { } size && size > mailbox.MaxMessageBytes
                    ? MailReader.HeadersOnly(await HeaderBytesAsync(inbox, summary.UniqueId, ct), size, mailbox.MaxMessageBytes)
                    : MailReader.Read(await RawAsync(inbox, summary.UniqueId, ct));
                var outcome = await StoreAsync(organisationId, mailbox.Name, mail, ct);
                if (outcome == TaEmotEpost.Utfall.Ny)
                {
                    created++;
                }
                else
                {
                    already++;
                }

                if (AfterCommit is { } hook)
                {
                    await hook(mail, ct);
                }

                await inbox.MoveToAsync(summary.UniqueId, processed, ct);
                moved++;
            }

            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The whole chain: the mailbox row's LastError is what an operator reads first.
            error = string.Join(" ← ", Chain(e).Select(x => x.Message));
            LogRoundFailed(log, mailbox.Name, e);
        }
        finally
        {
            await ReleaseAsync(mailbox.Name, error);
        }

        return new MailboxRound(mailbox.Name, true, seen, created, already, moved, error);
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }

    private async Task<Guid> OrganisationAsync(MailboxOptions mailbox, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
        var id = await db.Organisationer.Where(o => o.DnrPrefix == mailbox.Organisation).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
        return id ?? throw new InvalidOperationException($"Brevlådan {mailbox.Name} hör till organisationen {mailbox.Organisation}, som inte finns.");
    }

    private async Task<TaEmotEpost.Utfall> StoreAsync(Guid organisationId, string mailbox, ReadMail mail, CancellationToken ct)
    {
        var stored = new List<StoredFile>();
        foreach (var attachment in mail.Attachments)
        {
            // Content-addressed, so a file saved for an item that then loses the race is the same bytes the winner saved.
            stored.Add(await files.SaveAsync(attachment.Content, attachment.MediaType, ct));
        }

        var command = new TaEmotEpost.Command(organisationId, mailbox, mail, stored);
        for (var attempt = 1; ; attempt++)
        {
            using var scope = scopes.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, ct);
            if (result.Succeeded)
            {
                return result.Value.Utfall;
            }

            // A conflict is another poller's commit of the same Message-ID: the next attempt finds it.
            if (result.Refusal!.Kind != RefusalKind.Conflict || attempt == 3)
            {
                throw new InvalidOperationException($"Meddelandet {mail.MessageId} kunde inte sparas: {result.Refusal.Message}");
            }
        }
    }

    private static async Task<byte[]> RawAsync(IMailFolder inbox, UniqueId uid, CancellationToken ct)
    {
        await using var stream = await inbox.GetStreamAsync(uid, ct);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static async Task<byte[]> HeaderBytesAsync(IMailFolder inbox, UniqueId uid, CancellationToken ct)
    {
        var headers = await inbox.GetHeadersAsync(uid, ct);
        using var buffer = new MemoryStream();
        await headers.WriteToAsync(buffer, ct);
        buffer.Write("\r\n"u8);
        return buffer.ToArray();
    }

    private static async Task<IMailFolder> ProcessedFolderAsync(ImapClient client, string name, CancellationToken ct)
    {
        try
        {
            return await client.GetFolderAsync(name, ct);
        }
        catch (FolderNotFoundException)
        {
            var root = await client.GetFolderAsync(client.PersonalNamespaces[0].Path, ct);
            return await root.CreateAsync(name, isMessageFolder: true, ct)
                ?? throw new InvalidOperationException($"Mappen {name} kunde inte skapas i brevlådan.");
        }
    }

    private async Task<bool> ClaimAsync(string name, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
        using var turn = await scope.ServiceProvider.GetRequiredService<WriteGate>().EnterAsync(db, ct);
        if (!await db.InkommandeBrevlador.AnyAsync(m => m.Namn == name, ct))
        {
            db.InkommandeBrevlador.Add(new InkommandeBrevlada { Namn = name });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (WriteConflicts.IsConflict(e))
            {
                // Another node created the row first; the claim below decides between us.
            }

            db.ChangeTracker.Clear();
        }

        var now = clock.GetUtcNow();
        var claimed = await db.InkommandeBrevlador
            .Where(m => m.Namn == name && (m.ClaimedUntil == null || m.ClaimedUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, options.HostName).SetProperty(m => m.ClaimedUntil, now + options.Lease), ct);
        return claimed == 1;
    }

    private async Task<bool> RenewAsync(string name, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
        using var turn = await scope.ServiceProvider.GetRequiredService<WriteGate>().EnterAsync(db, ct);
        var until = clock.GetUtcNow() + options.Lease;
        return await db.InkommandeBrevlador.Where(m => m.Namn == name && m.ClaimedBy == options.HostName)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, until), ct) == 1;
    }

    /// <summary>Hands the mailbox back at the end of the round; best effort, since the lease lapses by itself.</summary>
    private async Task ReleaseAsync(string name, string? error)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
            using var turn = await scope.ServiceProvider.GetRequiredService<WriteGate>().EnterAsync(db, CancellationToken.None);
            var now = clock.GetUtcNow();
            var text = error is { Length: > 2000 } ? error[..2000] : error;
            await db.InkommandeBrevlador.Where(m => m.Namn == name && m.ClaimedBy == options.HostName).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LastPolledAt, now).SetProperty(m => m.LastError, text), CancellationToken.None);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or ObjectDisposedException or InvalidOperationException)
        {
            LogReleaseFailed(log, name, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading mailbox {Mailbox} failed")]
    private static partial void LogRoundFailed(ILogger logger, string mailbox, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the claim on mailbox {Mailbox} failed")]
    private static partial void LogReleaseFailed(ILogger logger, string mailbox, Exception exception);
}
