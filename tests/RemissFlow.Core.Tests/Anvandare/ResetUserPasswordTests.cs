using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Foundation;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Anvandare;

[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class ResetUserPasswordTests(DatabaseProvider provider)
{
    private TestApp _app = null!;
    private Guid _sf;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        (_, _sf) = await SeedData.KsAndSf(_app);
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [Test]
    public async Task New_password_replaces_the_old_one_renews_the_security_stamp_and_stays_out_of_the_audit_log()
    {
        const string newPassword = "Andra-lösenordet-22";
        var id = await Accounts.CreateAsync(_app, "glomsk@remissflow.test", _sf, Role.Handlaggare);
        var before = await Accounts.ReadAsync(_app, id);

        await _app.Ok(TestApp.Admin, new ResetUserPassword.Command(id, newPassword));

        Assert.Multiple(async () =>
        {
            Assert.That(await Accounts.PasswordWorksAsync(_app, id, newPassword), Is.True);
            Assert.That(await Accounts.PasswordWorksAsync(_app, id, Accounts.Password), Is.False);
            Assert.That((await Accounts.ReadAsync(_app, id)).SecurityStamp, Is.Not.EqualTo(before.SecurityStamp));
            var handelse = await Accounts.LastEventAsync(_app);
            Assert.That(handelse.Action, Is.EqualTo("anvandare.losenord_aterstallt"));
            Assert.That(handelse.Beskrivning, Is.EqualTo(
                "Kontot för glomsk (glomsk@remissflow.test) fick ett nytt lösenord av en administratör; inloggningar med det gamla lösenordet slutar gälla."));
            Assert.That($"{handelse.Before}{handelse.After}{handelse.Beskrivning}", Does.Not.Contain(newPassword));
            Assert.That(new ResetUserPassword.Command(id, newPassword).ToString(), Does.Not.Contain(newPassword));
        });
    }

    [Test]
    public async Task Short_and_weak_passwords_are_refused_in_swedish_naming_the_field_and_the_old_password_stays()
    {
        var id = await Accounts.CreateAsync(_app, "svag@remissflow.test", _sf, Role.Handlaggare);
        var before = await Accounts.ReadAsync(_app, id);
        var events = await Accounts.EventsAsync(_app);

        var shortOne = await _app.Send(TestApp.Admin, new ResetUserPassword.Command(id, "Kort-1"));
        var weak = await _app.Send(TestApp.Admin, new ResetUserPassword.Command(id, "bara små bokstäver"));

        Assert.Multiple(async () =>
        {
            Assert.That(shortOne.Refusal!.Errors.Single(), Is.EqualTo(new FieldError("NewPassword", "Nytt lösenord måste vara minst 12 tecken.")));
            Assert.That(weak.Refusal!.Kind, Is.EqualTo(RefusalKind.Validation));
            Assert.That(weak.Refusal.Errors.Select(e => e.Field), Is.All.EqualTo("NewPassword"));
            Assert.That(weak.Refusal.Errors.Select(e => e.Message), Is.EquivalentTo(new[]
            {
                "Lösenord måste innehålla minst en siffra.",
                "Lösenord måste innehålla minst en stor bokstav.",
            }));
            Assert.That(await Accounts.PasswordWorksAsync(_app, id, Accounts.Password), Is.True);
            Assert.That((await Accounts.ReadAsync(_app, id)).SecurityStamp, Is.EqualTo(before.SecurityStamp));
            Assert.That(await Accounts.EventsAsync(_app), Is.EqualTo(events));
        });
    }

    [Test]
    public async Task Unknown_account_is_not_found_and_other_roles_are_forbidden()
    {
        var missing = await _app.Send(TestApp.Admin, new ResetUserPassword.Command(Guid.NewGuid(), "Ett-giltigt-lösenord-3"));
        Assert.That(missing.Refusal!.Message, Is.EqualTo("Kontot finns inte."));

        var id = await Accounts.CreateAsync(_app, "annan@remissflow.test", _sf, Role.Forvaltningschef);
        var forbidden = await _app.Send(TestApp.As(_sf, Role.Forvaltningschef), new ResetUserPassword.Command(id, "Ett-giltigt-lösenord-3"));
        Assert.That(forbidden.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(await Accounts.PasswordWorksAsync(_app, id, Accounts.Password), Is.True);
    }
}
