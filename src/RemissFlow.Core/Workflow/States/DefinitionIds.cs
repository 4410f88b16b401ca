namespace RemissFlow.Core.Workflow;

/// <summary>The definition ids of workflows/*.json that the code refers to.</summary>
public static class DefinitionIds
{
    public const string RemissUtskick = "remiss-utskick";

    /// <summary>A remiss received from an outside sender: the receiving registry records what the sender does.</summary>
    public const string RemissExtern = "remiss-extern";
    public const string RemissvarNamnd = "remissvar-namnd";
    public const string RemissvarBolag = "remissvar-bolag";
    public const string RemissvarExtern = "remissvar-extern";
    public const string Protokoll = "protokoll";
    public const string Sammantrade = "sammantrade";
    public const string Gallring = "gallring";
    public const string Inkommande = "inkommande";

    /// <summary>The remissvar lifecycles, fullest first: the order a state's label is looked up in when the definition is unknown.</summary>
    public static readonly string[] Remissvar = [RemissvarNamnd, RemissvarBolag, RemissvarExtern];
}
