using System.Text;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Access;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Sammantraden;

/// <summary>An organ's members per mandate period, entered and imported under the same rules, and the ledamot's account that reads no draft.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class LedamoterTests(DatabaseProvider provider)
{
    private static readonly DateOnly Fran = new(2023, 1, 1);
    private static readonly DateOnly Till = new(2026, 12, 31);

    private TestApp _app = null!;
    private Scenario _s = null!;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private Actor Sek => _s["sf.sek"];

    private async Task<Guid> AccountAsync(string email, Guid organisation, Role role = Role.Ledamot) =>
        await _app.Ok(TestApp.Admin, new CreateUser.Command(email, "Anders Lund", organisation, [role], "Remissarbete-2026"));

    private async Task<Refusal> Refused<T>(Actor actor, IRequest<T> request)
    {
        var before = await CountsAsync();
        var result = await _app.Send(actor, request);
        Assert.That(result.Succeeded, Is.False, "expected a refusal");
        var after = await CountsAsync();
        Assert.That(after, Is.EqualTo(before), "a refused command wrote an audit event or a member");
        return result.Refusal!;
    }

    private async Task<(int Handelser, int Ledamoter)> CountsAsync() =>
        (await _app.Query(db => db.Handelser.CountAsync()), await _app.Query(db => db.Ledamoter.CountAsync()));

    private static byte[] Csv(string text, Encoding? encoding = null) => (encoding ?? new UTF8Encoding(false)).GetBytes(text);

    [Test]
    public async Task A_member_entered_with_an_account_is_kept_and_audited()
    {
        var account = await AccountAsync("lund@example.test", _s.Sf);

        var id = await _app.Ok(Sek, new AddLedamot.Command(_s.SfNamnd, " Anders Lund ", "S", Uppdrag.Ledamot, Fran, Till, account));

        var ledamot = await _app.Query(db => db.Ledamoter.AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.That((ledamot.Namn, ledamot.Parti, ledamot.Uppdrag, ledamot.Fran, ledamot.Till, ledamot.UserId), Is.EqualTo(("Anders Lund", "S", Uppdrag.Ledamot, Fran, Till, (Guid?)account)));
        var handelse = await _app.Query(db => db.Handelser.AsNoTracking().SingleAsync(h => h.ArendeId == id));
        Assert.That((handelse.Action, handelse.Beskrivning), Is.EqualTo(("ledamot.tillagd", "Anders Lund lades in som ledamot i Servicenämnden 2023-01-01–2026-12-31.")));
    }

    [Test]
    public async Task A_second_ordforande_for_an_overlapping_period_is_refused_but_the_next_period_may_have_one()
    {
        await _app.Ok(Sek, new AddLedamot.Command(_s.SfNamnd, "Eva Lindström", "M", Uppdrag.Ordforande, Fran, Till));

        var refusal = await Refused(Sek, new AddLedamot.Command(_s.SfNamnd, "Kristoffer Ahl", "S", Uppdrag.Ordforande, new DateOnly(2026, 6, 1), new DateOnly(2030, 12, 31)));

        Assert.That(refusal.Errors.Single(), Is.EqualTo(new FieldError("Uppdrag", "Uppdrag: Servicenämnden har redan ordförande under perioden (Eva Lindström, 2023-01-01–2026-12-31).")));
        await _app.Ok(Sek, new AddLedamot.Command(_s.SfNamnd, "Kristoffer Ahl", "S", Uppdrag.Ordforande, new DateOnly(2027, 1, 1), new DateOnly(2030, 12, 31)));
    }

    [Test]
    public async Task The_same_person_twice_in_a_period_and_a_mandate_ending_before_it_begins_are_refused()
    {
        await _app.Ok(Sek, new AddLedamot.Command(_s.SfNamnd, "Eva Lindström", "M", Uppdrag.Ledamot, Fran, Till));

        var twice = await Refused(Sek, new AddLedamot.Command(_s.SfNamnd, "eva lindström", "M", Uppdrag.Ersattare, Fran, Till));
        var backwards = await Refused(Sek, new AddLedamot.Command(_s.SfNamnd, " ", null, Uppdrag.Ledamot, Till, Fran));

        Assert.That(twice.Errors.Single().Field, Is.EqualTo("Namn"));
        Assert.That(backwards.Errors.Select(e => (e.Field, e.Message)), Is.EquivalentTo(new[]
        {
            ("Namn", "Namn måste fyllas i."),
            ("Till", "Till: mandatperioden slutar före den börjar."),
        }));
    }

    [Test]
    public async Task An_account_without_the_ledamot_role_or_of_another_organisation_cannot_be_linked()
    {
        var handlaggare = await AccountAsync("hl@example.test", _s.Sf, Role.Handlaggare);
        var outsider = await AccountAsync("sof-ledamot@example.test", _s.Sof);

        var noRole = await Refused(Sek, new AddLedamot.Command(_s.SfNamnd, "Anders Lund", null, Uppdrag.Ledamot, Fran, Till, handlaggare));
        var otherOrg = await Refused(Sek, new AddLedamot.Command(_s.SfNamnd, "Anders Lund", null, Uppdrag.Ledamot, Fran, Till, outsider));

        Assert.That(noRole.Errors.Single(), Is.EqualTo(new FieldError("UserId", "Konto: Anders Lund har inte rollen ledamot; en administratör ger kontot rollen först.")));
        Assert.That(otherOrg.Errors.Single(), Is.EqualTo(new FieldError("UserId", "Konto: det valda kontot finns inte i organets organisation.")));
    }

    [Test]
    public async Task Another_organisations_sekreterare_may_not_enter_or_import_members()
    {
        var add = await Refused(_s["sof.sek"], new AddLedamot.Command(_s.SfNamnd, "Eva Lindström", "M", Uppdrag.Ledamot, Fran, Till));
        var import = await Refused(_s["sof.sek"], new ImportLedamoter.Command(_s.SfNamnd, Csv("namn;uppdrag;från;till\r\nEva Lindström;ledamot;2023-01-01;2026-12-31\r\n")));

        Assert.That((add.Kind, import.Kind), Is.EqualTo((RefusalKind.Forbidden, RefusalKind.Forbidden)));
    }

    [Test]
    public async Task An_import_from_Excel_in_Windows_1252_adds_every_member_and_links_the_account_by_e_mail()
    {
        var account = await AccountAsync("lund@example.test", _s.Sf);
        var csv = "Namn;Parti;Uppdrag;Från;Till;E-post\r\n" +
                  "Eva Lindström;M;Ordförande;2023-01-01;2026-12-31;\r\n" +
                  "Kristoffer Ahl;S;vice ordförande;2023-01-01;2026-12-31;\r\n" +
                  "Anders Lund;S;ledamot;2023-01-01;2026-12-31;LUND@example.test\r\n" +
                  "\"Åsa Öberg-Ärlig\";V;ersättare;2023-01-01;2026-12-31;\r\n";

        var count = await _app.Ok(Sek, new ImportLedamoter.Command(_s.SfNamnd, Csv(csv, CodePagesEncodingProvider.Instance.GetEncoding(1252))));

        Assert.That(count, Is.EqualTo(4));
        var rows = await _app.Query(db => db.Ledamoter.AsNoTracking().OrderBy(l => l.Uppdrag).Select(l => new { l.Namn, l.Uppdrag, l.UserId }).ToListAsync());
        Assert.That(rows.Select(r => (r.Namn, r.Uppdrag, r.UserId)), Is.EquivalentTo(new[]
        {
            ("Eva Lindström", Uppdrag.Ordforande, (Guid?)null),
            ("Kristoffer Ahl", Uppdrag.ViceOrdforande, null),
            ("Anders Lund", Uppdrag.Ledamot, account),
            ("Åsa Öberg-Ärlig", Uppdrag.Ersattare, null),
        }));
        var handelse = await _app.Query(db => db.Handelser.AsNoTracking().SingleAsync(h => h.Action == "ledamoter.importerade"));
        Assert.That(handelse.Beskrivning, Is.EqualTo("4 ledamöter och ersättare i Servicenämnden importerades från CSV (Windows-1252)."));
    }

    [Test]
    public async Task An_import_with_bad_rows_names_each_row_and_adds_nobody()
    {
        await AccountAsync("hl@example.test", _s.Sf, Role.Handlaggare);
        var csv = "namn;parti;uppdrag;från;till;e-post\r\n" +
                  "Eva Lindström;M;ordförande;2023-01-01;2026-12-31;\r\n" +
                  "Kristoffer Ahl;S;ordförande;2023-01-01;2026-12-31;\r\n" +
                  "Sofia Berglund;L;suppleant;2023-01-01;2026-12-31;\r\n" +
                  "Hassan Yilmaz;V;ledamot;2023-13-01;2026-12-31;\r\n" +
                  "Jonas Wikström;SD;ledamot;2023-01-01;2026-12-31;okand@example.test\r\n" +
                  "Marie Holmgren;MP;ledamot;2023-01-01;2026-12-31;hl@example.test\r\n";

        var refusal = await Refused(Sek, new ImportLedamoter.Command(_s.SfNamnd, Csv(csv)));

        Assert.That(refusal.Errors.Select(e => e.Message), Is.EquivalentTo(new[]
        {
            "Rad 4, kolumn \"uppdrag\": Okänt uppdrag \"suppleant\". Skriv ordförande, vice ordförande, ledamot eller ersättare.",
            "Rad 5, kolumn \"från\": \"2023-13-01\" är inget giltigt datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2023-01-01.",
            "Rad 3: Uppdrag: Servicenämnden har redan ordförande under perioden (Eva Lindström, 2023-01-01–2026-12-31).",
            "Rad 6: Konto: det finns inget konto med e-postadressen okand@example.test.",
            "Rad 7: Konto: Anders Lund har inte rollen ledamot; en administratör ger kontot rollen först.",
        }));
    }

    [Test]
    public async Task A_file_without_the_required_columns_is_refused_before_any_row()
    {
        var refusal = await Refused(Sek, new ImportLedamoter.Command(_s.SfNamnd, Csv("namn,parti,roll\r\nEva Lindström,M,ordförande\r\n")));

        Assert.That(refusal.Errors.Select(e => e.Message), Is.EquivalentTo(new[]
        {
            "Rad 1, kolumn \"roll\": Okänd kolumn \"roll\". Tillåtna kolumner är namn, parti, uppdrag, från, till och e-post.",
            "Rad 1, kolumn \"uppdrag\": Kolumnen \"uppdrag\" saknas i rubrikraden.",
            "Rad 1, kolumn \"från\": Kolumnen \"från\" saknas i rubrikraden.",
            "Rad 1, kolumn \"till\": Kolumnen \"till\" saknas i rubrikraden.",
        }));
    }

    [Test]
    public async Task A_ledamot_of_the_instans_reads_none_of_its_drafts_while_its_staff_do()
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);
        var svar = await _s.SvarAsync(remiss, _s.Sf);
        var ledamot = TestApp.As(_s.Sf, Role.Ledamot);

        var (_, _, forLedamot) = await _app.Query(db => ArendeAccess.ReadAsync(db, ledamot, svar.Id, CancellationToken.None));
        var (_, _, forHandlaggare) = await _app.Query(db => ArendeAccess.ReadAsync(db, _s["sf.hl"], svar.Id, CancellationToken.None));

        Assert.That(forLedamot?.Kind, Is.EqualTo(RefusalKind.NotFound));
        Assert.That(forHandlaggare, Is.Null);
    }
}
