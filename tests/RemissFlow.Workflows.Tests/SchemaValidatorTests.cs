using System.Text.Json;
using RemissFlow.Workflows.Schema;

namespace RemissFlow.Workflows.Tests;

public class SchemaValidatorTests
{
    private static IReadOnlyList<SchemaError> Validate(string schema, string instance)
    {
        using var doc = JsonDocument.Parse(instance);
        return SchemaValidator.Parse(schema).Validate(doc.RootElement);
    }

    [Test]
    public void Type_mismatch_stops_at_the_value_and_integer_is_not_any_number()
    {
        const string schema = """{ "type": "object", "properties": { "v": { "type": "integer", "minimum": 1 } } }""";

        Assert.Multiple(() =>
        {
            Assert.That(Validate(schema, """{ "v": 1.5 }"""), Is.EqualTo(new[] { new SchemaError("$.v", "must be of type integer, not number 1.5") }));
            Assert.That(Validate(schema, """{ "v": "1" }"""), Is.EqualTo(new[] { new SchemaError("$.v", "must be of type integer, not string \"1\"") }));
            Assert.That(Validate(schema, """{ "v": 0 }"""), Is.EqualTo(new[] { new SchemaError("$.v", "must be at least 1") }));
            Assert.That(Validate(schema, """{ "v": 2.0 }"""), Is.Empty);
        });
    }

    [Test]
    public void Array_items_unique_and_min_items_point_at_the_element()
    {
        const string schema = """{ "type": "array", "minItems": 1, "uniqueItems": true, "items": { "type": "string", "minLength": 2 } }""";

        Assert.Multiple(() =>
        {
            Assert.That(Validate(schema, "[]"), Is.EqualTo(new[] { new SchemaError("$", "must have at least 1 item(s)") }));
            Assert.That(Validate(schema, """["ab", "x", "ab"]"""), Is.EquivalentTo(new[]
            {
                new SchemaError("$[2]", "repeats \"ab\"; items must be unique"),
                new SchemaError("$[1]", "must be at least 2 characters long"),
            }));
        });
    }

    [Test]
    public void References_const_and_any_of()
    {
        const string schema = """
            { "$defs": { "n": { "type": "string", "pattern": "^[a-z]+$" } },
              "anyOf": [ { "const": "*" }, { "$ref": "#/$defs/n" } ] }
            """;

        Assert.Multiple(() =>
        {
            Assert.That(Validate(schema, "\"*\""), Is.Empty);
            Assert.That(Validate(schema, "\"abc\""), Is.Empty);
            Assert.That(Validate(schema, "\"A1\"").Single().Path, Is.EqualTo("$"));
            Assert.That(Validate(schema, "\"A1\"").Single().Message, Does.StartWith("matches none of the allowed forms"));
        });
    }

    [Test]
    public void One_of_refuses_a_value_matching_two_forms()
    {
        const string schema = """{ "oneOf": [ { "type": "integer" }, { "type": "number" } ] }""";

        Assert.That(Validate(schema, "3"), Is.EqualTo(new[] { new SchemaError("$", "matches 2 of the forms where exactly one is allowed") }));
    }

    [Test]
    public void A_schema_that_would_be_half_applied_is_refused_up_front()
    {
        Assert.Multiple(() =>
        {
            // A misspelt keyword would otherwise be ignored, and the rule it meant never checked.
            Assert.That(() => SchemaValidator.Parse("""{ "properties": { "a": { "minItem": 1 } } }"""),
                Throws.TypeOf<Json.Schema.JsonSchemaException>().With.Message.Contains("minItem"));
            Assert.That(() => SchemaValidator.Parse("""{ "$ref": "#/$defs/missing" }"""),
                Throws.TypeOf<NotSupportedException>().With.Message.EqualTo("Reference '#/$defs/missing' does not resolve."));
            Assert.That(() => SchemaValidator.Parse("""{ "$ref": "https://example.org/s.json" }"""), Throws.TypeOf<NotSupportedException>());
        });
    }

    [Test]
    public void Format_is_checked_not_just_annotated()
    {
        const string schema = """{ "properties": { "a": { "format": "date" } } }""";

        Assert.Multiple(() =>
        {
            Assert.That(Validate(schema, """{ "a": "2026-13-40" }""").Single().Path, Is.EqualTo("$.a"));
            Assert.That(Validate(schema, """{ "a": "2026-03-02" }"""), Is.Empty);
        });
    }

    [Test]
    public void Additional_properties_as_a_schema_validates_the_extra_values()
    {
        const string schema = """{ "type": "object", "properties": { "a": true }, "additionalProperties": { "type": "boolean" } }""";

        Assert.That(Validate(schema, """{ "a": 1, "b": true, "c": 2 }"""), Is.EqualTo(new[] { new SchemaError("$.c", "must be of type boolean, not number 2") }));
    }
}
