using System.Text.Json;
using System.Text.Json.Nodes;

namespace RemissFlow.Documents.Models;

/// <summary>
/// A masked copy of one of RemissFlow's own documents: each chosen passage is replaced, wherever it stands in the model
/// (any text of any section), by the replacement ("[…] (OSL 21:7)"), and the copy is then rendered like the original.
/// </summary>
public static class DocumentMasking
{
    public static string Replacement(string hanvisning) => $"[…] ({hanvisning})";

    /// <exception cref="DocumentInputException">A passage that is empty or does not occur in the document.</exception>
    public static IDocumentModel Mask(IDocumentModel model, IReadOnlyList<string> passages, string replacement)
    {
        var node = JsonSerializer.SerializeToNode(model, model.GetType(), DocumentJson.Options)!;
        for (var i = 0; i < passages.Count; i++)
        {
            var passage = passages[i];
            if (string.IsNullOrWhiteSpace(passage))
            {
                throw new DocumentInputException($"passager[{i}]", "Ett stycke att maskera är tomt.");
            }

            if (Replace(node, passage, replacement) == 0)
            {
                throw new DocumentInputException($"passager[{i}]", $"Stycket ”{Short(passage)}” finns inte i handlingen; kopiera det ordagrant.");
            }
        }

        return DocumentJson.Deserialize(model.Kind, node.ToJsonString(DocumentJson.Options));
    }

    private static string Short(string s) => s.Length <= 60 ? s : s[..57] + "…";

    /// <summary>Replaces the passage in every string of the tree; returns how many strings held it.</summary>
    private static int Replace(JsonNode node, string passage, string replacement)
    {
        var count = 0;
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (o[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Contains(passage, StringComparison.Ordinal))
                    {
                        o[key] = s.Replace(passage, replacement, StringComparison.Ordinal);
                        count++;
                    }
                    else if (o[key] is { } child)
                    {
                        count += Replace(child, passage, replacement);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var s) && s.Contains(passage, StringComparison.Ordinal))
                    {
                        a[i] = s.Replace(passage, replacement, StringComparison.Ordinal);
                        count++;
                    }
                    else if (a[i] is { } child)
                    {
                        count += Replace(child, passage, replacement);
                    }
                }

                break;
        }

        return count;
    }
}
