using DocumentFormat.OpenXml.Packaging;
using RemissFlow.Core.Files;
using RemissFlow.Core.Intake;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>
/// Reads an earlier TU, a text written elsewhere, or this TU edited in Word, as a proposal for the next version: its
/// sections mapped onto the template's. A proposal only; nothing is stored until the handläggare saves it through
/// <see cref="SaveTjansteutlatande"/>, so the version, the audit and the diff are the usual ones.
/// </summary>
public static class ImporteraTuText
{
    [RequiresRole(Role.Handlaggare)]
    public sealed record Query(Guid RemissvarId, byte[] Content, string FileName) : IQuery<Proposal>;

    /// <summary>One section's text with the heading it was found under; Confidence 1 for the template's own heading.</summary>
    public sealed record Section(string Key, string Text, double Confidence, string? SourceHeading);

    public sealed record Proposal(int? BasedOnVersion, string? Rubrik, IReadOnlyList<Section> Sections, IReadOnlyList<string> Warnings, string Format)
    {
        public string Text(string key) => Sections.FirstOrDefault(s => s.Key == key)?.Text ?? "";
    }

    /// <summary>Other names the same sections go by in other organisations' TUs (KnownHeadings).</summary>
    private static readonly Dictionary<string, string> Synonyms = new[]
    {
        ("Kontorets förslag till beslut", "ForslagTillBeslut"), ("Förslag till beslut", "ForslagTillBeslut"), ("Förslag till yttrande", "ForslagTillBeslut"),
        ("Förvaltningens synpunkter", "Synpunkter"), ("Kontorets synpunkter", "Synpunkter"), ("Övergripande synpunkter", "Synpunkter"),
        ("Specifika synpunkter", "Synpunkter"), ("Synpunkter", "Synpunkter"), ("Yttrande", "Synpunkter"), ("Motivering", "Synpunkter"),
        ("Beredning", "ArendetsBeredning"), ("Inledning", "Sammanfattning"),
    }.ToDictionary(p => KnownHeadings.Key(p.Item1), p => p.Item2);

