using System.Text.Json;
using System.Text.Json.Serialization;

namespace RemissFlow.Web.Api;

/// <summary>
/// PostgreSQL cannot store or even compare text with U+0000 in it: "\u0000" in any JSON string (an e-mail at sign-in, a
/// title) reached the database and answered 500. No field of the API has a use for it, so it is refused while reading,
/// as a 400 that names the field (<see cref="BadRequestExceptionHandler"/>).
/// </summary>
public sealed class NoNulStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("Texten innehåller ett nolltecken (U+0000).")
            : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
