namespace RemissFlow.Core.Domain;

/// <summary>The nämnd's (or chair's, or styrelse's) decision on a remissvar, with what the protokoll must show (KL 5:67).</summary>
public sealed class Beslut : Entity
{
    public Guid RemissvarId { get; set; }

    public Guid? SammantradeId { get; set; }

    public int? Paragraf { get; set; }

    public DateOnly Datum { get; set; }

    public required string Beslutstext { get; set; }

    public string? Beslutsunderlag { get; set; }

    public string? Voteringsordning { get; set; }

    public List<Inlaga> Yrkanden { get; set; } = [];

    public List<Inlaga> Reservationer { get; set; } = [];

    public List<Inlaga> SarskildaUttalanden { get; set; } = [];

    public bool OmedelbarJustering { get; set; }

    /// <summary>Decided by the ordförande on delegation; must be reported at the next meeting.</summary>
    public bool Ordforandebeslut { get; set; }

    public Guid? AnmalsVidSammantradeId { get; set; }

    public string? Justerare { get; set; }

    public DateOnly? JusteradDatum { get; set; }

    public string? ExpedierasTill { get; set; }

    /// <summary>What the nämnd proposes that kommunfullmäktige decide, when the ärende goes on to fullmäktige.</summary>
    public string? ForslagTillFullmaktige { get; set; }

    /// <summary>
    /// A correction rewrites the recorded decision in place: before justering the protokoll is not
    /// final, and the audit event of the transition keeps the reason and the corrected text.
    /// </summary>
    public void Ratta(int paragraf, string beslutstext, string? beslutsunderlag, string? voteringsordning,
        List<Inlaga> yrkanden, List<Inlaga> reservationer, List<Inlaga> sarskildaUttalanden, bool omedelbarJustering, string? expedierasTill,
        string? forslagTillFullmaktige)
    {
        Paragraf = paragraf;
        Beslutstext = beslutstext;
        Beslutsunderlag = beslutsunderlag;
        Voteringsordning = voteringsordning;
        Yrkanden = yrkanden;
        Reservationer = reservationer;
        SarskildaUttalanden = sarskildaUttalanden;
        OmedelbarJustering = omedelbarJustering;
        ExpedierasTill = expedierasTill;
        ForslagTillFullmaktige = forslagTillFullmaktige;
    }

    public void Justera(DateOnly justeringsdatum, string? justerare)
    {
        JusteradDatum = justeringsdatum;
        Justerare = justerare ?? Justerare;
    }

    /// <summary>An ordförandebeslut is reported at a later meeting and gets its § in that meeting's protokoll.</summary>
    public void AnmalVid(Guid sammantradeId, int paragraf)
    {
        AnmalsVidSammantradeId = sammantradeId;
        Paragraf = paragraf;
    }
}

/// <summary>A yrkande, reservation or särskilt uttalande: who entered it and what it says.</summary>
public sealed class Inlaga
{
    public required string Ledamot { get; set; }

    public required string Text { get; set; }

    /// <summary>For a reservation: "skriftlig" or "muntlig" (<see cref="Reservationsformer"/>); null when the protokoll does not say.</summary>
    public string? Form { get; set; }

    /// <summary>For a reservation: the proposal it is in favour of ("till förmån för …").</summary>
    public string? TillFormanFor { get; set; }

    /// <summary>For a written reservation: the bilaga it is in, by name or address.</summary>
    public string? Bilaga { get; set; }
}

/// <summary>The forms a reservation takes in the protokoll.</summary>
public static class Reservationsformer
{
    public const string Skriftlig = "skriftlig";
    public const string Muntlig = "muntlig";

    public static readonly IReadOnlyList<string> All = [Skriftlig, Muntlig];
}
