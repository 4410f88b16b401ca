using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Gallring;
using RemissFlow.Core.Features.Personuppgifter;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Notifications;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Tests.Personuppgifter;

/// <summary>
/// Registerutdrag (GDPR art. 15) and pseudonymisation of long-deactivated accounts on the demo, both databases: every
/// place a person is named is found by e-mail or by name, the files carry the same, each utdrag is audited; an account is
/// pseudonymised only after its plan row's time, stably, keeping what the law keeps, and the audit chain verifies.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class PersonuppgifterTests(DatabaseProvider provider)
{
    private const string Handlaggare = "handlaggare.sf@remissflow.test";

    [Test]
    public async Task A_registerutdrag_finds_the_account_the_audit_log_the_arenden_and_the_outbox_by_email_and_by_name()
    {
        await using var app = await TestApp.StartAsync(provider, template: DatabaseTemplate.Demo);
        var user = await app.Query(db => db.Users.SingleAsync(u => u.Email == Handlaggare));
        var expected = await app.Query(async db => (
            Arenden: await db.Remissvar.CountAsync(v => v.HandlaggareId == user.Id),
            Handelser: await db.Handelser.CountAsync(h => h.ActorId == user.Id),
            Epost: await db.UtgaendeEpost.CountAsync(e => e.Till == Handlaggare)));
        Assume.That(expected.Arenden, Is.GreaterThan(0), "the demo's SF handläggare has ärenden");

        var byEmail = await app.Ok(TestApp.Admin, new Registerutdrag.Command(Handlaggare.ToUpperInvariant()));
        var byName = await app.Ok(TestApp.Admin, new Registerutdrag.Command(" " + user.DisplayName.ToLowerInvariant() + " "));
        Registerutdrag.Kategori K(Registerutdrag.Utdrag u, string kod) => u.Kategorier.Single(k => k.Kod == kod);
        Assert.Multiple(() =>
        {
            Assert.That(K(byEmail, "konto").Uppgifter, Has.Count.EqualTo(1));
            Assert.That(K(byEmail, "konto").Uppgifter[0].Beskrivning, Does.Contain(user.DisplayName).And.Contain("Handlaggare"));
            Assert.That(K(byEmail, "handlaggare").Uppgifter, Has.Count.EqualTo(expected.Arenden));
            Assert.That(K(byEmail, "handelselogg").Uppgifter, Has.Count.GreaterThanOrEqualTo(expected.Handelser));
            Assert.That(K(byEmail, "epost").Uppgifter, Has.Count.EqualTo(expected.Epost));
            Assert.That(byName.Kategorier.Select(k => (k.Kod, k.Uppgifter.Count)), Is.EqualTo(byEmail.Kategorier.Select(k => (k.Kod, k.Uppgifter.Count))),
                "by name the same places, the account's address included");
        });

        using var json = JsonDocument.Parse(Registerutdrag.ToJson(byEmail));
        Assert.That(json.RootElement.GetProperty("antal").GetInt32(), Is.EqualTo(byEmail.Antal));
        Assert.That(json.RootElement.GetProperty("kategorier").EnumerateArray().Sum(k => k.GetProperty("uppgifter").GetArrayLength()), Is.EqualTo(byEmail.Antal));
        var html = System.Text.Encoding.UTF8.GetString(Registerutdrag.ToHtml(byEmail));
        Assert.That(html, Does.Contain("<h1>Registerutdrag</h1>").And.Contain(user.DisplayName).And.Contain("Händelseloggen"));

        var audited = await app.Query(db => db.Handelser.CountAsync(h => h.Action == "registerutdrag.upprattat"));
        Assert.That(audited, Is.EqualTo(2), "each utdrag is an audit event");
        var chain = await app.Query(db => new AuditVerifier(db).VerifyAsync());
        Assert.That(chain.Intact, Is.True, chain.Reason);
    }

    [Test]
    public async Task A_remiss_contact_person_is_found_and_bad_or_unauthorised_requests_are_refused()
    {
        await using var app = await TestApp.StartAsync(provider, template: DatabaseTemplate.Demo);
        var remiss = await app.Query(db => db.Remisser.Where(r => r.KontaktpersonEpost != null).Select(r => new { r.Dnr, r.KontaktpersonEpost }).FirstOrDefaultAsync());
        Assume.That(remiss, Is.Not.Null, "the demo names a kontaktperson");
        var utdrag = await app.Ok(TestApp.Admin, new Registerutdrag.Command(remiss!.KontaktpersonEpost));
        Assert.That(utdrag.Kategorier.Single(k => k.Kod == "kontaktperson").Uppgifter.Select(u => u.Var), Has.Member($"Remiss {remiss.Dnr}"));

        var empty = await app.Send(TestApp.Admin, new Registerutdrag.Command("  "));
        Assert.That(empty.Refusal!.Errors.Select(e => e.Message), Has.Member("E-post eller namn måste anges (3–256 tecken)."));
        var ks = await app.Query(db => db.Organisationer.Where(o => o.DnrPrefix == "KS").Select(o => o.Id).SingleAsync());
        var forbidden = await app.Send(TestApp.As(ks, Role.Registrator), new Registerutdrag.Command(Handlaggare));
        Assert.That(forbidden.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        var nobody = await app.Ok(TestApp.Admin, new Registerutdrag.Command("ingen.alls@example.org"));
        Assert.That(nobody.Antal, Is.Zero);
        Assert.That(await app.Query(db => db.Handelser.CountAsync(h => h.Action == "registerutdrag.upprattat")), Is.EqualTo(2), "refusals are not audited, answers are");
    }

    [Test]
    public async Task An_account_deactivated_longer_than_the_plan_allows_is_pseudonymised_stably_and_the_law_keeps_the_log()
    {
        await using var app = await TestApp.StartAsync(provider, template: DatabaseTemplate.Demo);
        var sf = await app.Query(db => db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Id).SingleAsync());
        var ks = await app.Query(db => db.Organisationer.Where(o => o.DnrPrefix == "KS").Select(o => o.Id).SingleAsync());
        const string email = "slutat.sf@remissflow.test";
        var id = await app.Ok(Actor.System, new CreateUser.Command(email, "Sigrid Slutat", sf, [Role.Handlaggare], "Kvarnhjul!Ljus#2026", "Utredare", "08-123 45"));
        await app.Query(async db =>
        {
            db.Notiser.Add(new Notis { UserId = id, CreatedAt = app.Clock.GetUtcNow(), Rubrik = "Ny remiss", Text = "Till Sigrid", DedupKey = "test-" + id });
            return await db.SaveChangesAsync();
        });
        await app.Ok(TestApp.Admin, new SetUserActive.Command(id, false));
        var deactivated = StockholmTime.Today(app.Clock);

        var bad = await app.Send(TestApp.Admin, new AndraGallringsplan.Command(Gallringsplan.Konto, "gallras", 2, "upprattad", null, sf));
        Assert.That(bad.Refusal!.Errors.Select(e => e.Message), Has.Member("Ett konto pseudonymiseras räknat från när det avaktiverades: utgångspunkt måste vara avaktiverat."));
        await app.Ok(TestApp.Admin, new AndraGallringsplan.Command(Gallringsplan.Konto, "gallras", 2, Gallringsplan.Avaktiverat, "Två år efter avslutad anställning.", sf));

        app.Clock.Set(StockholmTime.ToUtc(deactivated.AddYears(2), new TimeOnly(12, 0)));
        Assert.That((await app.Ok(TestApp.Admin, new Pseudonymisering.Lista())).Select(k => k.UserId), Has.No.Member(id), "not on the last day of its time");
        app.Clock.Set(StockholmTime.ToUtc(deactivated.AddYears(2).AddDays(1), new TimeOnly(12, 0)));
        var due = await app.Ok(TestApp.Admin, new Pseudonymisering.Lista());
        Assert.That(due.Select(k => k.UserId), Has.Member(id), "due the day after");
        Assert.That((await app.Ok(TestApp.As(ks, Role.Arkivarie), new Pseudonymisering.Lista())).Select(k => k.UserId), Has.No.Member(id), "KS's arkivarie sees only KS");
        Assert.That((await app.Send(TestApp.As(sf, Role.Registrator), new Pseudonymisering.Command())).Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));

        var n = await app.Ok(TestApp.As(sf, Role.Arkivarie), new Pseudonymisering.Command());

        Assert.That(n, Is.EqualTo(due.Count(k => k.OrganisationId == sf)));
        var (after, notiser, created) = await app.Query(async db => (
            await db.Users.AsNoTracking().SingleAsync(u => u.Id == id),
            await db.Notiser.CountAsync(x => x.UserId == id),
            await db.Handelser.Where(h => h.ArendeId == id && h.Action == "anvandare.skapad").Select(h => h.Beskrivning).SingleAsync()));
        Assert.Multiple(() =>
        {
            Assert.That(after.DisplayName, Is.EqualTo(Pseudonymisering.Pseudonym(id)).And.StartWith("Pseudonym "));
            Assert.That(Pseudonymisering.Pseudonym(Guid.Parse(id.ToString())), Is.EqualTo(after.DisplayName), "stable: derived from the id alone");
            Assert.That(after.Email, Is.EqualTo(Pseudonymisering.PseudonymEpost(id)).And.EndsWith("@pseudonym.invalid"));
            Assert.That(after.Title, Is.Null);
            Assert.That(after.PhoneNumber, Is.Null);
            Assert.That(after.PasswordHash, Is.Null);
            Assert.That(notiser, Is.Zero, "notices served only the account");
            Assert.That(created, Does.Contain("Sigrid Slutat"), "the audit log keeps what it recorded");
        });
        var utdrag = await app.Ok(TestApp.Admin, new Registerutdrag.Command(email));
        Assert.That(utdrag.Kategorier.Single(k => k.Kod == "konto").Uppgifter, Is.Empty, "the account no longer holds the address");
        var again = await app.Send(TestApp.As(sf, Role.Arkivarie), new Pseudonymisering.Command());
        Assert.That(again.Refusal!.Message, Does.Contain("Inget konto ska pseudonymiseras"));
        var chain = await app.Query(db => new AuditVerifier(db).VerifyAsync());
        Assert.That(chain.Intact, Is.True, chain.Reason);
    }
}
