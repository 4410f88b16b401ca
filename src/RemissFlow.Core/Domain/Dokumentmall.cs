namespace RemissFlow.Core.Domain;

/// <summary>
/// One saved version of an organisation's template override for one document kind (the JSON of a
/// <c>TemplateOverride</c>: headings, labels, order, phrases, optional sections, variants). Rows are only ever added;
/// the newest applies, earlier ones stay as the history an administratör can read back.
/// </summary>
public sealed class Dokumentmall
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    /// <summary>The document kind in lower case, as the template file is named: "tjansteutlatande", "protokollsutdrag", …</summary>
    public required string Dokumenttyp { get; set; }

    /// <summary>1, 2, 3 … per organisation and kind.</summary>
    public int Version { get; set; }

    public required string Innehall { get; set; }

    /// <summary>SHA-256 of <see cref="Innehall"/>, hex.</summary>
    public required string Sha256 { get; set; }

    public Guid? SkapadAv { get; set; }

    public DateTimeOffset SkapadAt { get; set; }
}

/// <summary>
/// A fully resolved template (every layer laid over the global one) as a document was rendered with it, keyed by the
/// SHA-256 of its JSON, the template version a <see cref="TjansteutlatandeVersion"/> records. Only ever added.
/// </summary>
public sealed class Mallversion
{
    public required string Sha256 { get; set; }

    public required string Dokumenttyp { get; set; }

    /// <summary>The resolved template's JSON, read back with <c>TemplateStore.ParseStored</c>.</summary>
    public required string Innehall { get; set; }
}
