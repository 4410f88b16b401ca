using System.Globalization;
using System.Reflection;
using System.Text;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace RemissFlow.Core.Search;

/// <summary>
/// The Swedish text analysis both databases share. Text is folded (lower case, å ä ö and other marks
/// dropped, so a word typed without them is found) and cut into words here; compounds get their known
/// parts appended. PostgreSQL then stems these words with its built-in <c>swedish</c> configuration,
/// and SQLite gets them stemmed here by the same Snowball Swedish algorithm (Lucene's port) with the
/// same stop words, so both find the same documents.
/// </summary>
public static class SwedishAnalysis
{
    /// <summary>PostgreSQL ignores longer words (2 KB); shorter here so both drop the same junk.</summary>
    public const int MaxWordLength = 60;

    private const int MinCompoundLength = 8;
    private const int MinPartLength = 3;

    private static readonly ThreadLocal<SwedishStemmer> Stemmer = new(() => new SwedishStemmer());

    /// <summary>PostgreSQL's swedish.stop (the Snowball list), checked against the folded word as PostgreSQL does.</summary>
    public static readonly IReadOnlySet<string> StopWords = LoadLines("swedish.stop").ToHashSet(StringComparer.Ordinal);

    /// <summary>Stems of the word parts compounds are split into (ordled.txt).</summary>
    private static readonly HashSet<string> PartStems = LoadLines("ordled.txt").Select(l => Stem(Fold(l))).ToHashSet(StringComparer.Ordinal);

    /// <summary>Lower case without diacritics: "Jämställdhet" → "jamstalldhet".</summary>
    public static string Fold(string text)
    {
        var lower = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c switch { 'æ' => 'a', 'ø' => 'o', 'ß' => 's', _ => c });
            }
        }

        return sb.ToString();
    }

    /// <summary>The folded words of <paramref name="text"/>, in order (letters and digits; everything else separates).</summary>
    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        var folded = Fold(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var isWord = i < folded.Length && IsWordChar(folded[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                if (i - start <= MaxWordLength)
                {
                    yield return folded[start..i];
                }

                start = -1;
            }
        }
    }

    /// <summary>ASCII letters and digits only after folding, so PostgreSQL's parser sees exactly these words.</summary>
    private static bool IsWordChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    public static bool IsStopWord(string foldedWord) => StopWords.Contains(foldedWord);

    public static string Stem(string foldedWord)
    {
        if (foldedWord.Length < 3 || foldedWord.All(char.IsAsciiDigit))
        {
            return foldedWord;
        }

        var stemmer = Stemmer.Value!;
        stemmer.SetCurrent(foldedWord);
        stemmer.Stem();
        return stemmer.Current;
    }

    /// <summary>
    /// The words to index: the text's folded words in order, then the known parts of its compounds
    /// (after the text, so phrases within the text keep their positions).
    /// </summary>
    public static IReadOnlyList<string> IndexWords(string? text)
    {
        var words = Words(text).ToList();
        var parts = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            if (word.Length >= MinCompoundLength && seen.Add(word))
            {
                AddParts(word, parts);
            }
        }

        words.AddRange(parts);
        return words;
    }

    /// <summary>
    /// What every stop word is indexed as, on both databases. PostgreSQL would drop a stop word and keep only its
    /// place, so there "cykelvägar och bussar" also matched "cykelvägar tåg bussar" while FTS5 wanted "och" itself;
    /// with one token for all of them a stop word inside a phrase stands for any stop word, on both.
    /// </summary>
    public const string StopToken = "zzstopp";

    /// <summary>PostgreSQL's index text (it stems itself): the words in order, each stop word <see cref="StopToken"/>.</summary>
    public static string PlacedText(IEnumerable<string> indexWords) =>
        string.Join(' ', indexWords.Select(w => IsStopWord(w) ? StopToken : w));

    /// <summary>SQLite's index text: each word stemmed, each stop word <see cref="StopToken"/>, in the same places as PostgreSQL's.</summary>
    public static string StemmedText(IEnumerable<string> indexWords) =>
        string.Join(' ', indexWords.Select(w => IsStopWord(w) ? StopToken : Stem(w)));

    /// <summary>
    /// The parts of a compound: every tail from a split point whose stem is a known part
    /// ("jamstalldhetshandlingsplanen" → "handlingsplanen", "planen"), and every head before a split
    /// point, without its linking s, that is a known part and is followed by a known tail ("jamstalldhet").
    /// </summary>
    internal static void AddParts(string word, List<string> parts)
    {
        for (var i = MinPartLength; i <= word.Length - MinPartLength; i++)
        {
            var tail = word[i..];
            if (!PartStems.Contains(Stem(tail)))
            {
                continue;
            }

            parts.Add(tail);
            var head = word[..i];
            if (PartStems.Contains(Stem(head)))
            {
                parts.Add(head);
            }
            else if (head.Length > MinPartLength && head[^1] == 's' && PartStems.Contains(Stem(head[..^1])))
            {
                parts.Add(head[..^1]);
            }
        }
    }

    private static IEnumerable<string> LoadLines(string name)
    {
        var assembly = typeof(SwedishAnalysis).GetTypeInfo().Assembly;
        using var stream = assembly.GetManifestResourceStream("RemissFlow.Core.Search." + name)
            ?? throw new InvalidOperationException($"Resource {name} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
