using System.Collections.Concurrent;
using System.Security.Cryptography;
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

    /// <summary>Groups whose template overrides apply before the organisation's own, e.g. "stadsdelsforvaltningar".</summary>
    public IReadOnlyList<string> Grupper { get; init; } = [];
}

/// <summary>
/// One body section. <see cref="Heading"/> may use the kind's placeholders ("{forvaltning}s förslag till beslut");
/// an <see cref="Optional"/> section is left out, heading and all, when the document has nothing for it.
/// </summary>
public sealed record SectionTemplate(string Key, string? Heading = null, bool Optional = false);

/// <summary>
/// A partial template laid over another: a variant of a kind (tjänsteskrivelse, utlåtande, TU in an own ärende),
/// a group of organisations, or one organisation. Every member left null keeps what lies beneath.
/// </summary>
public sealed record TemplateOverride
{
    public string? DocumentType { get; init; }
    public string? PageLabel { get; init; }

    /// <summary>Replaces the whole section list (order, headings, optional) when set.</summary>
    public IReadOnlyList<SectionTemplate>? Sections { get; init; }

    /// <summary>New headings for sections by key, keeping their order.</summary>
    public IReadOnlyDictionary<string, string>? Headings { get; init; }

    /// <summary>Keys of sections that become optional.</summary>
    public IReadOnlyList<string>? Optional { get; init; }

    /// <summary>Phrases merged over the ones beneath (an empty phrase switches an optional line off, e.g. "underrubrik").</summary>
    public IReadOnlyDictionary<string, string>? Phrases { get; init; }

    /// <summary>Overrides per variant (slag) at this level, applied after this level's own.</summary>
    public IReadOnlyDictionary<string, TemplateOverride>? Varianter { get; init; }
}

/// <summary>One document's template: templates/{kind}.json. Section order, headings and phrases are all data.</summary>
public sealed record DocumentTemplate
{
    public required string DocumentType { get; init; }
    public string PageLabel { get; init; } = "Sida {sida} ({sidor})";
    public required IReadOnlyList<SectionTemplate> Sections { get; init; }
    public IReadOnlyDictionary<string, string> Phrases { get; init; } = new Dictionary<string, string>();

    /// <summary>The variants (slag) this kind offers, laid over the base by <see cref="TemplateStore.Resolve"/>.</summary>
    public IReadOnlyDictionary<string, TemplateOverride> Varianter { get; init; } = new Dictionary<string, TemplateOverride>();

    internal string Name { get; init; } = "";

    /// <summary>This template with <paramref name="o"/> laid over it (variants are resolved by the caller).</summary>
    public DocumentTemplate With(TemplateOverride o)
    {
        var sections = (o.Sections ?? Sections).ToList();
        if (o.Headings is { } headings)
        {
            sections = sections.Select(s => headings.TryGetValue(s.Key, out var h) ? s with { Heading = h.Length == 0 ? null : h } : s).ToList();
        }

        if (o.Optional is { } optional)
        {
            sections = sections.Select(s => optional.Contains(s.Key, StringComparer.Ordinal) ? s with { Optional = true } : s).ToList();
        }

        var phrases = new Dictionary<string, string>(Phrases, StringComparer.Ordinal);
        foreach (var (k, v) in o.Phrases ?? new Dictionary<string, string>())
        {
            phrases[k] = v;
        }

        return this with
        {
            DocumentType = o.DocumentType ?? DocumentType,
            PageLabel = o.PageLabel ?? PageLabel,
            Sections = sections,
            Phrases = phrases,
        };
    }
}

