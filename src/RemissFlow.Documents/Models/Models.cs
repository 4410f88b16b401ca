using System.Text.Json;
using System.Text.Json.Serialization;
using RemissFlow.Documents.Templates;

namespace RemissFlow.Documents.Models;

/// <summary>The four documents this library renders; the CLI names them by their lower-case JSON kind.</summary>
public enum DocumentKind { Tjansteutlatande, Protokollsutdrag, Missiv, Paminnelse }

/// <summary>Common to every document model: which letterhead (templates/letterheads/{organisation}.json) to use.</summary>
public interface IDocumentModel
{
    DocumentKind Kind { get; }
    string Organisation { get; }
    string Dnr { get; }

    /// <summary>
    /// The template this document renders with, resolved by whoever built the model (e.g. with the organisation's saved
    /// version); null: the renderer resolves today's. It travels with the model so that two requests rendering with
    /// different templates never share one registered on the renderer.
    /// </summary>
    ResolvedTemplate? Mall { get; }
}

public sealed record Person
{
    public required string Namn { get; init; }
    public string? Titel { get; init; }
    public string? Telefon { get; init; }
    public string? Epost { get; init; }
    public string? Organisation { get; init; }
}

/// <summary>A block of prose written by a person: paragraphs, lists and sub-headings, rendered literally.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(Paragraph), "paragraph")]
[JsonDerivedType(typeof(Subheading), "subheading")]
[JsonDerivedType(typeof(BulletList), "bullets")]
[JsonDerivedType(typeof(NumberedList), "numbered")]
public abstract record ProseBlock;

public sealed record Paragraph(string Text) : ProseBlock;

public sealed record Subheading(string Text) : ProseBlock;

public sealed record BulletList(IReadOnlyList<string> Items) : ProseBlock;

public sealed record NumberedList(IReadOnlyList<string> Items) : ProseBlock;

// ---------------------------------------------------------------- Tjänsteutlåtande

public sealed record TjansteutlatandeModel : IDocumentModel
{
    [JsonIgnore] public DocumentKind Kind => DocumentKind.Tjansteutlatande;
    [JsonIgnore] public ResolvedTemplate? Mall { get; init; }
    public required string Organisation { get; init; }

    /// <summary>
    /// Which variant of the template: "remissvar" (the default: an answer to a remiss, which needs avsändare, their dnr
    /// and svarsdatum), or one the template lists under <c>varianter</c>, e.g. "egetArende", "tjansteskrivelse", "utlatande".
    /// </summary>
    public string Slag { get; init; } = "remissvar";
    public string? Avdelning { get; init; }
    public required string Dnr { get; init; }
    public required DateOnly Datum { get; init; }
    public required Person Handlaggare { get; init; }
    public required string Namnd { get; init; }
    public DateOnly? Sammantradesdatum { get; init; }

    /// <summary>"Remiss av handlingsplan för ett jämställt Stockholm 2030".</summary>
    public required string Rubrik { get; init; }
    /// <summary>The remiss's sender, their dnr and the svarsdatum: required for a remissvar, absent in an own ärende.</summary>
    public string? Avsandare { get; init; }
    public string? AvsandareDnr { get; init; }
    public DateOnly? Svarsdatum { get; init; }

    /// <summary>Decision points; null uses the template's default first point.</summary>
    public IReadOnlyList<string>? ForslagTillBeslut { get; init; }
    public bool OmedelbarJustering { get; init; }

    public required IReadOnlyList<ProseBlock> Sammanfattning { get; init; }
    public required IReadOnlyList<ProseBlock> Bakgrund { get; init; }
    /// <summary>When true, Bakgrund ends with the template's svarsdatum sentence.</summary>
    public bool BakgrundMedSvarsdatum { get; init; } = true;
    public required IReadOnlyList<ProseBlock> Arendet { get; init; }
    public required Beredning Beredning { get; init; }
    public required IReadOnlyList<ProseBlock> Synpunkter { get; init; }
    public required IReadOnlyList<Person> Underskrifter { get; init; }
    public IReadOnlyList<string> Bilagor { get; init; } = [];

    /// <summary>The documents the decision rests on, one per line (section "beslutsunderlag").</summary>
    public IReadOnlyList<string> Beslutsunderlag { get; init; } = [];

    /// <summary>Where and when the ärende is to be decided (section "beslutsplanering").</summary>
    public IReadOnlyList<ProseBlock> Beslutsplanering { get; init; } = [];
}

/// <summary>Ärendets beredning: generated from the recorded events unless <see cref="Text"/> overrides it.</summary>
public sealed record Beredning
{
    /// <summary>The unit that prepared the ärende, e.g. "avdelningen för strategi och utveckling".</summary>
    public string? Enhet { get; init; }
    public IReadOnlyList<BeredningHandelse> Handelser { get; init; } = [];
    /// <summary>Edited text; replaces the generated sentences when present.</summary>
    public IReadOnlyList<ProseBlock>? Text { get; init; }
}

/// <summary>One passage through a beredningsorgan. <see cref="Typ"/> selects the phrase: behandlat, mojlighet, informerat.</summary>
public sealed record BeredningHandelse(string Organ, DateOnly Datum, string Typ);

// ---------------------------------------------------------------- Protokollsutdrag

public sealed record ProtokollsutdragModel : IDocumentModel
{
    [JsonIgnore] public DocumentKind Kind => DocumentKind.Protokollsutdrag;
    [JsonIgnore] public ResolvedTemplate? Mall { get; init; }
    public required string Organisation { get; init; }
    public required string Namnd { get; init; }
    public required DateOnly Sammantradesdatum { get; init; }
    public required int Paragraf { get; init; }
    public required string Dnr { get; init; }
    public required string Rubrik { get; init; }
    public required IReadOnlyList<string> Beslut { get; init; }

