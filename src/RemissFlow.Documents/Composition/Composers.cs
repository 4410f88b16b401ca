using RemissFlow.Documents.Models;
using RemissFlow.Documents.Templates;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Documents.Composition;

/// <summary>Turns a document model plus its template and letterhead into a <see cref="ComposedDocument"/>.</summary>
internal sealed class Composer(TemplateStore store)
{
    /// <summary>Composes with <paramref name="pinned"/> when given (the template a document recorded), else the organisation's current one.</summary>
    public ComposedDocument Compose(IDocumentModel model, DocumentTemplate? pinned = null)
    {
        InputGuard.Check(model);
        var (letterhead, _) = store.Letterhead(model.Organisation);
        var t = pinned ?? model.Mall?.Template ?? store.Resolve(model.Kind, model.Organisation, Slag(model)).Template;
        return model switch
        {
            TjansteutlatandeModel m => new TjansteutlatandeComposer(t, letterhead, m).Compose(),
            ProtokollsutdragModel m => new ProtokollsutdragComposer(t, letterhead, m).Compose(),
            MissivModel m => new MissivComposer(t, letterhead, m).Compose(),
            PaminnelseModel m => new PaminnelseComposer(t, letterhead, m).Compose(),
            _ => throw new ArgumentException($"Okänd dokumentmodell {model.GetType().Name}.", nameof(model)),
        };
    }

    public static string? Slag(IDocumentModel model) => model is TjansteutlatandeModel m ? m.Slag : null;
}

