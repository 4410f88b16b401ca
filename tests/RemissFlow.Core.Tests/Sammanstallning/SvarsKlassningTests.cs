using RemissFlow.Core.Domain;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Calendar;

namespace RemissFlow.Core.Tests.Sammanstallning;

/// <summary>
/// The one classification of an answer that the KS matrix and the sammanställning share. March 2026:
/// Friday the 6th is svarsdatum, the 7th and 8th are a weekend; Stockholm is UTC+1.
/// </summary>
public sealed class SvarsKlassningTests
{
    private static readonly IWorkingDayCalendar Calendar = new SwedishWorkingDayCalendar();
    private static readonly DateOnly Svarsdatum = new(2026, 3, 6);

    private static DateTimeOffset Utc(int day, int hour) => new(2026, 3, day, hour, 0, 0, TimeSpan.Zero);

    private static SvarsKlass Classify(string status, DateTimeOffset? at = null, Utfall? utfall = null, DateOnly? today = null, params AnstandFakta[] anstand) =>
        SvarsKlassning.Classify(status, utfall, Svarsdatum, at, anstand, today ?? new DateOnly(2026, 3, 20), Calendar);

    [Test]
    public void An_answer_handed_in_on_svarsdatum_is_in_time_on_its_Stockholm_date()
    {
        // 23:30 UTC on the 5th is already the 6th in Stockholm.
        var k = Classify(RemissvarState.Inlamnad, new DateTimeOffset(2026, 3, 5, 23, 30, 0, TimeSpan.Zero), Utfall.Svar);
        Assert.That(k, Is.EqualTo(new SvarsKlass(SvarsKategori.BesvaratITid, true, Svarsdatum, null, true, null)));
    }

    [Test]
    public void An_answer_two_working_days_after_svarsdatum_is_late_by_two()
    {
        var k = Classify(RemissvarState.Inlamnad, Utc(10, 9), Utfall.Svar);
        Assert.That(k, Is.EqualTo(new SvarsKlass(SvarsKategori.BesvaratSent, true, new DateOnly(2026, 3, 10), 2, false, null)));
    }

    [Test]
    public void An_answer_on_the_weekend_after_svarsdatum_is_not_late()
    {
        var k = Classify(RemissvarState.BesvaradAvForvaltningen, Utc(8, 12), Utfall.ForvaltningensSvar);
        Assert.That((k.Kategori, k.ITid, k.ForsenadArbetsdagar), Is.EqualTo((SvarsKategori.BesvaratITid, (bool?)true, (int?)null)));
    }

    [Test]
    public void Avstatt_counts_as_answered_by_state_or_by_utfall()
    {
        Assert.That(Classify(RemissvarState.Avstatt, Utc(4, 9)).Kategori, Is.EqualTo(SvarsKategori.Avstatt));
        Assert.That(Classify(RemissvarState.Inlamnad, Utc(12, 9), Utfall.Avstar), Is.EqualTo(new SvarsKlass(SvarsKategori.Avstatt, true, new DateOnly(2026, 3, 12), 4, false, null)));
    }

    [Test]
    public void A_preliminary_answer_is_answered_on_the_date_it_was_given()
    {
        var k = Classify(RemissvarState.PreliminartSvarLamnat, Utc(3, 9), Utfall.ForvaltningensSvar);
        Assert.That(k, Is.EqualTo(new SvarsKlass(SvarsKategori.BesvaratITid, true, new DateOnly(2026, 3, 3), null, true, null)));
    }

    [Test]
    public void An_answer_that_is_no_longer_with_the_sender_is_open_whatever_date_it_carries()
    {
        // A preliminary answer followed by the nämnd's own handling: back in an open state.
        var k = Classify(RemissvarState.Anmald, Utc(3, 9), Utfall.ForvaltningensSvar, today: new DateOnly(2026, 3, 5));
        Assert.That(k, Is.EqualTo(new SvarsKlass(SvarsKategori.EjBesvarad, false, null, null, null, null)));
    }

    [Test]
    public void An_open_answer_is_ej_besvarad_up_to_svarsdatum_and_saknas_after_it()
    {
        Assert.That(Classify(RemissvarState.UnderBeredning, today: Svarsdatum).Kategori, Is.EqualTo(SvarsKategori.EjBesvarad));
        Assert.That(Classify(RemissvarState.UnderBeredning, today: new DateOnly(2026, 3, 7)),
            Is.EqualTo(new SvarsKlass(SvarsKategori.Saknas, false, null, null, null, null)), "a weekend day after svarsdatum: missing, not yet overdue");
        Assert.That(Classify(RemissvarState.UnderBeredning, today: new DateOnly(2026, 3, 11)),
            Is.EqualTo(new SvarsKlass(SvarsKategori.Saknas, false, null, 3, null, null)));
    }

    [Test]
    public void The_latest_anstand_asked_for_makes_an_open_answer_anstand_even_after_svarsdatum()
    {
        var k = Classify(RemissvarState.Tilldelad, today: new DateOnly(2026, 3, 11), anstand:
        [
            new AnstandFakta(AnstandBeslut.Begart, new DateOnly(2026, 3, 20), null, Utc(1, 9)),
            new AnstandFakta(AnstandBeslut.Begart, new DateOnly(2026, 3, 27), null, Utc(2, 9)),
        ]);
        Assert.That(k, Is.EqualTo(new SvarsKlass(SvarsKategori.Anstand, false, null, null, null, new AnstandInfo(new DateOnly(2026, 3, 27), false))));
    }

    [Test]
    public void A_granted_anstand_counts_until_the_svarsdatum_has_passed()
    {
        var granted = new AnstandFakta(AnstandBeslut.Beviljat, new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 20), Utc(1, 9));
        Assert.That(Classify(RemissvarState.Tilldelad, today: Svarsdatum, anstand: granted).Anstand, Is.EqualTo(new AnstandInfo(new DateOnly(2026, 3, 20), true)));
        Assert.That(Classify(RemissvarState.Tilldelad, today: new DateOnly(2026, 3, 9), anstand: granted).Kategori, Is.EqualTo(SvarsKategori.Saknas));
    }

    [Test]
    public void A_withdrawn_answer_is_aterkallad_and_nothing_else()
    {
        var pending = new AnstandFakta(AnstandBeslut.Begart, new DateOnly(2026, 3, 20), null, Utc(1, 9));
        Assert.That(Classify(RemissvarState.Aterkallad, Utc(3, 9), Utfall.Svar, anstand: pending),
            Is.EqualTo(new SvarsKlass(SvarsKategori.Aterkallad, false, null, null, null, null)));
    }
}