    /// <summary>The secretary numbered the beslutspunkter ("1. … 2. …"): they print as a numbered list, tagged L/LI.</summary>
    public bool BeslutNumrerat { get; init; }

    /// <summary>Where and when the nämnd met, e.g. "Stadshuset, sal 3, kl. 18.00–20.15"; the date is in the header.</summary>
    public string? PlatsOchTid { get; init; }

    /// <summary>What the nämnd proposes that kommunfullmäktige decide, printed as its own block after the beslut.</summary>
    public IReadOnlyList<string> ForslagTillFullmaktige { get; init; } = [];
    public IReadOnlyList<ProseBlock> Arendet { get; init; } = [];
    public IReadOnlyList<string> Beslutsunderlag { get; init; } = [];
    public IReadOnlyList<Yrkande> Yrkanden { get; init; } = [];
    /// <summary>The order of voting as the chair put the proposals, e.g. "Ordföranden ställer proposition på …".</summary>
    public IReadOnlyList<string> Propositionsordning { get; init; } = [];
    public Votering? Votering { get; init; }
    public IReadOnlyList<Anforande> Reservationer { get; init; } = [];
    public IReadOnlyList<Anforande> SarskildaUttalanden { get; init; } = [];
    public bool OmedelbarJustering { get; init; }
    public required IReadOnlyList<string> Justerare { get; init; }
    public required DateOnly Justeringsdatum { get; init; }

    /// <summary>"Justerat digitalt av … den … kl. …", one line per signature, when the protokoll was justerat in RemissFlow.</summary>
    public IReadOnlyList<string> JusteratDigitalt { get; init; } = [];
    public required Person Bestyrks { get; init; }
    public IReadOnlyList<string> ExpedierasTill { get; init; } = [];
}

public sealed record Yrkande(string Ledamot, string Text);

public sealed record Votering(string Fraga, IReadOnlyList<string> Ja, IReadOnlyList<string> Nej, IReadOnlyList<string> Avstar, string Utfall);

/// <summary>A reservation or särskilt uttalande: who entered it and, optionally, its text.</summary>
/// <param name="Form">For a reservation: written (its text in a bilaga or below) or oral; null when the protokoll does not say.</param>
/// <param name="TillFormanFor">The proposal the reservation is in favour of, e.g. "Moderaternas yrkande".</param>
/// <param name="Bilaga">The bilaga the written reservation is in: a name, or an address that prints as a link.</param>
public sealed record Anforande(IReadOnlyList<string> Ledamoter, string? Text, Reservationsform? Form = null, string? TillFormanFor = null, string? Bilaga = null);

public enum Reservationsform
{
    Skriftlig,
    Muntlig,
}

// ---------------------------------------------------------------- Missiv

/// <summary>What every letter the sender writes about one remiss carries (the missiv, a påminnelse).</summary>
public abstract record RemissLetterModel
{
    [JsonIgnore] public ResolvedTemplate? Mall { get; init; }
    public required string Organisation { get; init; }
    public required string Dnr { get; init; }
    public required DateOnly Datum { get; init; }
    /// <summary>The remitted document's title.</summary>
    public required string Remisshandling { get; init; }
    public required string SvarsEpost { get; init; }
    public required Person Kontaktperson { get; init; }
}

public sealed record MissivModel : RemissLetterModel, IDocumentModel
{
    [JsonIgnore] public DocumentKind Kind => DocumentKind.Missiv;
    public required DateOnly Svarsdatum { get; init; }
    public string? SvarsAdress { get; init; }
    public IReadOnlyList<ProseBlock> Inledning { get; init; } = [];
    public required IReadOnlyList<RemisslistaGrupp> Remisslista { get; init; }
    public required IReadOnlyList<string> Remisshandlingar { get; init; }
}

public sealed record RemisslistaGrupp(string Rubrik, IReadOnlyList<string> Instanser);

// ---------------------------------------------------------------- Påminnelse

public sealed record PaminnelseModel : RemissLetterModel, IDocumentModel
{
    [JsonIgnore] public DocumentKind Kind => DocumentKind.Paminnelse;
    public required string Mottagare { get; init; }
    public required DateOnly UrsprungligtSvarsdatum { get; init; }
    /// <summary>Set when an anstånd was granted; the reminder then names the new date.</summary>
    public DateOnly? ForlangtSvarsdatum { get; init; }
}

/// <summary>JSON settings for the models: camelCase, ISO dates, unknown members rejected so typos surface.</summary>
public static class DocumentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static IDocumentModel Deserialize(DocumentKind kind, string json) => kind switch
    {
        DocumentKind.Tjansteutlatande => Parse<TjansteutlatandeModel>(json),
        DocumentKind.Protokollsutdrag => Parse<ProtokollsutdragModel>(json),
        DocumentKind.Missiv => Parse<MissivModel>(json),
        DocumentKind.Paminnelse => Parse<PaminnelseModel>(json),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static T Parse<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new DocumentInputException("$", "Modellen är tom (null).");
        }
        catch (JsonException ex)
        {
            throw new DocumentInputException(ex.Path ?? "$", $"Ogiltig JSON för {typeof(T).Name}: {ex.Message}");
        }
    }

    public static bool TryParseKind(string name, out DocumentKind kind) =>
        Enum.TryParse(name, ignoreCase: true, out kind) && Enum.IsDefined(kind);
}
