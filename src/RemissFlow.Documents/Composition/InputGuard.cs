using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RemissFlow.Documents.Composition;

/// <summary>
/// Rejects control characters anywhere in a model, naming the field by its JSON path ("synpunkter[2].text").
/// Such characters are invisible in a signed PDF, break XML in DOCX, and are never intended; line breaks and
/// tabs are allowed.
/// </summary>
internal static class InputGuard
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static void Check(object model) => Walk(model, "", CheckString);

    /// <summary>Every text of the model with its JSON path.</summary>
    public static IReadOnlyList<(string Path, string Text)> Texts(object model)
    {
        var texts = new List<(string, string)>();
        Walk(model, "", (s, path) => texts.Add((path, s)));
        return texts;
    }

    /// <summary>
    /// Warnings for characters no shipped font can draw (they print as a box), naming the field and the character.
    /// A private-use bullet at the start of a line is not among them: it becomes a list item.
    /// </summary>
    public static IReadOnlyList<DocumentWarning> Undrawable(object model)
    {
        var warnings = new List<DocumentWarning>();
        foreach (var (path, text) in Texts(model))
        {
            var drawn = string.Join('\n', text.Split('\n').Select(l => Bullets.ItemText(l) is { } item ? item : l));
            foreach (var rune in Pdf.FontFallback.Missing(drawn))
            {
                var code = $"U+{rune.Value:X4}";
                warnings.Add(new DocumentWarning(path, rune.ToString(), code,
                    $"Fältet {path} innehåller tecknet \"{rune}\" ({code}) som inget av dokumentets typsnitt kan visa; det blir en tom ruta i PDF:en."));
            }
        }

        return warnings;
    }

    private static void Walk(object? value, string path, Action<string, string> onText)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                onText(s, path);
                return;
            case DateOnly or bool or int or Enum:
                return;
            case IEnumerable list:
                var i = 0;
                foreach (var item in list)
                {
                    Walk(item, $"{path}[{i++}]", onText);
                }

                return;
        }

        foreach (var p in Properties.GetOrAdd(value.GetType(), Readable))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            Walk(p.GetValue(value), path.Length == 0 ? name : $"{path}.{name}", onText);
        }
    }

    private static PropertyInfo[] Readable(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null).ToArray();

    private static void CheckString(string s, string path)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                throw new DocumentInputException(path, $"Texten innehåller ett otillåtet styrtecken (U+{(int)c:X4}) vid position {i}.");
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[++i])))
            {
                throw new DocumentInputException(path, $"Texten innehåller ett trasigt tecken (ensamt surrogat) vid position {i}.");
            }
        }
    }
}
