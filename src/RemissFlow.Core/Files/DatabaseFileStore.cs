using Npgsql;

namespace RemissFlow.Core.Files;

/// <summary>
/// Files in PostgreSQL's <c>stored_files</c> (V0030), addressed by SHA-256 as on disk. A file is written on its own
/// connection and committed at once, as the disk store's rename is: a command that fails afterwards leaves an
/// unreferenced row, never a reference without its bytes. The same bytes saved twice, by two nodes at once, are
/// one row (ON CONFLICT DO NOTHING), and the digest is checked again on read so a damaged row is never served as
/// the file.
/// </summary>
public sealed class DatabaseFileStore : FileStore, IDisposable
{
    private readonly NpgsqlDataSource _source;

    public DatabaseFileStore(string connectionString, long maxBytes)
        : base(maxBytes) => _source = NpgsqlDataSource.Create(connectionString);

    public override async Task<StoredFile> SaveAsync(byte[] content, string mediaType, CancellationToken ct)
    {
        var sha = Address(content);
        await using var command = _source.CreateCommand("""
            INSERT INTO stored_files (sha256, size, content, created_at) VALUES ($1, $2, $3, now())
            ON CONFLICT (sha256) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = sha });
        command.Parameters.Add(new NpgsqlParameter { Value = content.LongLength });
        command.Parameters.Add(new NpgsqlParameter { Value = content });
        await command.ExecuteNonQueryAsync(ct);
        return new StoredFile(sha, content.LongLength, mediaType);
    }

    public override byte[]? Read(string sha256)
    {
        sha256 = sha256.ToLowerInvariant();
        if (!IsAddress(sha256))
        {
            return null;
        }

        using var command = _source.CreateCommand("SELECT content FROM stored_files WHERE sha256 = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        var content = command.ExecuteScalar() as byte[];
        return content is not null && Address(content) == sha256 ? content : null;
    }

    public override async Task DeleteAsync(string sha256, CancellationToken ct)
    {
        sha256 = sha256.ToLowerInvariant();
        if (!IsAddress(sha256))
        {
            return;
        }

        await using var command = _source.CreateCommand("DELETE FROM stored_files WHERE sha256 = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        await command.ExecuteNonQueryAsync(ct);
    }

    public void Dispose() => _source.Dispose();
}
