using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace RemissFlow.Web.Api;

/// <summary>
/// Schema ids for the OpenAPI document. The generator names a schema by the bare type name, so two request types called
/// AnstandRequest (one per endpoint class) shared one schema and one operation showed the other's fields. A nested type is
/// named with its declaring types ("ArendeEndpoints.AnstandRequest"); should two types still meet on one id (same name in
/// two namespaces), the later one takes its full name, so an id never stands for two types.
/// </summary>
public sealed class OpenApiSchemaIds
{
    private readonly ConcurrentDictionary<string, Type> _owners = new(StringComparer.Ordinal);

    public string? For(JsonTypeInfo info)
    {
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        if (id is null)
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        for (var declaring = type.DeclaringType; declaring is not null; declaring = declaring.DeclaringType)
        {
            id = $"{declaring.Name}.{id}";
        }

        var owner = _owners.GetOrAdd(id, type);
        return owner == type ? id : (type.FullName ?? id).Replace('+', '.');
    }
}