internal abstract class ComposerBase(DocumentTemplate template, Letterhead letterhead)
{
    protected DocumentTemplate Template { get; } = template;
    protected Letterhead Letterhead { get; } = letterhead;
    protected List<ContentNode> Body { get; } = [];
    protected Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);

    protected void AddCommonValues()
    {
        Values["forvaltning"] = Letterhead.Forvaltning;
        Values["kommun"] = Letterhead.Kommun;
    }

    protected string Phrase(string key, IReadOnlyDictionary<string, object?>? extra = null)
    {
        if (!Template.Phrases.TryGetValue(key, out var pattern))
        {
            throw new DocumentTemplateException(Template.Name, key, TemplateProblem.InvalidTemplate, $"Mallen {Template.Name} saknar frasen \"{key}\".");
        }

        IReadOnlyDictionary<string, object?> values = Values;
        if (extra is not null)
        {
            var merged = new Dictionary<string, object?>(Values, StringComparer.Ordinal);
            foreach (var (k, v) in extra)
            {
                merged[k] = v;
            }

            values = merged;
        }

        return TemplateText.Render(Template.Name, key, pattern, values);
    }

    protected PageLabel PageLabel()
    {
        // Split the label around the page tokens once; writers fill in numbers per page (or as Word fields).
        const char p = '\u0001', t = '\u0002';
        var s = TemplateText.Render(Template.Name, "pageLabel", Template.PageLabel, new Dictionary<string, object?> { ["sida"] = p.ToString(), ["sidor"] = t.ToString() });
        var ip = s.IndexOf(p);
        var it = s.IndexOf(t);
        if (ip < 0 || it < ip)
        {
            throw new DocumentTemplateException(Template.Name, "sida", TemplateProblem.InvalidTemplate, $"Mallen {Template.Name}: pageLabel måste innehålla {{sida}} före {{sidor}}.");
        }

        return new PageLabel(s[..ip], s[(ip + 1)..it], s[(it + 1)..]);
    }

    protected IReadOnlyList<string> FooterLines()
    {
        var first = new List<string> { Letterhead.Forvaltning, Letterhead.Postadress };
        var second = new List<string>();
        if (Letterhead.Besoksadress is { } b)
        {
            second.Add("Besöksadress " + b);
        }

        if (Letterhead.Telefon is { } tel)
        {
            second.Add("Telefon " + tel);
        }

        if (Letterhead.Epost is { } e)
        {
            second.Add(e);
        }

        if (Letterhead.Webb is { } w)
        {
            second.Add(w);
        }

        return second.Count == 0 ? [string.Join(" | ", first)] : [string.Join(" | ", first), string.Join(" | ", second)];
    }

    /// <summary>
    /// The foot of page 1 as the Stockholm originals have it: the förvaltning, avdelning and postal address, then the
    /// visiting address (one part per line), the handläggare's e-mail and the web address.
    /// </summary>
    protected IReadOnlyList<IReadOnlyList<string>> AddressBlock(string? avdelning, string? epost)
    {
        List<string> who = avdelning is null ? [Letterhead.Forvaltning] : [Letterhead.Forvaltning, avdelning];
        // The postal address stays one line under the förvaltning, as a reply is addressed; the visiting address is set
        // as the originals set it, one part per line.
        who.Add(Letterhead.Postadress);
        var where = (Letterhead.Besoksadress ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if ((epost ?? Letterhead.Epost) is { } e)
        {
            where.Add(e);
        }

        if (Letterhead.Webb is { } w)
        {
            where.Add(w);
        }

        return [who, where];
    }

    protected void Heading(SectionTemplate s, string? fallback = null)
    {
        var text = s.Heading ?? fallback;
        if (text is not null)
        {
            Body.Add(new HeadingNode(1, TemplateText.Render(Template.Name, "sections." + s.Key, text, Values)));
        }
    }

    protected void Prose(IEnumerable<ProseBlock> blocks)
    {
        foreach (var b in blocks)
        {
            Body.AddRange(b switch
            {
                Paragraph p => Paragraphs(p.Text),
                Subheading h => [new HeadingNode(2, h.Text)],
                BulletList l => [new ListNode(false, l.Items)],
                NumberedList l => [new ListNode(true, l.Items)],
                _ => throw new ArgumentOutOfRangeException(nameof(blocks)),
            });
        }
    }

    /// <summary>
    /// A blank line inside a paragraph's text starts a new paragraph; lines that begin with a bullet — Word's
    /// private-use bullets (U+F0B7 and kin) that pasted text brings, or "•" — become a real bullet list.
    /// </summary>
    protected static IEnumerable<ContentNode> Paragraphs(string text)
    {
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal)
                     .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!paragraph.Split('\n').Any(l => Bullets.ItemText(l) is not null))
            {
                yield return new ParagraphNode(paragraph);
                continue;
            }

            var prose = new List<string>();
            var items = new List<string>();
            foreach (var line in paragraph.Split('\n'))
            {
                if (Bullets.ItemText(line) is { } item)
                {
                    if (prose.Count > 0)
                    {
                        yield return new ParagraphNode(string.Join("\n", prose));
                        prose.Clear();
                    }

                    items.Add(item);
                }
                else
                {
                    if (items.Count > 0)
                    {
                        yield return new ListNode(false, items.ToArray());
                        items.Clear();
                    }

                    prose.Add(line);
                }
            }

            if (prose.Count > 0)
            {
                yield return new ParagraphNode(string.Join("\n", prose));
            }

            if (items.Count > 0)
            {
                yield return new ListNode(false, items.ToArray());
            }
        }
    }

    protected static IReadOnlyList<string> PersonLines(Person p, string? fallbackOrganisation)
    {
        var lines = new List<string> { p.Namn };
        if (p.Titel is { } t)
        {
            lines.Add(t);
        }

        if ((p.Organisation ?? fallbackOrganisation) is { } o)
        {
            lines.Add(o);
        }

        return lines;
    }

    protected static IReadOnlyList<string> ContactLines(Person p)
    {
        var lines = new List<string> { p.Namn };
        if (p.Titel is { } t)
        {
            lines.Add(t);
        }

        if (p.Telefon is { } tel)
        {
            lines.Add("Telefon " + tel);
        }

        if (p.Epost is { } e)
        {
            lines.Add(e);
        }

        return lines;
    }

    protected static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpper(s[0], SwedishText.Culture) + s[1..];

    /// <summary>Renders the template's sections in its order, leaving out an optional one for which <paramref name="isEmpty"/> holds.</summary>
    protected void EachSection(Action<SectionTemplate> render, Func<string, bool>? isEmpty = null)
    {
        foreach (var s in Template.Sections)
        {
            if (s.Optional && isEmpty is not null && isEmpty(s.Key))
            {
                continue;
            }

            render(s);
        }
    }

    /// <summary>A phrase that the template may switch off with an empty text (e.g. no underrubrik in an own ärende).</summary>
    protected string? OptionalPhrase(string key) =>
        Template.Phrases.TryGetValue(key, out var p) && p.Length > 0 ? Phrase(key) : null;
}

