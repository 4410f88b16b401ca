using RemissFlow.Documents.Composition;
using RemissFlow.Documents.Models;
using RemissFlow.Documents.Templates;

namespace RemissFlow.Documents.Tests;

/// <summary>Templates per organisation, group and kind (variant), as data: overrides, optional sections, pinned versions.</summary>
public class TemplateOverrideTests
{
    private static string Original(string file) =>
        Examples.Flat(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "RemissFlow.Documents.Tests", "Originals", file)));

    private static Letterhead TestLetterhead(string forvaltning, params string[] grupper) => new()
    {
        Kommun = "Stockholms stad",
        Forvaltning = forvaltning,
        Postadress = "Box 1, 100 00 Stockholm",
        Grupper = grupper,
    };

    private static TjansteutlatandeModel OwnArende(string organisation) => Examples.Load<TjansteutlatandeModel>() with
    {
        Organisation = organisation,
        Slag = "egetArende",
        Rubrik = "Lokalförsörjningsplan för socialförvaltningen 2027–2031",
        Avsandare = null,
        AvsandareDnr = null,
        Svarsdatum = null,
        Bakgrund = [],
        Arendet = [],
        Beredning = new Beredning(),
        Beslutsplanering = [new Paragraph("Ärendet behandlas i socialnämnden den 14 april 2026.")],
        Beslutsunderlag = ["Lokalbehovsanalys 2026-03-17", "Lokalförsörjningsplan 2027–2031"],
        Bilagor = [],
    };

    private static List<string> Headings(ComposedDocument doc) => doc.Body.OfType<HeadingNode>().Where(h => h.Level == 1).Select(h => h.Text).ToList();

    private static void InOrder(string text, IEnumerable<string> expected)
    {
        var at = 0;
        foreach (var e in expected)
        {
            var i = text.IndexOf(e, at, StringComparison.Ordinal);
            Assert.That(i, Is.GreaterThanOrEqualTo(0), $"\"{e}\" missing or out of order after position {at}");
            at = i + e.Length;
        }
    }

    [Test]
    public void Socialforvaltningen_round_trip_reproduces_the_original_headings_verbatim_with_its_own_template()
    {
        var sf = Examples.Load<TjansteutlatandeModel>();
        var model = sf with
        {
            Organisation = "stockholm-sof",
            Avdelning = null,
            Dnr = "SOF 2024/472",
            Namnd = "Socialnämnden",
            Rubrik = "Remiss av Stockholms stads program för de mänskliga rättigheterna",
            Avsandare = "kommunstyrelsen",
            AvsandareDnr = "KS 2023/1159",
            OmedelbarJustering = false,
        };
        string[] headings =
        [
            "Remiss av Stockholms stads program för de mänskliga rättigheterna",
            "Svar på remiss från kommunstyrelsen, Dnr KS 2023/1159",
            "Förvaltningens förslag till beslut",
            "Socialnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
            "Sammanfattning", "Bakgrund", "Ärendet", "Ärendets beredning", "Förvaltningens synpunkter och förslag", "Bilagor",
        ];
        InOrder(Original("tu-socialforvaltningen-mr-program-2024.txt"), headings);

        var resolved = Examples.Renderer.ResolveTemplate(model);
        Assert.That(resolved.Layers, Is.EqualTo(new[] { "tjansteutlatande.json", "organisationer/stockholm-sof/tjansteutlatande.json" }));
        var text = Examples.Flat(Tools.PdfToText(Examples.Renderer.RenderPdf(model)));
        InOrder(text, headings);

        // The original's later pages carry the title alone; Serviceförvaltningen's add the sender's dnr.
        Assert.That(text, Does.Not.Contain("rättigheterna, KS 2023/1159"));
        Assert.That(text.Split("Remiss av Stockholms stads program för de mänskliga rättigheterna").Length - 1, Is.GreaterThan(1), "continuation header");
    }

    [Test]
    public void Serviceforvaltningen_round_trip_reproduces_the_original_headings_verbatim_with_the_global_template()
    {
        string[] headings =
        [
            "Svar på remiss från Kommunstyrelsen, KS 2025/1616", "Förvaltningens förslag till beslut", "Sammanfattning", "Bakgrund", "Ärendet",
            "Kunskap och information", "Välfärd och service", "Delaktighet och inflytande", "Uppföljning", "Ärendets beredning",
            "Förvaltningens synpunkter och förslag", "Charlotte Goliath", "Förvaltningschef",
        ];
        InOrder(Original("tu-serviceforvaltningen-jamstalldhet-2026.txt"), headings);
        var model = Examples.Load<TjansteutlatandeModel>();
        Assert.That(Examples.Renderer.ResolveTemplate(model).Layers, Is.EqualTo(new[] { "tjansteutlatande.json" }));
        var text = Examples.Flat(Tools.PdfToText(Examples.Renderer.RenderPdf(model)));
        InOrder(text, headings);
        Assert.That(text, Does.Contain("Remiss av handlingsplan för ett jämställt Stockholm 2030, KS 2025/1616"), "continuation header with the sender's dnr");
    }

    [Test]
    public void A_group_and_an_organisation_override_headings_with_placeholders_labels_order_and_phrases()
    {
        var renderer = new DocumentRenderer(RepoPaths.Templates);
        renderer.UseLetterhead("sof-test", TestLetterhead("Socialförvaltningen", "forvaltningar"));
        renderer.UseLetterhead("sdf-test", TestLetterhead("Farsta stadsdelsförvaltning", "stadsdelsforvaltningar"));
        renderer.UseOverride(TemplateScope.Grupp, "stadsdelsforvaltningar", DocumentKind.Tjansteutlatande, new TemplateOverride
        {
            DocumentType = "Tjänsteskrivelse",
            Headings = new Dictionary<string, string> { ["forslagTillBeslut"] = "Förslag till beslut", ["synpunkter"] = "{namnd}s synpunkter" },
            Phrases = new Dictionary<string, string> { ["dnr"] = "Vår referens {dnr}" },
        });
        renderer.UseOverride(TemplateScope.Organisation, "sof-test", DocumentKind.Tjansteutlatande, new TemplateOverride
        {
            Headings = new Dictionary<string, string> { ["forslagTillBeslut"] = "{forvaltning}s förslag till beslut" },
            Sections =
            [
                new SectionTemplate("rubrik"), new SectionTemplate("forslagTillBeslut", "Förvaltningens förslag till beslut"),
                new SectionTemplate("synpunkter", "Förvaltningens synpunkter"), new SectionTemplate("sammanfattning", "Sammanfattning"),
                new SectionTemplate("underskrift"),
            ],
            Phrases = new Dictionary<string, string> { ["forslagGodkanner"] = "{namnd} godkänner tjänsteutlåtandet." },
        });

        var sof = renderer.Compose(Examples.Load<TjansteutlatandeModel>() with { Organisation = "sof-test", Namnd = "Socialnämnden" });
        Assert.That(Headings(sof), Is.EqualTo(new[] { "Socialförvaltningens förslag till beslut", "Förvaltningens synpunkter", "Sammanfattning" }),
            "the organisation's order, and its heading with {forvaltning} laid over the section list it gave");
        Assert.That(sof.Body.OfType<ListNode>().First().Items[0], Is.EqualTo("Socialnämnden godkänner tjänsteutlåtandet."));
        Assert.That(sof.Header.DocumentType, Is.EqualTo("Tjänsteutlåtande"), "a group the letterhead is not in does not apply");

        var sdf = renderer.Compose(Examples.Load<TjansteutlatandeModel>() with { Organisation = "sdf-test", Namnd = "Farsta stadsdelsnämnd" });
        Assert.That(Headings(sdf), Does.Contain("Förslag till beslut").And.Contain("Farsta stadsdelsnämnds synpunkter").And.Contain("Ärendets beredning"));
        Assert.That(sdf.Header.DocumentType, Is.EqualTo("Tjänsteskrivelse"));
        Assert.That(sdf.Header.RightAbovePageLabel, Is.EqualTo(new[] { "Vår referens SF 2026/186" }));
        Assert.That(renderer.ResolveTemplate(DocumentKind.Tjansteutlatande, "sdf-test").Layers[^1], Is.EqualTo("grupper/stadsdelsforvaltningar/tjansteutlatande.json"));

        // Removing an override brings the global template back.
        renderer.UseOverride(TemplateScope.Grupp, "stadsdelsforvaltningar", DocumentKind.Tjansteutlatande, null);
        Assert.That(renderer.Compose(Examples.Load<TjansteutlatandeModel>() with { Organisation = "sdf-test" }).Header.DocumentType, Is.EqualTo("Tjänsteutlåtande"));
    }

    [Test]
    public void A_tu_in_an_own_arende_has_no_sender_no_svarsdatum_and_leaves_out_its_empty_optional_sections()
    {
        var model = OwnArende("stockholm-sf");
        var doc = Examples.Renderer.Compose(model);
        Assert.That(doc.Body.OfType<SubtitleNode>(), Is.Empty, "no \"Svar på remiss från …\"");
        Assert.That(Headings(doc), Is.EqualTo(new[]
        {
            "Förvaltningens förslag till beslut", "Sammanfattning", "Förvaltningens synpunkter och förslag", "Beslutsplanering", "Beslutsunderlag",
        }), "Bakgrund, Ärendet, Ärendets beredning are empty and optional in this variant; Bilagor has nothing");
        Assert.That(doc.Continuation.Left, Is.EqualTo(new[] { model.Rubrik }));

        var pdf = Examples.Renderer.RenderPdf(model);
        Tools.QpdfCheck(pdf);
        var text = Examples.Flat(Tools.PdfToText(pdf));
        Assert.That(text, Does.Not.Contain("Svar på remiss").And.Not.Contain("yttrande ska ha inkommit").And.Not.Contain("Bakgrund"));
        InOrder(text, ["Beslutsplanering", "Ärendet behandlas i socialnämnden den 14 april 2026.", "Charlotte Goliath", "Beslutsunderlag", "Lokalförsörjningsplan 2027–2031"]);
    }

    [Test]
    public void Tjansteskrivelse_and_utlatande_share_the_layout_with_their_own_label([Values("tjansteskrivelse", "utlatande")] string slag)
    {
        var model = OwnArende("stockholm-sf") with { Slag = slag };
        var pdf = Examples.Renderer.RenderPdf(model, pdfA: true);
        Tools.QpdfCheck(pdf);
        var text = Examples.Flat(Tools.PdfToText(pdf));
        var label = slag == "utlatande" ? "Utlåtande" : "Tjänsteskrivelse";
        Assert.That(text, Does.Contain(label));
        Assert.That(text, Does.Not.Contain("Tjänsteutlåtande"));
        Assert.That(Examples.Renderer.RenderDocx(model), Is.Not.Empty);
    }

    [Test]
    public void A_remiss_answer_without_sender_dnr_or_svarsdatum_names_the_missing_field([Values("avsandare", "avsandareDnr", "svarsdatum")] string field)
    {
        var m = Examples.Load<TjansteutlatandeModel>();
        m = field switch
        {
            "avsandare" => m with { Avsandare = " " },
            "avsandareDnr" => m with { AvsandareDnr = null },
            _ => m with { Svarsdatum = null },
        };
        var ex = Assert.Throws<DocumentInputException>(() => Examples.Renderer.RenderPdf(m));
        Assert.That(ex.Field, Is.EqualTo(field));
        Assert.That(ex.Message, Does.Contain("remissvar"));
    }

    [Test]
    public void An_unknown_variant_is_refused_naming_the_ones_there_are()
    {
        var ex = Assert.Throws<DocumentInputException>(() => Examples.Renderer.RenderHtml(Examples.Load<TjansteutlatandeModel>() with { Slag = "motion" }));
        Assert.That(ex.Field, Is.EqualTo("slag"));
        Assert.That(ex.Message, Does.Contain("egetArende").And.Contain("tjansteskrivelse").And.Contain("utlatande"));
    }

    [Test]
    public void The_svarsdatum_sentence_is_a_phrase_and_can_have_a_place_of_its_own()
    {
        var renderer = new DocumentRenderer(RepoPaths.Templates);
        renderer.UseLetterhead("sof-test", TestLetterhead("Socialförvaltningen"));
        renderer.UseOverride(TemplateScope.Organisation, "sof-test", DocumentKind.Tjansteutlatande, new TemplateOverride
        {
            Sections = [new SectionTemplate("rubrik"), new SectionTemplate("svarsdatum"), new SectionTemplate("bakgrund", "Bakgrund")],
            Phrases = new Dictionary<string, string> { ["bakgrundSvarsdatum"] = "Svaret ska vara {avsandare} till handa senast {svarsdatum:kort}." },
        });
        var doc = renderer.Compose(Examples.Load<TjansteutlatandeModel>() with { Organisation = "sof-test" });
        var paragraphs = doc.Body.OfType<ParagraphNode>().Select(p => string.Concat(p.Runs.Select(r => r.Text))).ToList();
        Assert.That(paragraphs[0], Is.EqualTo("Svaret ska vara Kommunstyrelsen till handa senast 24 april 2026."));
        Assert.That(paragraphs.Count(p => p.StartsWith("Svaret ska", StringComparison.Ordinal)), Is.EqualTo(1), "not again at the end of Bakgrund");
    }

    [Test]
    public void A_document_renders_the_same_later_from_the_template_version_it_recorded()
    {
        var renderer = new DocumentRenderer(RepoPaths.Templates);
        renderer.UseLetterhead("sof-test", TestLetterhead("Socialförvaltningen"));
        var model = Examples.Load<TjansteutlatandeModel>() with { Organisation = "sof-test" };
        var before = renderer.ResolveTemplate(model);

        renderer.UseOverride(TemplateScope.Organisation, "sof-test", DocumentKind.Tjansteutlatande, new TemplateOverride
        {
            Headings = new Dictionary<string, string> { ["sammanfattning"] = "Kort om ärendet" },
        });
        var after = renderer.ResolveTemplate(model);
        Assert.That(after.Version, Is.Not.EqualTo(before.Version));
        Assert.That(after.Version, Is.EqualTo(renderer.ResolveTemplate(model).Version), "a version is a pure function of the template");
        Assert.That(Headings(renderer.Compose(model)), Does.Contain("Kort om ärendet"));

        var stored = TemplateStore.ParseStored(DocumentKind.Tjansteutlatande, before.Json);
        Assert.That(Headings(renderer.Compose(model, stored)), Does.Contain("Sammanfattning").And.Not.Contain("Kort om ärendet"));
        Assert.That(Tools.PdfToText(renderer.RenderPdf(model, template: stored)), Does.Contain("Sammanfattning"));
    }

    [Test]
    public void A_bad_override_is_refused_when_saved_naming_where_and_what()
    {
        var renderer = new DocumentRenderer(RepoPaths.Templates);
        var unknown = Assert.Throws<DocumentTemplateException>(() => renderer.UseOverride(TemplateScope.Organisation, "stockholm-sf", DocumentKind.Tjansteutlatande,
            new TemplateOverride { Headings = new Dictionary<string, string> { ["sammanfattning"] = "{forvaltnings} sammanfattning" } }));
        Assert.That(unknown.Problem, Is.EqualTo(TemplateProblem.UnknownPlaceholder));
        Assert.That(unknown.Template, Is.EqualTo("organisationer/stockholm-sf/tjansteutlatande.json"));
        Assert.That(unknown.Placeholder, Is.EqualTo("forvaltnings"));

        var section = Assert.Throws<DocumentTemplateException>(() => TemplateStore.ParseOverride(DocumentKind.Tjansteutlatande, "x.json",
            """{ "optional": ["slutsats"] }"""));
        Assert.That(section.Message, Does.Contain("okänd sektion \"slutsats\""));

        var twice = Assert.Throws<DocumentTemplateException>(() => TemplateStore.ParseOverride(DocumentKind.Tjansteutlatande, "x.json",
            """{ "sections": [ { "key": "rubrik" }, { "key": "rubrik" } ] }"""));
        Assert.That(twice.Message, Does.Contain("två gånger"));

        var json = Assert.Throws<DocumentTemplateException>(() => TemplateStore.ParseOverride(DocumentKind.Tjansteutlatande, "x.json", """{ "rubriker": {} }"""));
        Assert.That(json.Problem, Is.EqualTo(TemplateProblem.InvalidTemplate));
    }

    [Test]
    public void Two_saved_versions_render_side_by_side_on_one_renderer_each_with_its_own_headings()
    {
        // The database's versions are resolved per request and carried by the model; nothing is registered on the
        // shared renderer, so concurrent renders with different versions cannot swap templates.
        var renderer = new DocumentRenderer(RepoPaths.Templates);
        renderer.UseLetterhead("sof-test", TestLetterhead("Socialförvaltningen"));
        var model = Examples.Load<TjansteutlatandeModel>() with { Organisation = "sof-test" };
        ResolvedTemplate Saved(string heading) => renderer.ResolveTemplate(DocumentKind.Tjansteutlatande, "sof-test", null,
            TemplateStore.ParseOverride(DocumentKind.Tjansteutlatande, "sparad mall", $$"""{ "headings": { "sammanfattning": "{{heading}}" } }"""));
        var a = model with { Mall = Saved("Version A i korthet") };
        var b = model with { Mall = Saved("Version B i korthet") };
        Assert.That(a.Mall!.Version, Is.Not.EqualTo(b.Mall!.Version));

        var results = new System.Collections.Concurrent.ConcurrentBag<(string Expected, string Unexpected, List<string> Got)>();
        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var (m, expected, unexpected) = i % 2 == 0 ? (a, "Version A i korthet", "Version B i korthet") : (b, "Version B i korthet", "Version A i korthet");
            results.Add((expected, unexpected, Headings(renderer.Compose(m))));
        });
        Assert.That(results, Has.Count.EqualTo(40));
        foreach (var (expected, unexpected, got) in results)
        {
            Assert.That(got, Does.Contain(expected).And.Not.Contain(unexpected));
        }

        Assert.That(renderer.ResolveTemplate(model with { Mall = null }).Template.Sections.Single(s => s.Key == "sammanfattning").Heading,
            Is.EqualTo("Sammanfattning"), "the shared renderer holds neither version");
        Assert.That(renderer.ResolveTemplate(a).Version, Is.EqualTo(a.Mall.Version), "the version recorded is the one rendered");
    }
}
