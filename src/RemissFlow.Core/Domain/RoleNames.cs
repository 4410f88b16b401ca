namespace RemissFlow.Core.Domain;

public static class RoleNames
{
    public static string Swedish(Role role) => role switch
    {
        Role.Registrator => "registrator",
        Role.Handlaggare => "handläggare",
        Role.Forvaltningschef => "förvaltningschef",
        Role.Namndsekreterare => "nämndsekreterare",
        Role.KsSamordnare => "KS-samordnare",
        Role.Administrator => "administratör",
        Role.Ledamot => "ledamot",
        Role.Arkivarie => "arkivarie",
        _ => role.ToString(),
    };

    /// <summary>The role's name in the organisation: a bolag's förvaltningschef is its vd.</summary>
    public static string Swedish(Role role, OrganisationKind kind) =>
        role == Role.Forvaltningschef && kind == OrganisationKind.Bolag ? "vd" : Swedish(role);

    /// <summary>Who approves the TU, in definite form as a sentence needs it: "förvaltningschefen", or "vd" in a bolag.</summary>
    public static string Chef(OrganisationKind kind) => kind == OrganisationKind.Bolag ? "vd" : "förvaltningschefen";

    /// <summary>As <see cref="Chef"/>, to begin a sentence.</summary>
    public static string ChefCapitalised(OrganisationKind kind) => kind == OrganisationKind.Bolag ? "Vd" : "Förvaltningschefen";
}
