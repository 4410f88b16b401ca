using RemissFlow.Documents.Composition;
using RemissFlow.Documents.Layout;
using RemissFlow.Documents.Models;
using RemissFlow.Documents.Rendering;
using RemissFlow.Documents.Templates;

namespace RemissFlow.Documents;

public sealed record PdfOutput(byte[] Bytes, int Pages)
{
    /// <summary>Characters that print as a box (no shipped font has them), by field; empty when everything is drawn.</summary>
    public IReadOnlyList<DocumentWarning> Warnings { get; init; } = [];
}

/// <summary>
/// The entry point for the application core and the CLI. Thread-safe; create one per templates directory and
/// reuse it (templates and fonts are cached after first use; edit a template and create a new renderer to reload).
/// Errors: <see cref="DocumentTemplateException"/> (template/placeholder problems) and
/// <see cref="DocumentInputException"/> (bad model input); both derive from <see cref="DocumentException"/>.
/// </summary>
public sealed class DocumentRenderer
{
    private readonly TemplateStore templates;
    private readonly Composer composer;
    private readonly PdfDocumentWriter pdf = new();

    public DocumentRenderer(string templatesDirectory)
    {
        templates = new TemplateStore(templatesDirectory);
        composer = new Composer(templates);
    }

    public string TemplatesDirectory => templates.Root;

    /// <summary>True when templates/letterheads/{organisation}.json exists.</summary>
    public bool HasLetterheadFile(string organisation) => templates.HasLetterheadFile(organisation);

    /// <summary>Registers a letterhead not backed by a file (see <see cref="TemplateStore.UseLetterhead"/>).</summary>
    public void UseLetterhead(string organisation, Letterhead letterhead, byte[]? logo = null) =>
        templates.UseLetterhead(organisation, letterhead, logo is null ? null : ImageSource.FromBytes(logo, $"{organisation}: logotyp"));

    /// <summary>The letterhead file's own content (its layout lines and logo), see <see cref="TemplateStore.LetterheadFile"/>.</summary>
    public (Letterhead Letterhead, ImageSource? Logo) LetterheadFile(string organisation) => templates.LetterheadFile(organisation);

    /// <summary>The template <paramref name="model"/> renders with today: every override applied, with its version.</summary>
    public ResolvedTemplate ResolveTemplate(IDocumentModel model) => model.Mall ?? templates.Resolve(model.Kind, model.Organisation, Composer.Slag(model));

    public ResolvedTemplate ResolveTemplate(DocumentKind kind, string organisation, string? slag = null) => templates.Resolve(kind, organisation, slag);

    /// <summary>
    /// The template as it resolves with <paramref name="saved"/> in place of the organisation's own layer (null: the
    /// file, if any). Nothing is registered or cached, so concurrent callers with different saved versions cannot see
    /// each other's; set the result as the model's <see cref="IDocumentModel.Mall"/>.
    /// </summary>
    public ResolvedTemplate ResolveTemplate(DocumentKind kind, string organisation, string? slag, TemplateOverride? saved) =>
        saved is null ? templates.Resolve(kind, organisation, slag) : templates.Resolve(kind, organisation, slag, saved);

    /// <summary>Supplies a group's or an organisation's override (see <see cref="TemplateStore.UseOverride"/>).</summary>
    public void UseOverride(TemplateScope scope, string id, DocumentKind kind, TemplateOverride? template) => templates.UseOverride(scope, id, kind, template);

    /// <remarks><paramref name="template"/>: a template the document recorded (<see cref="TemplateStore.ParseStored"/>); null renders with today's.</remarks>
    public byte[] RenderPdf(IDocumentModel model, bool pdfA = false, DocumentTemplate? template = null) => RenderPdfWithPageCount(model, pdfA, template).Bytes;

