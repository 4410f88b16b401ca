using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace RemissFlow.Documents.Composition;

/// <summary>
/// Rejects control characters anywhere in a model, naming the field by its JSON path ("synpunkter[2].text").
/// Such characters are invisible in a signed PDF, break XML in DOCX, and are never intended; line breaks and
/// tabs are allowed.
/// </summary>
internal static class InputGuard
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static void Check(object model) => Walk(model, "");

    private static void Walk(object? value, string path)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                CheckString(s, path);
                return;
            case DateOnly or bool or int or Enum:
                return;
            case IEnumerable list:
                var i = 0;
                foreach (var item in list)
                {
                    Walk(item, $"{path}[{i++}]");
                }

                return;
        }

        foreach (var p in Properties.GetOrAdd(value.GetType(), Readable))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            Walk(p.GetValue(value), path.Length == 0 ? name : $"{path}.{name}");
        }
    }

    private static PropertyInfo[] Readable(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();

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