internal sealed class TjansteutlatandeComposer(DocumentTemplate t, Letterhead l, TjansteutlatandeModel m) : ComposerBase(t, l)
{
    public ComposedDocument Compose()
    {
        AddCommonValues();
        Values["dnr"] = m.Dnr;
        Values["datum"] = m.Datum;
        Values["namnd"] = m.Namnd;
        Values["sammantradesdatum"] = m.Sammantradesdatum;
        Values["rubrik"] = m.Rubrik;
        Values["avsandare"] = m.Avsandare;
        Values["avsandareDnr"] = m.AvsandareDnr;
        Values["svarsdatum"] = m.Svarsdatum;
        Values["enhet"] = m.Beredning.Enhet;
        if (m.Slag == TemplateStore.DefaultSlag)
        {
            RequireRemiss();
        }

        // The svarsdatum sentence closes Bakgrund unless the template gives it a place of its own.
        var svarsdatumSection = Template.Sections.Any(s => s.Key == "svarsdatum");
        var svarsdatumSentence = m.BakgrundMedSvarsdatum && m.Svarsdatum is not null;
        EachSection(s =>
        {
            switch (s.Key)
            {
                case "rubrik":
                    Body.Add(new TitleNode(m.Rubrik));
                    if (OptionalPhrase("underrubrik") is { } underrubrik)
                    {
                        Body.Add(new SubtitleNode(underrubrik));
                    }

                    break;
                case "forslagTillBeslut":
                    Heading(s);
                    var points = m.ForslagTillBeslut?.ToList() ?? [Phrase("forslagGodkanner")];
                    if (m.OmedelbarJustering)
                    {
                        points.Add(Phrase("forslagOmedelbarJustering"));
                    }

                    if (points.Count == 1)
                    {
                        Body.Add(new ParagraphNode(points[0]));
                    }
                    else
                    {
                        Body.Add(new ListNode(true, points));
                    }

                    break;
                case "sammanfattning":
                    Heading(s);
                    Prose(m.Sammanfattning);
                    break;
                case "bakgrund":
                    Heading(s);
                    Prose(m.Bakgrund);
                    if (svarsdatumSentence && !svarsdatumSection)
                    {
                        Body.Add(new ParagraphNode(Phrase("bakgrundSvarsdatum")));
                    }

                    break;
                case "svarsdatum":
                    if (svarsdatumSentence)
                    {
                        Heading(s);
                        Body.Add(new ParagraphNode(Phrase("bakgrundSvarsdatum")));
                    }

                    break;
                case "beslutsunderlag":
                    Heading(s);
                    if (m.Beslutsunderlag.Count > 0)
                    {
                        Body.Add(new ListNode(false, m.Beslutsunderlag));
                    }

                    break;
                case "beslutsplanering":
                    Heading(s);
                    Prose(m.Beslutsplanering);
                    break;
                case "arendet":
                    Heading(s);
                    Prose(m.Arendet);
                    break;
                case "beredning":
                    Heading(s);
                    if (m.Beredning.Text is { } edited)
                    {
                        Prose(edited);
                    }
                    else
                    {
                        Body.Add(new ParagraphNode(BeredningText()));
                    }

                    break;
                case "synpunkter":
                    Heading(s);
                    Prose(m.Synpunkter);
                    break;
                case "underskrift":
                    if (m.Underskrifter.Count > 0)
                    {
                        Body.Add(new SignatureNode(m.Underskrifter.Select(p => PersonLines(p, Letterhead.Forvaltning)).ToArray()));
                    }

                    break;
                case "bilagor":
                    if (m.Bilagor.Count == 0)
                    {
                        break;
                    }

                    if (m.Bilagor.Count == 1)
                    {
                        Body.Add(new HeadingNode(1, Phrase("bilagaEnRubrik")));
                    }
                    else
                    {
                        Heading(s, "Bilagor");
                    }

                    if (m.Bilagor.Count == 1)
                    {
                        Body.Add(new ParagraphNode(m.Bilagor[0]));
                    }
                    else
                    {
                        Body.Add(new ListNode(true, m.Bilagor));
                    }

                    break;
            }
        }, IsEmpty);

        var avdelning = m.Avdelning ?? Letterhead.Avdelning;
        var left = new List<string> { Letterhead.Kommun, Letterhead.Forvaltning };
        if (avdelning is not null)
        {
            left.Add(avdelning);
        }

        var till = new List<string> { m.Namnd };
        if (m.Sammantradesdatum is { } sd)
        {
            till.Add(SwedishText.IsoDate(sd));
        }

        var dnrLine = Phrase("dnr");
        return new ComposedDocument(
            new DocumentMetadata($"{Template.DocumentType}: {m.Rubrik}", Letterhead.Forvaltning, m.Dnr),
            Letterhead,
            PageLabel(),
            new FirstPageHeader(left, Template.DocumentType, [dnrLine], [SwedishText.IsoDate(m.Datum)],
                [new LabelledBlock(Phrase("handlaggareEtikett"), ContactLines(m.Handlaggare)), new LabelledBlock(Phrase("tillEtikett"), till)]),
            new ContinuationHeader(Template.DocumentType, [dnrLine], OptionalPhrase("fortsattningsrubrik") is { } f ? [f] : []),
            FooterLines(),
            Body)
        {
            AddressBlock = AddressBlock(avdelning, m.Handlaggare.Epost),
        };
    }

