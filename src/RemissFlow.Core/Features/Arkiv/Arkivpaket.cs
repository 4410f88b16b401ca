using System.Reflection;

namespace RemissFlow.Core.Features.Arkiv;

/// <summary>What goes into one FGS submission package: every ärende with its handlingar and its events, as read from the database.</summary>
public sealed record ArkivpaketInnehall(
    Guid PaketId,
    string Beskrivning,
    IReadOnlyList<ArkivOrganisation> Arkivbildare,
    ArkivOrganisation Inlamnare,
    DateTimeOffset Skapad,
    IReadOnlyList<ArkivArende> Arenden);

/// <summary>An organisation as METS names it: its name and the code it is known by (its diarium's prefix).</summary>
public sealed record ArkivOrganisation(string Namn, string Kod);

/// <summary>One ärende in a diarium: the sender's remiss or an instans's remissvar.</summary>
public sealed record ArkivArende(
    Guid Id,
    ArkivArendeTyp Typ,
    string Dnr,
    string Titel,
    string Organisation,
    string Status,
    DateTimeOffset Oppnad,
    DateTimeOffset? Avslutad,
    string? Handlaggare,
    string? AvsandareDnr,
    DateOnly? Svarsdatum,
    IReadOnlyList<ArkivHandling> Handlingar,
    IReadOnlyList<ArkivHandelse> Handelser,
    IReadOnlyList<string> Anmarkningar);

public enum ArkivArendeTyp
{
    Remiss,
    Remissvar,
}

/// <summary>Whether a handling came in, was sent out or stayed inside; ERMS's direction.</summary>
public enum Riktning
{
    Inkommande,
    Utgaende,
    Intern,
}

/// <summary>
/// One file: a document RemissFlow drew up (rendered as PDF/A) or an original exactly as it was received.
/// <see cref="OriginaltNamn"/> is the name it came with; the package stores it under an ASCII name.
/// </summary>
public sealed record ArkivHandling(
    string Titel,
    string OriginaltNamn,
    string MediaType,
    byte[] Innehall,
    DateTimeOffset Skapad,
    bool Upprattad,
    Riktning Riktning)
{
    /// <summary>The OSL provision ("OSL 21:7") a sekretessmarkerad handling is kept under; the archive gets it with an ERMS restriction.</summary>
    public string? Sekretess { get; init; }
}

/// <summary>One entry of the audit log, with the hash that chains it, classified for PREMIS.</summary>
public sealed record ArkivHandelse(long Sekvens, DateTimeOffset Tid, ArkivHandelseTyp Typ, string Action, string Beskrivning, string Aktor, string Hash);

/// <summary>The kinds of event an e-arkiv wants from the ärende's history.</summary>
public enum ArkivHandelseTyp
{
    Registrering,
    Beslut,
    Justering,
    Expediering,
    Avslut,
}

public static class ArkivHandelser
{
    /// <summary>
    /// Which audit actions the package carries, and as what: registration, decisions (the nämnd's, the chair's, anstånd),
    /// justering, expediering (utskick, the answer sent, avstår) and the closing. Everything else (drafts saved,
    /// assignments, reminders) stays in RemissFlow's own log.
    /// </summary>
    public static ArkivHandelseTyp? Classify(string action) => action switch
    {
        "workflow.registrera" or "workflow.registrera_svar" or "remiss.registrerad" => ArkivHandelseTyp.Registrering,
        "workflow.besluta" or "workflow.ordforandebeslut" or "workflow.aterremittera" or "workflow.angra_beslut" or "workflow.ratta_beslut"
            or "workflow.bevilja_anstand" or "workflow.avsla_anstand" or "workflow.godkann" => ArkivHandelseTyp.Beslut,
        _ when action.StartsWith("beslut.", StringComparison.Ordinal) => ArkivHandelseTyp.Beslut,
        "workflow.justera" or "workflow.justering_klar" or "protokoll.godkann" or "protokoll.godkann_paragraf" or "protokoll.registrera_justering" => ArkivHandelseTyp.Justering,
        "workflow.skicka_ut" or "workflow.lamna_in" or "workflow.avsta" or "workflow.preliminart_svar" or "workflow.forvaltningens_svar" => ArkivHandelseTyp.Expediering,
        "workflow.avsluta" or "workflow.aterkalla" or "remiss.avsluta" => ArkivHandelseTyp.Avslut,
        _ => null,
    };
}

/// <summary>The official schemas, embedded unmodified (see Schemas/SOURCES.md), that each package carries in schemas/.</summary>
public static class ArkivSchemas
{
    public static readonly IReadOnlyList<string> Files =
        ["mets.xsd", "xlink.xsd", "DILCISExtensionMETS.xsd", "DILCISExtensionSIPMETS.xsd", "ERMS_v3.xsd", "premis-v3-0.xsd"];

    public static byte[] Read(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("RemissFlow.Core.Features.Arkiv.Schemas." + file)
            ?? throw new InvalidOperationException($"The schema {file} is not embedded in RemissFlow.Core.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