    public PdfOutput RenderPdfWithPageCount(IDocumentModel model, bool pdfA = false, DocumentTemplate? template = null)
    {
        var doc = composer.Compose(model, template);
        var (_, logo) = templates.Letterhead(model.Organisation);
        var (bytes, pages) = pdf.Write(doc, logo, pdfA);
        return new PdfOutput(bytes, pages) { Warnings = InputGuard.Undrawable(model) };
    }

    /// <summary>
    /// The characters of <paramref name="model"/> that no shipped font can draw (each prints as a box), naming the
    /// field and the character: show them to the author before the document is signed or sent.
    /// </summary>
    public IReadOnlyList<DocumentWarning> Warnings(IDocumentModel model) => InputGuard.Undrawable(model);

    public byte[] RenderDocx(IDocumentModel model, DocumentTemplate? template = null) => DocxDocumentWriter.Write(composer.Compose(model, template));

    /// <summary>The letterhead registered under <paramref name="organisation"/>, for documents the caller composes itself.</summary>
    public Letterhead Letterhead(string organisation) => templates.Letterhead(organisation).Letterhead;

    /// <summary>
    /// Renders a document the caller composed (e.g. a sammanställning: headings, tables, lists) with the same
    /// writer, tagging and compression as the four templated documents; the logo comes from <paramref name="organisation"/>'s letterhead.
    /// </summary>
    public PdfOutput RenderComposedPdf(ComposedDocument doc, string organisation, bool pdfA = false)
    {
        var (_, logo) = templates.Letterhead(organisation);
        var (bytes, pages) = pdf.Write(doc, logo, pdfA);
        return new PdfOutput(bytes, pages);
    }

    public byte[] RenderComposedDocx(ComposedDocument doc) => DocxDocumentWriter.Write(doc);

    public string RenderHtml(IDocumentModel model, DocumentTemplate? template = null) => HtmlDocumentWriter.Write(composer.Compose(model, template));

    /// <summary>The format-neutral document (headings, paragraphs, lists) — useful to preview or test content.</summary>
    public ComposedDocument Compose(IDocumentModel model, DocumentTemplate? template = null) => composer.Compose(model, template);

    /// <summary>
    /// What <c>render &lt;kind&gt; --input x.json --out y.pdf|.docx|.html [--pdfa]</c> does: read the model JSON,
    /// render by the output file's extension, write the file. Returns a one-line summary for the console.
    /// </summary>
    public string RenderFile(string kind, string inputJsonPath, string outputPath, bool pdfA = false)
    {
        if (!DocumentJson.TryParseKind(kind, out var documentKind))
        {
            throw new DocumentInputException("kind", $"Okänd dokumenttyp \"{kind}\". Välj tjansteutlatande, protokollsutdrag, missiv eller paminnelse.");
        }

        if (!File.Exists(inputJsonPath))
        {
            throw new DocumentInputException("input", $"Filen {inputJsonPath} finns inte.");
        }

        var model = DocumentJson.Deserialize(documentKind, File.ReadAllText(inputJsonPath));
        var extension = Path.GetExtension(outputPath).ToLowerInvariant();
        if (pdfA && extension != ".pdf")
        {
            throw new DocumentInputException("pdfa", "--pdfa gäller bara PDF-utdata.");
        }

        switch (extension)
        {
            case ".pdf":
                var result = RenderPdfWithPageCount(model, pdfA);
                File.WriteAllBytes(outputPath, result.Bytes);
                return $"{outputPath}: {(pdfA ? "PDF/A" : "PDF")}, {result.Pages} sidor, {result.Bytes.Length / 1024.0:0.#} kB";
            case ".docx":
                var docx = RenderDocx(model);
                File.WriteAllBytes(outputPath, docx);
                return $"{outputPath}: DOCX, {docx.Length / 1024.0:0.#} kB";
            case ".html" or ".htm":
                var html = RenderHtml(model);
                File.WriteAllText(outputPath, html);
                return $"{outputPath}: HTML, {html.Length / 1024.0:0.#} kB";
            default:
                throw new DocumentInputException("out", $"Okänt utdataformat \"{extension}\"; använd .pdf, .docx eller .html.");
        }
    }
}
