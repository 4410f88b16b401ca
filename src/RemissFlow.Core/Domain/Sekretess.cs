namespace RemissFlow.Core.Domain;

/// <summary>A provision of offentlighets- och sekretesslagen (2009:400) a handling can be kept secret under; the administratör keeps the list.</summary>
public sealed class OslBestammelse
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public int Kapitel { get; set; }

    public int Paragraf { get; set; }

    public required string Beskrivning { get; set; }

    /// <summary>A provision no longer offered for new markings; existing markings keep it.</summary>
    public bool Aktiv { get; set; } = true;

    /// <summary>"OSL 21:7": how the provision is cited in a masked copy and in the register.</summary>
    public string Hanvisning => $"OSL {Kapitel}:{Paragraf}";
}

/// <summary>The kinds of handling a sekretess marking can point at.</summary>
public static class SekretessTyp
{
    /// <summary>An uploaded file: a remisshandling, an answer's file or an incoming e-mail's attachment (<see cref="Bilaga"/>).</summary>
    public const string Fil = "fil";

    /// <summary>One version of a tjänsteutlåtande (<see cref="TjansteutlatandeVersion"/>).</summary>
    public const string TuVersion = "tu";

    /// <summary>A protokoll paragraph: the beslut and its protokollsutdrag (<see cref="Beslut"/>).</summary>
    public const string Beslut = "beslut";

    public static readonly IReadOnlyList<string> All = [Fil, TuVersion, Beslut];
}

/// <summary>
/// That one handling is covered by sekretess under <see cref="OslBestammelseId"/>. While the row exists the handling
/// is read only inside <see cref="OrganisationId"/> (the organisation that holds it); unmarking deletes the row, the
/// audit log keeps both events.
/// </summary>
public sealed class Sekretessmarkering
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string HandlingTyp { get; set; }

    public Guid HandlingId { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid OslBestammelseId { get; set; }

    public required string Skal { get; set; }

    public Guid? MarkeradAv { get; set; }

    public DateTimeOffset MarkeradAt { get; set; }
}

/// <summary>
/// The masked public copy of a sekretessmarkerad handling: the original with the secret passages or areas removed,
/// stored in the file store under its own SHA-256. Where the handling would be public, this copy is what is shown.
/// </summary>
public sealed class MaskeradKopia
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string HandlingTyp { get; set; }

    public Guid HandlingId { get; set; }

    public required string FileName { get; set; }

    public required string MediaType { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    /// <summary>What was masked, as JSON: areas (page and rectangle in percent) for an uploaded PDF.</summary>
    public required string Maskering { get; set; }

    public Guid? SkapadAv { get; set; }

    public DateTimeOffset SkapadAt { get; set; }
}