    /// <summary>What an optional section holds nothing of; such a section is left out, heading and all.</summary>
    private bool IsEmpty(string key) => key switch
    {
        "forslagTillBeslut" => m.ForslagTillBeslut is { Count: 0 } && !m.OmedelbarJustering,
        "sammanfattning" => m.Sammanfattning.Count == 0,
        "bakgrund" => m.Bakgrund.Count == 0 && !(m.BakgrundMedSvarsdatum && m.Svarsdatum is not null && !Template.Sections.Any(s => s.Key == "svarsdatum")),
        "arendet" => m.Arendet.Count == 0,
        "beredning" => m.Beredning.Text is { Count: 0 } || (m.Beredning.Text is null && m.Beredning.Enhet is null && m.Beredning.Handelser.Count == 0),
        "synpunkter" => m.Synpunkter.Count == 0,
        "beslutsunderlag" => m.Beslutsunderlag.Count == 0,
        "beslutsplanering" => m.Beslutsplanering.Count == 0,
        "svarsdatum" => !(m.BakgrundMedSvarsdatum && m.Svarsdatum is not null),
        "underskrift" => m.Underskrifter.Count == 0,
        "bilagor" => m.Bilagor.Count == 0,
        _ => false,
    };

    /// <summary>A remiss answer names whom it answers, under which dnr and by when; each missing one is named.</summary>
    private void RequireRemiss()
    {
        if (string.IsNullOrWhiteSpace(m.Avsandare))
        {
            throw new DocumentInputException("avsandare", "Ett remissvar behöver avsändare (avsandare): vem remissen kommer från. Välj en annan variant (slag) för ett eget ärende.");
        }

        if (string.IsNullOrWhiteSpace(m.AvsandareDnr))
        {
            throw new DocumentInputException("avsandareDnr", "Ett remissvar behöver avsändarens diarienummer (avsandareDnr).");
        }

        if (m.Svarsdatum is null)
        {
            throw new DocumentInputException("svarsdatum", "Ett remissvar behöver ett svarsdatum (svarsdatum).");
        }
    }

