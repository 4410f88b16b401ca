using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace RemissFlow.Web.Tests.Support;

/// <summary>One upload of the corpus: what is sent, and either the name it must be stored under or the refusal it must get.</summary>
public sealed record UploadCase(string Name, string FileName, byte[] Content, string? StoredAs, string? MediaType, string? Refusal)
{
    public override string ToString() => Name;
}

/// <summary>
/// Small generated files that probe the upload rules: wrong extensions on real PDFs, other content under a .pdf name,
/// PDFs with script or actions written plainly, hex-escaped and inside a compressed object stream, and clean
/// PDF and Office files that must still be accepted.
/// </summary>
public static class UploadCorpus
{
    private const string Script = "skript eller automatiska åtgärder";
    private const string NotAccepted = "Filen är varken PDF eller ett Office-dokument (innehållet avgör, inte filnamnet).";

    public static IEnumerable<UploadCase> All()
    {
        var clean = TestFiles.Pdf("Yttrande");
        yield return new("ren pdf", "svar.pdf", clean, "svar.pdf", "application/pdf", null);
        foreach (var ext in new[] { "bat", "hta", "html", "exe", "svg", "js", "PDF" })
        {
            yield return new($"pdf som .{ext}", $"svar.{ext}", clean, "svar.pdf", "application/pdf", null);
        }

        yield return new("pdf utan filändelse", "svar", clean, "svar.pdf", "application/pdf", null);
        yield return new("dubbel ändelse", "svar.pdf.bat", clean, "svar.pdf.pdf", "application/pdf", null);
        yield return new("bidi-omkastning i namnet", "svar\u202Efdp.exe", clean, "svarfdp.pdf", "application/pdf", null);
        yield return new("reserverade tecken och mellanslag", "  Yttrande: \"PRO\" <2026>?.hta", clean, "Yttrande_ _PRO_ _2026__.pdf", "application/pdf", null);
        yield return new("enhetsnamn", "CON.bat", clean, "CON_.pdf", "application/pdf", null);
        yield return new("bara ändelse", ".bat", clean, "fil.pdf", "application/pdf", null);
        yield return new("pdf utan xref", "trasig.pdf", "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray(), "trasig.pdf", "application/pdf", null);
        yield return new("text om JavaScript i en sträng", "om-js.pdf", Pdf("/Title (Om /JavaScript och /OpenAction i PDF)", textInPage: "/JavaScript /AA /Launch"), "om-js.pdf", "application/pdf", null);
        yield return new("OpenAction som destination", "dest.pdf", Pdf("/OpenAction [3 0 R /Fit]"), "dest.pdf", "application/pdf", null);
        yield return new("OpenAction GoTo", "goto.pdf", Pdf("/OpenAction << /S /GoTo /D [3 0 R /Fit] >>"), "goto.pdf", "application/pdf", null);

        yield return new("html som .pdf", "svar.pdf", "<html><body><script>alert(1)</script></body></html>"u8.ToArray(), null, null, NotAccepted);
        yield return new("svg som .pdf", "svar.pdf", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray(), null, null, NotAccepted);
        yield return new("exe som .pdf", "svar.pdf", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0], null, null, NotAccepted);
        yield return new("zip som .docx", "svar.docx", Zip(("[Content_Types].xml", "<Types/>"), ("evil.exe", "MZ")), null, null, NotAccepted);

        yield return new("OpenAction JavaScript", "svar.pdf", Pdf("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"), null, null, Script);
        yield return new("Names JavaScript", "svar.pdf", PdfWithObjects("/Names << /JavaScript 6 0 R >>", "<< /Names [(x) 7 0 R] >>", "<< /S /JavaScript /JS (app.alert\\(1\\)) >>"), null, null, Script);
        yield return new("Launch via OpenAction", "svar.pdf", PdfWithObjects("/OpenAction 6 0 R", "<< /S /Launch /F (cmd.exe) >>"), null, null, Script);
        yield return new("OpenAction URI", "svar.pdf", PdfWithObjects("/OpenAction 6 0 R", "<< /S /URI /URI (https://example.test/) >>"), null, null, Script);
        yield return new("AA på sidan", "svar.pdf", Pdf("", pageExtra: "/AA << /O << /S /Named /N /NextPage >> >>"), null, null, Script);
        yield return new("hex-escapad JavaScript", "svar.pdf", Pdf("/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"), null, null, Script);
        yield return new("hex-escapad AA", "svar.pdf", Pdf("", pageExtra: "/#41#41 << /O << /S /Named /N /NextPage >> >>"), null, null, Script);
        yield return new("JavaScript i komprimerad objektström", "svar.pdf", PdfWithObjectStream("<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>"), null, null, Script);
        yield return new("XFA", "svar.pdf", PdfWithObjects("/AcroForm << /Fields [] /XFA 6 0 R >>", "<< /Length 0 >>\nstream\n\nendstream"), null, null, Script);
        yield return new("inbäddad fil", "svar.pdf", PdfWithObjects("/Names << /EmbeddedFiles << /Names [(a.exe) 6 0 R] >> >>", "<< /Type /Filespec /F (a.exe) /EF << /F 7 0 R >> >>", "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"), null, null, "inbäddade filer");
        yield return new("RichMedia", "svar.pdf", Pdf("", pageExtra: "/Annots [6 0 R]", extra: "<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] >>"), null, null, "inbäddade filer");

        yield return new("docx", "svar.docx", Docx(), "svar.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", null);
        yield return new("docx som .exe", "svar.exe", Docx(), "svar.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", null);
        yield return new("xlsx", "tabell.xlsx", Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")), "tabell.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", null);
        yield return new("pptx", "bilder.pptx", Zip(("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<presentation/>")), "bilder.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", null);
        yield return new("odt", "svar.odt", Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>")), "svar.odt", "application/vnd.oasis.opendocument.text", null);
        yield return new("doc", "svar.doc", Ole("WordDocument"), "svar.doc", "application/msword", null);
        yield return new("docx med makron", "svar.docx", Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), ("word/vbaProject.bin", "x")), null, null, "makron");
    }

