using RemissFlow.Web.Presentation;

namespace RemissFlow.Web.Tests.Presentation;

public sealed class TextDiffTests
{
    [Test]
    public void A_changed_word_shows_as_one_deletion_and_one_insertion_with_the_rest_unchanged()
    {
        var parts = TextDiff.Words("Förvaltningen tillstyrker förslaget.", "Förvaltningen avstyrker förslaget.");
        Assert.That(parts, Is.EqualTo(new[]
        {
            new DiffPart(DiffKind.Same, "Förvaltningen "),
            new DiffPart(DiffKind.Deleted, "tillstyrker"),
            new DiffPart(DiffKind.Inserted, "avstyrker"),
            new DiffPart(DiffKind.Same, " förslaget."),
        }));
    }

    [Test]
    public void An_added_sentence_is_one_insertion_and_identical_texts_have_no_changes()
    {
        var parts = TextDiff.Words("Fler träd.", "Fler träd. Kostnaderna ryms i budgeten.");
        Assert.Multiple(() =>
        {
            Assert.That(parts.Where(p => p.Kind == DiffKind.Inserted).Select(p => p.Text), Is.EqualTo(new[] { " Kostnaderna ryms i budgeten." }));
            Assert.That(parts.Any(p => p.Kind == DiffKind.Deleted), Is.False);
            Assert.That(TextDiff.HasChanges(TextDiff.Words("Samma text.\nRad två.", "Samma text.\nRad två.")), Is.False);
        });
    }

    [Test]
    public void Markup_escapes_the_text_inside_ins_and_del()
    {
        using var writer = new StringWriter();
        DiffMarkup.Part(new DiffPart(DiffKind.Inserted, "<script>alert(1)</script>")).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        Assert.That(writer.ToString(), Does.StartWith("<ins>").And.Contain("&lt;script&gt;").And.Not.Contain("<script>"));
    }
}
