namespace RemissFlow.Workflows.Runtime;

/// <summary>
/// What the engine needs to know of the ärende a workflow runs for. The host's entity (Remiss,
/// Remissvar) implements it, or a thin adapter over it.
/// </summary>
public interface IWorkflowSubject
{
    /// <summary>E.g. "Remiss" or "Remissvar"; stored on the instance.</summary>
    string SubjectType { get; }

    Guid Id { get; }

    /// <summary>The organisation whose ärende this is (the förvaltning, bolag or outside organisation answering; KS for the remiss itself).</summary>
    Guid OwnerOrganisationId { get; }

    /// <summary>The organisation that sent the remiss, when it is another one than the owner.</summary>
    Guid? SenderOrganisationId { get; }

    /// <summary>A date field timers count from, e.g. "svarsdatum"; null when not set (the timer is then not scheduled).</summary>
    DateOnly? GetDate(string field);
}

/// <summary>Who fires a trigger. Roles are <see cref="WorkflowRoles"/> strings.</summary>
public sealed record WorkflowActor(Guid? Id, string Name, Guid? OrganisationId, IReadOnlySet<string> Roles)
{
    /// <summary>The host itself, for timers and cascades; trusted, so not bound by the organisation rule.</summary>
    public static WorkflowActor System { get; } = new(null, "System", null, new HashSet<string> { WorkflowRoles.System });

    public bool IsSystem => Roles.Contains(WorkflowRoles.System);

    public static WorkflowActor Create(Guid id, string name, Guid organisationId, params string[] roles) =>
        new(id, name, organisationId, new HashSet<string>(roles, StringComparer.Ordinal));
}
