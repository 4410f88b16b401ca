using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace RemissFlow.Web.Tests.Support;

/// <summary>
/// A TU written in Word by someone else: Heading1 paragraphs with body text under them, as a person's own template has,
/// for the TU import (issue #17). A heading may be the template's own or another organisation's name for it.
/// </summary>
public static class TuWordFile
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Build(params (string Heading, string Text)[] sections)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            foreach (var (heading, text) in sections)
            {
                body.Append(Heading(heading));
                foreach (var paragraph in text.Split("\n\n"))
                {
                    body.Append(new Paragraph(new Run(new Text(paragraph) { Space = SpaceProcessingModeValues.Preserve })));
                }
            }

            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>A Heading1 paragraph, as Word writes a heading.</summary>
    public static Paragraph Heading(string text) => new(new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }), new Run(new Text(text)));

    /// <summary>The smallest file the import accepts: one section under the template's own heading.</summary>
    public static byte[] Minimal() => Build(("Förvaltningens synpunkter och förslag", "Förvaltningen har inga synpunkter."));
}
