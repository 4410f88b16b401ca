using RemissFlow.Core.Documents;
using RemissFlow.Documents.Models;

namespace RemissFlow.Core.Tests.Documents;

public class ProseTextTests
{
    private static string Describe(IEnumerable<ProseBlock> blocks) => string.Join(" | ", blocks.Select(b => b switch
    {
        Paragraph p => "P:" + p.Text,
        Subheading h => "H:" + h.Text,
        BulletList l => "B:" + string.Join(";", l.Items),
        NumberedList n => "N:" + string.Join(";", n.Items),
        _ => b.ToString(),
    }));

    [Test]
    public void Blank_lines_separate_paragraphs_and_hard_line_breaks_inside_one_become_spaces()
    {
        Assert.That(Describe(ProseText.ToBlocks("Första raden\nfortsätter här.\r\n\r\nAndra stycket.")),
            Is.EqualTo("P:Första raden fortsätter här. | P:Andra stycket."));
    }

    [Test]
    public void Dash_lines_are_bullets_numbered_lines_a_numbered_list_and_hash_lines_a_subheading()
    {
        var text = "## Kunskap\nInledning:\n- ett\n- två\nEfter listan.\n\n1. först\n2) sedan\n\n• tre";

        Assert.That(Describe(ProseText.ToBlocks(text)),
            Is.EqualTo("H:Kunskap | P:Inledning: | B:ett;två | P:Efter listan. | N:först;sedan | B:tre"));
    }

    [Test]
    public void Empty_text_gives_no_blocks() =>
        Assert.That(ProseText.ToBlocks("  \n \n"), Is.Empty);

    [Test]
    public void Forslag_till_beslut_is_one_point_per_line_without_the_typed_numbers()
    {
        Assert.That(ProseText.ToPoints("1. Nämnden godkänner.\n\n 2) Paragrafen förklaras omedelbart justerad.\nUtan nummer."),
            Is.EqualTo(new[] { "Nämnden godkänner.", "Paragrafen förklaras omedelbart justerad.", "Utan nummer." }));
    }

    [Test]
    public void Names_split_on_commas_semicolons_and_lines() =>
        Assert.That(ProseText.ToList("Anna Ek (S), Bo Ström (M);\nCecilia Holm"), Is.EqualTo(new[] { "Anna Ek (S)", "Bo Ström (M)", "Cecilia Holm" }));
}
