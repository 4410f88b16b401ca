using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Foundation;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Anvandare;

[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class UpdateUserTests(DatabaseProvider provider)
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

    private async Task<UpdateUser.Command> Current(Guid id, IReadOnlyList<Role>? roles = null)
    {
        var user = await Accounts.ReadAsync(_app, id);
        var saved = (await Accounts.RolesAsync(_app, id)).Select(Enum.Parse<Role>).ToList();
        return new UpdateUser.Command(id, user.ConcurrencyStamp!, user.DisplayName, user.OrganisationId, roles ?? saved, user.Title, user.PhoneNumber);
    }

    [Test]
    public async Task Details_organisation_and_roles_change_and_the_event_says_what_changed_in_swedish()
    {
        var id = await Accounts.CreateAsync(_app, "emma@remissflow.test", _sf, Role.Handlaggare, Role.Forvaltningschef);
        var command = await Current(id) with
        {
            DisplayName = "  Emma Sjöberg ",
            Title = "Enhetschef",
            Phone = "",
            OrganisationId = _ks,
            Roles = [Role.Registrator, Role.KsSamordnare, Role.Handlaggare],
        };

        var stamp = await _app.Ok(TestApp.Admin, command);

        var user = await Accounts.ReadAsync(_app, id);
        Assert.Multiple(async () =>
        {
            Assert.That(user.DisplayName, Is.EqualTo("Emma Sjöberg"));
            Assert.That(user.Title, Is.EqualTo("Enhetschef"));
            Assert.That(user.PhoneNumber, Is.Null);
            Assert.That(user.OrganisationId, Is.EqualTo(_ks));
            Assert.That(stamp, Is.EqualTo(user.ConcurrencyStamp).And.Not.EqualTo(command.ExpectedConcurrencyStamp));
            Assert.That(await Accounts.RolesAsync(_app, id), Is.EqualTo(new[] { "Handlaggare", "KsSamordnare", "Registrator" }));
        });
        var handelse = await Accounts.LastEventAsync(_app);
        Assert.Multiple(() =>
        {
            Assert.That(handelse.Action, Is.EqualTo("anvandare.andrad"));
            Assert.That(handelse.ArendeId, Is.EqualTo(id));
            Assert.That(handelse.Beskrivning, Is.EqualTo(
                "Kontot för Emma Sjöberg (emma@remissflow.test) ändrades: namnet ändrades från emma till Emma Sjöberg; " +
                "titeln ändrades från Utredare till Enhetschef; telefonnumret ändrades från 08-508 00 000 till inget; " +
                "organisationen ändrades från Servicenämnden till Kommunstyrelsen; " +
                "fick rollerna registrator och KS-samordnare; miste rollen förvaltningschef."));
            Assert.That(handelse.Before, Does.Contain("Forvaltningschef"));
            Assert.That(handelse.After, Does.Contain("KsSamordnare"));
        });
    }

    [Test]
    public async Task Saving_without_changes_writes_nothing_and_keeps_the_stamp()
    {
        var id = await Accounts.CreateAsync(_app, "oforandrad@remissflow.test", _sf, Role.Handlaggare);
        var events = await Accounts.EventsAsync(_app);
        var command = await Current(id);

        Assert.That(await _app.Ok(TestApp.Admin, command), Is.EqualTo(command.ExpectedConcurrencyStamp));
        Assert.That(await Accounts.EventsAsync(_app), Is.EqualTo(events));
    }

    [Test]
    public async Task Bad_input_is_refused_naming_each_field_and_nothing_is_written()
    {
        var id = await Accounts.CreateAsync(_app, "fel@remissflow.test", _sf, Role.Handlaggare);
        var events = await Accounts.EventsAsync(_app);
        var command = await Current(id) with { DisplayName = " ", Title = new string('t', 201), Phone = "08\u0007", Roles = [] };

        var result = await _app.Send(TestApp.Admin, command);

        Assert.That(result.Refusal!.Kind, Is.EqualTo(RefusalKind.Validation));
        Assert.That(result.Refusal.Errors.Select(e => (e.Field, e.Message)), Is.EquivalentTo(new[]
        {
            ("DisplayName", "Namn måste fyllas i."),
            ("Title", "Titel får vara högst 200 tecken."),
            ("Phone", "Telefon innehåller otillåtna styrtecken."),
            ("Roles", "Roller: välj minst en roll."),
        }));
        var unknown = await _app.Send(TestApp.Admin, await Current(id) with { OrganisationId = Guid.NewGuid() });
        Assert.That(unknown.Refusal!.Errors.Single(), Is.EqualTo(new FieldError("OrganisationId", "Organisation: den valda organisationen finns inte.")));
        var user = await Accounts.ReadAsync(_app, id);
        Assert.Multiple(async () =>
        {
            Assert.That(user.DisplayName, Is.EqualTo("fel"));
            Assert.That(user.OrganisationId, Is.EqualTo(_sf));
            Assert.That(user.ConcurrencyStamp, Is.EqualTo(command.ExpectedConcurrencyStamp));
            Assert.That(await Accounts.RolesAsync(_app, id), Is.EqualTo(new[] { "Handlaggare" }));
            Assert.That(await Accounts.EventsAsync(_app), Is.EqualTo(events));
        });
    }

    [Test]
    public async Task Unknown_account_is_not_found_and_other_roles_are_forbidden()
    {
        var missing = await _app.Send(TestApp.Admin, new UpdateUser.Command(Guid.NewGuid(), "stamp", "Namn", _sf, [Role.Handlaggare]));
        Assert.That(missing.Refusal!.Kind, Is.EqualTo(RefusalKind.NotFound));
        Assert.That(missing.Refusal.Message, Is.EqualTo("Kontot finns inte."));

        var id = await Accounts.CreateAsync(_app, "sjalv@remissflow.test", _sf, Role.Registrator);
        var self = await _app.Send(Accounts.Acting(id, _sf, Role.Registrator), await Current(id, [Role.Registrator, Role.Administrator]));
        Assert.That(self.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(self.Refusal.Message, Is.EqualTo("Detta kräver rollen administratör."));
        Assert.That(await Accounts.RolesAsync(_app, id), Is.EqualTo(new[] { "Registrator" }));
    }

    [Test]
    public async Task Second_admin_saving_from_the_same_stamp_gets_a_conflict_and_the_first_save_stays()
    {
        var id = await Accounts.CreateAsync(_app, "krock@remissflow.test", _sf, Role.Handlaggare);
        var read = await Current(id);

        await _app.Ok(TestApp.Admin, read with { Roles = [Role.Registrator] });
        var second = await _app.Send(TestApp.Admin, read with { Title = "Från en gammal flik" });

        Assert.That(second.Refusal!.Kind, Is.EqualTo(RefusalKind.Conflict));
        Assert.That(second.Refusal.Message, Does.StartWith("Kontot har ändrats av någon annan sedan du öppnade sidan."));
        Assert.That((await Accounts.ReadAsync(_app, id)).Title, Is.EqualTo("Utredare"));
        Assert.That(await Accounts.RolesAsync(_app, id), Is.EqualTo(new[] { "Registrator" }));
    }

    [Test]
    public async Task Racing_saves_from_the_same_stamp_commit_exactly_once()
    {
        var id = await Accounts.CreateAsync(_app, "kapplopning@remissflow.test", _sf, Role.Handlaggare);
        var read = await Current(id);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => _app.Send(TestApp.Admin, read with { Title = $"Titel {i}" })));

        Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(1));
        Assert.That(results.Where(r => !r.Succeeded).Select(r => r.Refusal!.Kind), Is.All.EqualTo(RefusalKind.Conflict));
        Assert.That((await Accounts.ReadAsync(_app, id)).ConcurrencyStamp, Is.EqualTo(results.Single(r => r.Succeeded).Value));
    }

    [Test]
    public async Task The_last_active_administrator_keeps_the_role()
    {
        var alva = await Accounts.CreateAsync(_app, "alva@remissflow.test", _ks, Role.Administrator);
        var bo = await Accounts.CreateAsync(_app, "bo@remissflow.test", _ks, Role.Administrator, Role.Registrator);
        await _app.Ok(TestApp.Admin, new SetUserActive.Command(bo, false));
        var events = await Accounts.EventsAsync(_app);

        // Bo is deactivated, so Alva is the only active administrator.
        var refused = await _app.Send(TestApp.Admin, await Current(alva, [Role.Registrator]));
        Assert.That(refused.Refusal!.Errors.Single(), Is.EqualTo(new FieldError("Roles",
            "Roller: alva är den sista aktiva administratören och måste behålla rollen administratör. Ge först någon annan rollen.")));
        Assert.That(await Accounts.RolesAsync(_app, alva), Is.EqualTo(new[] { "Administrator" }));
        Assert.That(await Accounts.EventsAsync(_app), Is.EqualTo(events));

        // A deactivated administrator may lose the role, and once Bo is back, so may Alva.
        await _app.Ok(TestApp.Admin, await Current(bo, [Role.Registrator]));
        await _app.Ok(TestApp.Admin, await Current(bo, [Role.Registrator, Role.Administrator]));
        await _app.Ok(TestApp.Admin, new SetUserActive.Command(bo, true));
        await _app.Ok(TestApp.Admin, await Current(alva, [Role.Registrator]));
        Assert.That(await Accounts.RolesAsync(_app, alva), Is.EqualTo(new[] { "Registrator" }));
        Assert.That((await Accounts.LastEventAsync(_app)).Beskrivning, Does.EndWith("fick rollen registrator; miste rollen administratör."));
    }

    [Test]
    public async Task A_change_of_roles_or_organisation_renews_the_security_stamp_so_sessions_end_but_a_new_phone_number_does_not()
    {
        var id = await Accounts.CreateAsync(_app, "stampel@remissflow.test", _sf, Role.Handlaggare);
        var first = (await Accounts.ReadAsync(_app, id)).SecurityStamp;

        await _app.Ok(TestApp.Admin, await Current(id) with { Phone = "08-508 11 111" });
        var afterPhone = (await Accounts.ReadAsync(_app, id)).SecurityStamp;
        await _app.Ok(TestApp.Admin, await Current(id, [Role.Handlaggare, Role.Registrator]));
        var afterRoles = (await Accounts.ReadAsync(_app, id)).SecurityStamp;
        await _app.Ok(TestApp.Admin, await Current(id) with { OrganisationId = _ks });
        var afterOrganisation = (await Accounts.ReadAsync(_app, id)).SecurityStamp;

        Assert.Multiple(() =>
        {
            Assert.That(afterPhone, Is.EqualTo(first));
            Assert.That(afterRoles, Is.Not.EqualTo(afterPhone));
            Assert.That(afterOrganisation, Is.Not.EqualTo(afterRoles));
        });
    }
}
