namespace RemissFlow.Core.Workflow;

/// <summary>The state names of workflows/sammantrade, as stored in <c>Sammantrade.Status</c>.</summary>
public static class SammantradeState
{
    public const string Planerat = "planerat";
    public const string Kallat = "kallat";
    public const string Pagar = "pagar";
    public const string Avslutat = "avslutat";

    /// <summary>The state of a meeting, also one whose workflow has not started yet (its first transition starts it).</summary>
    public static string Of(Domain.Sammantrade meeting) =>
        meeting.Status ?? (meeting.KallelseSkickadAt is null ? Planerat : Kallat);

    /// <summary>Opened: beslut, närvaro, jäv and voteringar may be recorded.</summary>
    public static bool HasBegun(Domain.Sammantrade meeting) => Of(meeting) is Pagar or Avslutat;
}
