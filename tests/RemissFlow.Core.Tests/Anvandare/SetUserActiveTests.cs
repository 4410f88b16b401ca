using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Foundation;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Anvandare;

[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class SetUserActiveTests(DatabaseProvider provider)
{
    private TestApp _app = null!;
    private Guid _ks;
    private Guid _sf;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        (_ks, _sf) = await SeedData.KsAndSf(_app);
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [Test]
    public async Task Deactivated_account_is_locked_out_for_good_with_a_new_security_stamp_and_can_be_activated_again()
    {
        var id = await Accounts.CreateAsync(_app, "emma@remissflow.test", _sf, Role.Handlaggare);
        var before = await Accounts.ReadAsync(_app, id);

        await _app.Ok(TestApp.Admin, new SetUserActive.Command(id, false));

        var deactivated = await Accounts.ReadAsync(_app, id);
        Assert.Multiple(async () =>
        {
            Assert.That(deactivated.IsDeactivated, Is.True);
            Assert.That(deactivated.LockoutEnd, Is.GreaterThan(new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(deactivated.SecurityStamp, Is.Not.EqualTo(before.SecurityStamp));
            Assert.That(await SignInAsync(id), Is.EqualTo(SignInResult.LockedOut));
            var handelse = await Accounts.LastEventAsync(_app);
            Assert.That(handelse.Action, Is.EqualTo("anvandare.inaktiverad"));
            Assert.That(handelse.Beskrivning, Is.EqualTo("Kontot för emma (emma@remissflow.test) inaktiverades; personen kan inte längre logga in."));
        });

        await _app.Ok(TestApp.Admin, new SetUserActive.Command(id, true));

        var active = await Accounts.ReadAsync(_app, id);
        Assert.Multiple(async () =>
        {
            Assert.That(active.IsDeactivated, Is.False);
            Assert.That(active.LockoutEnd, Is.Null);
            Assert.That(await SignInAsync(id), Is.EqualTo(SignInResult.Success));
            Assert.That((await Accounts.LastEventAsync(_app)).Beskrivning, Is.EqualTo("Kontot för emma (emma@remissflow.test) aktiverades igen; personen kan logga in."));
        });
    }

    [Test]
    public async Task Nobody_deactivates_their_own_account()
    {
        var id = await Accounts.CreateAsync(_app, "sjalv@remissflow.test", _ks, Role.Administrator);
        await Accounts.CreateAsync(_app, "annan@remissflow.test", _ks, Role.Administrator);
        var events = await Accounts.EventsAsync(_app);

        var result = await _app.Send(Accounts.Acting(id, _ks, Role.Administrator), new SetUserActive.Command(id, false));

        Assert.That(result.Refusal!.Kind, Is.EqualTo(RefusalKind.InvalidState));
        Assert.That(result.Refusal.Message, Is.EqualTo("Du kan inte inaktivera ditt eget konto."));
        Assert.That((await Accounts.ReadAsync(_app, id)).IsDeactivated, Is.False);
        Assert.That(await Accounts.EventsAsync(_app), Is.EqualTo(events));
    }

    [Test]
    public async Task The_last_active_administrator_cannot_be_deactivated()
    {
        var alva = await Accounts.CreateAsync(_app, "alva@remissflow.test", _ks, Role.Administrator);
        var bo = await Accounts.CreateAsync(_app, "bo@remissflow.test", _ks, Role.Administrator);
        await _app.Ok(Accounts.Acting(alva, _ks, Role.Administrator), new SetUserActive.Command(bo, false));
        var events = await Accounts.EventsAsync(_app);

        var result = await _app.Send(TestApp.Admin, new SetUserActive.Command(alva, false));

        Assert.That(result.Refusal!.Kind, Is.EqualTo(RefusalKind.InvalidState));
        Assert.That(result.Refusal.Message, Is.EqualTo("alva är den sista aktiva administratören och kan inte inaktiveras. Ge först någon annan rollen administratör."));
        Assert.That((await Accounts.ReadAsync(_app, alva)).IsDeactivated, Is.False);
        Assert.That(await Accounts.EventsAsync(_app), Is.EqualTo(events));
    }

    [Test]
    public async Task Two_administrators_deactivating_each_other_at_once_leave_one_active()
    {
        // Timing decides whether the two commands overlap; ten pairs make an overlap all but certain.
        Guid? survivor = null;
        for (var i = 0; i < 10; i++)
        {
            var alva = await Accounts.CreateAsync(_app, $"alva{i}@remissflow.test", _ks, Role.Administrator);
            var bo = await Accounts.CreateAsync(_app, $"bo{i}@remissflow.test", _ks, Role.Administrator);
            if (survivor is { } previous)
            {
                // Only this pair may be active administrators, or the rule has someone else to lean on.
                await _app.Ok(TestApp.Admin, new SetUserActive.Command(previous, false));
            }

            var results = await Task.WhenAll(
                _app.Send(Accounts.Acting(alva, _ks, Role.Administrator), new SetUserActive.Command(bo, false)),
                _app.Send(Accounts.Acting(bo, _ks, Role.Administrator), new SetUserActive.Command(alva, false)));

            Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(1), $"par {i}");
            survivor = (await Accounts.ReadAsync(_app, alva)).IsDeactivated ? bo : alva;
            Assert.That((await Accounts.ReadAsync(_app, survivor.Value)).IsDeactivated, Is.False, $"par {i}");
        }
    }

    [Test]
    public async Task Repeating_a_change_unknown_accounts_and_an_empty_id_are_refused_without_writing()
    {
        var id = await Accounts.CreateAsync(_app, "tva@remissflow.test", _sf, Role.Registrator);
        await _app.Ok(TestApp.Admin, new SetUserActive.Command(id, false));
        var events = await Accounts.EventsAsync(_app);

        var again = await _app.Send(TestApp.Admin, new SetUserActive.Command(id, false));
        var missing = await _app.Send(TestApp.Admin, new SetUserActive.Command(Guid.NewGuid(), false));
        var empty = await _app.Send(TestApp.Admin, new SetUserActive.Command(Guid.Empty, true));
        var forbidden = await _app.Send(TestApp.As(_sf, Role.Registrator), new SetUserActive.Command(id, true));

        Assert.Multiple(async () =>
        {
            Assert.That(again.Refusal!.Message, Is.EqualTo("Kontot för tva är redan inaktiverat."));
            Assert.That(missing.Refusal!.Kind, Is.EqualTo(RefusalKind.NotFound));
            Assert.That(empty.Refusal!.Errors.Single(), Is.EqualTo(new FieldError("UserId", "Konto måste väljas.")));
            Assert.That(forbidden.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
            Assert.That((await Accounts.ReadAsync(_app, id)).IsDeactivated, Is.True);
            Assert.That(await Accounts.EventsAsync(_app), Is.EqualTo(events));
        });

        await _app.Ok(TestApp.Admin, new SetUserActive.Command(id, true));
        Assert.That((await _app.Send(TestApp.Admin, new SetUserActive.Command(id, true))).Refusal!.Message, Is.EqualTo("Kontot för tva är redan aktivt."));
    }

    private async Task<SignInResult> SignInAsync(Guid id)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(id.ToString()))!;
        if (await users.IsLockedOutAsync(user))
        {
            return SignInResult.LockedOut;
        }

        return await users.CheckPasswordAsync(user, Accounts.Password) ? SignInResult.Success : SignInResult.Failed;
    }
}
