using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RemissFlow.Core.Intake;

/// <summary>The shape <c>remissflow import --json</c> prints (issue #17): fields absent from the document left out.</summary>
public static class IntakeJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(IntakeResult result)
    {
        var fields = new JsonObject();
        foreach (var name in IntakeResult.FieldNames)
        {
            if (result.Field(name) is { } v)
            {
                fields[name] = new JsonObject { ["value"] = v.Value, ["confidence"] = Math.Round(v.Confidence, 2), ["source"] = v.Source };
            }
        }

        var root = new JsonObject
        {
            ["kind"] = result.Kind.Value,
            ["fields"] = fields,
            ["beredning"] = new JsonArray([.. result.Beredning.Select(b =>
            {
                var o = new JsonObject { ["organ"] = b.Organ };
                if (b.Date is not null)
                {
                    o["date"] = b.Date;
                }

                o["source"] = b.Source;
                return (JsonNode)o;
            })]),
            ["sections"] = new JsonArray([.. result.Sections.Select(s => (JsonNode)new JsonObject { ["heading"] = s.Heading, ["text"] = s.Text })]),
        };
        return root.ToJsonString(Options);
    }
}
