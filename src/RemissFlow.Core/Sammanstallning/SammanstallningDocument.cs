using RemissFlow.Documents.Composition;
using RemissFlow.Documents.Templates;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Sammanstallning;

/// <summary>A line of the table of contents: where an answer's document starts in the compiled PDF.</summary>
public sealed record InnehallsRad(string Instans, string Dokument, int? Sida);

/// <summary>
/// Composes the sammanställning's own pages (heading, counts, the table of instanser, key points, contents) as a
/// format-neutral document, so the PDF and Word outputs come from one text.
/// </summary>
public static class SammanstallningDocument
{
    public const string DocumentType = "Sammanställning";

    public static ComposedDocument Compose(RemissMatrix m, Letterhead letterhead, IReadOnlyList<InnehallsRad> innehall, IReadOnlyList<SvarsDokument> ejInfogade, bool withPageNumbers)
    {
        var r = m.Remiss;
        var dnrLine = $"Dnr {r.Dnr}";
        var body = new List<ContentNode>
        {
            new TitleNode("Sammanställning av remissvar"),
            new SubtitleNode($"{r.Title}, {r.Dnr}"),
            new ParagraphNode(Inledning(m)),
            new HeadingNode(1, "Sammanfattning"),
            new TableNode([3, 1], ["Utfall", "Antal"], SummaryRows(m.Summary)),
            new ParagraphNode(Labels.AndelITid(m.Summary)),
            new HeadingNode(1, "Remissinstanser"),
            new TableNode([3, 3, 2.2, 1.5, 1.5], ["Remissinstans", "Status", "Ställningstagande", "Svarsdatum", "Inlämnat"],
                m.Rows.Select(x => (IReadOnlyList<string>)[x.Instans, Labels.Status(x), Labels.Standpunkt(x.Standpunkt), SwedishText.IsoDate(x.Svarsdatum), SwedishText.IsoDate(x.InlamnadDatum)]).ToList()),
            new HeadingNode(1, "Nyckelpunkter"),
        };

        var withPoints = m.Rows.Where(x => x.Nyckelpunkter is not null).ToList();
        if (withPoints.Count == 0)
        {
            body.Add(new ParagraphNode("Inga svar med nyckelpunkter har lämnats ännu."));
        }

        foreach (var row in withPoints)
        {
            body.Add(new HeadingNode(2, $"{row.Instans} – {Labels.Standpunkt(row.Standpunkt).ToLower(SwedishText.Culture)}".TrimEnd(' ', '–')));
            body.AddRange(Paragraphs(row.Nyckelpunkter!));
            if (row.NyckelpunkterKalla == NyckelpunktKalla.Tjansteutlatandet)
            {
                body.Add(new ParagraphNode([new TextRun("Sammanfattningen ur det godkända tjänsteutlåtandet.", Emphasis.Italic)]));
            }
        }

        body.Add(new HeadingNode(1, "Innehåll"));
        if (innehall.Count == 0)
        {
            body.Add(new ParagraphNode("Inga svarsdokument finns att foga in ännu."));
        }
        else if (withPageNumbers)
        {
            body.Add(new TableNode([3, 4, 1], ["Remissinstans", "Dokument", "Sida"], innehall.Select(i => (IReadOnlyList<string>)[i.Instans, i.Dokument, i.Sida?.ToString(SwedishText.Culture) ?? ""]).ToList()));
            body.Add(new ParagraphNode("Sidnumren avser sidorna i denna PDF-fil. Varje svar följer i sin helhet med sin egen sidnumrering."));
        }
        else
        {
            body.Add(new TableNode([3, 4], ["Remissinstans", "Dokument"], innehall.Select(i => (IReadOnlyList<string>)[i.Instans, i.Dokument]).ToList()));
        }

        if (ejInfogade.Count > 0)
        {
            body.Add(new HeadingNode(1, "Svar som inte kan fogas in"));
            body.Add(new ParagraphNode("Dessa filer finns i ZIP-paketet med alla svar. Kontrollsumman (SHA-256) visar att filen är den som kom in."));
            body.Add(new TableNode([2.5, 3, 4.5], ["Remissinstans", "Fil", "SHA-256"],
                ejInfogade.Select(d => (IReadOnlyList<string>)[d.Row.Instans, FileCell(d), Sha(d.Sha256)]).ToList()));
        }

        var left = new List<string> { letterhead.Kommun, letterhead.Forvaltning };
        if (letterhead.Avdelning is { } avdelning)
        {
            left.Add(avdelning);
        }

        return new ComposedDocument(
            new DocumentMetadata($"{DocumentType}: {r.Title}", letterhead.Forvaltning, r.Dnr),
            letterhead,
            new PageLabel("Sida ", " (", ")"),
            new FirstPageHeader(left, DocumentType, [dnrLine], [SwedishText.IsoDate(m.AsOf)], []),
            new ContinuationHeader(DocumentType, [dnrLine], [$"Sammanställning av remissvar: {r.Title}, {r.Dnr}"]),
            Footer(letterhead),
            body);
    }

    public static IReadOnlyList<IReadOnlyList<string>> SummaryRows(MatrixSummary s) =>
    [
        ["Besvarat i tid", Count(s.BesvaratITid)],
        ["Besvarat sent", Count(s.BesvaratSent)],
        ["Avstått", Count(s.Avstatt)],
        ["Anstånd", Count(s.Anstand)],
        ["Ej besvarad (svarsdatum ej passerat)", Count(s.EjBesvarad)],
        ["Saknas (efter svarsdatum)", Count(s.Saknas)],
        ["Återkallad", Count(s.Aterkallad)],
        ["Totalt", Count(s.Antal)],
    ];

    private static string Count(int n) => n.ToString("#,0", SwedishText.Culture);

    private static string Inledning(RemissMatrix m)
    {
        var r = m.Remiss;
        var sent = r.UtskickDatum is { } u ? $"den {SwedishText.LongDate(u)} " : "";
        return $"{r.Avsandare} skickade remissen {sent}till {m.Rows.Count} remissinstanser med svarsdatum den {SwedishText.LongDate(r.Svarsdatum)}. "
            + $"Sammanställningen visar läget den {SwedishText.LongDate(m.AsOf)}.";
    }

    /// <summary>Split in two so the 64 hex digits wrap inside a table cell.</summary>
    /// <summary>The name, why it is not embedded, and where to fetch it.</summary>
    private static string FileCell(SvarsDokument d) =>
        (d.Problem is null ? d.FileName : $"{d.FileName} ({d.Problem})") + (d.Adress is null ? "" : $". Hämtas på {d.Adress}");

    private static string Sha(string? sha) => sha is null ? "–" : $"{sha[..32]} {sha[32..]}";

    private static IEnumerable<ContentNode> Paragraphs(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new ParagraphNode(p));

    private static IReadOnlyList<string> Footer(Letterhead l)
    {
        var first = string.Join(" | ", new[] { l.Forvaltning, l.Postadress });
        var second = new[] { l.Besoksadress is { } b ? "Besöksadress " + b : null, l.Telefon is { } t ? "Telefon " + t : null, l.Webb }
            .Where(x => x is not null).ToList();
        return second.Count == 0 ? [first] : [first, string.Join(" | ", second)];
    }
}
