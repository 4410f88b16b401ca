using System.Text;

namespace RemissFlow.Core.Search;

/// <summary>
/// A search box's text, parsed: words (all must match), "quoted phrases", prefixes (words ending in *),
/// or a dnr. Turned into PostgreSQL's tsquery or FTS5's MATCH from the same parts, so both ask the same.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxLength = 200;

    private SearchQuery()
    {
    }

    public IReadOnlyList<string> Words { get; private init; } = [];

    public IReadOnlyList<string> Prefixes { get; private init; } = [];

    public IReadOnlyList<IReadOnlyList<string>> Phrases { get; private init; } = [];

    /// <summary>Set when the whole query is a dnr: the prefix typed (null if only year/number) and year/number.</summary>
    public (string? Prefix, string Nr)? Dnr { get; private init; }

    public bool IsEmpty => Dnr is null && Words.Count == 0 && Prefixes.Count == 0 && Phrases.Count == 0;

    /// <summary>Folded stems a passage is highlighted by; prefixes match any word starting with them.</summary>
    public IReadOnlySet<string> HighlightStems =>
        Words.Concat(Phrases.SelectMany(p => p)).Where(w => !SwedishAnalysis.IsStopWord(w)).Select(SwedishAnalysis.Stem).ToHashSet(StringComparer.Ordinal);

    public static SearchQuery Parse(string text)
    {
        if (DnrQuery.TryParse(text, out var prefix, out var nr))
        {
            return new SearchQuery { Dnr = (prefix, nr) };
        }

        var words = new List<string>();
        var prefixes = new List<string>();
        var phrases = new List<IReadOnlyList<string>>();
        var parts = text.Split('"');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1 && i < parts.Length - 1)
            {
                // A stop word at a phrase's end narrows nothing a person means; inside it holds a place, which both
                // databases index as one token for every stop word (SwedishAnalysis.StopToken).
                var phrase = SwedishAnalysis.Words(parts[i]).SkipWhile(SwedishAnalysis.IsStopWord).Reverse().SkipWhile(SwedishAnalysis.IsStopWord).Reverse().ToList();
                if (phrase.Count == 1)
                {
                    words.Add(phrase[0]);
                }
                else if (phrase.Count > 1)
                {
                    phrases.Add(phrase);
                }

                continue;
            }

            foreach (var raw in parts[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var folded = SwedishAnalysis.Words(raw).ToList();
                if (raw.EndsWith('*') && folded.Count > 0)
                {
                    words.AddRange(folded[..^1]);
                    prefixes.Add(folded[^1]);
                    continue;
                }

                words.AddRange(folded);
            }
        }

        return new SearchQuery
        {
            Words = words.Where(w => !SwedishAnalysis.IsStopWord(w)).Distinct().ToList(),
            Prefixes = prefixes.Where(w => !SwedishAnalysis.IsStopWord(w)).Distinct().ToList(),
            Phrases = phrases,
        };
    }

    /// <summary>For <c>to_tsquery('swedish', …)</c>: PostgreSQL stems each part itself (a phrase's stop words are the index's stop token). Parts are ASCII letters and digits only.</summary>
    public string ToTsQuery()
    {
        var parts = Words.Concat(Prefixes.Select(p => p + ":*")).Concat(Phrases.Select(p => "(" + SwedishAnalysis.PlacedText(p).Replace(" ", " <-> ", StringComparison.Ordinal) + ")"));
        return string.Join(" & ", parts);
    }

    /// <summary>For FTS5's MATCH over the stems SwedishAnalysis wrote (a stop word inside a phrase is the one token every stop word is indexed as).</summary>
    public string ToFts5()
    {
        var sb = new StringBuilder();
        foreach (var part in Words.Select(w => Quote(SwedishAnalysis.Stem(w)))
            .Concat(Prefixes.Select(p => Quote(SwedishAnalysis.Stem(p)) + "*"))
            .Concat(Phrases.Select(p => Quote(SwedishAnalysis.StemmedText(p)))))
        {
            if (sb.Length > 0)
            {
                sb.Append(" AND ");
            }

            sb.Append(part);
        }

        return sb.ToString();
    }

    private static string Quote(string s) => "\"" + s + "\"";
}
