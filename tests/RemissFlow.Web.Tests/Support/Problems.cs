using System.Net;
using System.Text.Json;

namespace RemissFlow.Web.Tests.Support;

/// <summary>A ProblemDetails response read back, with the assertions every API test makes on one.</summary>
public sealed record Problem(HttpStatusCode Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var errors = new Dictionary<string, string[]>();
        if (root.TryGetProperty("errors", out var e))
        {
            foreach (var field in e.EnumerateObject())
            {
                errors[field.Name] = field.Value.EnumerateArray().Select(m => m.GetString()!).ToArray();
            }
        }

        return new Problem(response.StatusCode,
            root.TryGetProperty("title", out var t) ? t.GetString() : null,
            root.TryGetProperty("detail", out var d) ? d.GetString() : null,
            errors);
    }
}