/// <summary>
/// The template a document is rendered with, after every override, and its version: the SHA-256 of its JSON.
/// Store <see cref="Json"/> (or the version) with the document so it renders the same later.
/// </summary>
public sealed record ResolvedTemplate(DocumentKind Kind, DocumentTemplate Template, string Json, string Version, IReadOnlyList<string> Layers);

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
    private readonly ConcurrentDictionary<(TemplateScope Scope, string Id, DocumentKind Kind), TemplateOverride> overrides = new();
    private readonly ConcurrentDictionary<(DocumentKind Kind, string Organisation, string Slag), ResolvedTemplate> resolved = new();

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
    public void UseLetterhead(string organisation, Letterhead letterhead, ImageSource? logo = null)
    {
        letterheads[organisation] = (letterhead, logo);
        resolved.Clear();
    }

    /// <summary>templates/letterheads/{organisation}.json as the file says, whatever was registered under that id since.</summary>
    public (Letterhead Letterhead, ImageSource? Logo) LetterheadFile(string organisation) => letterheadFiles.GetOrAdd(organisation, LoadLetterhead);

    /// <summary>
    /// The template for <paramref name="kind"/> as <paramref name="organisation"/> writes it: the global template, its
    /// variant <paramref name="slag"/>, then each of the letterhead's groups, then the organisation, each level with
    /// its own variant. Overrides come from <see cref="UseOverride"/> or, failing that, from
    /// grupper/{grupp}/{kind}.json and organisationer/{organisation}/{kind}.json in the templates directory.
    /// </summary>
    public ResolvedTemplate Resolve(DocumentKind kind, string organisation, string? slag = null) =>
        resolved.GetOrAdd((kind, organisation, slag ?? ""), key => Build(key.Kind, key.Organisation, key.Slag));

    /// <summary>
    /// Resolves with <paramref name="organisationOverride"/> as the organisation's layer, uncached and without
    /// registering it: for a version read per request (the database's), so requests never share it.
    /// </summary>
    public ResolvedTemplate Resolve(DocumentKind kind, string organisation, string? slag, TemplateOverride organisationOverride) =>
        Build(kind, organisation, slag ?? "", organisationOverride);

    /// <summary>
    /// Supplies an override for a group or an organisation (e.g. the version an administratör saved in the database),
    /// replacing the file; null removes it, so the file (if any) applies again. Every phrase and heading is checked here.
    /// </summary>
    public void UseOverride(TemplateScope scope, string id, DocumentKind kind, TemplateOverride? template)
    {
        if (template is not null)
        {
            ValidateOverride(kind, $"{ScopeFolder(scope)}/{id}/{KindFile(kind)}", template);
        }

        if (template is null)
        {
            overrides.TryRemove((scope, id, kind), out _);
        }
        else
        {
            overrides[(scope, id, kind)] = template;
        }

        resolved.Clear();
    }

    /// <summary>Reads and checks an override's JSON, naming <paramref name="name"/> in every error.</summary>
    public static TemplateOverride ParseOverride(DocumentKind kind, string name, string json)
    {
        var o = Deserialize<TemplateOverride>(json, name);
        ValidateOverride(kind, name, o);
        return o;
    }

    /// <summary>Reads a template stored with a document (<see cref="ResolvedTemplate.Json"/>) and checks it as if loaded from a file.</summary>
    public static DocumentTemplate ParseStored(DocumentKind kind, string json)
    {
        var name = $"lagrad mall ({KindFile(kind)})";
        var template = Deserialize<DocumentTemplate>(json, name) with { Name = name };
        Validate(kind, name, template);
        return template;
    }

    internal static string KindFile(DocumentKind kind) => kind.ToString().ToLowerInvariant() + ".json";

    private static string ScopeFolder(TemplateScope scope) => scope == TemplateScope.Grupp ? "grupper" : "organisationer";

    private ResolvedTemplate Build(DocumentKind kind, string organisation, string slag, TemplateOverride? organisationOverride = null)
    {
        var template = Document(kind);
        var layers = new List<string> { template.Name };
        if (slag.Length > 0 && slag != DefaultSlag)
        {
            if (!template.Varianter.TryGetValue(slag, out var variant))
            {
                throw new DocumentInputException("slag", $"Okänd dokumentvariant \"{slag}\". Mallen {template.Name} har: {string.Join(", ", new[] { DefaultSlag }.Concat(template.Varianter.Keys))}.");
            }

            template = template.With(variant);
            layers.Add($"{template.Name}#{slag}");
        }

        var scopes = Letterhead(organisation).Letterhead.Grupper.Select(g => (TemplateScope.Grupp, g)).Append((TemplateScope.Organisation, organisation));
        foreach (var (scope, id) in scopes)
        {
            var given = scope == TemplateScope.Organisation ? organisationOverride : null;
            if ((given ?? Override(scope, id, kind)) is not { } o)
            {
                continue;
            }

            var name = $"{ScopeFolder(scope)}/{id}/{KindFile(kind)}";
            template = template.With(o);
            layers.Add(name);
            if (slag.Length > 0 && o.Varianter is { } vs && vs.TryGetValue(slag, out var ov))
            {
                template = template.With(ov);
                layers.Add($"{name}#{slag}");
            }
        }

        var name2 = string.Join(" + ", layers);
        template = template with { Varianter = new Dictionary<string, TemplateOverride>(), Name = name2 };
        Validate(kind, name2, template);
        var json = JsonSerializer.Serialize(template, DocumentJson.Options);
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        return new ResolvedTemplate(kind, template, json, version, layers);
    }

    private TemplateOverride? Override(TemplateScope scope, string id, DocumentKind kind)
    {
        if (overrides.TryGetValue((scope, id, kind), out var registered))
        {
            return registered;
        }

        if (id.Length == 0 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        var name = $"{ScopeFolder(scope)}/{id}/{KindFile(kind)}";
        var path = Path.Combine(root, ScopeFolder(scope), id, KindFile(kind));
        return File.Exists(path) ? ParseOverride(kind, name, File.ReadAllText(path)) : null;
    }

    /// <summary>The variant every kind has without an entry in <c>varianter</c>: for a TU, the remiss answer.</summary>
    public const string DefaultSlag = "remissvar";

    private DocumentTemplate LoadDocument(DocumentKind kind)
    {
        var name = KindFile(kind);
        var path = Path.Combine(root, name);
        var template = Read<DocumentTemplate>(path, name) with { Name = name };
        Validate(kind, name, template);
        foreach (var (slag, variant) in template.Varianter)
        {
            ValidateOverride(kind, $"{name}#{slag}", variant);
        }

        return template;
    }

    private static void Validate(DocumentKind kind, string name, DocumentTemplate template)
    {
        var known = Placeholders.Known(kind);
        foreach (var (key, phrase) in template.Phrases)
        {
            TemplateText.Validate(name, key, phrase, known);
        }

        TemplateText.Validate(name, "pageLabel", template.PageLabel, Placeholders.Page);
        ValidateSections(kind, name, template.Sections);
    }

    private static void ValidateOverride(DocumentKind kind, string name, TemplateOverride o)
    {
        var known = Placeholders.Known(kind);
        foreach (var (key, phrase) in o.Phrases ?? new Dictionary<string, string>())
        {
            TemplateText.Validate(name, key, phrase, known);
        }

        if (o.PageLabel is { } label)
        {
            TemplateText.Validate(name, "pageLabel", label, Placeholders.Page);
        }

        ValidateSections(kind, name, o.Sections ?? []);
        foreach (var key in (o.Headings?.Keys ?? []).Concat(o.Optional ?? []))
        {
            CheckSectionKey(kind, name, key);
        }

        foreach (var (key, heading) in o.Headings ?? new Dictionary<string, string>())
        {
            TemplateText.Validate(name, "sections." + key, heading, known);
        }

        foreach (var (slag, variant) in o.Varianter ?? new Dictionary<string, TemplateOverride>())
        {
            if (variant.Varianter is { Count: > 0 })
            {
                throw new DocumentTemplateException(name, slag, TemplateProblem.InvalidTemplate, $"Mallen {name}: varianten \"{slag}\" kan inte ha egna varianter.");
            }

            ValidateOverride(kind, $"{name}#{slag}", variant);
        }
    }

    private static void ValidateSections(DocumentKind kind, string name, IReadOnlyList<SectionTemplate> sections)
    {
        var known = Placeholders.Known(kind);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in sections)
        {
            CheckSectionKey(kind, name, s.Key);
            if (!seen.Add(s.Key))
            {
                throw new DocumentTemplateException(name, s.Key, TemplateProblem.InvalidTemplate, $"Mallen {name} har sektionen \"{s.Key}\" två gånger.");
            }

            if (s.Heading is { } h)
            {
                TemplateText.Validate(name, "sections." + s.Key, h, known);
            }
        }
    }

    private static void CheckSectionKey(DocumentKind kind, string name, string key)
    {
        if (!Placeholders.Sections(kind).Contains(key))
        {
            throw new DocumentTemplateException(name, key, TemplateProblem.InvalidTemplate,
                $"Mallen {name} har en okänd sektion \"{key}\". Kända: {string.Join(", ", Placeholders.Sections(kind))}.");
        }
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

        return Deserialize<T>(File.ReadAllText(path), name);
    }

    private static T Deserialize<T>(string json, string name)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, DocumentJson.Options)
                ?? throw new DocumentTemplateException(name, null, TemplateProblem.InvalidTemplate, $"Mallen {name} är tom.");
        }
        catch (JsonException ex)
        {
            throw new DocumentTemplateException(name, null, TemplateProblem.InvalidTemplate, $"Mallen {name} är ogiltig JSON vid {ex.Path}: {ex.Message}");
        }
    }
}