    /// <summary>
    /// "Ärendet har beretts inom X. Ärendet har behandlats i A den … och B har haft möjlighet att behandla ärendet
    /// den …." — one clause per recorded event, in date order, from the template's phrase for the event type.
    /// </summary>
    private string BeredningText()
    {
        var sentences = new List<string>();
        if (m.Beredning.Enhet is not null)
        {
            sentences.Add(Phrase("beredningEnhet"));
        }

        var clauses = m.Beredning.Handelser
            .OrderBy(h => h.Datum)
            .Select((h, i) =>
            {
                if (!Template.Phrases.ContainsKey("beredning." + h.Typ))
                {
                    throw new DocumentInputException($"beredning.handelser[{i}].typ", $"Okänd händelsetyp \"{h.Typ}\"; mallen {Template.Name} har ingen fras \"beredning.{h.Typ}\".");
                }

                return Phrase("beredning." + h.Typ, new Dictionary<string, object?> { ["organ"] = h.Organ, ["handelsedatum"] = h.Datum });
            })
            .ToList();
        if (clauses.Count > 0)
        {
            sentences.Add(Capitalize(SwedishText.List(clauses)) + ".");
        }

        if (sentences.Count == 0)
        {
            throw new DocumentInputException("beredning", "Ange enhet, händelser eller en egen text för Ärendets beredning.");
        }

        return string.Join(" ", sentences);
    }
}

internal sealed class ProtokollsutdragComposer(DocumentTemplate t, Letterhead l, ProtokollsutdragModel m) : ComposerBase(t, l)
{
    public ComposedDocument Compose()
    {
        AddCommonValues();
        Values["dnr"] = m.Dnr;
        Values["namnd"] = m.Namnd;
        Values["sammantradesdatum"] = m.Sammantradesdatum;
        Values["paragraf"] = m.Paragraf;
        Values["rubrik"] = m.Rubrik;
        Values["justeringsdatum"] = m.Justeringsdatum;

        EachSection(s =>
        {
            switch (s.Key)
            {
                case "rubrik":
                    Body.Add(new TitleNode(Phrase("rubrik")));
                    break;
                case "platsOchTid" when m.PlatsOchTid is { Length: > 0 } platsOchTid:
                    Heading(s);
                    Body.Add(new ParagraphNode(platsOchTid));
                    break;
                case "beslut":
                    Heading(s);
                    if (m.BeslutNumrerat && m.Beslut.Count > 1)
                    {
                        Body.Add(new ListNode(true, m.Beslut));
                    }
                    else
                    {
                        foreach (var b in m.Beslut)
                        {
                            Body.AddRange(Paragraphs(b));
                        }
                    }

                    break;
                case "forslagTillFullmaktige" when m.ForslagTillFullmaktige.Count > 0:
                    Heading(s);
                    if (m.ForslagTillFullmaktige.Count > 1)
                    {
                        Body.Add(new ListNode(true, m.ForslagTillFullmaktige));
                    }
                    else
                    {
                        Body.AddRange(Paragraphs(m.ForslagTillFullmaktige[0]));
                    }

                    break;
                case "arendet" when m.Arendet.Count > 0:
                    Heading(s);
                    Prose(m.Arendet);
                    break;
                case "beslutsunderlag" when m.Beslutsunderlag.Count > 0:
                    Heading(s);
                    Body.Add(new ListNode(false, m.Beslutsunderlag));
                    break;
                case "yrkanden" when m.Yrkanden.Count > 0:
                    Heading(s);
                    foreach (var y in m.Yrkanden)
                    {
                        Body.Add(new ParagraphNode([new TextRun(y.Ledamot, Emphasis.Bold), new TextRun(" " + y.Text)]));
                    }

                    break;
                case "propositionsordning" when m.Propositionsordning.Count > 0:
                    Heading(s);
                    foreach (var p in m.Propositionsordning)
                    {
                        Body.AddRange(Paragraphs(p));
                    }

                    break;
                case "votering" when m.Votering is not null:
                    Heading(s);
                    var v = m.Votering;
                    Body.Add(new ParagraphNode(v.Fraga));
                    var rows = v.Ja.Select(n => (IReadOnlyList<string>)[n, Phrase("rostJa")])
                        .Concat(v.Nej.Select(n => (IReadOnlyList<string>)[n, Phrase("rostNej")]))
                        .Concat(v.Avstar.Select(n => (IReadOnlyList<string>)[n, Phrase("rostAvstar")]))
                        .ToArray();
                    Body.Add(new TableNode([3, 1], [Phrase("voteringLedamot"), Phrase("voteringRost")], rows));
                    Body.Add(new ParagraphNode(v.Utfall));
                    break;
                case "reservationer" when m.Reservationer.Count > 0:
                    Heading(s);
                    Statements(m.Reservationer, "reservation");
                    break;
                case "sarskildaUttalanden" when m.SarskildaUttalanden.Count > 0:
                    Heading(s);
                    Statements(m.SarskildaUttalanden, "sarskiltUttalande");
                    break;
                case "justering":
                    Heading(s);
                    if (m.OmedelbarJustering)
                    {
                        Body.Add(new ParagraphNode([new TextRun(Phrase("omedelbarJustering"), Emphasis.Bold)]));
                    }

                    // An omedelbart justerad paragraph may be printed before the justerare are named in RemissFlow.
                    if (m.Justerare.Count > 0)
                    {
                        Body.Add(new ParagraphNode(Phrase("justerat", new Dictionary<string, object?> { ["ledamoter"] = SwedishText.List(m.Justerare) })));
                    }

                    Body.AddRange(m.JusteratDigitalt.Select(line => new ParagraphNode(line)));
                    if (m.JusteratDigitalt.Count == 0 && m.Justerare.Count > 0)
                    {
                        // Justerat on paper: the boxes the justerande sign in, as on the printed protokoll.
                        Body.Add(new SignatureNode(m.Justerare.Select(j => (IReadOnlyList<string>)[j, Phrase("justerandesSign")]).ToList()));
                    }

                    break;
                case "bestyrkande":
                    Body.Add(new ParagraphNode(Phrase("bestyrks")));
                    Body.Add(new SignatureNode([PersonLines(m.Bestyrks, null)]));
                    break;
                case "expedieras" when m.ExpedierasTill.Count > 0:
                    Heading(s);
                    Body.Add(new ListNode(false, m.ExpedierasTill));
                    break;
            }
        });

        var dnrLine = Phrase("dnr");
        return new ComposedDocument(
            new DocumentMetadata($"{Template.DocumentType} {m.Namnd} {SwedishText.IsoDate(m.Sammantradesdatum)} § {m.Paragraf}: {m.Rubrik}", Letterhead.Forvaltning, m.Dnr),
            Letterhead,
            PageLabel(),
            new FirstPageHeader([Letterhead.Kommun, m.Namnd], Template.DocumentType, [dnrLine], [Phrase("sammantrade")], []),
            new ContinuationHeader(Template.DocumentType, [dnrLine], [Phrase("rubrik")]),
            FooterLines(),
            Body);
    }

