namespace RemissFlow.Web.Pages.Admin.Avsandare;

/// <summary>The fields the new and the edit form of an outside sender share.</summary>
public class AvsandareInput
{
    public string? Name { get; set; }

    public ExternAvsandareTyp Typ { get; set; } = ExternAvsandareTyp.Departement;

    public string? DnrFormat { get; set; }

    public string? SvarsEpost { get; set; }

    public string? SvarsAdress { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    public string? Web { get; set; }

    public bool LeveransPdf { get; set; } = true;

    public bool LeveransWord { get; set; } = true;

    public bool LeveransDnrIAmne { get; set; } = true;

    public string? LeveransFilnamn { get; set; } = Leveransregel.StandardFilnamn;

    public static string Label(ExternAvsandareTyp typ) => typ switch
    {
        ExternAvsandareTyp.Departement => "Departement (Regeringskansliet)",
        ExternAvsandareTyp.Myndighet => "Statlig myndighet",
        ExternAvsandareTyp.Lansstyrelse => "Länsstyrelse",
        ExternAvsandareTyp.Region => "Region",
        ExternAvsandareTyp.Kommun => "Annan kommun",
        _ => "Annan avsändare",
    };
}
