using RemissFlow.Core.Access;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Tests.Access;

/// <summary>The remiss's rule, case by case; the Web authorization matrix proves the pages and API ask it.</summary>
public sealed class RemissAccessTests
{
    private static readonly Guid Ks = Guid.NewGuid();
    private static readonly Guid Sf = Guid.NewGuid();
    private static readonly Guid Sof = Guid.NewGuid();
    private static readonly Guid Gks = Guid.NewGuid();

    private static Actor Person(Guid org, Role role) => new(Guid.NewGuid(), "Test", org, new HashSet<Role> { role });

    private static Remiss Remiss(string status) => new() { Id = Guid.NewGuid(), AvsandareId = Ks, Dnr = "KS 2026/1", Title = "Handlingsplan", Status = status };

    [Test]
    public void The_senders_registratorer_and_samordnare_manage_it_nobody_else_does()
    {
        Assert.That(RemissAccess.MayManage(Person(Ks, Role.Registrator), Ks), Is.True);
        Assert.That(RemissAccess.MayManage(Person(Ks, Role.KsSamordnare), Ks), Is.True);
        Assert.That(RemissAccess.MayManage(Person(Ks, Role.Administrator), Ks), Is.False);
        Assert.That(RemissAccess.MayManage(Person(Sf, Role.Registrator), Ks), Is.False);
        Assert.That(RemissAccess.MayManage(Actor.Anonymous, Ks), Is.False);
        Assert.That(RemissAccess.IsSender(Actor.System, Ks) && RemissAccess.IsSender(Person(Ks, Role.Administrator), Ks), Is.True);
        Assert.That(RemissAccess.IsSender(Person(Sf, Role.Registrator), Ks), Is.False);
    }

    [Test]
    public void The_sender_sees_its_remisser_but_not_deleted_drafts_an_instans_those_it_was_sent()
    {
        var draft = Remiss(RemissState.Utkast);
        var sent = Remiss(RemissState.SvarstidPagar);
        var deleted = Remiss(RemissState.Raderad);
        var remisser = new[] { draft, sent, deleted };
        var svar = new[] { new Remissvar { RemissId = sent.Id, InstansId = Sf, AvsandareDnr = sent.Dnr } }.AsQueryable();

        Guid[] Sees(Actor actor)
        {
            var visible = RemissAccess.Visible(actor, actor.OrganisationId == Ks || actor.OrganisationId == Gks, svar).Compile();
            return remisser.Where(visible).Select(r => r.Id).ToArray();
        }

        Assert.That(Sees(Person(Ks, Role.Registrator)), Is.EquivalentTo(new[] { draft.Id, sent.Id }));
        Assert.That(Sees(Person(Ks, Role.KsSamordnare)), Is.EquivalentTo(new[] { draft.Id, sent.Id }));
        Assert.That(Sees(Person(Sf, Role.Handlaggare)), Is.EquivalentTo(new[] { sent.Id }));
        Assert.That(Sees(Person(Sf, Role.Registrator)), Is.EquivalentTo(new[] { sent.Id }), "an instans's registrator manages no remiss");
        Assert.That(Sees(Person(Sof, Role.Registrator)), Is.Empty);
        Assert.That(Sees(Person(Ks, Role.Administrator)), Is.Empty);
        Assert.That(Sees(Actor.Anonymous), Is.Empty);
        Assert.That(Sees(Person(Gks, Role.Registrator)), Does.Contain(sent.Id).And.Not.Contain(deleted.Id),
            "another kommunstyrelse's registrator reads the sent remiss (not its answers)");
    }
}
