using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Api;
using RemissFlow.Web.Api.Idempotency;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.SecuritySuite;

/// <summary>
/// The OpenAPI document is what the fuzzer and every generated client go by, so for every API operation its request schema
/// must be the type the endpoint really reads: the JSON body parameter of the handler, or for a multipart upload the form
/// type it declares with Accepts. Compared by property names, the endpoints read by reflection from the running app.
/// </summary>
[Category("Säkerhetssvit")]
public sealed partial class OpenApiDocumentTests
{
    [Test]
    public async Task Every_api_operation_documents_the_request_type_its_endpoint_reads()
    {
        await using var app = await RemissFlowApp.StartAsync(DatabaseProvider.Sqlite);
        var document = JsonNode.Parse(await app.NewClient().GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!.AsObject();
        var mismatches = new List<string>();
        var checkedOperations = 0;
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = endpoint.RoutePattern.RawText ?? "";
            if (!raw.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            {
                continue;
            }

            var path = "/" + RouteParameter().Replace(raw.Trim('/'), "{$1}");
            var expected = RequestType(endpoint, out var mediaType);
            if (expected is null && mediaType == "multipart/form-data")
            {
                mismatches.Add($"{path}: en uppladdning (UploadForm) måste ange sin formulärtyp med Accepts<T>(\"multipart/form-data\")");
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                checkedOperations++;
                var operation = document["paths"]?[path]?[method.ToLowerInvariant()];
                if (operation is null)
                {
                    mismatches.Add($"{method} {path}: saknas i API-beskrivningen");
                    continue;
                }

                var content = operation["requestBody"]?["content"]?.AsObject();
                if (expected is null)
                {
                    if (content is { Count: > 0 })
                    {
                        mismatches.Add($"{method} {path}: beskrivningen har en kropp ({string.Join(", ", content.Select(c => c.Key))}) som slutpunkten inte läser");
                    }

                    continue;
                }

                var schema = content?[mediaType!]?["schema"];
                if (schema is null)
                {
                    mismatches.Add($"{method} {path}: beskrivningen saknar kroppen {mediaType} ({expected.Name})");
                    continue;
                }

                var documented = PropertyNames(schema, schemas);
                var actual = expected.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order(StringComparer.Ordinal).ToList();
                if (!documented.SequenceEqual(actual))
                {
                    mismatches.Add($"{method} {path}: beskrivningen visar [{string.Join(", ", documented)}], slutpunkten läser {expected.Name} [{string.Join(", ", actual)}]");
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(checkedOperations, Is.GreaterThan(30));
            Assert.That(mismatches, Is.Empty, () => string.Join("\n", mismatches));
        });
    }

    /// <summary>The type the handler reads as its body: a JSON request record, or for <see cref="UploadForm"/> the form type declared with Accepts.</summary>
    private static Type? RequestType(RouteEndpoint endpoint, out string? mediaType)
    {
        var handler = endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault();
        var parameters = handler?.GetParameters().Select(p => p.ParameterType).Where(t => typeof(IApiRequest).IsAssignableFrom(t)).ToList() ?? [];
        if (parameters.Contains(typeof(UploadForm)))
        {
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
            mediaType = accepts is { ContentTypes.Count: > 0 } ? accepts.ContentTypes[0] : "multipart/form-data";
            return accepts?.RequestType;
        }

        mediaType = "application/json";
        return parameters.SingleOrDefault();
    }

    private static List<string> PropertyNames(JsonNode schema, JsonObject schemas)
    {
        while (true)
        {
            if (schema["$ref"] is { } reference)
            {
                schema = schemas[((string)reference!).Split('/')[^1]]!;
            }
            else if (schema["oneOf"] is JsonArray oneOf && oneOf.FirstOrDefault(s => (string?)s?["type"] != "null") is { } inner)
            {
                schema = inner;
            }
            else
            {
                return (schema["properties"]?.AsObject().Select(p => p.Key) ?? []).Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
