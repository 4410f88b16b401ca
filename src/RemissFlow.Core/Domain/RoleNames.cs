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
        _ => role.ToString(),
    };
}
