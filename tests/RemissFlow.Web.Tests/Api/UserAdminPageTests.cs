using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Security;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Api;

/// <summary>The administratör's account page, over HTTP as a browser posts it: roles, deactivation and a new password take effect at once.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed partial class UserAdminPageTests(DatabaseProvider provider)
{
    private const string Password = "Första-lösenordet-1";

    private RemissFlowApp _app = null!;
    private Guid _sf;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider);
        _sf = await _app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Id).SingleAsync());
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Test]
    public async Task Admin_changes_an_accounts_roles_its_session_ends_and_the_next_sign_in_has_the_new_access()
    {
        var (id, email) = await NewAccountAsync(Role.Handlaggare);
        var person = await Sessions.CookieAsync(_app, email, Password);
        Assert.That((await person.GetAsync("/mina-arenden")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await DeniedAsync(person, "/inkorg"), Is.True);

        var admin = await Sessions.CookieAsync(_app, Sessions.AdminEmail);
        var list = await admin.GetStringAsync("/admin/anvandare");
        Assert.That(list, Does.Contain($"href=\"/admin/anvandare/{id}\""));

        var saved = await PostDetailsAsync(admin, id, "Ny Person", [Role.Registrator]);
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(saved.Headers.Location!.ToString(), Is.EqualTo($"/admin/anvandare/{id}"));
        Assert.That(await admin.GetStringAsync($"/admin/anvandare/{id}"), Does.Contain("Ändringarna sparades."));

        // The session made under the old roles ends (the security stamp changed); the next sign-in carries the new ones.
        var old = await person.GetAsync("/inkorg");
        Assert.That(old.Headers.Location?.ToString(), Does.Contain("/konto/logga-in"));
        var again = await Sessions.CookieAsync(_app, email, Password);
        Assert.Multiple(async () =>
        {
            Assert.That((await again.GetAsync("/inkorg")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await DeniedAsync(again, "/mina-arenden"), Is.True);
            Assert.That(await _app.QueryAsync(db => db.Handelser.CountAsync(h => h.ArendeId == id && h.Action == "anvandare.andrad")), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Second_admin_saving_a_stale_form_sees_the_conflict_and_keeps_their_input()
    {
        var (id, _) = await NewAccountAsync(Role.Handlaggare);
        var first = await Sessions.CookieAsync(_app, Sessions.AdminEmail);
        var second = await Sessions.CookieAsync(_app, Sessions.AdminEmail);
        var secondPage = await second.GetStringAsync($"/admin/anvandare/{id}");

        Assert.That((await PostDetailsAsync(first, id, "Först Sparad", [Role.Handlaggare])).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var stale = await PostDetailsAsync(second, id, "Sent Sparad", [Role.Handlaggare], secondPage);
        var html = await stale.Content.ReadAsStringAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(html, Does.Contain("Någon annan har ändrat kontot"));
            Assert.That(html, Does.Contain("value=\"Sent Sparad\""));
            Assert.That(await _app.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync()), Is.EqualTo("Först Sparad"));
        });
    }

    [Test]
    public async Task The_only_administrator_can_neither_drop_the_role_nor_deactivate_themselves()
    {
        var admin = await Sessions.CookieAsync(_app, Sessions.AdminEmail);
        var id = await _app.QueryAsync(db => db.Users.Where(u => u.Email == Sessions.AdminEmail).Select(u => u.Id).SingleAsync());

        var demoted = await PostDetailsAsync(admin, id, "Alva Admin", [Role.Registrator]);
        var deactivated = await Sessions.PostFormAsync(admin, $"/admin/anvandare/{id}?handler=Status", new() { ["active"] = "false" }, $"/admin/anvandare/{id}");

        Assert.Multiple(async () =>
        {
            Assert.That(demoted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(WebUtility.HtmlDecode(await demoted.Content.ReadAsStringAsync()),
                Does.Contain("Roller: Alva Admin är den sista aktiva administratören och måste behålla rollen administratör."));
            Assert.That(WebUtility.HtmlDecode(await deactivated.Content.ReadAsStringAsync()), Does.Contain("Du kan inte inaktivera ditt eget konto."));
            Assert.That((await admin.GetAsync("/admin/anvandare")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Deactivated_account_cannot_sign_in_by_form_or_token_and_its_sessions_end()
    {
        var (id, email) = await NewAccountAsync(Role.Handlaggare);
        var bearer = await Sessions.BearerAsync(_app, email, Password);
        var cookie = await Sessions.CookieAsync(_app, email, Password);
        var admin = await Sessions.CookieAsync(_app, Sessions.AdminEmail);

        var off = await Sessions.PostFormAsync(admin, $"/admin/anvandare/{id}?handler=Status", new() { ["active"] = "false" }, $"/admin/anvandare/{id}");
        Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var form = await Sessions.PostFormAsync(_app.NewClient(), "/konto/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        var token = await Problem.ReadAsync(await _app.NewClient().PostAsJsonAsync("/api/token", new { email, password = Password }));
        Assert.Multiple(async () =>
        {
            Assert.That((await bearer.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await cookie.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.OK), "inloggningsformuläret skickade vidare");
            // The same answer as for a wrong password or an unknown address: the form does not tell which accounts exist.
            Assert.That(WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync()), Does.Contain(PasswordSignIn.FailureMessage));
            Assert.That(token.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(token.Detail, Is.EqualTo(PasswordSignIn.FailureMessage));
            Assert.That(await admin.GetStringAsync($"/admin/anvandare/{id}"), Does.Contain("Aktivera kontot"));
            Assert.That(Regex.IsMatch(await admin.GetStringAsync("/admin/anvandare"), $"/admin/anvandare/{id}\">[^<]+</a></td>(.|\\n)*?<td>Inaktiverad</td>"), Is.True);
        });

        var on = await Sessions.PostFormAsync(admin, $"/admin/anvandare/{id}?handler=Status", new() { ["active"] = "true" }, $"/admin/anvandare/{id}");
        Assert.That(on.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var again = await Sessions.CookieAsync(_app, email, Password);
        Assert.That((await again.GetAsync("/mina-arenden")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task New_password_from_the_admin_replaces_the_old_one_and_a_short_one_is_shown_beside_the_field()
    {
        const string newPassword = "Andra-lösenordet-22";
        var (id, email) = await NewAccountAsync(Role.Registrator);
        var admin = await Sessions.CookieAsync(_app, Sessions.AdminEmail);

        var tooShort = await Sessions.PostFormAsync(admin, $"/admin/anvandare/{id}?handler=Losenord", new() { ["Losenord.NewPassword"] = "kort" }, $"/admin/anvandare/{id}");
        var html = WebUtility.HtmlDecode(await tooShort.Content.ReadAsStringAsync());
        Assert.That(html, Does.Contain("id=\"Losenord_NewPassword-fel\""));
        Assert.That(html, Does.Contain("Nytt lösenord måste vara minst 12 tecken."));
        Assert.That(html, Does.Contain("aria-invalid=\"true\""));

        var changed = await Sessions.PostFormAsync(admin, $"/admin/anvandare/{id}?handler=Losenord", new() { ["Losenord.NewPassword"] = newPassword }, $"/admin/anvandare/{id}");
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var old = await Sessions.PostFormAsync(_app.NewClient(), "/konto/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.OK), "det gamla lösenordet gällde fortfarande");
        await Sessions.CookieAsync(_app, email, newPassword);
    }

    [Test]
    public async Task A_deactivated_handlaggare_is_not_offered_for_assignment_and_a_stale_form_is_told_why()
    {
        var svar = (await ArendeData.SendRemissAsync(_app, "Remiss för tilldelning", StockholmTime.Today(TimeProvider.System).AddDays(60), "SF"))["SF"];
        await _app.AsUserAsync(Sessions.SfRegistrator, new RegisterRemissvar.Command(svar));
        var (id, _) = await NewAccountAsync(Role.Handlaggare);
        var registrator = await Sessions.CookieAsync(_app, Sessions.SfRegistrator);
        var staleForm = await registrator.GetStringAsync($"/arenden/{svar}");
        Assert.That(staleForm, Does.Contain($"value=\"{id}\""), "ett aktivt konto erbjuds");

        var admin = await Sessions.CookieAsync(_app, Sessions.AdminEmail);
        var off = await Sessions.PostFormAsync(admin, $"/admin/anvandare/{id}?handler=Status", new() { ["active"] = "false" }, $"/admin/anvandare/{id}");
        Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var page = await registrator.GetStringAsync($"/arenden/{svar}");
        var assign = await registrator.PostAsync($"/arenden/{svar}?handler=Tilldela", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Tilldela.HandlaggareId"] = id.ToString(),
            ["__RequestVerificationToken"] = Sessions.AntiforgeryToken(staleForm),
        }));
        var html = WebUtility.HtmlDecode(await assign.Content.ReadAsStringAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Not.Contain($"value=\"{id}\""));
            Assert.That(page, Does.Contain($"value=\"{await ArendeData.UserIdAsync(_app, Sessions.SfHandlaggare)}\""));
            Assert.That(html, Does.Contain("id=\"Tilldela_HandlaggareId-fel\""));
            Assert.That(html, Does.Contain("Handläggare: kontot för Konto Testsson är inaktiverat; välj en annan handläggare."));
            Assert.That(await _app.QueryAsync(db => db.Remissvar.Where(v => v.Id == svar).Select(v => v.HandlaggareId).SingleAsync()), Is.Null);
        });
    }

    [TestCase(Sessions.KsRegistrator)]
    [TestCase(Sessions.KsSamordnare)]
    [TestCase(Sessions.SfRegistrator)]
    [TestCase(Sessions.SfHandlaggare)]
    [TestCase(Sessions.SfSekreterare)]
    [TestCase("chef.sf@remissflow.test")]
    public async Task Other_roles_are_denied_the_page_and_its_forms(string email)
    {
        var (id, _) = await NewAccountAsync(Role.Handlaggare);
        var client = await Sessions.CookieAsync(_app, email);

        var read = await client.GetAsync($"/admin/anvandare/{id}");
        var write = await Sessions.PostFormAsync(client, $"/admin/anvandare/{id}?handler=Status", new() { ["active"] = "false" }, formPage: "/");

        Assert.Multiple(async () =>
        {
            Assert.That(read.Headers.Location?.ToString(), Does.Contain("/konto/nekad"));
            Assert.That(write.Headers.Location?.ToString(), Does.Contain("/konto/nekad"));
            Assert.That(await _app.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.LockoutEnd).SingleAsync()), Is.Null);
        });
    }

    private async Task<(Guid Id, string Email)> NewAccountAsync(Role role)
    {
        var email = $"konto-{Guid.NewGuid():N}@remissflow.test";
        var id = await _app.AsSystemAsync(new CreateUser.Command(email, "Konto Testsson", _sf, [role], Password));
        return (id, email);
    }

    /// <summary>Posts the details form as read from the page (or from <paramref name="page"/>, read earlier), with the chosen roles.</summary>
    private static async Task<HttpResponseMessage> PostDetailsAsync(HttpClient client, Guid id, string name, Role[] roles, string? page = null)
    {
        page ??= await client.GetStringAsync($"/admin/anvandare/{id}");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.ConcurrencyStamp", WebUtility.HtmlDecode(StampPattern().Match(page).Groups[1].Value)),
            new("Input.DisplayName", name),
            new("Input.Title", "Utredare"),
            new("Input.Phone", ""),
            new("Input.OrganisationId", SelectedOrganisation().Match(page).Groups[1].Value),
            new("__RequestVerificationToken", Sessions.AntiforgeryToken(page)),
        };
        fields.AddRange(roles.Select(r => new KeyValuePair<string, string>("Input.Roles", r.ToString())));
        return await client.PostAsync($"/admin/anvandare/{id}", new FormUrlEncodedContent(fields));
    }

    private static async Task<bool> DeniedAsync(HttpClient client, string path) =>
        (await client.GetAsync(path)).Headers.Location?.ToString().Contains("/konto/nekad", StringComparison.Ordinal) == true;

    [GeneratedRegex("name=\"Input.ConcurrencyStamp\" value=\"([^\"]+)\"")]
    private static partial Regex StampPattern();

    [GeneratedRegex("<option selected=\"selected\" value=\"([^\"]+)\">")]
    private static partial Regex SelectedOrganisation();
}
