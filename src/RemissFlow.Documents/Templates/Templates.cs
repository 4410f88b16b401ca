using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using RemissFlow.Documents.Layout;
using RemissFlow.Documents.Models;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Documents.Templates;

/// <summary>One organisation's letterhead: templates/letterheads/{id}.json.</summary>
public sealed record Letterhead
{
    public required string Kommun { get; init; }
    public required string Forvaltning { get; init; }
    public string? Avdelning { get; init; }
    public required string Postadress { get; init; }
    public string? Besoksadress { get; init; }
    public string? Telefon { get; init; }
    public string? Webb { get; init; }
    public string? Epost { get; init; }
    /// <summary>PNG or JPEG file beside the letterhead JSON.</summary>
    public string? Logo { get; init; }
    public string? LogoAltText { get; init; }
}

public sealed record SectionTemplate(string Key, string? Heading = null);

/// <summary>One document's template: templates/{kind}.json. Section order, headings and phrases are all data.</summary>
public sealed record DocumentTemplate
{
    public required string DocumentType { get; init; }
    public string PageLabel { get; init; } = "Sida {sida} ({sidor})";
    public required IReadOnlyList<SectionTemplate> Sections { get; init; }
    public IReadOnlyDictionary<string, string> Phrases { get; init; } = new Dictionary<string, string>();

    internal string Name { get; init; } = "";
}

/// <summary>
/// Loads templates from a directory at run time (edit the JSON, render again; no recompiling). Every phrase is
/// parsed when loaded, so an unknown placeholder fails at once, naming the template file and the placeholder.
/// </summary>
public sealed class TemplateStore
{
    private readonly string root;
    private readonly ConcurrentDictionary<DocumentKind, DocumentTemplate> documents = new();
    private readonly ConcurrentDictionary<string, (Letterhead, ImageSource?)> letterheads = new();
    private readonly ConcurrentDictionary<string, (Letterhead, ImageSource?)> letterheadFiles = new();

    public TemplateStore(string templatesDirectory)
    {
        if (!Directory.Exists(templatesDirectory))
        {
            throw new DocumentTemplateException(templatesDirectory, null, TemplateProblem.MissingTemplate, $"Mallkatalogen {templatesDirectory} finns inte.");
        }

        root = Path.GetFullPath(templatesDirectory);
    }

    public string Root => root;

    public DocumentTemplate Document(DocumentKind kind) => documents.GetOrAdd(kind, LoadDocument);

    public (Letterhead Letterhead, ImageSource? Logo) Letterhead(string organisation) => letterheads.GetOrAdd(organisation, LoadLetterhead);

    /// <summary>True when templates/letterheads/{organisation}.json exists.</summary>
    public bool HasLetterheadFile(string organisation) =>
        organisation.Length > 0 && organisation.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
        && File.Exists(Path.Combine(root, "letterheads", organisation + ".json"));

    /// <summary>
    /// Supplies a letterhead built by the caller (e.g. from an organisation's database row) under an id, so an
    /// organisation without a letterhead file still renders. Replaces any earlier one under that id.
    /// </summary>
    public void UseLetterhead(string organisation, Letterhead letterhead, ImageSource? logo = null) => letterheads[organisation] = (letterhead, logo);

    /// <summary>templates/letterheads/{organisation}.json as the file says, whatever was registered under that id since.</summary>
    public (Letterhead Letterhead, ImageSource? Logo) LetterheadFile(string organisation) => letterheadFiles.GetOrAdd(organisation, LoadLetterhead);

    private DocumentTemplate LoadDocument(DocumentKind kind)
    {
        var name = kind.ToString().ToLowerInvariant() + ".json";
        var path = Path.Combine(root, name);
        var template = Read<DocumentTemplate>(path, name) with { Name = name };
        var known = Placeholders.Known(kind);
        foreach (var (key, phrase) in template.Phrases)
        {
            TemplateText.Validate(name, key, phrase, known);
        }

        TemplateText.Validate(name, "pageLabel", template.PageLabel, Placeholders.Page);
        foreach (var s in template.Sections)
        {
            if (!Placeholders.Sections(kind).Contains(s.Key))
            {
                throw new DocumentTemplateException(name, s.Key, TemplateProblem.InvalidTemplate,
                    $"Mallen {name} har en okänd sektion \"{s.Key}\". Kända: {string.Join(", ", Placeholders.Sections(kind))}.");
            }
        }

        return template;
    }

