namespace RemissFlow.Core.Mediation;

/// <summary>Who is acting: a signed-in user, or the system itself (timers, seeding, migrations).</summary>
public sealed record Actor(Guid? UserId, string Name, Guid? OrganisationId, IReadOnlySet<Role> Roles)
{
    public bool IsSystem => UserId is null;

    /// <summary>
    /// The people away whose work this actor holds today as their ersättare. Their roles are already in
    /// <see cref="Roles"/>, so every access rule grants them; this says whose they are.
    /// </summary>
    public IReadOnlyList<Ersattaruppdrag> Uppdrag { get; init; } = [];

    /// <summary>The roles the actor holds itself, without those held as ersättare.</summary>
    public IEnumerable<Role> EgnaRoller => Roles.Where(r => !Uppdrag.Any(u => u.Lanade.Contains(r)));

    /// <summary>Set for the request once an action was allowed only through a role of <see cref="Uppdrag"/>: the audit events and signatures name that person.</summary>
    public Ersattaruppdrag? PaUppdragAv { get; init; }

    /// <summary>
    /// The person on whose behalf an action that needs one of <paramref name="needed"/> is done: null when the
    /// actor holds such a role itself (its own work stays its own), else the first absent person who has one.
    /// </summary>
    public Ersattaruppdrag? OnBehalfFor(IEnumerable<Role> needed)
    {
        if (IsSystem || Uppdrag.Count == 0)
        {
            return null;
        }

        var list = needed.ToList();
        return list.Any(r => Roles.Contains(r) && !Uppdrag.Any(u => u.Lanade.Contains(r)))
            ? null
            : Uppdrag.FirstOrDefault(u => list.Any(u.Lanade.Contains));
    }

    public bool Has(Role role) => IsSystem || Roles.Contains(role);

    public bool HasAny(IEnumerable<Role> roles) => IsSystem || roles.Any(Roles.Contains);

    /// <summary>A member of an organ and nothing else: reads kallelser, never the förvaltning's drafts, though the account is of the organisation.</summary>
    public bool IsOnlyLedamot => !IsSystem && Roles.Count > 0 && Roles.All(r => r == Role.Ledamot);

    public static Actor System { get; } = new(null, "RemissFlow", null, new HashSet<Role>());

    /// <summary>Nobody signed in. Unlike <see cref="System"/> it may do nothing; the pipeline refuses it.</summary>
    public static Actor Anonymous { get; } = new(Guid.Empty, "Anonym", null, new HashSet<Role>());

    /// <summary>
    /// An outside organisation answering through its svarslänk, once the token is checked: no account, so the engine
    /// sees the system (the definitions name it), and the audit log names the organisation and the way it came.
    /// </summary>
    public static Actor ViaSvarslank(string instans) => new(null, $"{(instans.Length > 180 ? instans[..180] : instans)} via svarslänk", null, new HashSet<Role>());
}

/// <summary>The actor of the current scope: the web app sets it from the signed-in principal, the CLI uses <see cref="Actor.System"/>.</summary>
public interface ICurrentActor
{
    Actor Actor { get; }

    /// <summary>Marks the rest of this request as done on <paramref name="uppdrag"/>'s behalf (the first mark wins).</summary>
    void ActOnBehalfOf(Ersattaruppdrag uppdrag);
}

public sealed class CurrentActor : ICurrentActor
{
    public Actor Actor { get; set; } = Actor.System;

    public void ActOnBehalfOf(Ersattaruppdrag uppdrag)
    {
        if (Actor.PaUppdragAv is null)
        {
            Actor = Actor with { PaUppdragAv = uppdrag };
        }
    }
}

/// <summary>
/// One absent person whose work the actor holds: <see cref="Lanade"/> are the roles the actor has only through them
/// (the period's <see cref="Domain.Ersattarperiod"/> id is kept for the audit trail).
/// </summary>
public sealed record Ersattaruppdrag(Guid PeriodId, Guid UserId, string Name, IReadOnlySet<Role> Lanade, DateOnly TillOchMed)
{
    /// <summary>"t.f. förvaltningschef" for one role, "på uppdrag av Per Åkesson" otherwise: what a signature or an audit line prints.</summary>
    public string Titel(OrganisationKind kind) => Lanade.Count == 1
        ? $"t.f. {RoleNames.Swedish(Lanade.First(), kind)}"
        : $"på uppdrag av {Name}";
}
