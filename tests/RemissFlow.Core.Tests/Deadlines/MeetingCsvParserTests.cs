using System.Text;
using RemissFlow.Core.Deadlines;

namespace RemissFlow.Core.Tests.Deadlines;

[TestFixture]
public class MeetingCsvParserTests
{
    private static readonly DateOnly Today = new(2025, 8, 1);

    private const string Sample =
        "organ;datum;tid;lokal\r\n" +
        "Socialnämnden;2025-09-23;18:00;Sammanträdesrum Åsö\r\n" +
        "Förvaltningsgruppen;2025-09-17;09.30;\r\n" +
        "Rådet för funktionshinderfrågor;2025-09-18;;\"Kungsklippan 6; plan 3\"\r\n";

    private static Encoding Windows1252 => CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private static MeetingCsvImportResult Parse(string text, Encoding? encoding = null, bool bom = false, IReadOnlyCollection<string>? organs = null)
    {
        var bytes = (encoding ?? new UTF8Encoding(false)).GetBytes(text);
        if (bom)
        {
            bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        }

        return MeetingCsvParser.Parse(bytes, Today, organs);
    }

    private static void AssertSampleRows(MeetingCsvImportResult result)
    {
        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Rows, Is.EqualTo(new[]
        {
            new ImportedSammantrade(2, "Socialnämnden", new DateOnly(2025, 9, 23), new TimeOnly(18, 0), "Sammanträdesrum Åsö"),
            new ImportedSammantrade(3, "Förvaltningsgruppen", new DateOnly(2025, 9, 17), new TimeOnly(9, 30), null),
            new ImportedSammantrade(4, "Rådet för funktionshinderfrågor", new DateOnly(2025, 9, 18), null, "Kungsklippan 6; plan 3"),
        }));
    }

    [Test]
    public void Reads_UTF8_without_BOM()
    {
        var result = Parse(Sample);

        Assert.Multiple(() =>
        {
            AssertSampleRows(result);
            Assert.That(result.Encoding, Is.EqualTo("UTF-8"));
            Assert.That(result.Succeeded, Is.True);
        });
    }

    [Test]
    public void Reads_UTF8_with_BOM()
    {
        var result = Parse(Sample, bom: true);

        Assert.Multiple(() =>
        {
            AssertSampleRows(result);
            Assert.That(result.Encoding, Is.EqualTo("UTF-8 med BOM"));
        });
    }

    [Test]
    public void Reads_Windows1252_from_Excel()
    {
        var result = Parse(Sample, Windows1252);

        Assert.Multiple(() =>
        {
            AssertSampleRows(result);
            Assert.That(result.Encoding, Is.EqualTo("Windows-1252"));
        });
    }

    [Test]
    public void Reads_UTF16_with_BOM()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Sample)).ToArray();

        AssertSampleRows(MeetingCsvParser.Parse(bytes, Today));
    }

    [Test]
    public void Reads_comma_separated_files_with_LF_line_ends_and_columns_in_any_order()
    {
        var text = "Datum,Organ\n2025-09-23,Socialnämnden\n\n2025-10-21,\"Socialnämnden\"\n";

        var result = Parse(text);

        Assert.That(result.Rows.Select(r => (r.Rad, r.Organ, r.Datum)), Is.EqualTo(new[]
        {
            (2, "Socialnämnden", new DateOnly(2025, 9, 23)),
            (4, "Socialnämnden", new DateOnly(2025, 10, 21)),
        }));
    }

    [Test]
    public void Tolerates_empty_trailing_columns_from_Excel()
    {
        var result = Parse("organ;datum;;\r\nSocialnämnden;2025-09-23;;\r\n;;;\r\n");

        Assert.That(result.Rows, Has.Count.EqualTo(1));
    }

    [Test]
    public void Quoted_fields_may_hold_quotes_and_line_breaks_and_rows_keep_their_file_line()
    {
        var result = Parse("organ;datum;lokal\r\nSocialnämnden;2025-09-23;\"Rum \"\"Ekoln\"\"\r\nplan 2\"\r\nSocialnämnden;2025-10-21;\r\n");

        Assert.Multiple(() =>
        {
            Assert.That(result.Rows[0].Lokal, Is.EqualTo("Rum \"Ekoln\"\r\nplan 2"));
            Assert.That(result.Rows[1].Rad, Is.EqualTo(4));
        });
    }

    [Test]
    public void Errors_name_row_and_column_and_nothing_is_returned()
    {
        var text =
            "organ;datum;tid;lokal\r\n" +
            "Socialnämnden;2025-09-23;18:00;\r\n" +
            "Socialnämnden;2025-13-01;18:00;\r\n" +
            "Socialnämnden;2025-06-10;;\r\n" +
            ";2025-09-30;25:00;\r\n";

        var result = Parse(text);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Rows, Is.Empty, "all or nothing");
            Assert.That(result.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
            {
                "Rad 3, kolumn \"datum\": \"2025-13-01\" är inget giltigt datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2025-09-23.",
                "Rad 4, kolumn \"datum\": Sammanträdet 2025-06-10 har redan varit (i dag är det 2025-08-01).",
                "Rad 5, kolumn \"organ\": Organ saknas.",
                "Rad 5, kolumn \"tid\": \"25:00\" är ingen giltig tid. Skriv tid som TT:MM, t.ex. 13:00.",
            }));
        });
    }

    [Test]
    public void Duplicates_within_the_file_point_to_the_first_occurrence()
    {
        var result = Parse("organ;datum;tid\r\nSocialnämnden;2025-09-23;18:00\r\nSOCIALNÄMNDEN;2025-09-23;18.00\r\nSocialnämnden;2025-09-23;10:00\r\n");

        Assert.That(result.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "Rad 3: Samma sammanträde som på rad 2 (SOCIALNÄMNDEN 2025-09-23 18:00).",
        }));
    }

    [Test]
    public void Meetings_today_are_not_in_the_past()
    {
        Assert.That(Parse("organ;datum\nSocialnämnden;2025-08-01\n").Succeeded, Is.True);
    }

    [Test]
    public void Missing_and_unknown_columns_are_reported_on_the_header_row()
    {
        var result = Parse("namn;datum;plats\r\nSocialnämnden;2025-09-23;Rum 1\r\n");

        Assert.That(result.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "Rad 1, kolumn \"namn\": Okänd kolumn \"namn\". Tillåtna kolumner är organ, datum, tid och lokal.",
            "Rad 1, kolumn \"plats\": Okänd kolumn \"plats\". Tillåtna kolumner är organ, datum, tid och lokal.",
            "Rad 1, kolumn \"organ\": Kolumnen \"organ\" saknas i rubrikraden.",
        }));
    }

    [Test]
    public void Too_many_fields_suggests_a_separator_problem()
    {
        var result = Parse("organ;datum\r\nSocialnämnden;2025-09-23;extra\r\n");

        Assert.That(result.Errors.Single().ToString(), Does.StartWith("Rad 2: Raden har 3 fält men rubrikraden har 2."));
    }

    [Test]
    public void Unterminated_quote_is_an_error_on_its_row()
    {
        var result = Parse("organ;datum;lokal\r\nSocialnämnden;2025-09-23;\"Rum 1\r\n");

        Assert.That(result.Errors.Single().Rad, Is.EqualTo(2));
    }

    [Test]
    public void Known_organs_are_checked_and_spelled_canonically()
    {
        var organs = new[] { "Socialnämnden", "Förvaltningsgruppen" };

        var ok = Parse("organ;datum\r\nsocialnämnden;2025-09-23\r\n", organs: organs);
        var bad = Parse("organ;datum\r\nSocialnämden;2025-09-23\r\n", organs: organs);

        Assert.Multiple(() =>
        {
            Assert.That(ok.Rows.Single().Organ, Is.EqualTo("Socialnämnden"));
            Assert.That(bad.Errors.Single().ToString(), Is.EqualTo("Rad 2, kolumn \"organ\": Okänt organ \"Socialnämden\"."));
        });
    }

    [Test]
    public void Empty_file_and_header_only_file_are_errors()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Parse(string.Empty).Errors.Single().Meddelande, Does.StartWith("Filen är tom."));
            Assert.That(Parse("organ;datum\r\n").Errors.Single().Meddelande, Does.StartWith("Filen innehåller inga sammanträden"));
        });
    }

    [Test]
    public void Reads_from_a_stream()
    {
        using var stream = new MemoryStream(Windows1252.GetBytes(Sample));

        AssertSampleRows(MeetingCsvParser.Parse(stream, Today));
    }
}
