using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace RemissFlow.Workflows.Schema;

/// <summary>An instance-location (<c>$.transitions[3].to</c>) and what is wrong there.</summary>
public sealed record SchemaError(string Path, string Message);

/// <summary>
/// Validates against a JSON Schema (draft 2020-12) with JsonSchema.Net, which decides what is valid. This class
/// only words the result for a definition's author: a path like <c>$.timers[0].at</c> and what is wrong there,
/// naming the allowed values or properties, and inside <c>anyOf</c>/<c>oneOf</c> the faults of the alternative
/// the author most likely meant rather than every alternative's.
/// A schema the library would silently half-apply is refused when parsed: unknown keywords (the library's own
/// rule for 2020-12) and a <c>$ref</c> that is not local or does not resolve (the library would only find out
/// while validating).
/// </summary>
public sealed class SchemaValidator
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };

    private readonly JsonSchema _schema;
    private readonly JsonElement _root;

    private SchemaValidator(JsonElement root)
    {
        _root = root;
        CheckReferences(root, "#");
        // Each validator gets its own registry: the schema's $id must not collide with an earlier parse of it.
        _schema = JsonSchema.Build(root, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    public static SchemaValidator Parse(string schemaJson)
    {
        using var doc = JsonDocument.Parse(schemaJson);
        return new SchemaValidator(doc.RootElement.Clone());
    }

    public IReadOnlyList<SchemaError> Validate(JsonElement instance)
    {
        var results = _schema.Evaluate(instance, Options);
        return results.IsValid ? [] : Faults(results, instance);
    }

    private List<SchemaError> Faults(EvaluationResults node, JsonElement instance)
    {
        var errors = new List<SchemaError>();
        if (node.IsValid)
        {
            return errors;
        }

        var evaluationPath = node.EvaluationPath.ToString();
        var schema = SchemaAt(evaluationPath);
        var (path, value) = Locate(instance, node.InstanceLocation.ToString());
        var keywords = node.Errors ?? new Dictionary<string, string>();
        if (keywords.ContainsKey("type"))
        {
            // Every further keyword would only repeat the same fault in other words.
            return [new SchemaError(path, $"must be of type {DescribeType(schema.GetProperty("type"))}, not {Describe(value)}")];
        }

        foreach (var keyword in keywords.Keys)
        {
            errors.AddRange(Word(keyword, schema, value, path, evaluationPath));
        }

        var children = node.Details ?? [];
        string Keyword(EvaluationResults child) => Relative(node, child).FirstOrDefault() ?? "";
        foreach (var child in children.Where(c => Keyword(c) is not ("anyOf" or "oneOf" or "not")))
        {
            errors.AddRange(Faults(child, instance));
        }

        foreach (var applicator in new[] { "anyOf", "oneOf" })
        {
            var branches = children.Where(c => Keyword(c) == applicator).ToList();
            var matches = branches.Count(b => b.IsValid);
            if (branches.Count > 0 && matches == 0)
            {
                errors.AddRange(Closest(branches.Select(b => Faults(b, instance)).ToList(), path));
            }
            else if (applicator == "oneOf" && matches > 1)
            {
                errors.Add(new SchemaError(path, $"matches {matches} of the forms where exactly one is allowed"));
            }
        }

        if (children.Any(c => Keyword(c) == "not" && c.IsValid))
        {
            errors.Add(new SchemaError(path, $"must not match {schema.GetProperty("not").GetRawText()}"));
        }

        return errors;
    }

    // The alternative with the fewest faults (then the deepest) is almost always the one the author
    // meant; reporting its faults points at the real mistake instead of a bare "matches none".
    private static IEnumerable<SchemaError> Closest(List<List<SchemaError>> branches, string path)
    {
        var best = branches
            .Where(b => b.Count > 0)
            .OrderBy(b => b.Count)
            .ThenByDescending(b => b.Max(e => e.Path.Length))
            .FirstOrDefault() ?? [];
        return best.All(e => e.Path == path)
            ? [new SchemaError(path, $"matches none of the allowed forms: {string.Join("; ", best.Select(e => e.Message))}")]
            : best;
    }

    private IEnumerable<SchemaError> Word(string keyword, JsonElement schema, JsonElement value, string path, string evaluationPath)
    {
        switch (keyword)
        {
            case "const":
                yield return new SchemaError(path, $"must be {schema.GetProperty("const").GetRawText()}");
                break;
            case "enum":
                var options = schema.GetProperty("enum").EnumerateArray().Select(o => o.GetRawText());
                yield return new SchemaError(path, $"must be one of {string.Join(", ", options)}, not {value.GetRawText()}");
                break;
            case "minLength":
                yield return new SchemaError(path, $"must be at least {schema.GetProperty("minLength").GetRawText()} characters long");
                break;
            case "pattern":
                yield return new SchemaError(path, $"{value.GetRawText()} does not match the pattern {schema.GetProperty("pattern").GetString()}");
                break;
            case "format":
                yield return new SchemaError(path, $"{value.GetRawText()} is not a valid {schema.GetProperty("format").GetString()}");
                break;
            case "minimum":
                yield return new SchemaError(path, $"must be at least {schema.GetProperty("minimum").GetRawText()}");
                break;
            case "maximum":
                yield return new SchemaError(path, $"must be at most {schema.GetProperty("maximum").GetRawText()}");
                break;
            case "minItems":
                yield return new SchemaError(path, $"must have at least {schema.GetProperty("minItems").GetRawText()} item(s)");
                break;
            case "uniqueItems":
                // The library names the duplicate index pairs; the author wants the repeated item itself.
                var items = value.EnumerateArray().ToList();
                for (var i = 1; i < items.Count; i++)
                {
                    if (items.Take(i).Any(earlier => JsonElement.DeepEquals(earlier, items[i])))
                    {
                        yield return new SchemaError($"{path}[{i}]", $"repeats {items[i].GetRawText()}; items must be unique");
                    }
                }

                break;
            case "required":
                foreach (var name in schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                {
                    yield return new SchemaError(path, $"is missing the required property \"{name}\"");
                }

                break;
            case "" when evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal):
                // The false schema under additionalProperties: name what the enclosing object allows.
                var owner = SchemaAt(evaluationPath[..evaluationPath.LastIndexOf('/')]);
                var allowed = owner.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name) : [];
                yield return new SchemaError(path, $"is not a known property here (allowed: {string.Join(", ", allowed)})");
                break;
            case "":
                yield return new SchemaError(path, "is not allowed here");
                break;
            default:
                yield return new SchemaError(path, $"fails the schema keyword '{keyword}'");
                break;
        }
    }

    /// <summary>
    /// The subschema an evaluation path leads to, following <c>$ref</c> as the evaluation did. (JsonSchema.Net 8's
    /// SchemaLocation is off below <c>items</c> and <c>not</c>, and its evaluation paths name <c>items</c> twice.)
    /// </summary>
    private JsonElement SchemaAt(string evaluationPath)
    {
        var node = _root;
        var segments = Segments(evaluationPath);
        for (var i = 0; i < segments.Count && node.ValueKind == JsonValueKind.Object; i++)
        {
            var segment = segments[i];
            switch (segment)
            {
                case "$ref":
                    node = Resolve(node.GetProperty("$ref").GetString()!);
                    break;
                case "properties" or "$defs" when i + 1 < segments.Count:
                    node = node.GetProperty(segment).GetProperty(segments[++i]);
                    break;
                case "anyOf" or "oneOf" when i + 1 < segments.Count:
                    node = node.GetProperty(segment)[int.Parse(segments[++i], CultureInfo.InvariantCulture)];
                    break;
                case "items":
                    node = node.GetProperty("items");
                    if (i + 1 < segments.Count && segments[i + 1] == "items")
                    {
                        i++;
                    }

                    break;
                default:
                    node = node.GetProperty(segment);
                    break;
            }
        }

        return node;
    }

    private JsonElement Resolve(string reference)
    {
        var node = _root;
        foreach (var segment in Segments(reference[1..]))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(segment, out node))
            {
                throw new NotSupportedException($"Reference '{reference}' does not resolve.");
            }
        }

        return node;
    }

    private void CheckReferences(JsonElement schema, string at)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in schema.EnumerateObject())
                {
                    if (p.Name == "$ref" && p.Value.ValueKind == JsonValueKind.String)
                    {
                        var reference = p.Value.GetString()!;
                        if (!reference.StartsWith("#/", StringComparison.Ordinal))
                        {
                            throw new NotSupportedException($"Only local references are supported, not '{reference}' at {at}.");
                        }

                        Resolve(reference);
                    }
                    else if (p.Name is not ("enum" or "const"))
                    {
                        CheckReferences(p.Value, $"{at}/{p.Name}");
                    }
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in schema.EnumerateArray())
                {
                    CheckReferences(item, $"{at}/{i++}");
                }

                break;
        }
    }

    private static List<string> Segments(string pointer) =>
        pointer.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .ToList();

    private static IEnumerable<string> Relative(EvaluationResults parent, EvaluationResults child) =>
        Segments(child.EvaluationPath.ToString()).Skip(Segments(parent.EvaluationPath.ToString()).Count);

    /// <summary>The instance value at a JSON Pointer, and the same place written <c>$.a[0].b</c>.</summary>
    private static (string Path, JsonElement Value) Locate(JsonElement instance, string pointer)
    {
        var path = "$";
        var value = instance;
        foreach (var segment in Segments(pointer))
        {
            if (value.ValueKind == JsonValueKind.Array)
            {
                value = value[int.Parse(segment, CultureInfo.InvariantCulture)];
                path += $"[{segment}]";
            }
            else
            {
                value = value.GetProperty(segment);
                path += $".{segment}";
            }
        }

        return (path, value);
    }

    private static string DescribeType(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? string.Join(" or ", type.EnumerateArray().Select(t => t.GetString())) : type.GetString()!;

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => $"number {value.GetRawText()}",
        JsonValueKind.String => $"string {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"boolean {value.GetRawText()}",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
