using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Notifications;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Anvandare;

/// <summary>
/// A deactivated account stays in the history but is nobody's to choose any more: not offered as handläggare, not
/// assignable, not notified by inbox or e-mail — whether the recipients are found by role or named one by one.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class DeactivatedAccountTests(DatabaseProvider provider)
{
    private TestApp _app = null!;
    private Scenario _s = null!;

    [SetUp]
    public async Task Start()
    {
        // SMTP configured (never contacted: nothing here runs the outbox), so notices also queue e-mail.
        _app = await TestApp.StartAsync(provider, smtp: new SmtpOptions("127.0.0.1", 25, "remissflow@example.test"));
        _s = await Scenario.BuildAsync(_app);
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [Test]
    public async Task Role_lists_and_addresses_leave_out_deactivated_accounts_but_not_a_short_lockout_and_take_them_back_when_activated()
    {
        var active = _s["sf.hl"].UserId!.Value;
        var deactivated = await Accounts.CreateAsync(_app, "hl2@example.test", _s.Sf, Role.Handlaggare);
        await _app.Ok(TestApp.Admin, new SetUserActive.Command(deactivated, false));
        // The lockout after failed sign-ins ends in minutes: that person is still a colleague to choose and to notify.
        await LockOutBrieflyAsync(active);

        Assert.Multiple(async () =>
        {
            Assert.That(await _app.Query(db => db.UsersInRoleAsync(_s.Sf, Role.Handlaggare, CancellationToken.None)), Is.EqualTo(new[] { active }));
            Assert.That((await _app.Query(db => db.UserAddressesAsync([active, deactivated], CancellationToken.None))).Select(a => a.Id), Is.EqualTo(new[] { active }));
        });

        await _app.Ok(TestApp.Admin, new SetUserActive.Command(deactivated, true));

        Assert.Multiple(async () =>
        {
            Assert.That(await _app.Query(db => db.UsersInRoleAsync(_s.Sf, Role.Handlaggare, CancellationToken.None)), Is.EquivalentTo(new[] { active, deactivated }));
            Assert.That((await _app.Query(db => db.UserAddressesAsync([active, deactivated], CancellationToken.None))).Select(a => a.Id), Is.EquivalentTo(new[] { active, deactivated }));
        });
    }

    [Test]
    public async Task A_deactivated_registrator_gets_no_notice_and_no_email_when_a_remiss_arrives()
    {
        var active = _s["sf.reg"].UserId!.Value;
        var deactivated = await Accounts.CreateAsync(_app, "reg2@example.test", _s.Sf, Role.Registrator);
        await _app.Ok(TestApp.Admin, new SetUserActive.Command(deactivated, false));

        await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);

        Assert.Multiple(async () =>
        {
            Assert.That(await NoticesAsync(active), Is.EqualTo(1));
            Assert.That(await EmailsAsync("sf.reg@example.test"), Is.EqualTo(1));
            Assert.That(await NoticesAsync(deactivated), Is.Zero);
            Assert.That(await EmailsAsync("reg2@example.test"), Is.Zero);
        });
    }

    [Test]
    public async Task A_deactivated_handlaggare_named_as_recipient_is_not_told_that_the_remiss_was_withdrawn()
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);
        var svar = (await _s.SvarAsync(remiss, _s.Sf)).Id;
        var handlaggare = _s["sf.hl"].UserId!.Value;
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar));
        await _app.Ok(_s["sf.reg"], new AssignHandlaggare.Command(svar, handlaggare));
        await _app.Ok(TestApp.Admin, new SetUserActive.Command(handlaggare, false));
        var before = (await NoticesAsync(handlaggare), await EmailsAsync("sf.hl@example.test"));

        await _app.Ok(_s["ks.reg"], new FireRemissTrigger.Command(remiss, "aterkalla", Motivering: "Förslaget dras tillbaka."));

        Assert.Multiple(async () =>
        {
            Assert.That(await WithdrawnNoticesAsync(_s["sf.reg"].UserId!.Value), Is.EqualTo(1), "registratorn får veta");
            Assert.That((await NoticesAsync(handlaggare), await EmailsAsync("sf.hl@example.test")), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Assigning_a_deactivated_handlaggare_is_refused_on_the_field_and_changes_nothing()
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);
        var svar = (await _s.SvarAsync(remiss, _s.Sf)).Id;
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar));
        var deactivated = await Accounts.CreateAsync(_app, "hl2@example.test", _s.Sf, Role.Handlaggare);
        await _app.Ok(TestApp.Admin, new SetUserActive.Command(deactivated, false));
        var events = await Accounts.EventsAsync(_app);

        var result = await _app.Send(_s["sf.reg"], new AssignHandlaggare.Command(svar, deactivated));

        var after = await _s.SvarAsync(remiss, _s.Sf);
        Assert.Multiple(async () =>
        {
            Assert.That(result.Refusal!.Kind, Is.EqualTo(RefusalKind.Validation));
            Assert.That(result.Refusal.Errors.Single(), Is.EqualTo(new FieldError("HandlaggareId", "Handläggare: kontot för hl2 är inaktiverat; välj en annan handläggare.")));
            Assert.That((after.Status, after.HandlaggareId), Is.EqualTo(("registrerad", (Guid?)null)));
            Assert.That(await Accounts.EventsAsync(_app), Is.EqualTo(events));
        });

        // Active again, the same person can be assigned.
        await _app.Ok(TestApp.Admin, new SetUserActive.Command(deactivated, true));
        await _app.Ok(_s["sf.reg"], new AssignHandlaggare.Command(svar, deactivated));
        Assert.That((await _s.SvarAsync(remiss, _s.Sf)).HandlaggareId, Is.EqualTo(deactivated));
    }

    private async Task LockOutBrieflyAsync(Guid id)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(id.ToString()))!;
        Assert.That((await users.SetLockoutEndDateAsync(user, _app.Clock.GetUtcNow().AddMinutes(15))).Succeeded, Is.True);
    }

    private Task<int> NoticesAsync(Guid userId) => _app.Query(db => db.Notiser.CountAsync(n => n.UserId == userId));

    private Task<int> WithdrawnNoticesAsync(Guid userId) => _app.Query(db => db.Notiser.CountAsync(n => n.UserId == userId && n.Rubrik.EndsWith("är återkallad")));

    private Task<int> EmailsAsync(string address) => _app.Query(db => db.UtgaendeEpost.CountAsync(m => m.Till == address));
}
