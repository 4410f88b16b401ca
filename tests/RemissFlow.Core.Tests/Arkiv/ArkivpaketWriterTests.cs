using System.Text;
using RemissFlow.Core.Features.Arkiv;

namespace RemissFlow.Core.Tests.Arkiv;

/// <summary>The package writer alone, without a database: names folded to ASCII, no two ärenden in one folder, nothing overwritten.</summary>
public sealed class ArkivpaketWriterTests
{
    private string _out = null!;

    [SetUp]
    public void CreateOut() => _out = Directory.CreateTempSubdirectory("remissflow-arkiv-writer-").FullName;

    [TearDown]
    public void RemoveOut() => Directory.Delete(_out, recursive: true);

    [TestCase("KS 2025/1616", "KS-2025-1616")]
    [TestCase("Yttrande från Östermalm (slutlig)", "Yttrande-fran-Ostermalm-slutlig")]
    [TestCase("Café – ändrad", "Cafe-andrad")]
    [TestCase("///", "fil")]
    public void Names_are_folded_to_ascii_letters_digits_and_dashes(string name, string expected) =>
        Assert.That(ArkivpaketWriter.SafeName(name), Is.EqualTo(expected));

    [Test]
    public void Two_arenden_with_one_dnr_and_two_files_with_one_name_each_keep_their_own_file()
    {
        var at = new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);
        ArkivHandling File(string text) => new("Svar", "svar.txt", "text/plain", Encoding.UTF8.GetBytes(text), at, false, Riktning.Inkommande);
        ArkivArende Arende(string dnr, params ArkivHandling[] h) =>
            new(Guid.NewGuid(), ArkivArendeTyp.Remissvar, dnr, "Remiss", "Org", "inlamnad", at, at, null, null, null, h, [], []);
        var paket = new ArkivpaketInnehall(Guid.NewGuid(), "test", [new ArkivOrganisation("Kommunstyrelsen", "KS")], new ArkivOrganisation("Kommunstyrelsen", "KS"), at,
            [Arende("KS 2025/1", File("ett"), File("två")), Arende("KS 2025/1", File("tre"))]);

        var written = ArkivpaketWriter.WriteFolder(paket, _out);

        var content = written.Filer.Where(f => f.Path.StartsWith("representations/", StringComparison.Ordinal)).Select(f => f.Path).ToList();
        Assert.That(content, Is.EqualTo(new[]
        {
            "representations/rep1/data/KS-2025-1/01-svar.txt",
            "representations/rep1/data/KS-2025-1/02-svar.txt",
            "representations/rep1/data/KS-2025-1-2/01-svar.txt",
        }));
        Assert.That(content.Select(p => System.IO.File.ReadAllText(Path.Combine(written.Rot, p))), Is.EqualTo(new[] { "ett", "två", "tre" }));
        Assert.That(VerifyArkivpaket.Verify(written.Rot).Fel, Is.Empty);
        Assert.Throws<IOException>(() => ArkivpaketWriter.WriteFolder(paket, _out), "a second write of the same package never overwrites the first");
    }
}
