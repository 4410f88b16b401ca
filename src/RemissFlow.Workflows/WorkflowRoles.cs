namespace RemissFlow.Workflows;

/// <summary>The role names definitions use; the host maps its users' roles onto these strings.</summary>
public static class WorkflowRoles
{
    public const string Registrator = "Registrator";
    public const string Handlaggare = "Handlaggare";
    public const string Forvaltningschef = "Forvaltningschef";
    public const string Namndsekreterare = "Namndsekreterare";
    public const string KsSamordnare = "KsSamordnare";
    public const string Administrator = "Administrator";

    /// <summary>A member of an organ: justerar the protokoll with an own account.</summary>
    public const string Ledamot = "Ledamot";

    /// <summary>Delivers to the e-arkiv and takes the gallringsbeslut under the dokumenthanteringsplan.</summary>
    public const string Arkivarie = "Arkivarie";

    /// <summary>The host itself: timers and cascades (a withdrawn remiss closing its answers).</summary>
    public const string System = "System";

    public static string SwedishLabel(string role) => role switch
    {
        Registrator => "registrator",
        Handlaggare => "handläggare",
        Forvaltningschef => "förvaltningschef",
        Namndsekreterare => "nämndsekreterare",
        KsSamordnare => "KS-samordnare",
        Administrator => "administratör",
        Ledamot => "ledamot",
        Arkivarie => "arkivarie",
        System => "systemet",
        _ => role,
    };
}