    private (Letterhead, ImageSource?) LoadLetterhead(string organisation)
    {
        if (organisation.Length == 0 || organisation.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new DocumentInputException("organisation", $"\"{organisation}\" är inget giltigt brevhuvudsnamn (a–z, 0–9, - och _).");
        }

        var name = $"letterheads/{organisation}.json";
        var letterhead = Read<Letterhead>(Path.Combine(root, "letterheads", organisation + ".json"), name);
        ImageSource? logo = null;
        if (letterhead.Logo is { } file)
        {
            var logoPath = Path.GetFullPath(Path.Combine(root, "letterheads", file));
            if (!logoPath.StartsWith(root, StringComparison.Ordinal) || !File.Exists(logoPath))
            {
                throw new DocumentTemplateException(name, "logo", TemplateProblem.InvalidTemplate, $"Logotypen {file} i {name} finns inte i mallkatalogen.");
            }

            logo = ImageSource.FromBytes(File.ReadAllBytes(logoPath), $"{name}: logo");
        }

        return (letterhead, logo);
    }

    private static T Read<T>(string path, string name)
    {
        if (!File.Exists(path))
        {
            throw new DocumentTemplateException(name, null, TemplateProblem.MissingTemplate, $"Mallen {name} finns inte ({path}).");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), DocumentJson.Options)
                ?? throw new DocumentTemplateException(name, null, TemplateProblem.InvalidTemplate, $"Mallen {name} är tom.");
        }
        catch (JsonException ex)
        {
            throw new DocumentTemplateException(name, null, TemplateProblem.InvalidTemplate, $"Mallen {name} är ogiltig JSON vid {ex.Path}: {ex.Message}");
        }
    }
}

/// <summary>The placeholders each document kind offers to its templates.</summary>
public static class Placeholders
{
    internal static readonly IReadOnlySet<string> Page = new HashSet<string> { "sida", "sidor" };

