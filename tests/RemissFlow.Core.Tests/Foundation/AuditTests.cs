using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Foundation;

[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class AuditTests(DatabaseProvider provider)
{
    private TestApp _app = null!;

    [SetUp]
    public async Task Start() => _app = await TestApp.StartAsync(provider);

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private async Task<AuditVerification> Verify()
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
    }

    private async Task CreateSome()
    {
        var (ks, _) = await SeedData.KsAndSf(_app);
        for (var i = 1; i <= 3; i++)
        {
            await _app.Ok(TestApp.As(ks, Role.Registrator), new CreateRemiss.Command($"Remiss {i} om å, ä och ö", null, new DateOnly(2026, 6, 1)));
            _app.Clock.Advance(TimeSpan.FromMinutes(3.3333333));
        }
    }

    [Test]
    public async Task Chain_of_real_events_verifies()
    {
        await CreateSome();
        var result = await Verify();
        Assert.That(result, Is.EqualTo(new AuditVerification(true, 5, null, null)));
    }

    [Test]
    public async Task Altered_row_breaks_the_chain_at_that_event()
    {
        await CreateSome();
        await _app.Query(db => db.Database.ExecuteSqlRawAsync("UPDATE handelser SET \"Beskrivning\" = 'Ingenting hände' WHERE \"Sequence\" = 4"));

        var result = await Verify();

        Assert.That(result.Intact, Is.False);
        Assert.That(result.FirstBrokenSequence, Is.EqualTo(4));
        Assert.That(result.Reason, Does.Contain("har ändrats"));
    }

    [Test]
    public async Task Deleted_row_is_named_as_missing()
    {
        await CreateSome();
        await _app.Query(db => db.Database.ExecuteSqlRawAsync("DELETE FROM handelser WHERE \"Sequence\" = 2"));

        var result = await Verify();

        Assert.That(result.FirstBrokenSequence, Is.EqualTo(2));
        Assert.That(result.Reason, Does.Contain("saknas"));
    }

    [Test]
    public async Task Rehashed_row_is_caught_by_the_next_link()
    {
        await CreateSome();
        await _app.Query(async db =>
        {
            var h = await db.Handelser.SingleAsync(x => x.Sequence == 3);
            h.Beskrivning = "Förfalskad";
            h.Hash = AuditChain.ComputeHash(h);
            await db.SaveChangesAsync();
            return 0;
        });

        var result = await Verify();

        Assert.That(result.FirstBrokenSequence, Is.EqualTo(4));
    }

    [Test]
    public async Task Concurrent_commands_extend_one_unbroken_chain()
    {
        var (ks, _) = await SeedData.KsAndSf(_app);
        await Task.WhenAll(Enumerable.Range(1, 12).Select(i =>
            _app.Send(TestApp.As(ks, Role.Registrator), new CreateRemiss.Command($"Parallell {i}", null, new DateOnly(2026, 6, 1)))));

        var result = await Verify();

        Assert.That(result.Intact, Is.True, result.Reason);
        Assert.That(result.EventsChecked, Is.EqualTo(14));
    }
}
