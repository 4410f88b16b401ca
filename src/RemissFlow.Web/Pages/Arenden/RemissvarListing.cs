using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>One row of an instans's answer lists (inkorg, mina ärenden, bevakning, start page).</summary>
public sealed record RemissvarRow(Guid Id, string RemissTitle, string AvsandareDnr, string? Dnr, string Status, DateOnly Svarsdatum, string? Handlaggare);

/// <summary>What the shared table partial shows: rows, a caption for screen readers, and the text when there are none.</summary>
public sealed record RemissvarTable(IReadOnlyList<RemissvarRow> Rows, string Caption, string Empty);

/// <summary>
/// The read side shared by the instans's pages. "Open" is decided by the data (no answer handed
/// in, no outcome) rather than by workflow state names, which belong to the workflow definitions.
/// </summary>
public static class RemissvarListing
{
    /// <summary>Every open answer of the organisation, nearest svarsdatum first.</summary>
    public static IQueryable<RemissvarRow> Open(RemissFlowDbContext db, Guid organisationId) => Rows(db, OpenAnswers(db, organisationId));

    /// <summary>Arrived but not yet registered in the organisation's own diarium.</summary>
    public static IQueryable<RemissvarRow> Inkorg(RemissFlowDbContext db, Guid organisationId) =>
        Rows(db, OpenAnswers(db, organisationId).Where(v => v.Dnr == null));

    public static IQueryable<RemissvarRow> AssignedTo(RemissFlowDbContext db, Guid organisationId, Guid userId) =>
        Rows(db, OpenAnswers(db, organisationId).Where(v => v.HandlaggareId == userId));

    private static IQueryable<Remissvar> OpenAnswers(RemissFlowDbContext db, Guid organisationId) =>
        db.Remissvar.AsNoTracking().Where(v => v.InstansId == organisationId && v.InlamnadAt == null && v.Utfall == null && v.Status != "aterkallad");

    // Filters and order go on the entities; EF cannot translate them once projected into the record.
    private static IQueryable<RemissvarRow> Rows(RemissFlowDbContext db, IQueryable<Remissvar> answers) =>
        from v in answers
        join r in db.Remisser on v.RemissId equals r.Id
        orderby v.Svarsdatum, v.AvsandareDnr
        select new RemissvarRow(v.Id, r.Title, v.AvsandareDnr, v.Dnr, v.Status, v.Svarsdatum,
            db.Users.Where(u => u.Id == v.HandlaggareId).Select(u => u.DisplayName).FirstOrDefault());
}
