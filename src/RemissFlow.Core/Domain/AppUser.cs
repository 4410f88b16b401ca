using Microsoft.AspNetCore.Identity;

namespace RemissFlow.Core.Domain;

/// <summary>A person who signs in. Belongs to exactly one organisation; roles are Identity roles named after <see cref="Role"/>.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }

    public string? Title { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>Secret that makes the per-user calendar feed URL unguessable.</summary>
    public string CalendarToken { get; set; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();

    /// <summary>An Administratör deactivates an account by locking it out for good; Identity then refuses every sign-in.</summary>
    public static readonly DateTimeOffset DeactivatedLockoutEnd = DateTimeOffset.MaxValue;

    public bool IsDeactivated => IsDeactivatedLockout(LockoutEnd);

    /// <summary>
    /// PostgreSQL keeps microseconds, so the stored end comes back a little short of
    /// <see cref="DateTimeOffset.MaxValue"/>; any end in the year 9999 is a deactivation, never the
    /// 15-minute lockout after failed sign-ins.
    /// </summary>
    public static bool IsDeactivatedLockout(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end >= DeactivatedFrom;

    /// <summary>
    /// The start of the year 9999: a lockout ending here or later is a deactivation. The same rule as
    /// <see cref="IsDeactivatedLockout"/>, in a form queries translate (on SQLite the column is UTC ticks, on
    /// PostgreSQL a timestamptz that cannot hold <see cref="DateTimeOffset.MaxValue"/> exactly).
    /// </summary>
    public static readonly DateTimeOffset DeactivatedFrom = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
