using System.Security.Cryptography;

namespace RemissFlow.Core.Files;

public sealed record FileStoreOptions(string Root, long MaxBytes = Limits.UploadFileBytes);

public sealed record StoredFile(string Sha256, long Size, string MediaType);

/// <summary>
/// Durable content-addressed storage: a file is kept under the lower-case hex SHA-256 of its bytes, so the same
/// content is stored once and a name can never point at other bytes. Which store is used follows the database
/// provider (<see cref="For"/>): on SQLite, one node, the disk beside the database; on PostgreSQL the database
/// itself, so any app node serves a file another node received.
/// </summary>
public abstract class FileStore(long maxBytes)
{
    public long MaxBytes => maxBytes;

    public static FileStore For(DatabaseOptions database, FileStoreOptions options) => database.Provider == DatabaseProvider.Postgres
        ? new DatabaseFileStore(database.ConnectionString, options.MaxBytes)
        : new DiskFileStore(options);

    public static string Address(ReadOnlySpan<byte> content) => Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

    public abstract Task<StoredFile> SaveAsync(byte[] content, string mediaType, CancellationToken ct);

    /// <summary>The bytes stored under <paramref name="sha256"/>, or null when there are none (or the address is not one).</summary>
    public abstract byte[]? Read(string sha256);

    /// <summary>
    /// Removes the bytes under <paramref name="sha256"/> for good (gallring). The caller checks that no row still refers
    /// to them: the store is content-addressed, so two handlingar with the same bytes share one file.
    /// </summary>
    public abstract Task DeleteAsync(string sha256, CancellationToken ct);

    /// <summary>A SHA-256 in lower-case hex and nothing else: the disk store builds a path from it, the database store a key.</summary>
    protected static bool IsAddress(string sha256) =>
        sha256.Length == 64 && sha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}

/// <summary>
/// Files under the data directory, outside the web root. Written via a temporary file and an atomic rename, so a
/// crash never leaves half a file under a real name.
/// </summary>
public sealed class DiskFileStore(FileStoreOptions options) : FileStore(options.MaxBytes)
{
    public override async Task<StoredFile> SaveAsync(byte[] content, string mediaType, CancellationToken ct)
    {
        var sha = Address(content);
        var path = PathFor(sha);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.WriteThrough))
            {
                await stream.WriteAsync(content, ct);
                await stream.FlushAsync(ct);
            }

            File.Move(temp, path, overwrite: true);
        }

        return new StoredFile(sha, content.LongLength, mediaType);
    }

    public override byte[]? Read(string sha256)
    {
        sha256 = sha256.ToLowerInvariant();
        if (!IsAddress(sha256))
        {
            return null;
        }

        var path = PathFor(sha256);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public override Task DeleteAsync(string sha256, CancellationToken ct)
    {
        sha256 = sha256.ToLowerInvariant();
        if (IsAddress(sha256))
        {
            File.Delete(PathFor(sha256));
        }

        return Task.CompletedTask;
    }

    private string PathFor(string sha) => Path.Combine(options.Root, sha[..2], sha);
}
