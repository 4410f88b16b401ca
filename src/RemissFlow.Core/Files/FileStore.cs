using System.Security.Cryptography;

namespace RemissFlow.Core.Files;

public sealed record FileStoreOptions(string Root, long MaxBytes = Limits.UploadFileBytes);

public sealed record StoredFile(string Sha256, long Size, string MediaType);

/// <summary>
/// Durable content-addressed storage outside the web root. Files are written under their SHA-256
/// via a temporary file and an atomic rename, so a crash never leaves half a file under a real name.
/// </summary>
public sealed class FileStore(FileStoreOptions options)
{
    public long MaxBytes => options.MaxBytes;

    public async Task<StoredFile> SaveAsync(byte[] content, string mediaType, CancellationToken ct)
    {
        var sha = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
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

    public byte[]? Read(string sha256)
    {
        var path = PathFor(sha256);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    private string PathFor(string sha) => Path.Combine(options.Root, sha[..2], sha);
}