    private void Statements(IEnumerable<Anforande> items, string phrase)
    {
        foreach (var a in items)
        {
            var values = new Dictionary<string, object?> { ["ledamoter"] = SwedishText.List(a.Ledamoter), ["forslag"] = a.TillFormanFor };
            // "reservationSkriftlig", "reservationMuntligTillFormanFor" …: the form and the proposal choose the sentence.
            var key = phrase + (a.Form switch { Reservationsform.Skriftlig => "Skriftlig", Reservationsform.Muntlig => "Muntlig", _ => "" })
                + (a.TillFormanFor is { Length: > 0 } ? "TillFormanFor" : "");
            Body.Add(new ParagraphNode(Phrase(Template.Phrases.ContainsKey(key) ? key : phrase, values)));
            if (a.Text is { } text)
            {
                Body.AddRange(Paragraphs(text));
            }

            if (a.Bilaga is { Length: > 0 } bilaga)
            {
                Body.Add(new ParagraphNode(Phrase("reservationBilaga", new Dictionary<string, object?> { ["bilaga"] = bilaga })));
            }
        }
    }
}

/// <summary>
/// A letter the sender writes about one remiss (missiv, påminnelse): the same values, title, contact section
/// and page header; each letter adds its own sections and labelled blocks.
/// </summary>
internal abstract class RemissLetterComposer(DocumentTemplate t, Letterhead l, RemissLetterModel m) : ComposerBase(t, l)
{
    protected void AddLetterValues()
    {
        AddCommonValues();
        Values["dnr"] = m.Dnr;
        Values["datum"] = m.Datum;
        Values["remisshandling"] = m.Remisshandling;
        Values["svarsEpost"] = m.SvarsEpost;
    }

