using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace RemissFlow.Core.Features.Arkiv;

/// <summary>One file of a written package, as METS lists it.</summary>
public sealed record PaketFil(string Id, string Path, string MediaType, long Size, DateTimeOffset Skapad, string Sha256, string? OriginaltNamn, string? FormatNamn, string? FormatVersion);

/// <summary>A package on disk: its root folder, every file METS lists, and the METS.xml itself.</summary>
public sealed record SkrivetPaket(string Rot, string Namn, IReadOnlyList<PaketFil> Filer, long Bytes);

/// <summary>
/// Writes an FGS Paketstruktur 2.0 package (E-ARK CSIP 2.1 with the SIP 2.1 profile): one root folder named after
/// the package, METS.xml, metadata/descriptive/ERMS.xml (CITS ERMS 3), metadata/preservation/premis.xml (PREMIS 3),
/// representations/rep1/data with every handling, schemas/ and documentation/. Knows nothing of the database.
/// </summary>
public static partial class ArkivpaketWriter
{
    public const string ContentGroupUse = "Representations/rep1";
    private const string DataFolder = "representations/rep1/data";

    public static string RootName(Guid paketId) => "uuid-" + paketId.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>Writes the package as a folder under <paramref name="parent"/>; refuses to overwrite one already there.</summary>
    public static SkrivetPaket WriteFolder(ArkivpaketInnehall paket, string parent)
    {
        var name = RootName(paket.PaketId);
        var root = Path.Combine(parent, name);
        if (Directory.Exists(root))
        {
            throw new IOException($"Mappen {root} finns redan.");
        }

        Directory.CreateDirectory(root);
        var files = new List<PaketFil>();
        var ermsRecords = new Dictionary<ArkivHandling, string>(ReferenceEqualityComparer.Instance);

        var folders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var arende in paket.Arenden)
        {
            // Two ärenden may fold to one name (a remiss and an outside instans's answer registered under the same dnr).
            var folder = DataFolder + "/" + Unique(folders, SafeName(arende.Dnr));
            var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var n = 0;
            foreach (var h in arende.Handlingar)
            {
                n++;
                var fileName = Unique(taken, $"{n:00}-{SafeName(Path.GetFileNameWithoutExtension(h.OriginaltNamn))}{SafeExtension(h.OriginaltNamn, h.MediaType)}");
                var path = folder + "/" + fileName;
                var (formatName, formatVersion) = FormatOf(h);
                files.Add(Write(root, path, h.Innehall, h.MediaType, h.Skapad, "FILE", h.OriginaltNamn, formatName, formatVersion, files.Count));
                ermsRecords[h] = path;
            }
        }

        var content = files.ToList();
        var erms = ArkivErms.Build(paket, ermsRecords);
        var ermsFile = Write(root, "metadata/descriptive/ERMS.xml", Xml(erms), "application/xml", paket.Skapad, "ERMS", null, "Extensible Markup Language", "1.0", 0);
        var premis = ArkivPremis.Build(paket, content);
        var premisFile = Write(root, "metadata/preservation/premis.xml", Xml(premis), "application/xml", paket.Skapad, "PREMIS", null, "Extensible Markup Language", "1.0", 0);
        var docFile = Write(root, "documentation/leveransbeskrivning.txt", Encoding.UTF8.GetBytes(Leveransbeskrivning(paket, content)), "text/plain", paket.Skapad, "FILE-DOC", null, null, null, 0);
        var schemaFiles = ArkivSchemas.Files
            .Select((s, i) => Write(root, "schemas/" + s, ArkivSchemas.Read(s), "application/xml", paket.Skapad, "FILE-XSD", null, "XML Schema Definition", "1.0", i + 1))
            .ToList();

        var mets = ArkivMets.Build(paket, name, ermsFile, premisFile, [docFile], schemaFiles, content);
        var metsBytes = Xml(mets);
        File.WriteAllBytes(Path.Combine(root, "METS.xml"), metsBytes);

