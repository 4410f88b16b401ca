namespace RemissFlow.Core.Workflow;

/// <summary>
/// The state names of the remissvar lifecycles (workflows/remissvar-namnd, -bolag, -extern), as stored
/// in <c>Remissvar.Status</c>. The definitions are the source; DefinitionDriftTests fails when a name
/// here is missing from them or one of theirs is missing here.
/// </summary>
public static class RemissvarState
{
    public const string Inkommen = "inkommen";
    public const string Registrerad = "registrerad";
    public const string Tilldelad = "tilldelad";
    public const string UnderBeredning = "under_beredning";
    public const string HosBeredningsorgan = "hos_beredningsorgan";
    public const string HosForvaltningschef = "hos_forvaltningschef";
    public const string Godkand = "godkand";
    public const string PreliminartSvarLamnat = "preliminart_svar_lamnat";
    public const string Anmald = "anmald";
    public const string Beslutad = "beslutad";
    public const string Justerad = "justerad";
    public const string OrdforandebeslutFattat = "ordforandebeslut_fattat";
    public const string InlamnadEjAnmald = "inlamnad_ej_anmald";
    public const string Inlamnad = "inlamnad";
    public const string BesvaradAvForvaltningen = "besvarad_av_forvaltningen";
    public const string Avstatt = "avstatt";
    public const string Aterkallad = "aterkallad";

    /// <summary>The extern lifecycle's only open state: the answer is awaited from outside.</summary>
    public const string Utskickad = "utskickad";
}

/// <summary>
/// Groups of remissvar states. They are arrays in code, not read from the registry, because EF queries
/// and static rules use them before any engine is loaded; DefinitionDriftTests pins each one to the
/// definitions (every loaded version), so a changed category or terminal flag turns a test red.
/// </summary>
public static class RemissvarStates
{
    /// <summary>No longer open for work: every state whose category is not "oppen" (besvarad or stangd).</summary>
    public static readonly string[] Answered =
    [
        RemissvarState.Inlamnad, RemissvarState.InlamnadEjAnmald, RemissvarState.BesvaradAvForvaltningen,
        RemissvarState.Avstatt, RemissvarState.Aterkallad, RemissvarState.PreliminartSvarLamnat,
    ];

    /// <summary>
    /// Category "besvarad": the answer (or the decision to abstain) has left the instans and reached the
    /// sender. What KS counts as answered and what the sender may read.
    /// </summary>
    public static readonly string[] Besvarad =
    [
        RemissvarState.Inlamnad, RemissvarState.InlamnadEjAnmald, RemissvarState.BesvaradAvForvaltningen,
        RemissvarState.PreliminartSvarLamnat, RemissvarState.Avstatt,
    ];

    /// <summary>The states marked <c>"terminal": true</c>: nothing leaves them.</summary>
    public static readonly string[] Terminal =
        [RemissvarState.Inlamnad, RemissvarState.BesvaradAvForvaltningen, RemissvarState.Avstatt, RemissvarState.Aterkallad];

    /// <summary>
    /// The handläggare holds the ärende: the TU may be edited and it is on the handläggare's own to-do
    /// list. The JSON has no flag for this, so it is code, pinned by DefinitionDriftTests to the states
    /// the definitions remind the handläggare in (trigger <c>paminn_handlaggare</c>), which is the same
    /// rule written as a transition.
    /// </summary>
    public static readonly string[] HandlaggarensTur =
        [RemissvarState.Tilldelad, RemissvarState.UnderBeredning, RemissvarState.HosBeredningsorgan];

    public static bool IsAnswered(string state) => Array.IndexOf(Answered, state) >= 0;

    public static bool IsBesvarad(string state) => Array.IndexOf(Besvarad, state) >= 0;

    public static bool IsHandlaggarensTur(string state) => Array.IndexOf(HandlaggarensTur, state) >= 0;
}
