using Microsoft.Extensions.Configuration;

namespace RemissFlow.Core.Intake.Mail;

/// <summary>
/// One registry mailbox read over IMAP, from configuration (<c>Intake:Mailboxes:n:…</c>). The password comes from the
/// environment or a secret store (<c>Intake__Mailboxes__0__Password</c>), never from a file in the repository.
/// </summary>
/// <param name="Name">Unique among the mailboxes: the claim row and the items carry it.</param>
/// <param name="Organisation">The owning organisation's dnr prefix, e.g. <c>KS</c>.</param>
public sealed record MailboxOptions(string Name, string Organisation, string Host, int Port, string UserName, string Password)
{
    /// <summary>Implicit TLS on port 993, STARTTLS (required) on any other port; off only for a server on the same machine.</summary>
    public bool EnableSsl { get; init; } = true;

    public string Folder { get; init; } = "INBOX";

    /// <summary>Where a message goes once its item is committed; created when missing.</summary>
    public string ProcessedFolder { get; init; } = "RemissFlow-behandlade";

    public long MaxMessageBytes { get; init; } = Limits.InkommandeMessageBytes;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The mailboxes under <c>Intake:Mailboxes</c>; an entry without host, user or organisation is a configuration error.</summary>
    public static IReadOnlyList<MailboxOptions> FromConfiguration(IConfiguration configuration)
    {
        var list = new List<MailboxOptions>();
        foreach (var section in configuration.GetSection("Intake:Mailboxes").GetChildren())
        {
            var name = section["Name"] ?? section.Key;
            string Required(string key) => section[key] is { Length: > 0 } v
                ? v
                : throw new InvalidOperationException($"Intake:Mailboxes:{section.Key}:{key} saknas i konfigurationen (brevlådan {name}).");
            var ssl = !string.Equals(section["EnableSsl"], "false", StringComparison.OrdinalIgnoreCase);
            list.Add(new MailboxOptions(name, Required("Organisation"), Required("Host"),
                int.TryParse(section["Port"], out var port) ? port : ssl ? 993 : 143, Required("UserName"), section["Password"] ?? "")
            {
                EnableSsl = ssl,
                Folder = section["Folder"] is { Length: > 0 } folder ? folder : "INBOX",
                ProcessedFolder = section["ProcessedFolder"] is { Length: > 0 } done ? done : "RemissFlow-behandlade",
                MaxMessageBytes = long.TryParse(section["MaxMessageBytes"], out var max) && max > 0 ? max : Limits.InkommandeMessageBytes,
            });
        }

        var twice = list.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? list : throw new InvalidOperationException($"Brevlådenamnet {twice.Key} finns två gånger under Intake:Mailboxes.");
    }
}
