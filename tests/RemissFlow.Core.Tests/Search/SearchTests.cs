using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Search;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Search;

/// <summary>Search over the real use cases on both databases: Swedish words, dnr, filters, access, and an index never stale.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class SearchTests(DatabaseProvider provider)
{
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

    private async Task<SearchResult> Search(Actor actor, SearchRequest request, bool ofKs = false)
    {
        using var scope = _app.Services.CreateScope();
        var who = actor == Actor.Anonymous ? SearchPrincipal.Public : new SearchPrincipal(actor, ofKs);
        return await scope.ServiceProvider.GetRequiredService<Searcher>().SearchAsync(request, who, CancellationToken.None);
    }

    private async Task<List<string>> Titles(string q, string? typ = null) =>
        (await Search(_s["ks.reg"], new SearchRequest(q, typ, Take: 100), ofKs: true)).Hits.Select(h => h.Title).Order(StringComparer.Ordinal).ToList();

    private async Task<CreateRemiss.Created> Remiss(string title, string description) =>
        await _app.Ok(_s["ks.reg"], new CreateRemiss.Command(title, description, new DateOnly(2026, 5, 29)));

    [Test]
    public async Task Swedish_inflections_compounds_and_words_without_a_ring_and_dots_are_found()
    {
        await Remiss("Jämställdheten i staden", "Hur jämställda är nämndernas beslut?");
        await Remiss("Jämställdhetshandlingsplan 2027", "En plan för förvaltningarna.");
        await Remiss("Handlingsplanen för trafiken", "Cykelvägar och bussar.");
        await Remiss("Budget för kulturen", "Inget om jämlikhet.");

        Assert.That(await Titles("jämställdhet"), Is.EqualTo(new[] { "Jämställdheten i staden", "Jämställdhetshandlingsplan 2027" }));
        Assert.That(await Titles("jamstallda"), Is.EqualTo(await Titles("jämställdheten")));
        Assert.That(await Titles("handlingsplan"), Is.EqualTo(new[] { "Handlingsplanen för trafiken", "Jämställdhetshandlingsplan 2027" }));
        Assert.That(await Titles("handlingsplan trafik"), Is.EqualTo(new[] { "Handlingsplanen för trafiken" }));
        Assert.That(await Titles("kultur*"), Is.EqualTo(new[] { "Budget för kulturen" }));
        Assert.That(await Titles("\"cykelvägar och bussar\""), Is.EqualTo(new[] { "Handlingsplanen för trafiken" }));
        Assert.That(await Titles("\"bussar och cykelvägar\""), Is.Empty, "a phrase keeps its order");
    }

    [Test]
    public async Task A_dnr_finds_its_item_in_any_spacing()
    {
        var first = await Remiss("Första remissen", "Text.");
        var second = await Remiss("Andra remissen", "Text.");
        var (prefix, rest) = (second.Dnr.Split(' ')[0], second.Dnr.Split(' ')[1]);
        foreach (var typed in new[] { second.Dnr, prefix + rest, rest, $" {prefix.ToLowerInvariant()} {rest.Replace("/", " / ", StringComparison.Ordinal)} " })
        {
            var hits = (await Search(_s["ks.reg"], new SearchRequest(typed), ofKs: true)).Hits;
            Assert.That(hits.Select(h => (h.Title, h.Dnr)), Is.EqualTo(new[] { ("Andra remissen", second.Dnr) }), typed);
        }

        Assert.That(first.Dnr, Is.Not.EqualTo(second.Dnr));
    }

    [Test]
    public async Task The_index_changes_with_the_data_and_rebuild_gives_the_same()
    {
        var created = await Remiss("Remiss om parkering", "Gammal text om laddstolpar.");
        Assert.That(await Titles("laddstolpar"), Is.EqualTo(new[] { "Remiss om parkering" }));

        var version = await _app.Query(db => db.Remisser.Where(r => r.Id == created.Id).Select(r => r.Version).SingleAsync());
        await _app.Ok(_s["ks.reg"], new UpdateRemiss.Command(created.Id, version, "Remiss om cykelparkering", "Ny text om cykelställ.", new DateOnly(2026, 5, 29), false, null, null));
        Assert.That(await Titles("laddstolpar"), Is.Empty, "the old text is gone at once");
        Assert.That(await Titles("cykelstall"), Is.EqualTo(new[] { "Remiss om cykelparkering" }));

        var before = await Titles("remiss");
        var count = await _app.Query(db => new SearchIndexer(null).RebuildAsync(db, CancellationToken.None));
        Assert.That(count, Is.EqualTo(5 + _s.People.Count + 1), "the organisations, their people and the remiss");
        Assert.That(await Titles("remiss"), Is.EqualTo(before));
    }

    [Test]
    public async Task A_refused_command_leaves_no_hit()
    {
        var created = await Remiss("Remiss om gatubelysning", "Lampor.");
        var version = await _app.Query(db => db.Remisser.Where(r => r.Id == created.Id).Select(r => r.Version).SingleAsync());
        var refused = await _app.Send(_s["sf.reg"], new UpdateRemiss.Command(created.Id, version, "Remiss om solceller", "Paneler.", new DateOnly(2026, 5, 29), false, null, null));
        Assert.That(refused.Refusal, Is.Not.Null);
        Assert.That(await Titles("solceller"), Is.Empty);
        Assert.That(await Titles("gatubelysning"), Is.EqualTo(new[] { "Remiss om gatubelysning" }));
    }

    [Test]
    public async Task Text_of_uploaded_pdf_and_word_files_is_found()
    {
        var created = await Remiss("Remiss med handlingar", "Se bilagorna.");
        await _app.Ok(_s["ks.reg"], new AddRemisshandling.Command(created.Id, "underlag.pdf", SearchFiles.Pdf("Klimatanpassning av dagvattensystemet")));
        await _app.Ok(_s["ks.reg"], new AddRemisshandling.Command(created.Id, "bilaga.docx", SearchFiles.Docx("Översvämningsrisker längs kajerna")));

        Assert.That(await Titles("dagvattensystemet", SearchTypes.Remisshandling), Is.EqualTo(new[] { "underlag.pdf" }));
        Assert.That(await Titles("oversvamningsrisker", SearchTypes.Remisshandling), Is.EqualTo(new[] { "bilaga.docx" }));
        var hit = (await Search(_s["ks.reg"], new SearchRequest("kajerna"), ofKs: true)).Hits.Single();
        Assert.That(hit.Snippet, Does.Contain("kajerna"));
        Assert.That(hit.Marks.Select(m => hit.Snippet.Substring(m.Start, m.Length)), Is.EqualTo(new[] { "kajerna" }));
        Assert.That(hit.Url, Is.EqualTo($"/remisser/{created.Id}/handlingar"));
    }

    [Test]
    public async Task Filters_narrow_by_type_organisation_date_and_status()
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf, _s.Sof);
        await Remiss("Utkast om jämställdhet", "Inte utskickad.");
        var all = await Search(_s["ks.reg"], new SearchRequest("jämställt", Take: 100), ofKs: true);
        Assert.That(all.PerType.Keys, Is.EquivalentTo(new[] { SearchTypes.Remiss }), "the answers are not handed in, so KS sees only the remisser");

        var sf = _s["sf.reg"];
        var own = await Search(sf, new SearchRequest("jämställt", Take: 100));
        Assert.That(own.Hits.Select(h => h.Type).Distinct(), Is.EquivalentTo(new[] { SearchTypes.Remiss, SearchTypes.Arende }));
        var svar = await _s.SvarAsync(remiss, _s.Sf);
        Assert.That(own.Hits.Single(h => h.Type == SearchTypes.Remiss).Url, Is.EqualTo($"/arenden/{svar.Id}"), "an instans opens the remiss through its own ärende");

        Assert.That((await Search(sf, new SearchRequest("jämställt", SearchTypes.Arende))).Hits.Select(h => h.Id), Is.EqualTo(new[] { svar.Id }));
        Assert.That((await Search(sf, new SearchRequest("jämställt", OrganisationId: _s.Ks))).Hits.Select(h => h.Type), Is.EqualTo(new[] { SearchTypes.Remiss }));
        Assert.That((await Search(sf, new SearchRequest("jämställt", Status: svar.Status))).Hits.Select(h => h.Id), Is.EqualTo(new[] { svar.Id }));
        Assert.That((await Search(sf, new SearchRequest("jämställt", SvarsdatumFran: new DateOnly(2026, 4, 25)))).Total, Is.Zero);
        Assert.That((await Search(sf, new SearchRequest("jämställt", SvarsdatumTill: new DateOnly(2026, 4, 24)))).Total, Is.EqualTo(2));
        Assert.That((await Search(sf, new SearchRequest("jämställt", Fran: new DateOnly(2027, 1, 1)))).Total, Is.Zero);
        Assert.That((await Search(sf, new SearchRequest("jämställt", Till: new DateOnly(2027, 1, 1)))).Total, Is.EqualTo(2));
    }

    /// <summary>A marker word in a TU draft is found by the instans's own people and by nobody else, whatever their role.</summary>
    [Test]
    public async Task A_marker_word_in_a_draft_is_found_by_its_organisation_and_nobody_else()
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf, _s.Sof);
        var svar = (await _s.SvarAsync(remiss, _s.Sf)).Id;
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar));
        await _app.Ok(_s["sf.reg"], new AssignHandlaggare.Command(svar, _s["sf.hl"].UserId!.Value));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar, "paborja_beredning"));
        await _app.Ok(_s["sf.hl"], new SaveTjansteutlatande.Command(svar, null, "Remiss av handlingsplanen", "1. Godkänner.",
            "Sammanfattning med ordet zygomarkör.", "Bakgrund.", "Ärendet.", null, "Synpunkter."));

        foreach (var key in new[] { "sf.reg", "sf.hl", "sf.chef", "sf.sek" })
        {
            var hits = (await Search(_s[key], new SearchRequest("zygomarkor"))).Hits;
            Assert.That(hits.Select(h => (h.Type, h.Url)), Is.EqualTo(new[] { (SearchTypes.Tjansteutlatande, key == "sf.hl" ? $"/arenden/{svar}/tu" : $"/arenden/{svar}") }), key);
        }

        var strangers = _s.People.Where(p => !p.Key.StartsWith("sf.", StringComparison.Ordinal)).Select(p => (p.Key, p.Value, OfKs: p.Value.OrganisationId == _s.Ks)).ToList();
        strangers.Add(("admin", TestApp.As(_s.Ks, Role.Administrator), true));
        strangers.Add(("publik", Actor.Anonymous, false));
        foreach (var (key, actor, ofKs) in strangers)
        {
            Assert.That((await Search(actor, new SearchRequest("zygomarkör"), ofKs)).Total, Is.Zero, key);
        }
    }

    [Test]
    public async Task The_public_finds_sent_remisser_only()
    {
        await Remiss("Utkast om vattenkvalitet", "Inte utskickad.");
        var sent = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);
        Assert.That((await Search(Actor.Anonymous, new SearchRequest("vattenkvalitet"))).Total, Is.Zero);
        var hits = (await Search(Actor.Anonymous, new SearchRequest("handlingsplan", Take: 100))).Hits;
        Assert.That(hits.Select(h => (h.Type, h.Url)), Is.EqualTo(new[] { (SearchTypes.Remiss, $"/publikt/remisser/{sent}") }));
    }

    [Test]
    public async Task Meetings_organisations_and_people_are_found_by_those_whose_pages_show_them()
    {
        await _s.MeetingAsync(_s.SfNamnd, new DateOnly(2026, 4, 16));
        Assert.That((await Search(_s["sf.sek"], new SearchRequest("servicenämnden", SearchTypes.Sammantrade))).Total, Is.EqualTo(1));
        Assert.That((await Search(_s["sof.sek"], new SearchRequest("servicenämnden", SearchTypes.Sammantrade))).Total, Is.Zero);
        Assert.That((await Search(_s["sf.hl"], new SearchRequest("servicenämnden", SearchTypes.Sammantrade))).Total, Is.Zero);

        var admin = TestApp.As(_s.Ks, Role.Administrator);
        Assert.That((await Search(admin, new SearchRequest("socialförvaltningen", SearchTypes.Organisation))).Hits.Select(h => h.Url), Is.EqualTo(new[] { $"/admin/organisationer/{_s.Sof}" }));
        Assert.That((await Search(admin, new SearchRequest("sof.hl@example.test", SearchTypes.Person))).Hits.Select(h => h.Id), Is.EqualTo(new[] { _s["sof.hl"].UserId!.Value }));
        Assert.That((await Search(_s["sf.hl"], new SearchRequest("socialförvaltningen", SearchTypes.Organisation))).Total, Is.Zero);
    }

    [Test]
    public async Task An_arende_follows_its_remiss_title_in_the_same_save()
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);
        var svar = (await _s.SvarAsync(remiss, _s.Sf)).Id;
        await _app.Query(async db =>
        {
            (await db.Remisser.SingleAsync(r => r.Id == remiss)).Title = "Program för vattenförsörjning";
            return await db.SaveChangesAsync();
        });

        var hits = (await Search(_s["sf.reg"], new SearchRequest("vattenförsörjning", SearchTypes.Arende))).Hits;
        Assert.That(hits.Select(h => (h.Id, h.Title)), Is.EqualTo(new[] { (svar, "Program för vattenförsörjning") }));
        Assert.That((await Search(_s["sf.reg"], new SearchRequest("jämställt", SearchTypes.Arende))).Total, Is.Zero, "the old title is gone from the ärende");
    }

    [Test]
    public async Task Sorted_by_title_a_ring_a_umlaut_and_o_umlaut_come_after_z()
    {
        foreach (var title in new[] { "Ödelagda parker", "Zonindelning av parker", "Äldre parker", "Åtgärder i parker", "Arkitektur i parker", "Östra parker" })
        {
            await Remiss(title, "Om stadens grönska.");
        }

        var hits = (await Search(_s["ks.reg"], new SearchRequest("parker", Take: 100, SortByTitle: true), ofKs: true)).Hits.Select(h => h.Title);
        Assert.That(hits, Is.EqualTo(new[] { "Arkitektur i parker", "Zonindelning av parker", "Åtgärder i parker", "Äldre parker", "Ödelagda parker", "Östra parker" }));
    }

    /// <summary>
    /// Both index every stop word as one token: a stop word inside a phrase stands for any stop word (PostgreSQL alone
    /// would take any word there), and one at a phrase's end asks for nothing.
    /// </summary>
    [Test]
    public async Task A_stop_word_inside_a_phrase_means_the_same_on_both_databases()
    {
        await Remiss("Cykelvägar och bussar", "Trafik i staden.");
        await Remiss("Cykelvägar utan bussar", "Trafik i staden.");
        await Remiss("Cykelvägar med tåg och bussar", "Trafik i staden.");
        await Remiss("Cykelvägar tåg bussar", "Trafik i staden.");
        await Remiss("Bussar och cykelvägar", "Trafik i staden.");

        Assert.That(await Titles("\"cykelvägar och bussar\""), Is.EqualTo(new[] { "Cykelvägar och bussar", "Cykelvägar utan bussar" }));
        Assert.That(await Titles("\"och bussar och\""), Is.EqualTo(await Titles("bussar")), "a stop word at either end is dropped");
        Assert.That(await Titles("\"tåg och bussar\""), Is.EqualTo(new[] { "Cykelvägar med tåg och bussar" }));
        Assert.That(await Titles("\"cykelvägar och tåg\""), Is.EqualTo(new[] { "Cykelvägar med tåg och bussar" }), "med is a stop word as och is");
        Assert.That(await Titles("trafik \"och i\""), Is.EqualTo(await Titles("trafik")), "a phrase of stop words only asks for nothing");
    }

    [Test]
    public async Task Liknande_arenden_are_the_earlier_closest_in_content_that_the_reader_may_see()
    {
        var other = await Remiss("Riktlinjer för ett jämställt Stockholm", "Jämställt bemötande och jämställd styrning.");
        await _app.Ok(_s["ks.reg"], new SetRemisslista.Command(other.Id, [_s.Sf, _s.Sof]));
        await _app.Ok(_s["ks.reg"], new AddRemisshandling.Command(other.Id, "riktlinjer.pdf", SearchFiles.Pdf("Riktlinjer.")));
        await _app.Ok(_s["ks.reg"], new FireRemissTrigger.Command(other.Id, "skicka_ut"));
        var unrelated = await Remiss("Budget för kulturen", "Teater, museer och bibliotek.");
        await _app.Ok(_s["ks.reg"], new SetRemisslista.Command(unrelated.Id, [_s.Sf]));
        await _app.Ok(_s["ks.reg"], new AddRemisshandling.Command(unrelated.Id, "budget.pdf", SearchFiles.Pdf("Budget.")));
        await _app.Ok(_s["ks.reg"], new FireRemissTrigger.Command(unrelated.Id, "skicka_ut"));

        _app.Clock.Advance(TimeSpan.FromDays(7));
        var first = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf, _s.Sof);

        _app.Clock.Advance(TimeSpan.FromDays(7));
        var later = await Remiss("Riktlinjer för ett jämställt Stockholm, del 2", "Jämställt bemötande och jämställd styrning i nämnderna.");
        await _app.Ok(_s["ks.reg"], new SetRemisslista.Command(later.Id, [_s.Sf]));
        await _app.Ok(_s["ks.reg"], new AddRemisshandling.Command(later.Id, "riktlinjer2.pdf", SearchFiles.Pdf("Riktlinjer.")));
        await _app.Ok(_s["ks.reg"], new FireRemissTrigger.Command(later.Id, "skicka_ut"));

        var own = (await _s.SvarAsync(first, _s.Sf)).Id;
        using var scope = _app.Services.CreateScope();
        var searcher = scope.ServiceProvider.GetRequiredService<Searcher>();
        var similar = await searcher.SimilarAsync(own, new SearchPrincipal(_s["sf.reg"], false), 5, CancellationToken.None);
        Assert.That(similar.Select(h => h.Id), Is.EqualTo(new[] { (await _s.SvarAsync(other.Id, _s.Sf)).Id }),
            "its own ärende and remiss are left out, the other nämnd's ärende is not readable, budget shares no word, and the later ärende came after");
        Assert.That(similar[0].Url, Is.EqualTo($"/arenden/{similar[0].Id}"));

        var fromLater = await searcher.SimilarAsync((await _s.SvarAsync(later.Id, _s.Sf)).Id, new SearchPrincipal(_s["sf.reg"], false), 5, CancellationToken.None);
        Assert.That(fromLater.Select(h => h.Id), Does.Contain((await _s.SvarAsync(other.Id, _s.Sf)).Id).And.Contain(own), "the later ärende finds both earlier ones");
    }
}
