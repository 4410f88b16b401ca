using System.Globalization;
using RemissFlow.Documents.Templates;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Documents.Composition;

/// <summary>A vote by name: who voted ja, nej or avstod, and the result as the protokoll states it.</summary>
public sealed record ProtokollVotering(IReadOnlyList<string> Ja, IReadOnlyList<string> Nej, IReadOnlyList<string> Avstar, string Utfall);

/// <summary>One paragraph of the protokoll: a remiss ärende with its beslut, or an item typed in on the föredragningslista.</summary>
public sealed record ProtokollParagraf(
    int? Paragraf,
    int Punkt,
    string Rubrik,
    string? Dnr,
    IReadOnlyList<string> Beslut,
    IReadOnlyList<(string Ledamot, string Text)> Yrkanden,
    IReadOnlyList<string> Propositionsordning,
    ProtokollVotering? Votering,
    IReadOnlyList<(string Ledamot, string Text)> Reservationer,
    IReadOnlyList<(string Ledamot, string Text)> SarskildaUttalanden,
    /// <summary>Each jäv as the protokoll states it (who left the item, who served instead).</summary>
    IReadOnlyList<string> Jav,
    bool OmedelbarJustering,
    IReadOnlyList<string> JusteratDigitalt,
    bool EjOffentlig = false);

/// <summary>The whole meeting's protokoll: heading, närvaro, every paragraph in order, signatures and the digital justering.</summary>
public sealed record ProtokollModel(
    string Organ,
    DateOnly Datum,
    TimeOnly? Tid,
    string? Lokal,
    IReadOnlyList<string> Narvarande,
    IReadOnlyList<string> TjanstgorandeErsattare,
    IReadOnlyList<string> OvrigaNarvarande,
    IReadOnlyList<string> Justerare,
    string? Justering,
    IReadOnlyList<ProtokollParagraf> Paragrafer,
    string? Sekreterare,
    string? Ordforande,
    IReadOnlyList<string> JusteratDigitalt,
    string? Anslag,
    bool Offentlig = false);

/// <summary>
/// Composes the protokoll in the house layout, like the kallelse, so the PDF and the Word file come from one text.
/// The public copy on the anslagstavla (<see cref="ProtokollModel.Offentlig"/>) leaves out the text of a paragraph
/// marked not public and says so.
/// </summary>
public static class ProtokollDocument
{
    public static ComposedDocument Compose(ProtokollModel m, Letterhead letterhead)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(letterhead);
        string date = SwedishText.IsoDate(m.Datum);
        string when = SwedishText.WithWeekday(m.Datum) + (m.Tid is { } t ? " kl. " + t.ToString("HH:mm", CultureInfo.InvariantCulture) : "");
        var body = new List<ContentNode>
        {
            new TitleNode($"Protokoll från {m.Organ}s sammanträde"),
            new SubtitleNode(when + (m.Lokal is { } lokal ? ", " + lokal : "")),
            new HeadingNode(1, "Närvarande"),
        };

        AddList(body, "Ledamöter", m.Narvarande);
        AddList(body, "Tjänstgörande ersättare", m.TjanstgorandeErsattare);
        AddList(body, "Övriga närvarande", m.OvrigaNarvarande);
        if (m.Justerare.Count > 0)
        {
            body.Add(new ParagraphNode([new TextRun("Justerare: ", Emphasis.Bold), new TextRun(SwedishText.List(m.Justerare))]));
        }

        if (m.Justering is { } justering)
        {
            body.Add(new ParagraphNode([new TextRun("Justeringens tid och plats: ", Emphasis.Bold), new TextRun(justering)]));
        }

        body.Add(new HeadingNode(1, "Paragrafer"));
        if (m.Paragrafer.Count == 0)
        {
            body.Add(new ParagraphNode("Protokollet har inga paragrafer."));
        }

        foreach (var p in m.Paragrafer)
        {
            AddParagraf(body, p, m.Offentlig);
        }

        body.Add(new HeadingNode(1, "Underskrifter"));
        var signatories = new List<IReadOnlyList<string>>();
        if (m.Sekreterare is { } sekreterare)
        {
            signatories.Add([sekreterare, "Sekreterare"]);
        }

        if (m.Ordforande is { } ordforande)
        {
            signatories.Add([ordforande, "Ordförande"]);
        }

        signatories.AddRange(m.Justerare.Select(j => (IReadOnlyList<string>)[j, "Justerare"]));
        if (signatories.Count > 0)
        {
            body.Add(new SignatureNode(signatories));
        }

