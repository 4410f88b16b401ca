using System.Text;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Sammantraden;

namespace RemissFlow.Core.Tests.Sammantraden;

[TestFixture]
public class LedamotCsvParserTests
{
    private static LedamotCsvImportResult Parse(string text, Encoding encoding) => LedamotCsvParser.Parse([.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);

    [TestCase("utf-8")]
    [TestCase("utf-16")]
    public void Reads_the_file_with_its_byte_order_mark_commas_quotes_and_spelling_variants(string encodingName)
    {
        var result = Parse("fran,till,NAMN,uppdrag,parti,epost\n2023-01-01,2026-12-31,\"Öberg, Åsa\",Vice  ordförande,V,\n2023-01-01,2026-12-31,Bo Ek,ersattare,,bo@example.test\n", Encoding.GetEncoding(encodingName));

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Rows, Is.EqualTo(new[]
        {
            new ImportedLedamot(2, "Öberg, Åsa", "V", Uppdrag.ViceOrdforande, new DateOnly(2023, 1, 1), new DateOnly(2026, 12, 31), null),
            new ImportedLedamot(3, "Bo Ek", null, Uppdrag.Ersattare, new DateOnly(2023, 1, 1), new DateOnly(2026, 12, 31), "bo@example.test"),
        }));
    }

    [Test]
    public void Every_bad_field_of_a_row_is_named_with_its_row_and_column()
    {
        var result = Parse("namn;uppdrag;från;till;e-post\r\n;;2026-12-31;2023-01-01;inte-en-adress\r\n", new UTF8Encoding(false));

        Assert.That(result.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "Rad 2, kolumn \"namn\": Namn saknas.",
            "Rad 2, kolumn \"uppdrag\": Uppdrag saknas.",
            "Rad 2, kolumn \"till\": Mandatperioden slutar (2023-01-01) före den börjar (2026-12-31).",
            "Rad 2, kolumn \"e-post\": \"inte-en-adress\" är ingen giltig e-postadress.",
        }));
        Assert.That(result.Rows, Is.Empty);
    }

    [Test]
    public void An_empty_file_and_a_header_alone_are_refused()
    {
        Assert.That(Parse("", new UTF8Encoding(false)).Errors.Single().Meddelande, Does.StartWith("Filen är tom."));
        Assert.That(Parse("namn;uppdrag;från;till\r\n", new UTF8Encoding(false)).Errors.Single().Meddelande, Is.EqualTo("Filen innehåller inga ledamöter, bara rubrikraden."));
    }
}
