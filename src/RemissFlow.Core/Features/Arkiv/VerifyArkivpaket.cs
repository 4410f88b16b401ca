using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;

namespace RemissFlow.Core.Features.Arkiv;

/// <summary>What a check of a package found: how many listed files were read, and every fault in words.</summary>
public sealed record Verifiering(string Paket, int FilerKontrollerade, IReadOnlyList<string> Fel)
{
    public bool Ok => Fel.Count == 0;
}

/// <summary>
/// Reads a package back, as a folder, a ZIP or a TAR, the way a receiving archive would: every file METS.xml lists (fileSec
/// and the metadata references) must be there with its size and SHA-256, and nothing may be there that METS does not list.
/// </summary>
public static class VerifyArkivpaket
{
    private sealed record Listad(string Href, long? Size, string? Checksum, string? ChecksumType);

    public static Verifiering Verify(string path)
    {
        if (File.Exists(path) && path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = ZipFile.OpenRead(path);
            var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            var roots = entries.Select(e => e.FullName.Split('/')[0]).Distinct(StringComparer.Ordinal).ToList();
            if (roots.Count != 1 || entries.Any(e => !e.FullName.Contains('/', StringComparison.Ordinal)))
            {
                return Fault(path, "ZIP-filen ska innehålla en enda rotmapp med paketet.");
            }

            var prefix = roots[0] + "/";
            var files = entries.ToDictionary(e => e.FullName[prefix.Length..], e => (Func<Stream>)e.Open, StringComparer.Ordinal);
            return Check(path, roots[0], files);
        }

        if (File.Exists(path) && path.EndsWith(".tar", StringComparison.OrdinalIgnoreCase))
        {
            return VerifyTar(path);
        }

        if (Directory.Exists(path))
        {
            var root = path;
            if (!File.Exists(Path.Combine(root, "METS.xml")))
            {
                var candidates = Directory.GetDirectories(path).Where(d => File.Exists(Path.Combine(d, "METS.xml"))).ToList();
                if (candidates.Count != 1)
                {
                    return Fault(path, candidates.Count == 0 ? "Mappen innehåller ingen METS.xml." : "Mappen innehåller flera paket; ange ett av dem.");
                }

                root = candidates[0];
            }

            var full = Path.GetFullPath(root);
            var files = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(full, f).Replace(Path.DirectorySeparatorChar, '/'), f => (Func<Stream>)(() => File.OpenRead(f)), StringComparer.Ordinal);
            return Check(path, Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)), files);
        }

        return Fault(path, "Paketet finns inte (ange en mapp, en .zip- eller en .tar-fil).");
    }

    /// <summary>A TAR is read through once (it has no index); the files are held in memory for the check, as a package is of bounded size.</summary>
    private static Verifiering VerifyTar(string path)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new System.Formats.Tar.TarReader(stream);
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (System.Formats.Tar.TarEntryType.RegularFile or System.Formats.Tar.TarEntryType.V7RegularFile))
                {
                    continue;
                }

                var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                using var buffer = new MemoryStream();
                entry.DataStream?.CopyTo(buffer);
                if (!entries.TryAdd(name, buffer.ToArray()))
                {
                    return Fault(path, $"TAR-filen innehåller {name} mer än en gång.");
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            return Fault(path, $"TAR-filen går inte att läsa: {e.Message}");
        }

        var roots = entries.Keys.Select(k => k.Split('/')[0]).Distinct(StringComparer.Ordinal).ToList();
        if (roots.Count != 1 || entries.Keys.Any(k => !k.Contains('/', StringComparison.Ordinal)))
        {
            return Fault(path, "TAR-filen ska innehålla en enda rotmapp med paketet.");
        }

        var prefix = roots[0] + "/";
        var files = entries.ToDictionary(e => e.Key[prefix.Length..], e => (Func<Stream>)(() => new MemoryStream(e.Value, writable: false)), StringComparer.Ordinal);
        return Check(path, roots[0], files);
    }

    private static Verifiering Check(string paket, string rootName, IReadOnlyDictionary<string, Func<Stream>> files)
    {
        var errors = new List<string>();
        if (!files.TryGetValue("METS.xml", out var openMets))
        {
            return Fault(paket, "Paketets rotmapp saknar METS.xml.");
        }

        XDocument mets;
        try
        {
            using var stream = openMets();
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            mets = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            return Fault(paket, $"METS.xml går inte att läsa: {e.Message}");
        }

        XNamespace m = ArkivMets.Mets;
        XNamespace xlink = ArkivMets.XLink;
        var objId = mets.Root?.Attribute("OBJID")?.Value;
        if (objId != rootName)
        {
            errors.Add($"METS.xml har OBJID \"{objId}\" men rotmappen heter \"{rootName}\".");
        }

        var listed = mets.Descendants(m + "file")
            .Select(f => new Listad(f.Element(m + "FLocat")?.Attribute(xlink + "href")?.Value ?? "", Long(f.Attribute("SIZE")?.Value), f.Attribute("CHECKSUM")?.Value, f.Attribute("CHECKSUMTYPE")?.Value))
            .Concat(mets.Descendants(m + "mdRef")
                .Select(r => new Listad(r.Attribute(xlink + "href")?.Value ?? "", Long(r.Attribute("SIZE")?.Value), r.Attribute("CHECKSUM")?.Value, r.Attribute("CHECKSUMTYPE")?.Value)))
            .ToList();

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var checkedCount = 0;
        foreach (var item in listed)
        {
            var href = Uri.UnescapeDataString(item.Href.StartsWith("file:", StringComparison.Ordinal) ? item.Href["file:".Length..] : item.Href);
            if (href.Length == 0 || href.StartsWith('/') || href.Split('/').Any(s => s is ".." or "."))
            {
                errors.Add($"METS.xml pekar på \"{item.Href}\", som inte är en relativ sökväg inom paketet.");
                continue;
            }

            if (!seen.Add(href))
            {
                errors.Add($"{href} står mer än en gång i METS.xml.");
                continue;
            }

            if (!files.TryGetValue(href, out var open))
            {
                errors.Add($"{href} står i METS.xml men finns inte i paketet.");
                continue;
            }

            if (!string.Equals(item.ChecksumType, "SHA-256", StringComparison.Ordinal) || item.Checksum is null)
            {
                errors.Add($"{href} saknar kontrollsumma av typen SHA-256 i METS.xml.");
                continue;
            }

            long size;
            string sha;
            using (var stream = open())
            using (var counter = new CountingStream(stream))
            {
                sha = Convert.ToHexString(SHA256.HashData(counter));
                size = counter.Count;
            }

            checkedCount++;
            if (item.Size != size)
            {
                errors.Add($"{href} är {size.ToString(CultureInfo.InvariantCulture)} byte men METS.xml anger {item.Size?.ToString(CultureInfo.InvariantCulture) ?? "ingen storlek"}.");
            }

            if (!string.Equals(sha, item.Checksum, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{href} har ändrats: kontrollsumman (SHA-256) stämmer inte med METS.xml.");
            }
        }

        foreach (var extra in files.Keys.Where(k => k != "METS.xml" && !seen.Contains(k)).Order(StringComparer.Ordinal))
        {
            errors.Add($"{extra} finns i paketet men står inte i METS.xml.");
        }

        return new Verifiering(paket, checkedCount, errors);
    }

    private static long? Long(string? text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static Verifiering Fault(string paket, string message) => new(paket, 0, [message]);

    /// <summary>Counts the bytes hashed, since a ZIP entry's stream cannot tell its length.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            Count += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
