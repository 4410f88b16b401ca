using System.Text.Json.Nodes;

namespace RemissFlow.Web.Tests.SecuritySuite;

/// <summary>What the fuzzer needs of one schema: its kind, whether null is allowed, and its parts.</summary>
public sealed record FuzzSchema(string Kind, bool Nullable, string? Format, IReadOnlyList<string> EnumValues,
    IReadOnlyDictionary<string, FuzzSchema> Properties, FuzzSchema? Items)
{
    public static readonly FuzzSchema Any = new("any", true, null, [], new Dictionary<string, FuzzSchema>(), null);
}

public sealed record FuzzParameter(string Name, string In, FuzzSchema Schema, bool Required);

/// <summary>One operation of the app's OpenAPI document: method, route template, parameters and request body per media type.</summary>
public sealed record FuzzOperation(string Method, string Path, IReadOnlyList<FuzzParameter> Parameters, IReadOnlyDictionary<string, FuzzSchema> Bodies, bool BodyRequired)
{
    public string Name => $"{Method} {Path}";

    public FuzzSchema? Json => Bodies.GetValueOrDefault("application/json");

    public FuzzSchema? Multipart => Bodies.GetValueOrDefault("multipart/form-data");
}

/// <summary>Reads paths × methods, parameters and request bodies out of the OpenAPI document the running app serves.</summary>
public static class OpenApiModel
{
    public static IReadOnlyList<FuzzOperation> Operations(JsonNode document)
    {
        var schemas = document["components"]?["schemas"]?.AsObject() ?? new JsonObject();
        var operations = new List<FuzzOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, op) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description")
                {
                    continue;
                }

                var parameters = (op!["parameters"]?.AsArray() ?? []).Select(p => new FuzzParameter(
                    (string)p!["name"]!, (string)p["in"]!, Read(p["schema"], schemas, 0), (bool?)p["required"] ?? false)).ToList();
                var bodies = new Dictionary<string, FuzzSchema>(StringComparer.OrdinalIgnoreCase);
                foreach (var (mediaType, media) in op["requestBody"]?["content"]?.AsObject() ?? new JsonObject())
                {
                    bodies[mediaType] = Read(media?["schema"], schemas, 0);
                }

                operations.Add(new FuzzOperation(method.ToUpperInvariant(), path, parameters, bodies, (bool?)op["requestBody"]?["required"] ?? false));
            }
        }

        return operations;
    }

    /// <summary>Resolves $ref and the generator's nullable forms (oneOf [null, X], type [null, X]); recursion is cut at a small depth.</summary>
    public static FuzzSchema Read(JsonNode? node, JsonObject schemas, int depth)
    {
        if (node is null || depth > 6)
        {
            return FuzzSchema.Any;
        }

        if (node["$ref"] is { } reference)
        {
            var name = ((string)reference!).Split('/')[^1];
            return Read(schemas[name], schemas, depth + 1);
        }

        if (node["oneOf"] is JsonArray oneOf)
        {
            var nonNull = oneOf.Where(s => (string?)s?["type"] != "null").ToList();
            var inner = nonNull.Count == 1 ? Read(nonNull[0], schemas, depth + 1) : FuzzSchema.Any;
            return inner with { Nullable = inner.Nullable || nonNull.Count < oneOf.Count };
        }

        var types = node["type"] switch
        {
            JsonArray a => a.Select(t => (string)t!).ToList(),
            JsonValue v => [(string)v!],
            _ => [],
        };
        var nullable = types.Remove("null");
        var enumValues = new List<string>();
        if (node["enum"] is JsonArray values)
        {
            nullable |= values.Any(v => v is null);
            enumValues.AddRange(values.Where(v => v is not null).Select(v => v!.ToString()));
        }

        // int? with the generator's "number or numeric string" shape is ["integer", "string"]: an integer.
        var kind = enumValues.Count > 0 ? "enum"
            : types.Contains("integer") ? "integer"
            : types.Contains("number") ? "number"
            : types.FirstOrDefault() ?? (node["properties"] is not null ? "object" : "any");
        var properties = new Dictionary<string, FuzzSchema>(StringComparer.Ordinal);
        foreach (var (name, property) in node["properties"]?.AsObject() ?? new JsonObject())
        {
            properties[name] = Read(property, schemas, depth + 1);
        }

        var items = node["items"] is { } itemNode ? Read(itemNode, schemas, depth + 1) : null;
        return new FuzzSchema(kind, nullable, (string?)node["format"], enumValues, properties, items);
    }
}
