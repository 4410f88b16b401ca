using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Gallring;
using RemissFlow.Core.Features.Sekretess;
using RemissFlow.Core.Files;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Tests.Arkiv;

/// <summary>
/// Gallring by the dokumenthanteringsplan on the demo with a fake clock, on both databases: nothing is due before its
/// time and it is due the day after; the decision is required; the deletion is complete (row, bytes, a notering in its
/// place); a sekretess-marked or bevarande handling is never gallrad; the audit chain still verifies.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class GallringTests(DatabaseProvider provider)
{
    private static readonly Guid Osl21_7 = Guid.Parse("0195F0A0-0000-7000-8000-000000000005");

    [Test]
    public async Task Due_the_day_after_its_time_decided_by_the_arkivarie_deleted_completely_and_the_chain_verifies()
    {
        await using var app = await TestApp.StartAsync(provider, template: DatabaseTemplate.Demo);
        // The newest remisshandling of the organisation that holds most of them.
        var all = await app.Query(db => (from b in db.Bilagor
                                         join r in db.Remisser on b.RemissId equals r.Id
                                         where b.Kind == BilagaKind.Remisshandling && b.RemissvarId == null
                                         select new { b.Id, b.Sha256, b.UploadedAt, r.AvsandareId }).ToListAsync());
        var org = all.GroupBy(x => x.AvsandareId).OrderByDescending(g => g.Count()).First().Key;
        var mine = all.Where(x => x.AvsandareId == org).OrderBy(x => x.UploadedAt).ToList();
        Assume.That(mine, Has.Count.GreaterThanOrEqualTo(2), "the demo has remisshandlingar");
        var target = mine[0];
        var secret = mine[1];
        var arkivarie = TestApp.As(org, Role.Arkivarie);

        await app.Ok(TestApp.As(org, Role.Registrator), new MarkeraSekretess.Command(SekretessTyp.Fil, secret.Id, Osl21_7, "Personuppgifter"));
        await app.Ok(arkivarie, new AndraGallringsplan.Command("remisshandling", "gallras", 1, "upprattad", "Prövat 2026"));
        await app.Ok(arkivarie, new AndraGallringsplan.Command("remissvar_fil", "bevaras", null, null, null));
        var refused = await app.Send(arkivarie, new AndraGallringsplan.Command("remisshandling", "gallras", null, "upprattad", null));
        Assert.That(refused.Refusal!.Errors.Select(e => e.Message), Has.Member("Antal år måste vara ett tal mellan 0 och 100."));

        var from = StockholmTime.DateOf(target.UploadedAt).AddYears(1).AddDays(1);
        app.Clock.Set(StockholmTime.ToUtc(from.AddDays(-1), new TimeOnly(12, 0)));
        var before = await app.Ok(arkivarie, new GallringsLista.Query());
        Assert.That(before.Handlingar.Select(k => k.HandlingId), Has.No.Member(target.Id), "not due on the last day of its time");
        Assert.That((await app.Send(arkivarie, new ForeslaGallring.Command())).Refusal?.Message ?? "", Does.Contain("Inget får gallras").Or.Empty);

        app.Clock.Set(StockholmTime.ToUtc(from, new TimeOnly(12, 0)));
        var due = await app.Ok(arkivarie, new GallringsLista.Query());
        Assert.That(due.Handlingar.Select(k => k.HandlingId), Has.Member(target.Id), "due the day after");
        Assert.That(due.Handlingar.Select(k => k.HandlingId), Has.No.Member(secret.Id), "a sekretess-marked handling is never due");
        Assert.That(due.Handlingar.Where(k => k.Handlingstyp == "remissvar_fil"), Is.Empty, "bevaras is never due");
        Assert.That(due.Handlingar.Single(k => k.HandlingId == target.Id).Skal, Does.Contain("gallras 1 år").And.Contain(SwedishIso(from)));

        // Still open proposals from an earlier call (the day before) would block; there is none, so propose now.
        var beslutId = await app.Ok(arkivarie, new ForeslaGallring.Command());
        Assert.That(await app.Query(db => db.Bilagor.AnyAsync(b => b.Id == target.Id)), Is.True, "a proposal deletes nothing");
        var again = await app.Send(arkivarie, new ForeslaGallring.Command());
        Assert.That(again.Refusal!.Message, Does.Contain("väntar redan på beslut"));
        var other = await app.Send(TestApp.As(org, Role.Registrator), new BeslutaGallring.Command(beslutId));
        Assert.That(other.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden), "only the arkivarie decides");

        var gallrade = await app.Ok(arkivarie, new BeslutaGallring.Command(beslutId));

        Assert.That(gallrade, Is.EqualTo(due.Handlingar.Count));
        var files = app.Services.GetRequiredService<FileStore>();
        var (exists, notering, beslut, secretKept, svarKept) = await app.Query(async db => (
            await db.Bilagor.AnyAsync(b => b.Id == target.Id),
            await db.Gallringsnoteringar.SingleAsync(n => n.HandlingId == target.Id),
            await db.Gallringsbeslut.SingleAsync(g => g.Id == beslutId),
            await db.Bilagor.AnyAsync(b => b.Id == secret.Id),
            await db.Bilagor.CountAsync(b => b.Kind == BilagaKind.Svar)));
        Assert.Multiple(() =>
        {
            Assert.That(exists, Is.False, "the handling row is gone");
            Assert.That((notering.BeslutId, notering.Sha256), Is.EqualTo((beslutId, target.Sha256)));
            Assert.That((beslut.Status, beslut.BeslutadAv), Is.EqualTo(("verkstallt", (Guid?)arkivarie.UserId)));
            Assert.That(secretKept, Is.True);
            Assert.That(svarKept, Is.GreaterThan(0));
        });
        var shared = await app.Query(db => db.Bilagor.AnyAsync(b => b.Sha256 == target.Sha256));
        Assert.That(files.Read(target.Sha256) is null, Is.EqualTo(!shared), "the bytes go unless another handling has the same");
        var events = await app.Query(db => db.Handelser.Where(h => h.Action == "gallring.gallrad" || h.Action == "workflow.besluta" && h.ArendeTyp == "Gallringsbeslut").CountAsync());
        Assert.That(events, Is.EqualTo(gallrade + 1));
        var chain = await app.Query(db => new AuditVerifier(db).VerifyAsync());
        Assert.That(chain.Intact, Is.True, chain.Reason);
        var twice = await app.Send(arkivarie, new BeslutaGallring.Command(beslutId));
        Assert.That(twice.Refusal, Is.Not.Null);
    }

    [Test]
    public async Task TU_versions_never_approved_are_a_plannable_handlingstyp_and_the_approved_one_is_kept()
    {
        await using var app = await TestApp.StartAsync(provider, template: DatabaseTemplate.Demo);
        var closed = Core.Features.Arkiv.ExportArkivpaket.AvslutadeRemissvar.ToList();
        var tus = await app.Query(db => (from t in db.Tjansteutlatanden
                                         join v in db.Remissvar on t.RemissvarId equals v.Id
                                         where closed.Contains(v.Status)
                                         select new { t.Id, t.GodkandVersion, v.InstansId, Versioner = t.Versioner.Select(x => new { x.Id, x.Nummer }).ToList() }).ToListAsync());
        var approved = tus.Where(t => t.GodkandVersion is not null && t.Versioner.Count > 1).ToList();
        Assume.That(approved, Is.Not.Empty, "the demo has a closed ärende whose TU was approved after an earlier draft");
        var org = approved.GroupBy(t => t.InstansId).OrderByDescending(g => g.Count()).First().Key;
        var drafts = approved.Where(t => t.InstansId == org).SelectMany(t => t.Versioner.Where(v => v.Nummer != t.GodkandVersion).Select(v => v.Id)).ToList();
        var kept = approved.Where(t => t.InstansId == org).Select(t => t.Versioner.Single(v => v.Nummer == t.GodkandVersion).Id).ToList();
        var neverApprovedLatest = tus.Where(t => t.GodkandVersion is null && t.Versioner.Count > 0).Select(t => t.Versioner.MaxBy(v => v.Nummer)!.Id).ToList();
        var arkivarie = TestApp.As(org, Role.Arkivarie);

        await app.Ok(TestApp.As(org, Role.Administrator), new AndraGallringsplan.Command(Gallringsplan.TuUtkast, "gallras", 0, "arende_avslutat", null));
        app.Clock.Set(app.Clock.GetUtcNow().AddDays(2));
        var due = (await app.Ok(arkivarie, new GallringsLista.Query())).Handlingar.Where(k => k.Handlingstyp == Gallringsplan.TuUtkast).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(due.Select(k => k.HandlingId), Is.SupersetOf(drafts), "every draft that was never approved is due");
            Assert.That(due.Select(k => k.HandlingId).Intersect(kept.Concat(neverApprovedLatest)), Is.Empty, "the approved version and a never-approved TU's latest are kept");
            Assert.That(due.First().Namn, Does.StartWith("Tjänsteutlåtande version "));
        });

        var beslutId = await app.Ok(arkivarie, new ForeslaGallring.Command());
        var gallrade = await app.Ok(arkivarie, new BeslutaGallring.Command(beslutId));
        var (draftsLeft, keptLeft, noteringar) = await app.Query(async db => (
            await db.TjansteutlatandeVersioner.CountAsync(v => drafts.Contains(v.Id)),
            await db.TjansteutlatandeVersioner.CountAsync(v => kept.Contains(v.Id)),
            await db.Gallringsnoteringar.Where(n => n.BeslutId == beslutId && n.Handlingstyp == Gallringsplan.TuUtkast).ToListAsync()));
        Assert.Multiple(() =>
        {
            Assert.That(gallrade, Is.GreaterThanOrEqualTo(drafts.Count));
            Assert.That(draftsLeft, Is.Zero);
            Assert.That(keptLeft, Is.EqualTo(kept.Count));
            Assert.That(noteringar.Select(n => n.HandlingId), Is.SupersetOf(drafts));
            Assert.That(noteringar, Has.All.Matches<Gallringsnotering>(n => n.MediaType == "application/json" && n.Size > 0 && n.Sha256.Length == 64));
        });
        var chain = await app.Query(db => new AuditVerifier(db).VerifyAsync());
        Assert.That(chain.Intact, Is.True, chain.Reason);
    }

    private static string SwedishIso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
