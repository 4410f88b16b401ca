using System.Globalization;
using RemissFlow.Documents.Templates;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Documents.Composition;

/// <summary>One item of the föredragningslista as the kallelse prints it.</summary>
public sealed record KallelsePunkt(int Nummer, string Rubrik, string? Dnr, string? Foredragande, string? Beslutsforslag);

/// <summary>A kallelse (or a supplement to one) to an organ's meeting, with its föredragningslista.</summary>
public sealed record KallelseModel(
    string Organ,
    DateOnly Datum,
    TimeOnly? Tid,
    string? Lokal,
    IReadOnlyList<KallelsePunkt> Punkter,
    bool Tillagg = false,
    string? Ordforande = null,
    string? Sekreterare = null);

/// <summary>
/// Composes the kallelse in the house layout (letterhead, "Sida N (M)", the förvaltning's footer) as a format-neutral
/// document, so the PDF and the Word file come from one text. The handlingar follow in their own bundle.
/// </summary>
public static class KallelseDocument
{
    public static ComposedDocument Compose(KallelseModel m, Letterhead letterhead)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(letterhead);
        string type = m.Tillagg ? "Tillägg till kallelse" : "Kallelse";
        string when = SwedishText.WithWeekday(m.Datum) + (m.Tid is { } t ? " kl. " + t.ToString("HH:mm", CultureInfo.InvariantCulture) : "");
        var body = new List<ContentNode>
        {
            new TitleNode($"{type} till {m.Organ}s sammanträde"),
            new SubtitleNode(when + (m.Lokal is { } lokal ? ", " + lokal : "")),
            new ParagraphNode(m.Tillagg
                ? "Följande ärenden har tillkommit på föredragningslistan sedan kallelsen skickades."
                : "Ledamöter och ersättare kallas till sammanträde. Ersättare tjänstgör när en ledamot har anmält förhinder."),
            new HeadingNode(1, "Föredragningslista"),
        };

        if (m.Punkter.Count == 0)
        {
            body.Add(new ParagraphNode("Föredragningslistan har inga punkter."));
        }

        foreach (var p in m.Punkter)
        {
            body.Add(new HeadingNode(2, $"{p.Nummer.ToString(CultureInfo.InvariantCulture)}. {p.Rubrik}"));
            var facts = new List<string>();
            if (p.Dnr is { } dnr)
            {
                facts.Add("Dnr " + dnr);
            }

            if (p.Foredragande is { } foredragande)
            {
                facts.Add("Föredragande: " + foredragande);
            }

            if (facts.Count > 0)
            {
                body.Add(new ParagraphNode(string.Join(" · ", facts)));
            }

            if (p.Beslutsforslag is { } forslag)
            {
                body.Add(new ParagraphNode([new TextRun("Förslag till beslut: ", Emphasis.Bold), new TextRun(forslag)]));
            }
        }

        var signatories = new List<IReadOnlyList<string>>();
        if (m.Ordforande is { } ordforande)
        {
            signatories.Add([ordforande, "Ordförande"]);
        }

        if (m.Sekreterare is { } sekreterare)
        {
            signatories.Add([sekreterare, "Nämndsekreterare"]);
        }

        if (signatories.Count > 0)
        {
            body.Add(new SignatureNode(signatories));
        }

        var left = new List<string> { letterhead.Kommun, letterhead.Forvaltning };
        if (letterhead.Avdelning is { } avdelning)
        {
            left.Add(avdelning);
        }

        string date = SwedishText.IsoDate(m.Datum);
        return new ComposedDocument(
            new DocumentMetadata($"{type}: {m.Organ} {date}", letterhead.Forvaltning, $"Föredragningslista {m.Organ} {date}"),
            letterhead,
            new PageLabel("Sida ", " (", ")"),
            new FirstPageHeader(left, type, [m.Organ], [date], []),
            new ContinuationHeader(type, [m.Organ], [$"{type} till {m.Organ}s sammanträde {date}"]),
            HouseFooter.For(letterhead),
            body);
    }
}

/// <summary>The förvaltning's address lines at the foot of every page of a composed document.</summary>
public static class HouseFooter
{
    public static IReadOnlyList<string> For(Letterhead l)
    {
        ArgumentNullException.ThrowIfNull(l);
        var first = string.Join(" | ", new[] { l.Forvaltning, l.Postadress });
        var second = new[] { l.Besoksadress is { } b ? "Besöksadress " + b : null, l.Telefon is { } t ? "Telefon " + t : null, l.Webb }
            .Where(x => x is not null).ToList();
        return second.Count == 0 ? [first] : [first, string.Join(" | ", second)];
    }
}
