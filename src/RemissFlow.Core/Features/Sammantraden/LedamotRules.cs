using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>
/// What entering a member and importing members share, so a row the form refuses the import refuses too:
/// one ordförande and one vice ordförande at a time, a person once per period, an account linked to one seat.
/// </summary>
public static class LedamotRules
{
    public const int PartiMax = 100;

    public sealed record Kandidat(string Namn, string? Parti, Uppdrag Uppdrag, DateOnly Fran, DateOnly Till, Guid? UserId);

    public static string Label(Uppdrag uppdrag) => uppdrag switch
    {
        Uppdrag.Ordforande => "ordförande",
        Uppdrag.ViceOrdforande => "vice ordförande",
        Uppdrag.Ledamot => "ledamot",
        Uppdrag.Ersattare => "ersättare",
        _ => uppdrag.ToString(),
    };

    /// <summary>The conflicts of <paramref name="k"/> with the organ's members for an overlapping period, as (field, Swedish message).</summary>
    public static IEnumerable<FieldError> Conflicts(Kandidat k, string organNamn, IEnumerable<Ledamot> members)
    {
        var overlapping = members.Where(m => m.Overlaps(k.Fran, k.Till)).ToList();
        if (k.Uppdrag is Uppdrag.Ordforande or Uppdrag.ViceOrdforande && overlapping.FirstOrDefault(m => m.Uppdrag == k.Uppdrag) is { } holder)
        {
            yield return new FieldError("Uppdrag", $"Uppdrag: {organNamn} har redan {Label(k.Uppdrag)} under perioden ({holder.Namn}, {Period(holder.Fran, holder.Till)}).");
        }

        if (overlapping.Any(m => SwedishText.Comparer.Equals(m.Namn, k.Namn.Trim())))
        {
            yield return new FieldError("Namn", $"Namn: {k.Namn.Trim()} har redan ett uppdrag i {organNamn} under perioden.");
        }

        if (k.UserId is { } user && overlapping.FirstOrDefault(m => m.UserId == user) is { } linked)
        {
            yield return new FieldError("UserId", $"Konto: kontot är redan kopplat till {linked.Namn} i {organNamn} under perioden.");
        }
    }

    /// <summary>An account may be linked only if it is of the organ's organisation and holds the role ledamot.</summary>
    public static async Task<string?> AccountProblemAsync(RemissFlowDbContext db, Guid organisationId, Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.OrganisationId, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (user is null || user.OrganisationId != organisationId)
        {
            return "Konto: det valda kontot finns inte i organets organisation.";
        }

        var role = nameof(Role.Ledamot).ToUpperInvariant();
        bool isLedamot = await (from ur in db.UserRoles
                                join r in db.Roles on ur.RoleId equals r.Id
                                where ur.UserId == userId && r.NormalizedName == role
                                select ur).AnyAsync(ct);
        return isLedamot ? null : $"Konto: {user.DisplayName} har inte rollen ledamot; en administratör ger kontot rollen först.";
    }

    public static string Period(DateOnly fran, DateOnly till) => $"{SwedishText.IsoDate(fran)}–{SwedishText.IsoDate(till)}";
}
