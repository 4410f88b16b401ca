using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Features.Svarslank;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Workflows.Runtime;
using Scenario = RemissFlow.Core.Tests.Lifecycle.Scenario;

namespace RemissFlow.Core.Tests.Svarslank;

/// <summary>
/// Svarslänkar (issue #17): only a hash is stored, the link lives as long as the instans's live svarsdatum, KS renews and
/// revokes it, an answer through it goes through the engine and the audit log as "… via svarslänk", a later answer is a
/// new version, and one organisation's link shows nothing of another's.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[Parallelizable(ParallelScope.Self)]
public sealed class SvarslankTests(DatabaseProvider provider)
{
    private TestApp _app = null!;
    private Scenario _s = null!;
    private Guid _annan;

    [OneTimeSetUp]
    public async Task Build()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
        _annan = await _app.Ok(TestApp.Admin, new CreateOrganisation.Command("Funktionsrätt Stockholms stad", OrganisationKind.ExternOrganisation, "FRS", ContactEmail: "frs@example.test"));
    }

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private DateOnly Today => StockholmTime.Today(_app.Clock);

    private async Task<(Guid Remiss, Domain.Remissvar Svar, string Token)> OpenAsync(int days = 30)
    {
        var remiss = await _s.SendRemissAsync(Today.AddDays(days), _s.Extern, _s.Sf, _annan);
        var svar = await _s.SvarAsync(remiss, _s.Extern);
        var fornyad = await _app.Ok(_s["ks.sam"], new RenewSvarslank.Command(svar.Id));
        return (remiss, svar, fornyad.Url[(fornyad.Url.LastIndexOf('/') + 1)..]);
    }

    private async Task<SvarslankLage> LageAsync(string token) => (await _app.Query(db => Svarslankar.ResolveAsync(db, token, Today, CancellationToken.None))).Lage;

    private static SubmitViaSvarslank.Command Svar(string token, Standpunkt standpunkt = Standpunkt.TillstyrkerMedSynpunkter, string? text = null, string? file = "Yttrande.pdf",
        byte[]? content = null) =>
        new(token, standpunkt, text, file, file is null ? null : content ?? Scenario.Pdf, "Kim Kontakt", "kim@pro.example");

    [Test]
    public async Task The_missiv_issues_a_link_for_each_outside_instans_only_and_the_database_keeps_only_its_hash()
    {
        var (remiss, svar, token) = await OpenAsync();
        var sf = await _s.SvarAsync(remiss, _s.Sf);
        var annan = await _s.SvarAsync(remiss, _annan);
        var links = await _app.Query(db => db.Svarslankar.AsNoTracking().ToListAsync());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
        Assert.Multiple(() =>
        {
            Assert.That(links.Count(l => l.RemissvarId == annan.Id), Is.EqualTo(1), "the missiv's own link for the other outside organisation");
            Assert.That(links.Count(l => l.RemissvarId == sf.Id), Is.Zero, "a nämnd answers in RemissFlow and gets no link");
            Assert.That(token, Has.Length.EqualTo(43), "256 bits, base64url");
            Assert.That(links.Single(l => l.RemissvarId == svar.Id && l.AterkalladAt == null).TokenHash, Is.EqualTo(hash));
            Assert.That(links.Any(l => l.TokenHash.Contains(token, StringComparison.Ordinal)), Is.False, "the token itself is stored nowhere");
        });
        Assert.That(await LageAsync(token), Is.EqualTo(SvarslankLage.Giltig));
    }

    [Test]
    public async Task The_link_works_until_the_live_svarsdatum_and_an_anstand_moves_it()
    {
        var start = _app.Clock.GetUtcNow();
        try
        {
            var (_, svar, token) = await OpenAsync(days: 10);
            _app.Clock.Advance(TimeSpan.FromDays(11));
            Assert.That(await LageAsync(token), Is.EqualTo(SvarslankLage.Utgangen));
            var refused = await _app.Send(Actor.Anonymous, Svar(token));
            Assert.That(refused.Refusal?.Kind, Is.EqualTo(RefusalKind.InvalidState));

            await _app.Ok(_s["ks.reg"], new DecideAnstand.Command(svar.Id, true, Today.AddDays(10), "Beviljas."));
            Assert.That(await LageAsync(token), Is.EqualTo(SvarslankLage.Giltig), "the same link, now to the new svarsdatum");
            _app.Clock.Advance(TimeSpan.FromDays(11));
            Assert.That(await LageAsync(token), Is.EqualTo(SvarslankLage.Utgangen));
        }
        finally
        {
            _app.Clock.Set(start);
        }
    }

    [Test]
    public async Task Renewing_kills_the_old_link_and_revoking_ends_the_new_one_each_audited()
    {
        var (_, svar, first) = await OpenAsync();
        var second = (await _app.Ok(_s["ks.reg"], new RenewSvarslank.Command(svar.Id))).Url.Split('/')[^1];
        Assert.Multiple(async () =>
        {
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That(await LageAsync(first), Is.EqualTo(SvarslankLage.Aterkallad));
            Assert.That(await LageAsync(second), Is.EqualTo(SvarslankLage.Giltig));
        });

        Assert.That(await _app.Ok(_s["ks.sam"], new RevokeSvarslank.Command(svar.Id)), Is.EqualTo(1));
        Assert.That(await LageAsync(second), Is.EqualTo(SvarslankLage.Aterkallad));
        var again = await _app.Send(_s["ks.sam"], new RevokeSvarslank.Command(svar.Id));
        Assert.That(again.Refusal?.Errors.Select(e => e.Field), Is.EqualTo(new[] { "RemissvarId" }), again.Refusal?.Message);
        Assert.That(again.Refusal!.Message, Does.Contain("ingen giltig svarslänk"));

        var actions = await _app.Query(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == svar.Id).Select(h => h.Action).ToListAsync());
        Assert.That(actions, Does.Contain("svarslank.fornya").And.Contain("svarslank.aterkalla"));
    }

    [Test]
    public async Task Only_the_senders_KS_people_renew_and_only_for_an_outside_instans()
    {
        var (remiss, svar, _) = await OpenAsync();
        var sf = await _s.SvarAsync(remiss, _s.Sf);
        var otherOrg = await _app.Send(_s["sf.reg"], new RenewSvarslank.Command(svar.Id));
        var namnd = await _app.Send(_s["ks.reg"], new RenewSvarslank.Command(sf.Id));
        var anonymous = await _app.Send(Actor.Anonymous, new RevokeSvarslank.Command(svar.Id));
        Assert.Multiple(() =>
        {
            Assert.That(otherOrg.Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden));
            Assert.That(namnd.Refusal?.Kind, Is.EqualTo(RefusalKind.Validation));
            Assert.That(namnd.Refusal?.Message, Does.Contain("har ingen svarslänk"));
            Assert.That(anonymous.Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden));
        });
    }

    [Test]
    public async Task An_answer_through_the_link_is_registered_by_the_engine_and_audited_as_via_svarslank_and_a_later_one_is_a_new_version()
    {
        var (_, svar, token) = await OpenAsync();
        var kvitto = await _app.Ok(Actor.Anonymous, Svar(token));
        var after = await _app.Query(db => db.Remissvar.AsNoTracking().SingleAsync(r => r.Id == svar.Id));
        var log = await _app.Query(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == svar.Id).OrderBy(h => h.Sequence).ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That(kvitto.Nummer, Is.EqualTo(1));
            Assert.That(kvitto.Dnr, Is.EqualTo(svar.AvsandareDnr));
            Assert.That(after.Status, Is.EqualTo("inlamnad"));
            Assert.That(after.Standpunkt, Is.EqualTo(Standpunkt.TillstyrkerMedSynpunkter));
            var engine = log.Single(h => h.Action == "workflow.registrera_svar");
            Assert.That(engine.ActorName, Is.EqualTo("PRO Stockholms län via svarslänk"));
            Assert.That(engine.ActorId, Is.Null);
            Assert.That(log.Single(h => h.Action == "svarslank.svar").Beskrivning, Does.Contain("Kim Kontakt"));
        });

        var pdf2 = "%PDF-1.4\n% version två\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
        var second = await _app.Ok(Actor.Anonymous, Svar(token, Standpunkt.Avstyrker, content: pdf2, file: "Yttrande v2.pdf"));
        var rows = await _app.Query(db => db.SvarslankSvar.AsNoTracking().Where(s => s.RemissvarId == svar.Id).OrderBy(s => s.Nummer).ToListAsync());
        var files = await _app.Query(db => db.Bilagor.AsNoTracking().Where(b => b.RemissvarId == svar.Id && b.Kind == BilagaKind.Svar).OrderBy(b => b.UploadedAt).ToListAsync());
        var now = await _app.Query(db => db.Remissvar.AsNoTracking().SingleAsync(r => r.Id == svar.Id));
        Assert.Multiple(() =>
        {
            Assert.That(second.Nummer, Is.EqualTo(2));
            Assert.That(rows.Select(r => (r.Nummer, r.Standpunkt)), Is.EqualTo(new[] { (1, Standpunkt.TillstyrkerMedSynpunkter), (2, Standpunkt.Avstyrker) }));
            Assert.That(files, Has.Count.EqualTo(2), "the first file is kept beside the second");
            Assert.That(rows[0].BilagaId, Is.EqualTo(files[0].Id));
            Assert.That(now.Status, Is.EqualTo("inlamnad"));
            Assert.That(now.Standpunkt, Is.EqualTo(Standpunkt.Avstyrker), "KS reads the latest version");
        });
        var versionEvents = await _app.Query(db => db.Handelser.AsNoTracking().CountAsync(h => h.ArendeId == svar.Id && h.Action == "svarslank.ny_version"));
        Assert.That(versionEvents, Is.EqualTo(1));
    }

    [Test]
    public async Task A_written_answer_becomes_a_Word_document_and_avstar_without_text_declines_through_the_engine()
    {
        var (remiss, svar, token) = await OpenAsync();
        await _app.Ok(Actor.Anonymous, Svar(token, Standpunkt.Tillstyrker, text: "Vi tillstyrker förslaget.\n\nSärskilt avsnitt 3 är bra.", file: null));
        var bilaga = await _app.Query(db => db.Bilagor.AsNoTracking().SingleAsync(b => b.RemissvarId == svar.Id));
        Assert.That(bilaga.MediaType, Is.EqualTo(Files.UploadPolicy.Docx));
        Assert.That(bilaga.FileName, Does.EndWith(".docx"));

        var annan = await _s.SvarAsync(remiss, _annan);
        var token2 = (await _app.Ok(_s["ks.reg"], new RenewSvarslank.Command(annan.Id))).Url.Split('/')[^1];
        await _app.Ok(Actor.Anonymous, Svar(token2, Standpunkt.Avstar, file: null));
        var avstatt = await _app.Query(db => db.Remissvar.AsNoTracking().SingleAsync(r => r.Id == annan.Id));
        Assert.That(avstatt.Status, Is.EqualTo("avstatt"));
        var later = await _app.Send(Actor.Anonymous, Svar(token2));
        Assert.That(later.Refusal?.Kind, Is.EqualTo(RefusalKind.InvalidState), "a decline is final; the organisation asks the sender");
    }

    [Test]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_is_written()
    {
        var (_, svar, token) = await OpenAsync();
        var before = await _app.Query(db => db.Handelser.CountAsync());
        var noStandpunkt = await _app.Send(Actor.Anonymous, Svar(token) with { Standpunkt = null });
        var noAnswer = await _app.Send(Actor.Anonymous, Svar(token, file: null));
        var badEmail = await _app.Send(Actor.Anonymous, Svar(token) with { KontaktEpost = "inte en adress" });
        var notPdf = await _app.Send(Actor.Anonymous, Svar(token, content: "hej"u8.ToArray(), file: "svar.pdf"));
        var unknown = await _app.Send(Actor.Anonymous, Svar(Svarslankar.NewToken()));
        Assert.Multiple(async () =>
        {
            Assert.That(noStandpunkt.Refusal?.Errors.Select(e => e.Field), Does.Contain("Standpunkt"));
            Assert.That(noStandpunkt.Refusal?.Message, Does.Contain("Ställningstagande"));
            Assert.That(noAnswer.Refusal?.Errors.Select(e => e.Field), Does.Contain("Text"));
            Assert.That(badEmail.Refusal?.Errors.Select(e => e.Field), Does.Contain("KontaktEpost"));
            Assert.That(badEmail.Refusal?.Message, Does.Contain("E-postadress"));
            Assert.That(notPdf.Refusal?.Errors.Select(e => e.Field), Does.Contain("Content"));
            Assert.That(unknown.Refusal?.Kind, Is.EqualTo(RefusalKind.NotFound));
            Assert.That(await _app.Query(db => db.Handelser.CountAsync()), Is.EqualTo(before));
            Assert.That(await _app.Query(db => db.SvarslankSvar.CountAsync(s => s.RemissvarId == svar.Id)), Is.Zero);
        });
    }

    [Test]
    public async Task One_organisations_link_never_shows_another_organisations_answer()
    {
        var (remiss, svar, token) = await OpenAsync();
        var annan = await _s.SvarAsync(remiss, _annan);
        var token2 = (await _app.Ok(_s["ks.reg"], new RenewSvarslank.Command(annan.Id))).Url.Split('/')[^1];
        await _app.Ok(Actor.Anonymous, Svar(token2) with { KontaktNamn = "Annan Person" });

        var vy = await _app.Ok(Actor.Anonymous, new OpenSvarslank.Query(token));
        var egen = await _app.Ok(Actor.Anonymous, new OpenSvarslank.Query(token2));
        Assert.Multiple(() =>
        {
            Assert.That(vy.Lage, Is.EqualTo(SvarslankLage.Giltig));
            Assert.That(vy.Instans, Is.EqualTo("PRO Stockholms län"));
            Assert.That(vy.Inlamningar, Is.Empty, "the other organisation's answer is not PRO's");
            Assert.That(egen.Inlamningar.Select(i => i.KontaktNamn), Is.EqualTo(new[] { "Annan Person" }));
            Assert.That(vy.Handlingar.Select(h => h.Rubrik), Is.Not.Empty, "the public remisshandling");
        });
        var closed = await _app.Ok(Actor.Anonymous, new OpenSvarslank.Query("x"));
        Assert.That(closed.Lage, Is.EqualTo(SvarslankLage.Okand));
        Assert.That(closed.Titel, Is.Empty);
        Assert.That(svar.InstansId, Is.EqualTo(_s.Extern));
    }
}