        foreach (var line in m.JusteratDigitalt)
        {
            body.Add(new ParagraphNode(line));
        }

        if (m.Anslag is { } anslag)
        {
            body.Add(new HeadingNode(1, "Anslag"));
            body.Add(new ParagraphNode(anslag));
        }

        var left = new List<string> { letterhead.Kommun, letterhead.Forvaltning };
        return new ComposedDocument(
            new DocumentMetadata($"Protokoll: {m.Organ} {date}", letterhead.Forvaltning, $"Protokoll {m.Organ} {date}"),
            letterhead,
            new PageLabel("Sida ", " (", ")"),
            new FirstPageHeader(left, "Protokoll", [m.Organ], [date], []),
            new ContinuationHeader("Protokoll", [m.Organ], [$"Protokoll från {m.Organ}s sammanträde {date}"]),
            HouseFooter.For(letterhead),
            body);
    }

    private static void AddParagraf(List<ContentNode> body, ProtokollParagraf p, bool offentlig)
    {
        string number = p.Paragraf is { } n ? "§ " + n.ToString(CultureInfo.InvariantCulture) : "Punkt " + p.Punkt.ToString(CultureInfo.InvariantCulture);
        body.Add(new HeadingNode(2, $"{number} {p.Rubrik}"));
        if (p.Dnr is { } dnr)
        {
            body.Add(new ParagraphNode("Dnr " + dnr));
        }

        if (offentlig && p.EjOffentlig)
        {
            body.Add(new ParagraphNode("Paragrafen är inte offentlig och visas inte på anslagstavlan."));
            return;
        }

        foreach (var j in p.Jav)
        {
            body.Add(new ParagraphNode([new TextRun("Jäv: ", Emphasis.Bold), new TextRun(j)]));
        }

        if (p.Yrkanden.Count > 0)
        {
            body.Add(Label("Yrkanden"));
            body.AddRange(p.Yrkanden.Select(y => new ParagraphNode([new TextRun(y.Ledamot, Emphasis.Bold), new TextRun(" " + y.Text)])));
        }

        if (p.Propositionsordning.Count > 0)
        {
            body.Add(Label("Propositionsordning"));
            body.AddRange(p.Propositionsordning.Select(x => new ParagraphNode(x)));
        }

        if (p.Votering is { } v)
        {
            body.Add(Label("Omröstning"));
            var rows = v.Ja.Select(x => (IReadOnlyList<string>)[x, "Ja"])
                .Concat(v.Nej.Select(x => (IReadOnlyList<string>)[x, "Nej"]))
                .Concat(v.Avstar.Select(x => (IReadOnlyList<string>)[x, "Avstår"])).ToArray();
            body.Add(new TableNode([3, 1], ["Ledamot", "Röst"], rows));
            body.Add(new ParagraphNode(v.Utfall));
        }

        body.Add(Label("Beslut"));
        if (p.Beslut.Count == 0)
        {
            body.Add(new ParagraphNode("Inget beslut är protokollfört."));
        }

        body.AddRange(p.Beslut.Select(b => new ParagraphNode(b)));
        if (p.Reservationer.Count > 0)
        {
            body.Add(Label("Reservationer"));
            body.AddRange(p.Reservationer.Select(r => new ParagraphNode([new TextRun(r.Ledamot, Emphasis.Bold), new TextRun(" reserverar sig mot beslutet. " + r.Text)])));
        }

        if (p.SarskildaUttalanden.Count > 0)
        {
            body.Add(Label("Särskilda uttalanden"));
            body.AddRange(p.SarskildaUttalanden.Select(r => new ParagraphNode([new TextRun(r.Ledamot, Emphasis.Bold), new TextRun(" lämnar ett särskilt uttalande. " + r.Text)])));
        }

        if (p.OmedelbarJustering)
        {
            body.Add(new ParagraphNode([new TextRun("Paragrafen justeras omedelbart.", Emphasis.Bold)]));
        }

        body.AddRange(p.JusteratDigitalt.Select(x => new ParagraphNode(x)));
    }

    private static ParagraphNode Label(string text) => new([new TextRun(text, Emphasis.Bold)]);

    private static void AddList(List<ContentNode> body, string label, IReadOnlyList<string> items)
    {
        if (items.Count > 0)
        {
            body.Add(Label(label));
            body.Add(new ListNode(false, items));
        }
    }
}
