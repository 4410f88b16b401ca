using RemissFlow.Core.Access;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Tests.Access;

/// <summary>The ärende's read and act rule, case by case; the Web authorization matrix proves the pages and API ask it.</summary>
public sealed class ArendeAccessTests
{
    private static readonly Guid Ks = Guid.NewGuid();
    private static readonly Guid Sf = Guid.NewGuid();
    private static readonly Guid Sof = Guid.NewGuid();

    private static Actor Person(Guid org, Role role) => new(Guid.NewGuid(), "Test", org, new HashSet<Role> { role });

    private static Remissvar Svar(string status) => new() { Id = Guid.NewGuid(), RemissId = Guid.NewGuid(), InstansId = Sf, AvsandareDnr = "KS 2026/1", Status = status };

    [Test]
    public void The_instans_reads_its_own_arende_in_every_state()
    {
        foreach (var status in typeof(RemissvarState).GetFields().Select(f => (string)f.GetRawConstantValue()!))
        {
            Assert.That(ArendeAccess.CheckRead(Person(Sf, Role.Handlaggare), Svar(status), Ks), Is.EqualTo((ArendeReader.Instans, (Refusal?)null)), status);
        }
    }

    [Test]
    public void The_senders_registrator_and_samordnare_read_it_only_once_handed_in()
    {
        foreach (var role in new[] { Role.Registrator, Role.KsSamordnare })
        {
            var sender = Person(Ks, role);
            Assert.That(ArendeAccess.CheckRead(sender, Svar(RemissvarState.Inlamnad), Ks), Is.EqualTo((ArendeReader.Avsandare, (Refusal?)null)), role.ToString());
            Assert.That(ArendeAccess.CheckRead(sender, Svar(RemissvarState.PreliminartSvarLamnat), Ks).Refusal, Is.Null, role.ToString());
            var draft = ArendeAccess.CheckRead(sender, Svar(RemissvarState.UnderBeredning), Ks);
            Assert.That((draft.Reader, draft.Refusal?.Kind, draft.Refusal?.Message), Is.EqualTo((ArendeReader.Avsandare, (RefusalKind?)RefusalKind.Forbidden, ArendeAccess.NotSentMessage)), role.ToString());
        }
    }

    [Test]
    public void Anybody_else_learns_nothing_of_the_arende()
    {
        var strangers = new[]
        {
            Person(Ks, Role.Administrator), Person(Ks, Role.Handlaggare), Person(Sof, Role.Registrator), Person(Sof, Role.KsSamordnare), Actor.Anonymous,
        };
        foreach (var actor in strangers)
        {
            Assert.That(ArendeAccess.CheckRead(actor, Svar(RemissvarState.Inlamnad), Ks).Refusal?.Kind, Is.EqualTo(RefusalKind.NotFound), actor.ToString());
        }
    }

    [Test]
    public async Task The_instans_and_the_system_act_the_sender_only_where_the_workflow_lets_it()
    {
        var svar = Svar(RemissvarState.UnderBeredning);
        var asked = 0;
        Task<bool> IsSender()
        {
            asked++;
            return Task.FromResult(true);
        }

        Assert.That(await ArendeAccess.RefuseActAsync(Person(Sf, Role.Handlaggare), svar, false, IsSender), Is.Null);
        Assert.That(await ArendeAccess.RefuseActAsync(Actor.System, svar, false, IsSender), Is.Null);
        Assert.That(asked, Is.Zero, "the remiss is not looked up for the instans or the system");
        Assert.That((await ArendeAccess.RefuseActAsync(Person(Ks, Role.KsSamordnare), svar, false, IsSender))?.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(await ArendeAccess.RefuseActAsync(Person(Ks, Role.KsSamordnare), svar, true, IsSender), Is.Null);
        Assert.That((await ArendeAccess.RefuseActAsync(Person(Sof, Role.Registrator), svar, true, () => Task.FromResult(false)))?.Kind, Is.EqualTo(RefusalKind.Forbidden));
    }
}
