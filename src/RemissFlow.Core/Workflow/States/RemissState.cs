namespace RemissFlow.Core.Workflow;

/// <summary>
/// The state names of the sender's lifecycle (workflows/remiss-utskick), as stored in <c>Remiss.Status</c>.
/// Pinned to the definitions by DefinitionDriftTests.
/// </summary>
public static class RemissState
{
    public const string Utkast = "utkast";
    public const string Utskickad = "utskickad";
    public const string SvarstidPagar = "svarstid_pagar";
    public const string SvarstidUte = "svarstid_ute";
    public const string Sammanstalld = "sammanstalld";
    public const string Avslutad = "avslutad";
    public const string Aterkallad = "aterkallad";
    public const string Raderad = "raderad";
}

/// <summary>Groups of remiss states, pinned to the definitions by DefinitionDriftTests.</summary>
public static class RemissStates
{
    /// <summary>
    /// Sent and waiting for answers, until the sender compiles them. Code rather than JSON (all of
    /// these share category "oppen" with utkast and sammanstalld); pinned to the states the timer
    /// trigger <c>svarstiden_gick_ut</c> leaves or enters.
    /// </summary>
    public static readonly string[] AwaitingAnswers = [RemissState.Utskickad, RemissState.SvarstidPagar, RemissState.SvarstidUte];

    /// <summary>The states marked <c>"terminal": true</c>.</summary>
    public static readonly string[] Terminal = [RemissState.Avslutad, RemissState.Aterkallad, RemissState.Raderad];

    public static bool IsTerminal(string state) => Array.IndexOf(Terminal, state) >= 0;
}

/// <summary>The states of a remiss received from an outside sender (workflows/remiss-extern).</summary>
public static class RemissExternState
{
    public const string Mottagen = "mottagen";
    public const string Expedierad = "expedierad";
    public const string Aterkallad = RemissState.Aterkallad;
}
