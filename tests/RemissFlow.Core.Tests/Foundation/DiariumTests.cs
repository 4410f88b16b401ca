using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Foundation;

[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class DiariumTests(DatabaseProvider provider)
{
    private TestApp _app = null!;

    [SetUp]
    public async Task Start() => _app = await TestApp.StartAsync(provider);

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [Test]
    public async Task Sixteen_parallel_registrations_get_distinct_gap_free_numbers()
    {
        var (ks, _) = await SeedData.KsAndSf(_app);
        var registrator = TestApp.As(ks, Role.Registrator);

        var results = await Task.WhenAll(Enumerable.Range(1, 16).Select(i =>
            _app.Send(registrator, new CreateRemiss.Command($"Remiss nummer {i}", null, new DateOnly(2026, 6, 1)))));

        Assert.That(results.Select(r => r.Refusal), Is.All.Null);
        var numbers = results.Select(r => Diarienummer.TryParse(r.Value.Dnr, out var d) ? d!.Value.Number : -1).Order().ToList();
        Assert.That(numbers, Is.EqualTo(Enumerable.Range(1, 16).ToList()));
        Assert.That(await _app.Query(db => db.DiarieSerier.Where(s => s.OrganisationId == ks).Select(s => s.LastNumber).SingleAsync()), Is.EqualTo(16));
    }

    [Test]
    public async Task A_refused_registration_does_not_burn_a_number()
    {
        var (ks, _) = await SeedData.KsAndSf(_app);
        var registrator = TestApp.As(ks, Role.Registrator);
        await _app.Ok(registrator, new CreateRemiss.Command("Första", null, new DateOnly(2026, 6, 1), Dnr: "KS 2026/5"));

        var duplicate = await _app.Send(registrator, new CreateRemiss.Command("Dubblett", null, new DateOnly(2026, 6, 1), Dnr: "KS 2026/5"));
        var next = await _app.Ok(registrator, new CreateRemiss.Command("Andra", null, new DateOnly(2026, 6, 1)));

        Assert.That(duplicate.Refusal!.Errors.Single().Field, Is.EqualTo("Dnr"));
        Assert.That(next.Dnr, Is.EqualTo("KS 2026/1"));
    }

    [Test]
    public async Task Series_are_per_organisation_and_year()
    {
        var (ks, _) = await SeedData.KsAndSf(_app);
        var registrator = TestApp.As(ks, Role.Registrator);
        var a = await _app.Ok(registrator, new CreateRemiss.Command("I år", null, new DateOnly(2027, 6, 1)));
        _app.Clock.Set(new DateTimeOffset(2027, 1, 4, 8, 0, 0, TimeSpan.FromHours(1)));
        var b = await _app.Ok(registrator, new CreateRemiss.Command("Nästa år", null, new DateOnly(2027, 6, 1)));

        Assert.That((a.Dnr, b.Dnr), Is.EqualTo(("KS 2026/1", "KS 2027/1")));
    }
}

public sealed class DiarienummerTests
{
    [TestCase("SF 2026/186", true)]
    [TestCase("KS 2025/1616", true)]
    [TestCase("SOF 2024/472", true)]
    [TestCase("SF2026/186", false)]
    [TestCase("sf 2026/186", false)]
    [TestCase("SF 26/186", false)]
    [TestCase("SF 2026/0", false)]
    [TestCase("", false)]
    public void Diarienummer_format(string text, bool valid)
    {
        Assert.That(Diarienummer.IsValid(text), Is.EqualTo(valid));
        if (valid)
        {
            Assert.That(Diarienummer.TryParse(text, out var dnr), Is.True);
            Assert.That(dnr!.Value.ToString(), Is.EqualTo(text));
        }
    }
}
