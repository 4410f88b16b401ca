using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RemissFlow.Workflows.Definitions;

/// <summary>
/// The canonical form hashed for immutability: properties sorted ordinally, no whitespace, numbers
/// as written. Re-indenting or re-ordering a file is not a change; any change of meaning is.
/// </summary>
public static class CanonicalJson
{
    public static byte[] ToBytes(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, element);
        }
        return stream.ToArray();
    }

    public static string Sha256Hex(JsonElement element) => Convert.ToHexStringLower(SHA256.HashData(ToBytes(element)));

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(p.Name);
                    Write(writer, p.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