    /// <summary>The sections both letters have; false for a section the letter itself composes.</summary>
    protected bool LetterSection(SectionTemplate s)
    {
        switch (s.Key)
        {
            case "rubrik":
                // "Remiss av {remisshandling}": the title is the phrase's object, not a sentence of its own.
                Body.Add(new TitleNode(Phrase("rubrik", new Dictionary<string, object?> { ["remisshandling"] = RemissRubrik.Subject(m.Remisshandling) })));
                return true;
            case "kontakt":
                Heading(s);
                Body.Add(new ParagraphNode(string.Join("\n", ContactLines(m.Kontaktperson))));
                return true;
            default:
                return false;
        }
    }

    protected ComposedDocument Letter(params LabelledBlock[] blocksBeforeContact)
    {
        var dnrLine = Phrase("dnr");
        List<string> left = Letterhead.Avdelning is { } a ? [Letterhead.Kommun, Letterhead.Forvaltning, a] : [Letterhead.Kommun, Letterhead.Forvaltning];
        return new ComposedDocument(
            new DocumentMetadata($"{Template.DocumentType}: {m.Remisshandling}", Letterhead.Forvaltning, m.Dnr),
            Letterhead,
            PageLabel(),
            new FirstPageHeader(left, Template.DocumentType, [dnrLine], [SwedishText.IsoDate(m.Datum)],
                [.. blocksBeforeContact, new LabelledBlock(Phrase("kontaktEtikett"), ContactLines(m.Kontaktperson))]),
            new ContinuationHeader(Template.DocumentType, [dnrLine], [Phrase("rubrik")]),
            FooterLines(),
            Body);
    }
}

internal sealed class MissivComposer(DocumentTemplate t, Letterhead l, MissivModel m) : RemissLetterComposer(t, l, m)
{
    public ComposedDocument Compose()
    {
        AddLetterValues();
        Values["svarsdatum"] = m.Svarsdatum;
        Values["svarsAdress"] = m.SvarsAdress;

        EachSection(s =>
        {
            if (LetterSection(s))
            {
                return;
            }

            switch (s.Key)
            {
                case "inledning":
                    Heading(s);
                    Body.Add(new ParagraphNode(Phrase("inledning")));
                    Prose(m.Inledning);
                    break;
                case "svar":
                    Heading(s);
                    Body.Add(new ParagraphNode(Phrase("svarsdatum")));
                    Body.Add(new ParagraphNode(Phrase(m.SvarsAdress is null ? "svarEpost" : "svarEpostOchPost")));
                    break;
                case "remisslista":
                    Heading(s);
                    foreach (var g in m.Remisslista)
                    {
                        Body.Add(new HeadingNode(2, g.Rubrik));
                        Body.Add(new ListNode(false, g.Instanser));
                    }

                    break;
                case "remisshandlingar":
                    Heading(s);
                    Body.Add(new ListNode(true, m.Remisshandlingar));
                    break;
            }
        });

        return Letter();
    }
}

internal sealed class PaminnelseComposer(DocumentTemplate t, Letterhead l, PaminnelseModel m) : RemissLetterComposer(t, l, m)
{
    public ComposedDocument Compose()
    {
        AddLetterValues();
        Values["mottagare"] = m.Mottagare;
        Values["ursprungligtSvarsdatum"] = m.UrsprungligtSvarsdatum;
        Values["forlangtSvarsdatum"] = m.ForlangtSvarsdatum;

        EachSection(s =>
        {
            if (!LetterSection(s) && s.Key == "paminnelse")
            {
                Heading(s);
                Body.Add(new ParagraphNode(Phrase(m.ForlangtSvarsdatum is null ? "utanAnstand" : "medAnstand")));
                Body.Add(new ParagraphNode(Phrase("svara")));
                Body.Add(new ParagraphNode(Phrase("avsta")));
            }
        });

        return Letter(new LabelledBlock(Phrase("tillEtikett"), [m.Mottagare]));
    }
}