    /// <summary>Parts the document writer makes from the ärende's other data; their text is not a section of the version.</summary>
    private static readonly HashSet<string> Generated = new[] { "Beslutsplanering", "Beslutsunderlag", "Bilagor", "Bilaga", "Beslutet skickas till" }
        .Select(KnownHeadings.Key).ToHashSet();

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current) : IRequestHandler<Query, Proposal>
    {
        public async Task<Result<Proposal>> Handle(Query q, CancellationToken ct)
        {
            var (svar, refusal) = await RemissvarAccess.LoadAsync(db, q.RemissvarId, current.Actor, null, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (!current.Actor.IsSystem && svar!.HandlaggareId != current.Actor.UserId)
            {
                return Refusal.Forbidden("Bara ärendets handläggare skriver tjänsteutlåtandet.");
            }

            if (!SaveTjansteutlatande.Editable.Contains(svar!.Status))
            {
                return Refusal.InvalidState("Tjänsteutlåtandet kan inte ändras i ärendets nuvarande läge, så ingen text kan importeras.");
            }

            if (q.Content.Length == 0)
            {
                return Refusal.Field("Fil", "Fil: välj en Word-, PDF- eller textfil att importera.");
            }

            if (q.Content.Length > Limits.UploadFileBytes)
            {
                return Refusal.Field("Fil", $"Fil: filen är för stor; högst {Limits.UploadFileBytes / (1024 * 1024)} MB.");
            }

            // The same sniffing as every upload: the content decides the type, and PDFs or Office files that could run something are refused.
            var detected = UploadPolicy.Detect(q.Content);
            if (detected is not null && detected.MediaType is not (UploadPolicy.Pdf or UploadPolicy.Docx))
            {
                return Refusal.Field("Fil", "Fil: filtypen stöds inte; välj en Word- (.docx), PDF- eller textfil.");
            }

            if (detected is not null && UploadPolicy.ActiveContentRefusal(q.Content, q.FileName) is { } active)
            {
                return Refusal.Field("Fil", "Fil: " + active);
            }

            Proposal proposal;
            try
            {
                var format = DocumentTextReader.Format(q.Content, q.FileName);
                var latest = await db.Tjansteutlatanden.AsNoTracking().Where(t => t.RemissvarId == svar.Id)
                    .SelectMany(t => t.Versioner).Select(v => (int?)v.Nummer).MaxAsync(ct);
                proposal = format == "docx" ? FromDocx(q.Content, latest) : FromText(DocumentTextReader.Read(q.Content, q.FileName), latest);
            }
            catch (IntakeException e)
            {
                return Refusal.Field("Fil", "Fil: " + e.Message);
            }

            if (proposal.Sections.All(s => s.Text.Length == 0))
            {
                return Refusal.Field("Fil", "Fil: dokumentet innehåller ingen text att importera.");
            }

            return proposal;
        }
    }

    /// <summary>The template section a heading names, and how sure that is; null for a heading of no section.</summary>
    public static (string Key, double Confidence)? MatchHeading(string heading)
    {
        var key = KnownHeadings.Key(heading);
        if (key.Length == 0)
        {
            return null;
        }

        if (TuSections.All.FirstOrDefault(s => KnownHeadings.Key(s.Heading) == key) is { Key: not null } exact)
        {
            return (exact.Key, 1.0);
        }

        if (Synonyms.TryGetValue(key, out var synonym))
        {
            return (synonym, 0.8);
        }

        // An organisation's own template names its förvaltning: "Kulturförvaltningens förslag till beslut".
        if (key.EndsWith("förslagtillbeslut", StringComparison.Ordinal))
        {
            return ("ForslagTillBeslut", 0.9);
        }

        return key.EndsWith("synpunkterochförslag", StringComparison.Ordinal) || key.EndsWith("synpunkter", StringComparison.Ordinal) ? ("Synpunkter", 0.9) : null;
    }

    private static bool IsGenerated(string heading) => Generated.Contains(KnownHeadings.Key(heading));

    /// <summary>Word by its styles, so what the writer made maps back exactly: Title, Heading1, Heading2 ("## "), lists ("- ", "1. ").</summary>
    private static Proposal FromDocx(byte[] content, int? latest)
    {
        var blocks = new List<Block>();
        string? rubrik = null;
        try
        {
            using var stream = new MemoryStream(content);
            using var word = WordprocessingDocument.Open(stream, false);
            var body = word.MainDocumentPart?.Document?.Body ?? throw new IntakeException("Word-filen har inget innehåll.");
            var numbering = word.MainDocumentPart!.NumberingDefinitionsPart?.Numbering;
            var counters = new Dictionary<int, int>();
            // Only in RemissFlow's own documents (a Title-styled rubrik) are one-row tables the letterhead and signatures made from data.
            var ownLayout = body.Descendants<W.Paragraph>().Any(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Title");
            foreach (var element in body.Elements())
            {
                if (element is W.Table table)
                {
                    // The letterhead and the signature grid are tables the writer makes; a table someone added is text to keep.
                    var cells = table.Descendants<W.Paragraph>().Select(ParagraphText).Where(t => t.Length > 0).ToList();
                    if (!(ownLayout && IsWriterTable(table)) && cells.Count > 0)
                    {
                        blocks.Add(new Block(BlockKind.Paragraph, string.Join('\n', cells)));
                    }

                    continue;
                }

                if (element is not W.Paragraph p)
                {
                    continue;
                }

                var text = ParagraphText(p).Trim();
                if (text.Length == 0)
                {
                    continue;
                }

                var style = p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
                var numId = p.ParagraphProperties?.NumberingProperties?.NumberingId?.Val?.Value;
                switch (style)
                {
                    case "Title" when rubrik is null:
                        rubrik = text;
                        break;
                    case "Subtitle":
                        // "Svar på remiss från …": made from the remiss, not part of any section.
                        break;
                    case "Heading1" or "Heading 1" or "Rubrik1":
                        blocks.Add(new Block(BlockKind.Heading, text));
                        break;
                    case "Heading2" or "Heading 2" or "Rubrik2":
                        blocks.Add(new Block(BlockKind.Paragraph, "## " + text));
                        break;
                    default:
                        if (numId is { } n)
                        {
                            var numbered = IsDecimal(numbering, n);
                            counters[n] = counters.GetValueOrDefault(n) + 1;
                            blocks.Add(new Block(BlockKind.ListItem, text, numbered ? $"{counters[n]}. " : "- "));
                        }
                        else
                        {
                            blocks.Add(new Block(BlockKind.Paragraph, text));
                        }

                        break;
                }
            }
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or InvalidOperationException or FormatException)
        {
            throw new IntakeException("Word-filen kunde inte läsas (skadad eller inte en .docx-fil).");
        }

        return Map(blocks, rubrik, latest, "docx");
    }

    /// <summary>PDF and plain text: headings are lines that are a heading; paragraphs are separated by blank lines.</summary>
    private static Proposal FromText(RawText raw, int? latest)
    {
        var text = TextNormaliser.Normalise(raw.Text);
        var blocks = new List<Block>();
        var paragraph = new List<string>();
        foreach (var line in text.Lines)
        {
            var trimmed = line.Trim();
            var isHeading = trimmed.Length is > 0 and <= 60 && (MatchHeading(trimmed.TrimEnd(':')) is not null || IsGenerated(trimmed.TrimEnd(':')) || KnownHeadings.Match(trimmed) is not null);
            if (trimmed.Length == 0 || isHeading)
            {
                Flush();
                if (isHeading)
                {
                    blocks.Add(new Block(BlockKind.Heading, trimmed.TrimEnd(':')));
                }

                continue;
            }

            paragraph.Add(trimmed);
        }

        Flush();
        return Map(blocks, null, latest, raw.Source.Format);

        void Flush()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(new Block(BlockKind.Paragraph, string.Join('\n', paragraph)));
            }

            paragraph.Clear();
        }
    }

    private enum BlockKind
    {
        Heading,
        Paragraph,
        ListItem,
    }

    private sealed record Block(BlockKind Kind, string Text, string Marker = "");

    /// <summary>
    /// Each block into the section of the heading above it. Text under a heading of no section, or before the first
    /// heading, goes into the nearest section (the one before it, else the first) and is named in a warning; never dropped.
    /// </summary>
    private static Proposal Map(IReadOnlyList<Block> blocks, string? rubrik, int? latest, string format)
    {
        var parts = TuSections.All.ToDictionary(s => s.Key, _ => new List<string>());
        var confidence = new Dictionary<string, (double, string?)>();
        var warnings = new List<string>();
        string? current = null;
        string? foreign = null;
        var foreignHasText = false;
        var skipping = false;
        var previousKind = BlockKind.Heading;
        foreach (var block in blocks)
        {
            if (block.Kind == BlockKind.Heading)
            {
                WarnForeign();
                skipping = false;
                if (MatchHeading(block.Text) is { } match)
                {
                    current = match.Key;
                    foreign = null;
                    if (!confidence.ContainsKey(match.Key))
                    {
                        confidence[match.Key] = (match.Confidence, block.Text);
                    }
                }
                else if (IsGenerated(block.Text))
                {
                    skipping = true;
                    warnings.Add($"Avsnittet {block.Text} skapas av RemissFlow från ärendets uppgifter och lästes inte in.");
                }
                else
                {
                    foreign = block.Text;
                    foreignHasText = false;
                }

                previousKind = BlockKind.Heading;
                continue;
            }

            if (skipping)
            {
                continue;
            }

            var target = current ?? TuSections.All[0].Key;
            if (current is null && foreign is null && !foreignHasText)
            {
                foreign = "";
            }

            if (foreign is not null && !foreignHasText)
            {
                foreignHasText = true;
                // The heading of no section stays in the text as a subheading, so the reader still sees where it came from.
                if (foreign.Length > 0)
                {
                    parts[target].Add((parts[target].Count > 0 ? "\n\n" : "") + "## " + foreign);
                    previousKind = BlockKind.Paragraph;
                }
            }

            // One decision point per line (the document numbers them itself); list items one per line; paragraphs apart by a blank line.
            var item = target == "ForslagTillBeslut" && block.Kind == BlockKind.ListItem ? block.Text : block.Marker + block.Text;
            var separator = parts[target].Count == 0 ? ""
                : (block.Kind == BlockKind.ListItem && previousKind == BlockKind.ListItem) || target == "ForslagTillBeslut" ? "\n" : "\n\n";
            parts[target].Add(separator + item);
            previousKind = block.Kind;
        }

        WarnForeign();
        var sections = TuSections.All.Select(s => new Section(s.Key, string.Concat(parts[s.Key]).Trim(),
            confidence.TryGetValue(s.Key, out var c) ? c.Item1 : (parts[s.Key].Count > 0 ? 0.5 : 0), confidence.TryGetValue(s.Key, out var h) ? h.Item2 : null)).ToList();
        return new Proposal(latest, rubrik, sections, warnings, format);

        void WarnForeign()
        {
            if (foreign is not null && foreignHasText)
            {
                var into = TuSections.All.First(s => s.Key == (current ?? TuSections.All[0].Key)).Heading;
                warnings.Add(foreign.Length == 0
                    ? $"Texten före första avsnittsrubriken passade inget avsnitt och lades i {into}."
                    : $"Texten under rubriken {foreign} passade ingen avsnittsrubrik och lades i {into}.");
            }

            foreign = null;
            foreignHasText = false;
        }
    }

    private static string ParagraphText(W.Paragraph p) => string.Concat(p.Descendants().Select(d => d switch
    {
        W.Text t => t.Text,
        W.Break or W.CarriageReturn => "\n",
        W.TabChar => " ",
        _ => "",
    }));

    /// <summary>The writer lays out the letterhead and the signatories as one-row tables of columns; both are made from data.</summary>
    private static bool IsWriterTable(W.Table table) => table.Elements<W.TableRow>().Count() == 1;

    private static bool IsDecimal(W.Numbering? numbering, int numId)
    {
        var instance = numbering?.Elements<W.NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId);
        var abstractId = instance?.AbstractNumId?.Val?.Value;
        var level = numbering?.Elements<W.AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId)?.Elements<W.Level>().FirstOrDefault();
        return level?.NumberingFormat?.Val?.Value == W.NumberFormatValues.Decimal;
    }
}
