using RemissFlow.Documents.Composition;
using RemissFlow.Documents.Models;

namespace RemissFlow.Documents.Tests;

/// <summary>
/// How the documents write the remiss's title and numbers (issue 13): "Remiss av handlingsplan …", never
/// "Remiss av Remiss av …" or "Remiss av Handlingsplan …"; names keep their capital; 10 000, not 10000.
/// </summary>
public class SwedishTextInDocumentsTests
{
    private static string Title(ComposedDocument doc) => doc.Body.OfType<TitleNode>().First().Text;

    private static string Text(ComposedDocument doc) =>
        string.Join("\n", doc.Body.OfType<ParagraphNode>().Select(p => string.Concat(p.Runs.Select(r => r.Text))));

    [TestCase("Handlingsplan för ett jämställt Stockholm 2030", "Remiss av handlingsplan för ett jämställt Stockholm 2030")]
    [TestCase("Remiss av Handlingsplan för ett jämställt Stockholm 2030", "Remiss av handlingsplan för ett jämställt Stockholm 2030")]
    [TestCase("Remiss av remiss av program för parker", "Remiss av program för parker")]
    [TestCase("Stockholms stads program för de mänskliga rättigheterna", "Remiss av Stockholms stads program för de mänskliga rättigheterna")]
    [TestCase("SL:s trafikplan 2030", "Remiss av SL:s trafikplan 2030")]
    public void The_missiv_and_the_reminder_say_remiss_av_once_with_the_title_as_its_object(string title, string expected)
    {
        var missiv = Examples.Load<MissivModel>() with { Remisshandling = title };
        var paminnelse = Examples.Load<PaminnelseModel>() with { Remisshandling = title };

        Assert.Multiple(() =>
        {
            Assert.That(Title(Examples.Renderer.Compose(missiv)), Is.EqualTo(expected));
            Assert.That(Title(Examples.Renderer.Compose(paminnelse)), Is.EqualTo("Påminnelse: r" + expected[1..]));
            Assert.That(RemissRubrik.Of(title), Is.EqualTo(expected), "the föredragningslista and the TU heading use the same rule");
        });
    }

    [Test]
    public void The_missiv_sentence_that_starts_with_the_title_keeps_its_capital()
    {
        var missiv = Examples.Load<MissivModel>() with { Remisshandling = RemissRubrik.Stripped("Remiss av handlingsplan för parker") };

        Assert.That(Text(Examples.Renderer.Compose(missiv)), Does.Contain("Handlingsplan för parker remitteras härmed"));
    }

    [Test]
    public void A_number_in_a_phrase_is_grouped_the_swedish_way()
    {
        var text = Templates.TemplateText.Render("test", "antal", "{antal} remissinstanser", new Dictionary<string, object?> { ["antal"] = 10000 });

        Assert.That(text, Is.EqualTo("10\u00a0000 remissinstanser"));
    }
}