/// <summary>Where an override applies: a group of organisations (letterhead <c>grupper</c>) or one organisation.</summary>
public enum TemplateScope { Grupp, Organisation }

/// <summary>The placeholders each document kind offers to its templates.</summary>
public static class Placeholders
{
    internal static readonly IReadOnlySet<string> Page = new HashSet<string> { "sida", "sidor" };

    public static IReadOnlySet<string> Known(DocumentKind kind) => kind switch
    {
        DocumentKind.Tjansteutlatande => Set("dnr", "datum", "namnd", "sammantradesdatum", "rubrik", "avsandare", "avsandareDnr", "svarsdatum",
            "forvaltning", "kommun", "enhet", "organ", "handelsedatum"),
        DocumentKind.Protokollsutdrag => Set("dnr", "namnd", "sammantradesdatum", "paragraf", "rubrik", "justeringsdatum", "ledamoter", "ledamot",
            "forslag", "bilaga", "forvaltning", "kommun"),
        DocumentKind.Missiv => Set("dnr", "datum", "remisshandling", "svarsdatum", "svarsEpost", "svarsAdress", "forvaltning", "kommun"),
        DocumentKind.Paminnelse => Set("dnr", "datum", "mottagare", "remisshandling", "ursprungligtSvarsdatum", "forlangtSvarsdatum", "svarsEpost",
            "forvaltning", "kommun"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static IReadOnlySet<string> Sections(DocumentKind kind) => kind switch
    {
        DocumentKind.Tjansteutlatande => Set("rubrik", "forslagTillBeslut", "sammanfattning", "bakgrund", "arendet", "beredning", "synpunkter", "underskrift", "bilagor",
            "beslutsunderlag", "beslutsplanering", "svarsdatum"),
        DocumentKind.Protokollsutdrag => Set("rubrik", "platsOchTid", "beslut", "forslagTillFullmaktige", "arendet", "beslutsunderlag", "yrkanden", "propositionsordning", "votering", "reservationer",
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
