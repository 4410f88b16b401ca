using System.Text;
using RemissFlow.Documents;
using RemissFlow.Documents.Models;

namespace RemissFlow.Core.Documents;

public enum OutputFormat
{
    Pdf,
    /// <summary>PDF/A for the e-arkiv.</summary>
    PdfA,
    Docx,
    Html,
}

public static class OutputFormats
{
    /// <summary>Parses "pdf", "pdfa", "docx" or "html" (any case), as URLs and the CLI spell them.</summary>
    public static bool TryParse(string? text, out OutputFormat format) =>
        Enum.TryParse(text, ignoreCase: true, out format) && Enum.IsDefined(format);

    public static string MediaType(OutputFormat format) => format switch
    {
        OutputFormat.Pdf or OutputFormat.PdfA => "application/pdf",
        OutputFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        OutputFormat.Html => "text/html; charset=utf-8",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string Extension(OutputFormat format) => format switch
    {
        OutputFormat.Pdf or OutputFormat.PdfA => ".pdf",
        OutputFormat.Docx => ".docx",
        OutputFormat.Html => ".html",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}

/// <summary>A rendered document as the web app serves it.</summary>
public sealed record RenderedDocument(byte[] Content, string MediaType, string FileName);

/// <summary>
/// Renders the four documents from the database. Errors: <see cref="DocumentDataException"/> when the
/// ärende lacks what the document needs, <see cref="DocumentException"/> from the templates or the model.
/// </summary>
public sealed class DocumentService(DocumentModelFactory models, DocumentRenderer renderer)
{
    public async Task<RenderedDocument> RenderTjansteutlatandeAsync(Guid remissvarId, OutputFormat format, int? versionNummer = null, CancellationToken ct = default) =>
        Render(await models.TjansteutlatandeAsync(remissvarId, versionNummer, ct), format);

    public async Task<RenderedDocument> RenderProtokollsutdragAsync(Guid remissvarId, OutputFormat format, CancellationToken ct = default) =>
        Render(await models.ProtokollsutdragAsync(remissvarId, ct), format);

    public async Task<RenderedDocument> RenderMissivAsync(Guid remissId, OutputFormat format, CancellationToken ct = default) =>
        Render(await models.MissivAsync(remissId, ct), format);

    public async Task<RenderedDocument> RenderPaminnelseAsync(Guid remissvarId, OutputFormat format, CancellationToken ct = default) =>
        Render(await models.PaminnelseAsync(remissvarId, ct), format);

    public RenderedDocument Render(IDocumentModel model, OutputFormat format)
    {
        var content = format switch
        {
            OutputFormat.Pdf => renderer.RenderPdf(model, pdfA: false),
            OutputFormat.PdfA => renderer.RenderPdf(model, pdfA: true),
            OutputFormat.Docx => renderer.RenderDocx(model),
            OutputFormat.Html => Encoding.UTF8.GetBytes(renderer.RenderHtml(model)),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        return new RenderedDocument(content, OutputFormats.MediaType(format), FileName(model, format));
    }

    /// <summary>"tjansteutlatande-SF-2026-186.pdf": ASCII, no slash or space, safe in a Content-Disposition header.</summary>
    public static string FileName(IDocumentModel model, OutputFormat format)
    {
        var dnr = new StringBuilder();
        foreach (var c in model.Dnr)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                dnr.Append(c);
            }
            else if (c is 'Å' or 'Ä' or 'å' or 'ä')
            {
                dnr.Append(char.IsUpper(c) ? 'A' : 'a');
            }
            else if (c is 'Ö' or 'ö')
            {
                dnr.Append(char.IsUpper(c) ? 'O' : 'o');
            }
            else if (dnr.Length > 0 && dnr[^1] != '-')
            {
                dnr.Append('-');
            }
        }

        var suffix = format == OutputFormat.PdfA ? "-pdfa" : "";
        return $"{model.Kind.ToString().ToLowerInvariant()}-{dnr.ToString().Trim('-')}{suffix}{OutputFormats.Extension(format)}";
    }
}
