using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RemissFlow.Workflows.Schema;

/// <summary>An instance-location (<c>$.transitions[3].to</c>) and what is wrong there.</summary>
public sealed record SchemaError(string Path, string Message);

/// <summary>
/// A validator for the subset of JSON Schema draft 2020-12 that <c>workflows/schema.json</c> uses.
/// No validator package restores from this machine's NuGet mirror (JsonSchema.Net needs the
/// absent JsonPointer.Net), so this one is deliberately small; it refuses a schema that uses any
/// keyword it does not implement, so the schema can never claim a rule that silently goes unchecked.
/// </summary>
public sealed class JsonSchemaValidator
{
    private static readonly HashSet<string> Supported =
    [
        "$schema", "$id", "title", "description", "$defs", "$ref", "type", "properties", "required",
        "additionalProperties", "items", "minItems", "uniqueItems", "enum", "const", "pattern",
        "minLength", "minimum", "maximum", "oneOf", "anyOf", "not",
    ];

    private readonly JsonElement _root;
    // One validator serves every load; hosts and test runners may validate on several threads at once.
    private readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public JsonSchemaValidator(JsonElement schema)
    {
        _root = schema.Clone();
        CheckKeywords(_root, "#");
    }

    public static JsonSchemaValidator Parse(string schemaJson)
    {
        using var doc = JsonDocument.Parse(schemaJson);
        return new JsonSchemaValidator(doc.RootElement);
    }

    public IReadOnlyList<SchemaError> Validate(JsonElement instance)
    {
        var errors = new List<SchemaError>();
        Validate(_root, instance, "$", errors);
        return errors;
    }

