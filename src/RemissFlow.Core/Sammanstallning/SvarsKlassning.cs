using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Calendar;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Sammanstallning;

/// <summary>What of an anstånd the classification reads.</summary>
public sealed record AnstandFakta(AnstandBeslut Beslut, DateOnly BegartDatum, DateOnly? BeviljatDatum, DateTimeOffset BegartAt)
{
    public static AnstandFakta Of(Anstand a) => new(a.Beslut, a.BegartDatum, a.BeviljatDatum, a.BegartAt);
}

/// <summary>Where one answer stands as KS counts it, with the dates the count rests on.</summary>
/// <param name="Besvarad">Handed to the sender (category "besvarad"); utfall and standpunkt count only then.</param>
/// <param name="InlamnadDatum">The Stockholm date the answer reached the sender; null while open.</param>
/// <param name="ForsenadArbetsdagar">For a late answer how late it came; for a missing one how overdue it is today.</param>
/// <param name="ITid">Answered on or before svarsdatum; null while open.</param>
/// <param name="Anstand">For an open answer: the anstånd that matters (asked for, or granted and not yet passed).</param>
public sealed record SvarsKlass(SvarsKategori Kategori, bool Besvarad, DateOnly? InlamnadDatum, int? ForsenadArbetsdagar, bool? ITid, AnstandInfo? Anstand);

/// <summary>
/// The one rule for an instans's answer: besvarat i tid, sent, avstått, anstånd, saknas, ej besvarad
/// or återkallad. The KS matrix (Oversikt) and the sammanställning's matrix both classify through here.
/// </summary>
public static class SvarsKlassning
{
    /// <param name="inlamnadAt">When the answer reached the sender: <c>InlamnadAt</c>, or for a preliminary answer <c>PreliminartSvarAt</c>.</param>
    public static SvarsKlass Classify(string status, Utfall? utfall, DateOnly svarsdatum, DateTimeOffset? inlamnadAt,
        IEnumerable<AnstandFakta> anstand, DateOnly today, IWorkingDayCalendar calendar)
    {
        var besvarad = RemissvarStates.IsBesvarad(status);
        DateOnly? inlamnad = besvarad && inlamnadAt is { } at ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, StockholmTime.Zone).DateTime) : null;

        if (status == RemissvarState.Aterkallad)
        {
            return new SvarsKlass(SvarsKategori.Aterkallad, false, null, null, null, null);
        }

        if (besvarad)
        {
            // An answer registered on a non-working day right after svarsdatum is not late: the registry had not opened yet.
            var days = inlamnad is { } d ? calendar.CountWorkingDays(svarsdatum, d) : 0;
            var kategori = utfall == Utfall.Avstar || status == RemissvarState.Avstatt ? SvarsKategori.Avstatt
                : days <= 0 ? SvarsKategori.BesvaratITid : SvarsKategori.BesvaratSent;
            return new SvarsKlass(kategori, true, inlamnad, days > 0 ? days : null, days <= 0, null);
        }

        var list = anstand as IReadOnlyCollection<AnstandFakta> ?? anstand.ToList();
        var pending = list.Where(a => a.Beslut == AnstandBeslut.Begart).OrderByDescending(a => a.BegartAt).FirstOrDefault();
        var granted = list.Where(a => a.Beslut == AnstandBeslut.Beviljat && a.BeviljatDatum != null).Select(a => a.BeviljatDatum!.Value).DefaultIfEmpty().Max();
        AnstandInfo? info = pending is not null ? new AnstandInfo(pending.BegartDatum, false)
            : granted != default && svarsdatum >= today ? new AnstandInfo(granted, true)
            : null;

        var open = info is not null ? SvarsKategori.Anstand : today > svarsdatum ? SvarsKategori.Saknas : SvarsKategori.EjBesvarad;
        var overdue = open == SvarsKategori.Saknas ? calendar.CountWorkingDays(svarsdatum, today) : 0;
        return new SvarsKlass(open, false, null, overdue > 0 ? overdue : null, null, info);
    }
}
