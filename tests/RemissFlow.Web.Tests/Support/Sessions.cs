using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using RemissFlow.Core.Demo;

namespace RemissFlow.Web.Tests.Support;

/// <summary>Signed-in HTTP clients: by bearer token (the API's way) or by the sign-in form (the browser's way).</summary>
public static partial class Sessions
{
    public const string AdminEmail = "admin@remissflow.test";
    public const string KsRegistrator = "registrator.ks@remissflow.test";
    public const string KsSamordnare = "samordnare.ks@remissflow.test";
    public const string SfRegistrator = "registrator.sf@remissflow.test";
    public const string SfHandlaggare = "handlaggare.sf@remissflow.test";
    public const string SfSekreterare = "sekreterare.sf@remissflow.test";

    public static async Task<HttpClient> BearerAsync(RemissFlowApp app, string email, string password = DemoSeeder.Password)
    {
        var client = app.NewClient();
        var response = await client.PostAsJsonAsync("/api/token", new { email, password });
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    public static async Task<HttpClient> CookieAsync(RemissFlowApp app, string email, string password = DemoSeeder.Password)
    {
        var client = app.NewClient();
        var response = await PostFormAsync(client, "/konto/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Redirect), "inloggningen lyckades inte");
        return client;
    }

    /// <summary>GETs the form page first, as a browser would, and posts with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? path);
        var form = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", AntiforgeryToken(page)) };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.That(match.Success, Is.True, "sidan har inget antiforgery-fält");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