    public static IReadOnlySet<string> Known(DocumentKind kind) => kind switch
    {
        DocumentKind.Tjansteutlatande => Set("dnr", "datum", "namnd", "sammantradesdatum", "rubrik", "avsandare", "avsandareDnr", "svarsdatum",
            "forvaltning", "kommun", "enhet", "organ", "handelsedatum"),
        DocumentKind.Protokollsutdrag => Set("dnr", "namnd", "sammantradesdatum", "paragraf", "rubrik", "justeringsdatum", "ledamoter", "ledamot",
            "forvaltning", "kommun"),
        DocumentKind.Missiv => Set("dnr", "datum", "remisshandling", "svarsdatum", "svarsEpost", "svarsAdress", "forvaltning", "kommun"),
        DocumentKind.Paminnelse => Set("dnr", "datum", "mottagare", "remisshandling", "ursprungligtSvarsdatum", "forlangtSvarsdatum", "svarsEpost",
            "forvaltning", "kommun"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static IReadOnlySet<string> Sections(DocumentKind kind) => kind switch
    {
        DocumentKind.Tjansteutlatande => Set("rubrik", "forslagTillBeslut", "sammanfattning", "bakgrund", "arendet", "beredning", "synpunkter", "underskrift", "bilagor"),
        DocumentKind.Protokollsutdrag => Set("rubrik", "beslut", "arendet", "beslutsunderlag", "yrkanden", "propositionsordning", "votering", "reservationer",
            "sarskildaUttalanden", "justering", "bestyrkande", "expedieras"),
        DocumentKind.Missiv => Set("rubrik", "inledning", "svar", "remisslista", "kontakt", "remisshandlingar"),
        DocumentKind.Paminnelse => Set("rubrik", "paminnelse", "kontakt"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);
}

/// <summary>
/// Placeholder substitution: <c>{name}</c> or <c>{name:format}</c>; <c>{{</c> and <c>}}</c> are literal braces.
/// Values are inserted verbatim and never re-scanned, so user text containing braces stays literal.
/// Date formats: <c>lang</c> "den 24 april 2026", <c>kort</c> "24 april 2026", <c>iso</c> (default) "2026-04-24".
/// </summary>
public static class TemplateText
{
    public static void Validate(string template, string key, string pattern, IReadOnlySet<string> known)
    {
        foreach (var (name, _) in Parse(template, key, pattern))
        {
            if (!known.Contains(name))
            {
                throw new DocumentTemplateException(template, name, TemplateProblem.UnknownPlaceholder,
                    $"Mallen {template} (fras \"{key}\") använder den okända platshållaren {{{name}}}.");
            }
        }
    }

    public static string Render(string template, string key, string pattern, IReadOnlyDictionary<string, object?> values)
    {
        var sb = new StringBuilder(pattern.Length + 32);
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '{' && i + 1 < pattern.Length && pattern[i + 1] == '{') { sb.Append('{'); i += 2; continue; }
            if (c == '}' && i + 1 < pattern.Length && pattern[i + 1] == '}') { sb.Append('}'); i += 2; continue; }
            if (c == '{')
            {
                var end = pattern.IndexOf('}', i);
                var (name, format) = Split(pattern[(i + 1)..end]);
                if (!values.TryGetValue(name, out var value))
                {
                    throw new DocumentTemplateException(template, name, TemplateProblem.UnknownPlaceholder,
                        $"Mallen {template} (fras \"{key}\") använder platshållaren {{{name}}}, som inte finns här.");
                }

                sb.Append(Format(template, key, name, format, value));
                i = end + 1;
                continue;
            }

            sb.Append(c);
            i++;
        }

        return sb.ToString();
    }

    private static string Format(string template, string key, string name, string? format, object? value)
    {
        if (value is null || value is string { Length: 0 })
        {
            throw new DocumentTemplateException(template, name, TemplateProblem.MissingValue,
                $"Mallen {template} (fras \"{key}\") behöver ett värde för {{{name}}}, men modellen saknar det.");
        }

        return (value, format) switch
        {
            (DateOnly d, null or "iso") => SwedishText.IsoDate(d),
            (DateOnly d, "lang") => SwedishText.FormalDate(d),
            (DateOnly d, "kort") => SwedishText.LongDate(d),
            (string s, null) => s,
            (int n, null) => SwedishText.Number(n),
            _ => throw new DocumentTemplateException(template, name, TemplateProblem.Syntax,
                $"Mallen {template} (fras \"{key}\"): formatet \"{format}\" passar inte platshållaren {{{name}}}."),
        };
    }

    private static IEnumerable<(string Name, string? Format)> Parse(string template, string key, string pattern)
    {
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if ((c == '{' || c == '}') && i + 1 < pattern.Length && pattern[i + 1] == c) { i += 2; continue; }
            if (c == '}')
            {
                throw new DocumentTemplateException(template, null, TemplateProblem.Syntax, $"Mallen {template} (fras \"{key}\") har en ensam '}}' vid position {i}.");
            }

            if (c == '{')
            {
                var end = pattern.IndexOf('}', i);
                if (end < 0)
                {
                    throw new DocumentTemplateException(template, null, TemplateProblem.Syntax, $"Mallen {template} (fras \"{key}\") har en '{{' utan '}}'.");
                }

                var (name, format) = Split(pattern[(i + 1)..end]);
                if (name.Length == 0 || !name.All(char.IsAsciiLetterOrDigit) || format is not (null or "lang" or "kort" or "iso"))
                {
                    throw new DocumentTemplateException(template, pattern[(i + 1)..end], TemplateProblem.Syntax,
                        $"Mallen {template} (fras \"{key}\") har en ogiltig platshållare {{{pattern[(i + 1)..end]}}}.");
                }

                yield return (name, format);
                i = end + 1;
                continue;
            }

            i++;
        }
    }

    private static (string Name, string? Format) Split(string inner)
    {
        var colon = inner.IndexOf(':');
        return colon < 0 ? (inner, null) : (inner[..colon], inner[(colon + 1)..]);
    }
}
