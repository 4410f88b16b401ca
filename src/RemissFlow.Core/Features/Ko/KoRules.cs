using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Features.Ko;

/// <summary>
/// The shared queues: the steps of an ärende that wait for a role of the instans's organisation, not for a named
/// person, and so wait in that role's queue ("Registratorerna på Stadsbyggnadsförvaltningen") until one of them takes
/// it. The handläggare's own steps and a ledamot's justering wait for a named person and have no queue.
/// </summary>
public static class KoRules
{
    /// <summary>The role whose queue the ärende waits in at its current step; null when it waits for a named person or nobody.</summary>
    public static Role? RollFor(string status, Guid? handlaggareId) => status switch
    {
        RemissvarState.Inkommen => Role.Registrator,
        RemissvarState.Registrerad when handlaggareId is null => Role.Registrator,
        RemissvarState.HosForvaltningschef => Role.Forvaltningschef,
        RemissvarState.Godkand or RemissvarState.PreliminartSvarLamnat or RemissvarState.InlamnadEjAnmald or RemissvarState.Anmald
            or RemissvarState.Beslutad or RemissvarState.Justerad or RemissvarState.OrdforandebeslutFattat => Role.Namndsekreterare,
        _ => null,
    };

    /// <summary>The start page's sections that list a queue's ärenden, and the queue's role.</summary>
    public static readonly IReadOnlyDictionary<string, Role> Sektioner = new Dictionary<string, Role>
    {
        ["registrera"] = Role.Registrator,
        ["tilldela"] = Role.Registrator,
        ["godkanna"] = Role.Forvaltningschef,
        ["anmala"] = Role.Namndsekreterare,
        ["protokollfora"] = Role.Namndsekreterare,
        ["justera"] = Role.Namndsekreterare,
        ["lamna_in"] = Role.Namndsekreterare,
    };

    /// <summary>"Registratorerna på Stadsbyggnadsförvaltningen": the queue's name as the start page and the audit log write it.</summary>
    public static string Namn(Role role, string organisation) => $"{Plural(role)} på {organisation}";

    private static string Plural(Role role) => role switch
    {
        Role.Registrator => "Registratorerna",
        Role.Forvaltningschef => "Förvaltningscheferna",
        Role.Namndsekreterare => "Nämndsekreterarna",
        _ => RoleNames.Swedish(role),
    };
}