    private void CheckKeywords(JsonElement schema, string at)
    {
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind == JsonValueKind.False)
        {
            return;
        }
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new NotSupportedException($"Schema at {at} must be an object or boolean.");
        }
        foreach (var p in schema.EnumerateObject())
        {
            if (!Supported.Contains(p.Name))
            {
                throw new NotSupportedException($"Schema keyword '{p.Name}' at {at} is not supported by this validator.");
            }
            switch (p.Name)
            {
                case "$defs" or "properties":
                    foreach (var sub in p.Value.EnumerateObject())
                    {
                        CheckKeywords(sub.Value, $"{at}/{p.Name}/{sub.Name}");
                    }
                    break;
                case "items" or "not" or "additionalProperties":
                    CheckKeywords(p.Value, $"{at}/{p.Name}");
                    break;
                case "oneOf" or "anyOf":
                    var i = 0;
                    foreach (var sub in p.Value.EnumerateArray())
                    {
                        CheckKeywords(sub, $"{at}/{p.Name}/{i++}");
                    }
                    break;
                case "$ref":
                    Resolve(p.Value.GetString()!);
                    break;
            }
        }
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only local references are supported, not '{reference}'.");
        }
        var node = _root;
        foreach (var segment in reference[2..].Split('/'))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
            {
                throw new NotSupportedException($"Reference '{reference}' does not resolve.");
            }
        }
        return node;
    }

    private void Validate(JsonElement schema, JsonElement value, string path, List<SchemaError> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }
        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add(new SchemaError(path, "is not allowed here"));
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Validate(Resolve(reference.GetString()!), value, path, errors);
        }

        if (schema.TryGetProperty("type", out var type) && !MatchesType(type, value))
        {
            // Every further keyword would only repeat the same fault in other words.
            errors.Add(new SchemaError(path, $"must be of type {DescribeType(type)}, not {Describe(value)}"));
            return;
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add(new SchemaError(path, $"must be {constant.GetRawText()}"));
        }

        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, value)))
        {
            errors.Add(new SchemaError(path, $"must be one of {string.Join(", ", options.EnumerateArray().Select(o => o.GetRawText()))}, not {value.GetRawText()}"));
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                ValidateString(schema, value.GetString()!, path, errors);
                break;
            case JsonValueKind.Number:
                ValidateNumber(schema, value, path, errors);
                break;
            case JsonValueKind.Array:
                ValidateArray(schema, value, path, errors);
                break;
            case JsonValueKind.Object:
                ValidateObject(schema, value, path, errors);
                break;
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            var branches = anyOf.EnumerateArray().Select(s => Collect(s, value, path)).ToList();
            if (branches.All(b => b.Count > 0))
            {
                errors.AddRange(Closest(branches, path, "matches none of the allowed forms"));
            }
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var branches = oneOf.EnumerateArray().Select(s => Collect(s, value, path)).ToList();
            var matches = branches.Count(b => b.Count == 0);
            if (matches == 0)
            {
                errors.AddRange(Closest(branches, path, "matches none of the allowed forms"));
            }
            else if (matches > 1)
            {
                errors.Add(new SchemaError(path, $"matches {matches} of the forms where exactly one is allowed"));
            }
        }

        if (schema.TryGetProperty("not", out var not) && Collect(not, value, path).Count == 0)
        {
            errors.Add(new SchemaError(path, $"must not match {not.GetRawText()}"));
        }
    }

    private List<SchemaError> Collect(JsonElement schema, JsonElement value, string path)
    {
        var errors = new List<SchemaError>();
        Validate(schema, value, path, errors);
        return errors;
    }

    // The alternative with the fewest faults (then the deepest) is almost always the one the author
    // meant; reporting its faults points at the real mistake instead of a bare "matches none".
    private static IEnumerable<SchemaError> Closest(List<List<SchemaError>> branches, string path, string fallback)
    {
        var best = branches
            .OrderBy(b => b.Count)
            .ThenByDescending(b => b.Max(e => e.Path.Length))
            .First();
        return best.All(e => e.Path == path) ? [new SchemaError(path, $"{fallback}: {string.Join("; ", best.Select(e => e.Message))}")] : best;
    }

    private void ValidateString(JsonElement schema, string s, string path, List<SchemaError> errors)
    {
        if (schema.TryGetProperty("minLength", out var minLength) && s.Length < minLength.GetInt32())
        {
            errors.Add(new SchemaError(path, $"must be at least {minLength.GetInt32()} characters long"));
        }
        if (schema.TryGetProperty("pattern", out var pattern))
        {
            var text = pattern.GetString()!;
            var regex = _patterns.GetOrAdd(text, t => new Regex(t, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            if (!regex.IsMatch(s))
            {
                errors.Add(new SchemaError(path, $"\"{s}\" does not match the pattern {text}"));
            }
        }
    }

    private static void ValidateNumber(JsonElement schema, JsonElement value, string path, List<SchemaError> errors)
    {
        var n = value.GetDecimal();
        if (schema.TryGetProperty("minimum", out var minimum) && n < minimum.GetDecimal())
        {
            errors.Add(new SchemaError(path, $"must be at least {minimum.GetRawText()}"));
        }
        if (schema.TryGetProperty("maximum", out var maximum) && n > maximum.GetDecimal())
        {
            errors.Add(new SchemaError(path, $"must be at most {maximum.GetRawText()}"));
        }
    }

    private void ValidateArray(JsonElement schema, JsonElement value, string path, List<SchemaError> errors)
    {
        var length = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var minItems) && length < minItems.GetInt32())
        {
            errors.Add(new SchemaError(path, $"must have at least {minItems.GetInt32()} item(s)"));
        }
        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.GetBoolean())
        {
            var items = value.EnumerateArray().ToList();
            for (var i = 1; i < items.Count; i++)
            {
                if (items.Take(i).Any(earlier => JsonElement.DeepEquals(earlier, items[i])))
                {
                    errors.Add(new SchemaError($"{path}[{i}]", $"repeats {items[i].GetRawText()}; items must be unique"));
                }
            }
        }
        if (schema.TryGetProperty("items", out var itemSchema))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Validate(itemSchema, item, $"{path}[{i++}]", errors);
            }
        }
    }

    private void ValidateObject(JsonElement schema, JsonElement value, string path, List<SchemaError> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add(new SchemaError(path, $"is missing the required property \"{name}\""));
                }
            }
        }
        schema.TryGetProperty("properties", out var properties);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var p in value.EnumerateObject())
        {
            var childPath = $"{path}.{p.Name}";
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(p.Name, out var propertySchema))
            {
                Validate(propertySchema, p.Value, childPath, errors);
            }
            else if (hasAdditional)
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add(new SchemaError(childPath, $"is not a known property here (allowed: {string.Join(", ", properties.EnumerateObject().Select(x => x.Name))})"));
                }
                else
                {
                    Validate(additional, p.Value, childPath, errors);
                }
            }
        }
    }

    private static bool MatchesType(JsonElement type, JsonElement value) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(t => MatchesType(t.GetString()!, value))
            : MatchesType(type.GetString()!, value);

    private static bool MatchesType(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d),
        _ => throw new NotSupportedException($"Unknown JSON Schema type '{type}'."),
    };

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
