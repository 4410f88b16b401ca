namespace RemissFlow.Core.Mediation;

/// <summary>Who is acting: a signed-in user, or the system itself (timers, seeding, migrations).</summary>
public sealed record Actor(Guid? UserId, string Name, Guid? OrganisationId, IReadOnlySet<Role> Roles)
{
    public bool IsSystem => UserId is null;

    public bool Has(Role role) => IsSystem || Roles.Contains(role);

    public bool HasAny(IEnumerable<Role> roles) => IsSystem || roles.Any(Roles.Contains);

    /// <summary>A member of an organ and nothing else: reads kallelser, never the förvaltning's drafts, though the account is of the organisation.</summary>
    public bool IsOnlyLedamot => !IsSystem && Roles.Count > 0 && Roles.All(r => r == Role.Ledamot);

    public static Actor System { get; } = new(null, "RemissFlow", null, new HashSet<Role>());

    /// <summary>Nobody signed in. Unlike <see cref="System"/> it may do nothing; the pipeline refuses it.</summary>
    public static Actor Anonymous { get; } = new(Guid.Empty, "Anonym", null, new HashSet<Role>());
}

/// <summary>The actor of the current scope: the web app sets it from the signed-in principal, the CLI uses <see cref="Actor.System"/>.</summary>
public interface ICurrentActor
{
    Actor Actor { get; }
}

public sealed class CurrentActor : ICurrentActor
{
    public Actor Actor { get; set; } = Actor.System;
}
