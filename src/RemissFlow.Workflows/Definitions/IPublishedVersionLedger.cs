using System.Collections.Concurrent;

namespace RemissFlow.Workflows.Definitions;

/// <summary>
/// Remembers the hash of every published (definitionId, version). The host keeps it durable (a
/// table with a unique key on DefinitionId + Version) so that editing a published file without
/// raising its version is refused at the next start-up instead of silently changing running instances.
/// </summary>
public interface IPublishedVersionLedger
{
    /// <summary>The recorded SHA-256 (lower-case hex), or null when this version was never published.</summary>
    ValueTask<string?> GetHashAsync(string definitionId, int version, CancellationToken cancellationToken = default);

    ValueTask RecordAsync(string definitionId, int version, string sha256, DateTimeOffset publishedAt, CancellationToken cancellationToken = default);
}

/// <summary>For tests and for tools that check a directory without a database.</summary>
public sealed class InMemoryPublishedVersionLedger : IPublishedVersionLedger
{
    private readonly ConcurrentDictionary<(string, int), string> _hashes = new();

    public ValueTask<string?> GetHashAsync(string definitionId, int version, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_hashes.TryGetValue((definitionId, version), out var hash) ? hash : null);

    public ValueTask RecordAsync(string definitionId, int version, string sha256, DateTimeOffset publishedAt, CancellationToken cancellationToken = default)
    {
        // A second record of the same version with another hash would be the very fault the ledger exists to catch.
        var stored = _hashes.GetOrAdd((definitionId, version), sha256);
        if (stored != sha256)
        {
            throw new InvalidOperationException($"{definitionId} v{version} is already recorded with another hash.");
        }
        return ValueTask.CompletedTask;
    }
}
