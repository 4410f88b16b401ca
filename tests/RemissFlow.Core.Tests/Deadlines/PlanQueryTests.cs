using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Documents;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Deadlines;

[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public class PlanQueryTests(DatabaseProvider provider)
{
    private TestApp app = null!;
    private DocumentSeed seed = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        app = await TestApp.StartAsync(provider, DocumentSeed.Now);
        seed = await DocumentSeed.ArrangeAsync(app);
    }

    [OneTimeTearDown]
    public async Task Stop() => await app.DisposeAsync();

    private async Task<T> With<T>(Func<PlanQuery, Task<T>> use)
    {
        using var scope = app.Services.CreateScope();
        return await use(scope.ServiceProvider.GetRequiredService<PlanQuery>());
    }

    [Test]
    public async Task The_request_comes_from_the_namnd_its_settings_the_required_beredning_organs_and_the_clock()
    {
        var requests = await With(q => q.RequestsAsync([seed.RemissvarId]));
        var request = requests[seed.RemissvarId].Request!;

        Assert.Multiple(() =>
        {
            Assert.That((request.Svarsdatum, request.Today), Is.EqualTo((new DateOnly(2024, 9, 30), new DateOnly(2024, 8, 26))));
            Assert.That(request.Namnd.Namn, Is.EqualTo("Socialnämnden"));
            Assert.That(request.Namnd.Settings, Is.EqualTo(new NamndSettings(3, 5, true, PlanQuery.SendingWorkingDays)));
            Assert.That(request.Namnd.Sammantraden.Order(), Is.EqualTo(new[] { new DateOnly(2024, 9, 24), new DateOnly(2024, 10, 22) }));
            Assert.That(request.Beredningsorgan.Select(b => (b.Kind, b.Namn, b.PapersDueWorkingDaysBefore, b.Sammantraden.Count)), Is.EqualTo(new[]
            {
                (BeredningsorganKind.Forvaltningsgrupp, "förvaltningsgruppen", 5, 1),
                (BeredningsorganKind.RadForFunktionshinderfragor, "rådet för funktionshinderfrågor", 5, 1),
            }));
            Assert.That(request.Completed, Does.Contain(new MilestoneKey(MilestoneKind.TuTillForvaltningschef))
                .And.Contain(new MilestoneKey(MilestoneKind.Beredningsmote, "förvaltningsgruppen"))
                .And.Contain(new MilestoneKey(MilestoneKind.Justering))
                .And.Not.Contain(new MilestoneKey(MilestoneKind.Expediering)));
        });
    }

    [Test]
    public async Task The_batch_plans_what_it_can_and_leaves_out_the_rest()
    {
        var plans = await With(q => q.PlansForAsync([seed.RemissvarId, seed.NyRemissvarId, Guid.NewGuid()]));

        Assert.That(plans.Keys, Is.EqualTo(new[] { seed.RemissvarId }));
        Assert.That(plans[seed.RemissvarId].Sammantrade!.Datum, Is.EqualTo(new DateOnly(2024, 9, 24)));
    }

    [Test]
    public async Task One_unknown_remissvar_is_null_and_one_without_a_namnd_explains_why()
    {
        Assert.That(await With(q => q.PlanForAsync(Guid.NewGuid())), Is.Null);
        var ex = Assert.ThrowsAsync<PlanUnavailableException>(() => With(q => q.PlanForAsync(seed.NyRemissvarId)));
        Assert.That(ex!.Message, Does.StartWith("Utbildningsnämnden har ingen nämnd eller styrelse"));
    }
}