    public static byte[] Docx() => Zip(
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        ("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Svar</w:t></w:r></w:p></w:body></w:document>"));

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write(text);
            }
        }

        return ms.ToArray();
    }

    /// <summary>The compound-file signature and a directory entry naming the stream, which is what tells the Office kinds apart.</summary>
    private static byte[] Ole(string stream)
    {
        var bytes = new byte[1024];
        ((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).CopyTo(bytes);
        Encoding.Unicode.GetBytes(stream).CopyTo(bytes, 512);
        return bytes;
    }

    /// <summary>A one-page PDF with a correct xref table; <paramref name="catalogExtra"/> goes into the catalog, objects 6… follow.</summary>
    public static byte[] PdfWithObjects(string catalogExtra, params string[] objects) => Pdf(catalogExtra, objects: objects);

    public static byte[] Pdf(string catalogExtra, string? pageExtra = null, string? textInPage = null, string? extra = null, string[]? objects = null)
    {
        var content = $"BT /F1 12 Tf 72 760 Td ({textInPage ?? "Svar"}) Tj ET";
        var all = new List<string>
        {
            $"<< /Type /Catalog /Pages 2 0 R {catalogExtra} >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> {pageExtra} >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        if (extra is not null)
        {
            all.Add(extra);
        }

        all.AddRange(objects ?? []);
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < all.Count; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(sb.ToString()));
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{all[i]}\nendobj\n");
        }

        var xref = Encoding.Latin1.GetByteCount(sb.ToString());
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {all.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {all.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    /// <summary>PDF 1.5: the catalog (object 1) lives only inside a Flate-compressed object stream, indexed by an xref stream.</summary>
    public static byte[] PdfWithObjectStream(string catalog)
    {
        var pdf = new MemoryStream();
        void Write(string s) => pdf.Write(Encoding.Latin1.GetBytes(s));
        var offsets = new long[8];
        Write("%PDF-1.5\n");
        const string content = "BT /F1 12 Tf 72 760 Td (Svar) Tj ET";
        string[] plain =
        [
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        for (var i = 0; i < plain.Length; i++)
        {
            offsets[i + 2] = pdf.Position;
            Write($"{i + 2} 0 obj\n{plain[i]}\nendobj\n");
        }

        var header = "1 0 ";
        var packed = Deflate(Encoding.Latin1.GetBytes(header + catalog));
        offsets[6] = pdf.Position;
        Write($"6 0 obj\n<< /Type /ObjStm /N 1 /First {header.Length} /Filter /FlateDecode /Length {packed.Length} >>\nstream\n");
        pdf.Write(packed);
        Write("\nendstream\nendobj\n");

        offsets[7] = pdf.Position;
        var rows = new MemoryStream();
        void Row(byte type, long field2, int field3)
        {
            rows.WriteByte(type);
            rows.Write([(byte)(field2 >> 24), (byte)(field2 >> 16), (byte)(field2 >> 8), (byte)field2]);
            rows.Write([(byte)(field3 >> 8), (byte)field3]);
        }

        Row(0, 0, 0xFFFF);
        Row(2, 6, 0);
        for (var i = 2; i <= 7; i++)
        {
            Row(1, offsets[i], 0);
        }

        Write($"7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Length {rows.Length} >>\nstream\n");
        pdf.Write(rows.ToArray());
        Write($"\nendstream\nendobj\nstartxref\n{offsets[7]}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static byte[] Deflate(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }

        return ms.ToArray();
    }
}
