using Microsoft.EntityFrameworkCore;
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
    public static IQueryable<RemissvarRow> Open(RemissFlowDbContext db, Guid organisationId) =>
        from v in db.Remissvar.AsNoTracking()
        join r in db.Remisser on v.RemissId equals r.Id
        join u in db.Users on v.HandlaggareId equals u.Id into handlaggare
        from u in handlaggare.DefaultIfEmpty()
        where v.InstansId == organisationId && v.InlamnadAt == null && v.Utfall == null && v.Status != "aterkallad"
        select new RemissvarRow(v.Id, r.Title, v.AvsandareDnr, v.Dnr, v.Status, v.Svarsdatum, u == null ? null : u.DisplayName);

    public static IQueryable<RemissvarRow> Inkorg(RemissFlowDbContext db, Guid organisationId) =>
        Open(db, organisationId).Where(v => v.Dnr == null);

    public static IQueryable<RemissvarRow> AssignedTo(RemissFlowDbContext db, Guid organisationId, Guid userId) =>
        from row in Open(db, organisationId)
        join v in db.Remissvar on row.Id equals v.Id
        where v.HandlaggareId == userId
        select row;
}
