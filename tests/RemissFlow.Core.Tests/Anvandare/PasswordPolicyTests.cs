using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Foundation;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Anvandare;

/// <summary>The password rules as every way of setting a password meets them: a new account and an administratör's reset.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class PasswordPolicyTests(DatabaseProvider provider)
{
    private TestApp _app = null!;
    private Guid _sf;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        (_, _sf) = await SeedData.KsAndSf(_app);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    // The probe's weak passwords, and the variants people make of a listed word to pass the character rules.
    [TestCase("Sommar2026")]
    [TestCase("Password12")]
    [TestCase("Sommar2026!!")]
    [TestCase("Vinter2025!!")]
    [TestCase("Hösten2024!!")]
    [TestCase("Hosten2024!!")]
    [TestCase("Våren2026!!!")]
    [TestCase("Stockholm2026")]
    [TestCase("Lösenord12345")]
    [TestCase("Losenord-2026")]
    [TestCase("Qwerty123456")]
    [TestCase("Password1234!")]
    [TestCase("P@ssw0rd12345")]
    [TestCase("2026Midsommar!")]
    [TestCase("Välkommen2026")]
    [TestCase("Hammarby19897")]
    public async Task Common_passwords_and_their_variants_are_refused_naming_the_field(string password)
    {
        var result = await _app.Send(TestApp.Admin, new CreateUser.Command($"ny-{Guid.NewGuid():N}@remissflow.test", "Tove Lund", _sf, [Role.Handlaggare], password));
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False, $"{password} godtogs");
            Assert.That(result.Refusal!.Kind, Is.EqualTo(RefusalKind.Validation));
            Assert.That(result.Refusal.Errors.Select(e => e.Field), Is.All.EqualTo("Password"));
            Assert.That(result.Refusal.Errors.Select(e => e.Message), Has.Some.StartWith("Lösenord "));
        });
    }

    [Test]
    public async Task Twelve_characters_are_required()
    {
        var result = await _app.Send(TestApp.Admin, new CreateUser.Command("elva@remissflow.test", "Tove Lund", _sf, [Role.Handlaggare], "Gr0nKlippa7"));
        Assert.That(result.Refusal!.Errors.Single(), Is.EqualTo(new FieldError("Password", "Lösenord måste vara minst 12 tecken.")));
    }

    [TestCase("Tove Lund", "annan.adress@remissflow.test", "Tove-på-berget-9")]
    [TestCase("Tove Lundqvist", "annan.adress@remissflow.test", "Berget-LUNDQVIST-9")]
    [TestCase("Anna Berg", "mikaela.strom@remissflow.test", "Mikaela-på-berget-9")]
    [TestCase("Anna Berg", "kvittra@remissflow.test", "Kvittra-i-skogen-9")]
    public async Task A_password_containing_the_persons_name_or_e_mail_is_refused(string name, string email, string password)
    {
        var result = await _app.Send(TestApp.Admin, new CreateUser.Command(email, name, _sf, [Role.Handlaggare], password));
        Assert.That(result.Refusal?.Errors, Does.Contain(new FieldError("Password", PasswordPolicy.PersonalMessage)));
    }

    [Test]
    public async Task An_administrators_reset_meets_the_same_rules_and_the_demo_password_passes()
    {
        var id = await Accounts.CreateAsync(_app, "aterstalls@remissflow.test", _sf, Role.Handlaggare);
        var common = await _app.Send(TestApp.Admin, new ResetUserPassword.Command(id, "Sommar2026!!"));
        var personal = await _app.Send(TestApp.Admin, new ResetUserPassword.Command(id, "Aterstalls-nu-2026"));
        Assert.Multiple(async () =>
        {
            Assert.That(common.Refusal?.Errors, Is.EqualTo(new[] { new FieldError("NewPassword", PasswordPolicy.CommonMessage) }));
            Assert.That(personal.Refusal?.Errors, Is.EqualTo(new[] { new FieldError("NewPassword", PasswordPolicy.PersonalMessage) }));
            Assert.That(await Accounts.PasswordWorksAsync(_app, id, Accounts.Password), Is.True);
        });

        await _app.Ok(TestApp.Admin, new ResetUserPassword.Command(id, RemissFlow.Core.Demo.DemoSeeder.Password));
        Assert.That(await Accounts.PasswordWorksAsync(_app, id, RemissFlow.Core.Demo.DemoSeeder.Password), Is.True);
    }

    [TestCase("Remiss2026!demo")]
    [TestCase("Första-lösenordet-1")]
    [TestCase("Grön klippa vid havet 7")]
    [TestCase("Korrekt-Häst-Batteri-9")]
    public void Good_passwords_are_not_taken_for_common_ones(string password) =>
        Assert.That(PasswordPolicy.IsCommon(password), Is.False);
}
