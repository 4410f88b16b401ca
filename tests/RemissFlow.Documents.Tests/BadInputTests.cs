using RemissFlow.Documents.Layout;
using RemissFlow.Documents.Models;

namespace RemissFlow.Documents.Tests;

public class BadInputTests
{
    private string dir = "";

    [SetUp]
    public void CopyTemplates()
    {
        // Each test edits its own copy of templates/, as an administrator would edit the real one.
        dir = Path.Combine(Path.GetTempPath(), "rf-templates-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(RepoPaths.Templates, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(RepoPaths.Templates, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [TearDown]
    public void Remove() => Directory.Delete(dir, recursive: true);

    private void EditPhrase(string template, string key, string value)
    {
        var path = Path.Combine(dir, template);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        json["phrases"]![key] = value;
        File.WriteAllText(path, json.ToJsonString());
    }

    [Test]
    public void Unknown_placeholder_names_template_and_placeholder()
    {
        EditPhrase("tjansteutlatande.json", "underrubrik", "Svar på remiss från {avsandar}");
        var ex = Assert.Throws<DocumentTemplateException>(() => new DocumentRenderer(dir).RenderPdf(Examples.Load(DocumentKind.Tjansteutlatande)));
        Assert.That(ex.Template, Is.EqualTo("tjansteutlatande.json"));
        Assert.That(ex.Placeholder, Is.EqualTo("avsandar"));
        Assert.That(ex.Problem, Is.EqualTo(TemplateProblem.UnknownPlaceholder));
        Assert.That(ex.Message, Does.Contain("tjansteutlatande.json").And.Contain("{avsandar}"));
    }

    [Test]
    public void Missing_value_names_template_and_placeholder()
    {
        EditPhrase("tjansteutlatande.json", "underrubrik", "Svar till {namnd} inför sammanträdet {sammantradesdatum:lang}");
        var model = Examples.Load<TjansteutlatandeModel>() with { Sammantradesdatum = null };
        var ex = Assert.Throws<DocumentTemplateException>(() => new DocumentRenderer(dir).RenderHtml(model));
        Assert.That(ex.Problem, Is.EqualTo(TemplateProblem.MissingValue));
        Assert.That(ex.Placeholder, Is.EqualTo("sammantradesdatum"));
        Assert.That(ex.Template, Is.EqualTo("tjansteutlatande.json"));
    }

    [Test]
    public void Bad_placeholder_syntax_is_reported()
    {
        EditPhrase("missiv.json", "rubrik", "Remiss av {remisshandling");
        var ex = Assert.Throws<DocumentTemplateException>(() => new DocumentRenderer(dir).RenderDocx(Examples.Load(DocumentKind.Missiv)));
        Assert.That(ex.Problem, Is.EqualTo(TemplateProblem.Syntax));
        Assert.That(ex.Template, Is.EqualTo("missiv.json"));
    }

    [Test]
    public void Placeholder_dates_render_in_swedish_long_form_and_braces_escape()
    {
        EditPhrase("tjansteutlatande.json", "underrubrik", "{{ej}} {svarsdatum:lang} / {svarsdatum:kort} / {svarsdatum}");
        var html = new DocumentRenderer(dir).RenderHtml(Examples.Load(DocumentKind.Tjansteutlatande));
        Assert.That(html, Does.Contain("{ej} den 24 april 2026 / 24 april 2026 / 2026-04-24"));
    }

    [Test]
    public void Control_characters_are_refused_naming_the_field()
    {
        var model = Examples.Load<TjansteutlatandeModel>() with
        {
            Synpunkter = [new Paragraph("Bra."), new Paragraph("Dolt\u0007tecken")],
        };
        var ex = Assert.Throws<DocumentInputException>(() => Examples.Renderer.RenderPdf(model));
        Assert.That(ex.Field, Is.EqualTo("synpunkter[1].text"));
        Assert.That(ex.Message, Does.Contain("U+0007"));

        var nested = Examples.Load<TjansteutlatandeModel>() with { Handlaggare = new Person { Namn = "Åsa\u0000Öberg" } };
        Assert.That(Assert.Throws<DocumentInputException>(() => Examples.Renderer.RenderHtml(nested)).Field, Is.EqualTo("handlaggare.namn"));
    }

    [Test]
    public void Oversized_logo_is_refused()
    {
        var path = Path.Combine(dir, "letterheads", "stockholm-sf.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        json["logo"] = "stor.png";
        File.WriteAllText(path, json.ToJsonString());
        File.WriteAllBytes(Path.Combine(dir, "letterheads", "stor.png"), TinyPng.Create(5000, 10));
        var ex = Assert.Throws<DocumentInputException>(() => new DocumentRenderer(dir).RenderPdf(Examples.Load(DocumentKind.Tjansteutlatande)));
        Assert.That(ex.Field, Does.Contain("letterheads/stockholm-sf.json"));
        Assert.That(ex.Message, Does.Contain("5000×10"));

        Assert.That(() => ImageSource.FromBytes(new byte[ImageSource.MaxBytes + 1], "bild"), Throws.TypeOf<DocumentInputException>().With.Message.Contains("kB"));
    }

    [Test]
    public void A_small_logo_is_drawn_and_tagged_as_a_figure()
    {
        var path = Path.Combine(dir, "letterheads", "stockholm-sf.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        json["logo"] = "logo.png";
        json["logoAltText"] = "Stockholms stads logotyp";
        File.WriteAllText(path, json.ToJsonString());
        File.WriteAllBytes(Path.Combine(dir, "letterheads", "logo.png"), TinyPng.Create(200, 60));
        var pdf = new DocumentRenderer(dir).RenderPdf(Examples.Load(DocumentKind.Tjansteutlatande), pdfA: true);
        Assert.That(Tools.QpdfCheck(pdf), Does.Not.Contain("WARNING"));
        Assert.That(System.Text.Encoding.Latin1.GetString(pdf), Does.Contain("/Subtype/Image"));
    }

    [Test]
    public void Invalid_json_and_unknown_kind_are_clear_errors()
    {
        Assert.That(() => DocumentJson.Parse<PaminnelseModel>("{\"dnr\": \"KS 1\"}"), Throws.TypeOf<DocumentInputException>().With.Message.Contains("PaminnelseModel"));
        Assert.That(() => DocumentJson.Parse<PaminnelseModel>("{\"okant\": 1}"), Throws.TypeOf<DocumentInputException>());
        Assert.That(() => Examples.Renderer.RenderFile("yttrande", "x.json", "y.pdf"), Throws.TypeOf<DocumentInputException>().With.Property("Field").EqualTo("kind"));
    }

    [Test]
    public void Unknown_beredning_event_type_names_the_field()
    {
        var model = Examples.Load<TjansteutlatandeModel>() with
        {
            Beredning = new Beredning { Handelser = [new BeredningHandelse("pensionärsrådet", new DateOnly(2026, 3, 1), "diskuterat")] },
        };
        Assert.That(Assert.Throws<DocumentInputException>(() => Examples.Renderer.RenderHtml(model)).Field, Is.EqualTo("beredning.handelser[0].typ"));
    }

    [Test]
    public void Render_file_writes_each_format_by_extension()
    {
        var output = Path.Combine(dir, "ut");
        Directory.CreateDirectory(output);
        var input = Path.Combine(dir, "examples", "paminnelse.json");
        var renderer = new DocumentRenderer(dir);
        Assert.That(renderer.RenderFile("paminnelse", input, Path.Combine(output, "p.pdf"), pdfA: true), Does.Contain("PDF/A, 1 sidor"));
        renderer.RenderFile("Paminnelse", input, Path.Combine(output, "p.docx"));
        renderer.RenderFile("paminnelse", input, Path.Combine(output, "p.html"));
        Assert.That(File.ReadAllBytes(Path.Combine(output, "p.pdf"))[..5], Is.EqualTo("%PDF-"u8.ToArray()));
        Assert.That(File.ReadAllBytes(Path.Combine(output, "p.docx"))[..2], Is.EqualTo("PK"u8.ToArray()));
        Assert.That(File.ReadAllText(Path.Combine(output, "p.html")), Does.Contain("Påminnelse"));
        Assert.That(() => renderer.RenderFile("paminnelse", input, Path.Combine(output, "p.txt")), Throws.TypeOf<DocumentInputException>());
    }
}
