namespace RemissFlow.Core.Intake;

/// <summary>One value read out of a document: what it says, how sure the rule is (0–1), and the text it came from.</summary>
/// <param name="Start">Offset of <paramref name="Source"/> in the normalised text, so a form can point at it.</param>
public sealed record ExtractedValue(string Value, double Confidence, string Source, int Start);

/// <summary>A passage through a beredningsorgan (förvaltningsgruppen, pensionärsrådet …), with its date when the text gives one.</summary>
public sealed record BeredningPassage(string Organ, string? Date, string Source);

/// <summary>A heading and the running text under it.</summary>
public sealed record IntakeSection(string Heading, string Text);

/// <summary>How the text was got: the format, the pages, and whether it came from OCR.</summary>
public sealed record IntakeSource(string Format, int Pages, bool Ocr);

/// <summary>What was read out of one document. Nothing here is stored: a person confirms or corrects it first.</summary>
public sealed record IntakeResult(
    ExtractedValue Kind,
    IReadOnlyDictionary<string, ExtractedValue> Fields,
    IReadOnlyList<BeredningPassage> Beredning,
    IReadOnlyList<IntakeSection> Sections,
    IntakeSource Source,
    string Text)
{
    /// <summary>The field names in the order the command line and the forms show them.</summary>
    public static readonly IReadOnlyList<string> FieldNames =
        ["organisation", "dnr", "senderDnr", "title", "svarsdatum", "meetingDate", "position"];

    public ExtractedValue? Field(string name) => Fields.TryGetValue(name, out var v) ? v : null;
}

/// <summary>The file could not be read as a document (wrong type, damaged, OCR tool missing); the message is Swedish.</summary>
public sealed class IntakeException(string message) : Exception(message);