        var all = content.Concat([ermsFile, premisFile, docFile]).Concat(schemaFiles).ToList();
        return new SkrivetPaket(root, name, all, all.Sum(f => f.Size) + metsBytes.Length);
    }

    /// <summary>Zips a written package folder, the root folder inside the archive as FGS wants it.</summary>
    public static void Zip(SkrivetPaket paket, string zipPath)
    {
        if (File.Exists(zipPath))
        {
            File.Delete(zipPath);
        }

        ZipFile.CreateFromDirectory(paket.Rot, zipPath, CompressionLevel.Optimal, includeBaseDirectory: true, Encoding.UTF8);
    }

    /// <summary>The same package as one TAR file (POSIX pax), the root folder inside it as in the ZIP.</summary>
    public static void Tar(SkrivetPaket paket, string tarPath)
    {
        if (File.Exists(tarPath))
        {
            File.Delete(tarPath);
        }

        System.Formats.Tar.TarFile.CreateFromDirectory(paket.Rot, tarPath, includeBaseDirectory: true);
    }

    private static PaketFil Write(string root, string path, byte[] bytes, string mediaType, DateTimeOffset created, string idPrefix, string? originalName, string? formatName, string? formatVersion, int index)
    {
        var full = Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        File.SetLastWriteTimeUtc(full, created.UtcDateTime);
        var id = idPrefix switch
        {
            "ERMS" or "PREMIS" => idPrefix + "-FILE",
            _ => $"{idPrefix}-{index:0000}",
        };
        return new PaketFil(id, path, mediaType, bytes.LongLength, created, Convert.ToHexString(SHA256.HashData(bytes)), originalName, formatName, formatVersion);
    }

    internal static byte[] Xml(XDocument doc)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            doc.Save(writer);
        }

        return stream.ToArray();
    }

    /// <summary>"PDF/A-2" with part and conformance read from the file's own XMP, so the package never claims more than the file does.</summary>
    private static (string? Name, string? Version) FormatOf(ArkivHandling h)
    {
        if (h.MediaType != "application/pdf")
        {
            return (null, null);
        }

        var head = Encoding.Latin1.GetString(h.Innehall);
        var part = PdfAPart().Match(head);
        if (!part.Success)
        {
            return ("Portable Document Format", null);
        }

        var conformance = PdfAConformance().Match(head);
        return ("PDF/A", part.Groups[1].Value + (conformance.Success ? conformance.Groups[1].Value.ToLowerInvariant() : ""));
    }

    [GeneratedRegex(@"pdfaid:part(?:>|=[""'])\s*(\d)", RegexOptions.CultureInvariant)]
    private static partial Regex PdfAPart();

    [GeneratedRegex(@"pdfaid:conformance(?:>|=[""'])\s*([ABUabu])", RegexOptions.CultureInvariant)]
    private static partial Regex PdfAConformance();

    /// <summary>"KS 2025/1616" → "KS-2025-1616"; "Yttrande Öst.pdf" → "Yttrande-Ost": ASCII letters, digits, '-' and '_' only.</summary>
    public static string SafeName(string text)
    {
        var folded = text.Replace('å', 'a').Replace('ä', 'a').Replace('ö', 'o').Replace('Å', 'A').Replace('Ä', 'A').Replace('Ö', 'O')
            .Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (var c in folded)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '_')
            {
                sb.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var safe = sb.ToString().Trim('-');
        if (safe.Length > 60)
        {
            safe = safe[..60].TrimEnd('-');
        }

        return safe.Length == 0 ? "fil" : safe;
    }

    private static string SafeExtension(string name, string mediaType)
    {
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (ext.Length is > 1 and <= 6 && ext[1..].All(char.IsAsciiLetterOrDigit))
        {
            return ext;
        }

        return mediaType switch
        {
            "application/pdf" => ".pdf",
            "text/plain" => ".txt",
            _ => ".bin",
        };
    }

    private static string Unique(HashSet<string> taken, string name)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = Path.GetFileNameWithoutExtension(name) + "-" + i.ToString(CultureInfo.InvariantCulture) + Path.GetExtension(name);
        }

        return candidate;
    }

    private static string Leveransbeskrivning(ArkivpaketInnehall paket, IReadOnlyList<PaketFil> content)
    {
        var sb = new StringBuilder();
        sb.AppendLine("Leveransbeskrivning – e-arkivleverans från RemissFlow");
        sb.AppendLine("====================================================");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Paket: {RootName(paket.PaketId)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Urval: {paket.Beskrivning}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Arkivbildare: {string.Join(", ", paket.Arkivbildare.Select(a => $"{a.Namn} ({a.Kod})"))}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Levererat av: {paket.Inlamnare.Namn}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Skapat: {paket.Skapad.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}");
        sb.AppendLine("Format: FGS Paketstruktur 2.0 (E-ARK CSIP 2.1 och SIP 2.1), beskrivning enligt FGS Ärendehantering 2.0 (E-ARK CITS ERMS 3),");
        sb.AppendLine("bevarandemetadata enligt PREMIS 3. Kontrollsummor: SHA-256, listade i METS.xml.");
        sb.AppendLine();
        sb.AppendLine("Handlingar som RemissFlow har upprättat (missiv, tjänsteutlåtande, protokollsutdrag) är framställda som PDF/A;");
        sb.AppendLine("inkomna och bifogade filer ligger som de togs emot. Filnamnen är omskrivna till ASCII; det ursprungliga namnet");
        sb.AppendLine("står i METS (OWNERID), i ERMS (appendix name) och i PREMIS (originalName).");
        sb.AppendLine();
        foreach (var a in paket.Arenden)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{a.Dnr} – {a.Titel} ({a.Organisation}; {(a.Typ == ArkivArendeTyp.Remiss ? "remiss" : "remissvar")}, status {a.Status})");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {a.Handlingar.Count} handlingar, {a.Handelser.Count} händelser ur händelseloggen");
            foreach (var note in a.Anmarkningar)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  Anmärkning: {note}");
            }
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Totalt {content.Count} filer i representations/rep1/data.");
        return sb.ToString();
    }
}
