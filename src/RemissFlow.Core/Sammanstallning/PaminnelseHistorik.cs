using System.Text.Json;

namespace RemissFlow.Core.Sammanstallning;

/// <summary>One påminnelse as recorded on the instans's remissvar: when, by whom, to whom, and its letter.</summary>
/// <param name="Nummer">The audit event's sequence number: what the letter's address names.</param>
public sealed record Paminnelse(long Nummer, DateTimeOffset Skickad, string Av, IReadOnlyList<string> Mottagare, string Sha256)
{
    public bool Nadd => Mottagare.Count > 0;
}

/// <summary>
/// The reminders of one remissvar, read from the audit log where <see cref="SendPaminnelser"/> records them (the
/// log is append-only and hash-chained, so the history cannot be edited afterwards). Each letter is the PDF kept in
/// the file store under the SHA-256 its event names.
/// </summary>
public sealed class PaminnelseHistorik(RemissFlowDbContext db)
{
    public async Task<IReadOnlyList<Paminnelse>> ForAsync(Guid remissvarId, CancellationToken ct = default)
    {
        var events = await db.Handelser.AsNoTracking()
            .Where(h => h.ArendeId == remissvarId && h.Action == "paminnelse.skickad")
            .OrderBy(h => h.Sequence)
            .Select(h => new { h.Sequence, h.At, h.ActorName, h.After })
            .ToListAsync(ct);
        return events.Select(e => Read(e.Sequence, e.At, e.ActorName, e.After)).Where(p => p is not null).Select(p => p!).ToList();
    }

    private static Paminnelse? Read(long sequence, DateTimeOffset at, string actor, string? after)
    {
        if (after is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(after);
        var root = json.RootElement;
        if (!root.TryGetProperty("dokument", out var dokument) || dokument.GetString() is not { } sha)
        {
            return null;
        }

        // Reminders recorded before the recipients were kept name only the registry address.
        var mottagare = root.TryGetProperty("mottagare", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().Select(x => x.GetString()!).ToList()
            : root.TryGetProperty("till", out var till) && till.GetString() is { } address ? [address] : new List<string>();
        return new Paminnelse(sequence, at, actor, mottagare, sha);
    }
}
