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
}
