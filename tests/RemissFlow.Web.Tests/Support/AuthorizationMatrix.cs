using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Domain;

namespace RemissFlow.Web.Tests.Support;

/// <summary>One demo account (or nobody) the authorization matrix sends every request as.</summary>
public sealed record MatrixPrincipal(string Key, string? Email, string? Org, IReadOnlySet<Role> Roles)
{
    public bool SignedIn => Email is not null;

    public bool Has(Role role) => Roles.Contains(role);

    public override string ToString() => Key;
}

/// <summary>
/// The principals of the matrix: anonymous and every demo account — each role in KS, in Servicenämnden (a nämnd with
/// förvaltning), in Socialnämnden (another one), the stadsdelsnämnd whose people hold two roles each, and the bolag.
/// Mirrors DemoSeeder; the matrix checks at start that the database agrees.
/// </summary>
public static class Principals
{
    public static readonly MatrixPrincipal Anonym = new("anonym", null, null, new HashSet<Role>());

    public static readonly IReadOnlyList<MatrixPrincipal> All =
    [
        Anonym,
        P("admin@remissflow.test", "KS", Role.Administrator),
        P("registrator.ks@remissflow.test", "KS", Role.Registrator),
        P("samordnare.ks@remissflow.test", "KS", Role.KsSamordnare),
        P("registrator.sf@remissflow.test", "SF", Role.Registrator),
        P("handlaggare.sf@remissflow.test", "SF", Role.Handlaggare),
        P("chef.sf@remissflow.test", "SF", Role.Forvaltningschef),
        P("sekreterare.sf@remissflow.test", "SF", Role.Namndsekreterare),
        P("registrator.sof@remissflow.test", "SOF", Role.Registrator),
        P("handlaggare.sof@remissflow.test", "SOF", Role.Handlaggare),
        P("chef.sof@remissflow.test", "SOF", Role.Forvaltningschef),
        P("sekreterare.sof@remissflow.test", "SOF", Role.Namndsekreterare),
        P("handlaggare.hl@remissflow.test", "HL", Role.Handlaggare, Role.Registrator),
        P("chef.hl@remissflow.test", "HL", Role.Forvaltningschef, Role.Namndsekreterare),
        P("registrator.svoa@remissflow.test", "SVOA", Role.Registrator, Role.Handlaggare, Role.Namndsekreterare),
        P("ledamot.sf@remissflow.test", "SF", Role.Ledamot),
        P("ordforande.sf@remissflow.test", "SF", Role.Ledamot),
        P("arkivarie@remissflow.test", "KS", Role.Arkivarie),
    ];

    private static MatrixPrincipal P(string email, string org, params Role[] roles) => new(email.Split('@')[0], email, org, roles.ToHashSet());
}

/// <summary>Who the matrix expects to succeed, as small composable rules over organisation and role.</summary>
public static class Who
{
    public static readonly Func<MatrixPrincipal, bool> Nobody = _ => false;

    public static readonly Func<MatrixPrincipal, bool> SignedIn = p => p.SignedIn;

    public static readonly Func<MatrixPrincipal, bool> Admin = p => p.Has(Role.Administrator);

    /// <summary>KS's registratorer and samordnare: the sender side of every remiss.</summary>
    public static readonly Func<MatrixPrincipal, bool> KsSender = In("KS", Role.Registrator, Role.KsSamordnare);

    public static readonly Func<MatrixPrincipal, bool> KsRegistrator = In("KS", Role.Registrator);

    public static readonly Func<MatrixPrincipal, bool> KsSamordnare = In("KS", Role.KsSamordnare);

    /// <summary>A registrator of an instans (any organisation but the sender).</summary>
    public static readonly Func<MatrixPrincipal, bool> InstansRegistrator = p => p.Org is not null and not "KS" && p.Has(Role.Registrator);

    /// <summary>Anyone holding one of the roles, in any organisation (the action is on the user's own organisation).</summary>
    public static Func<MatrixPrincipal, bool> HasRole(params Role[] roles) => p => roles.Any(p.Has);

    /// <summary>Every one who works in the organisation, whatever the role; not a ledamot, whose account reads only the organ's kallelser.</summary>
    public static Func<MatrixPrincipal, bool> In(string org) => p => p.Org == org && p.Roles.Any(r => r != Role.Ledamot);

    public static Func<MatrixPrincipal, bool> In(string org, params Role[] roles) => p => p.Org == org && roles.Any(p.Has);

    public static Func<MatrixPrincipal, bool> Only(string key) => p => p.Key == key;

    public static Func<MatrixPrincipal, bool> Or(this Func<MatrixPrincipal, bool> a, Func<MatrixPrincipal, bool> b) => p => a(p) || b(p);
}

/// <summary>The ids a request is aimed at; whatever is set is also what <see cref="MatrixWorld.FingerprintAsync"/> watches for change.</summary>
public sealed record MatrixTarget
{
    public static readonly MatrixTarget None = new();

    public Guid RemissId { get; init; }

    public Guid SvarId { get; init; }

    public Guid BilagaId { get; init; }

    public Guid OrgId { get; init; }

    public Guid MappningId { get; init; }

    public Guid NotisId { get; init; }

    public Guid MeetingId { get; init; }

    /// <summary>An organ (the nämnd), for its members.</summary>
    public Guid OrganId { get; init; }

    /// <summary>An account (e.g. for the administrator's user pages).</summary>
    public Guid UserId { get; init; }

    /// <summary>An ersättare period (issue #20); its changes show in the audit-event count the fingerprint watches.</summary>
    public Guid PeriodId { get; init; }

    /// <summary>An e-mail waiting in KS's registry queue (issue #17).</summary>
    public Guid InkommandeId { get; init; }

    /// <summary>A gallringsbeslut (proposal) of KS.</summary>
    public Guid GallringId { get; init; }

    /// <summary>A beslut of the meeting (a paragraph of its protokoll).</summary>
    public Guid BeslutId { get; init; }

    /// <summary>An item on the meeting's föredragningslista.</summary>
    public Guid PunktId { get; init; }

    /// <summary>The members who serve at the meeting, the ordförande first.</summary>
    public IReadOnlyList<Guid> LedamotIds { get; init; } = [];
}

public enum Channel
{
    /// <summary>/api with the principal's bearer token.</summary>
    Api,

    /// <summary>A page with the principal's session cookie; POSTs carry the principal's antiforgery token.</summary>
    Page,
}

public sealed record MatrixFile(string Field, string FileName, string MediaType, byte[] Content);

/// <summary>One real request. A page POST succeeds by redirecting (post/redirect/get) unless <see cref="SucceedsWithPage"/>.</summary>
public sealed record MatrixRequest(HttpMethod Method, string Path, Channel Channel)
{
    public object? Json { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Form { get; init; } = [];

    public MatrixFile? File { get; init; }

    public bool SucceedsWithPage { get; init; }

    public static MatrixRequest ApiGet(string path) => new(HttpMethod.Get, path, Channel.Api);

    public static MatrixRequest ApiPost(string path, object? json = null) => new(HttpMethod.Post, path, Channel.Api) { Json = json };

    public static MatrixRequest ApiPut(string path, object json) => new(HttpMethod.Put, path, Channel.Api) { Json = json };

    public static MatrixRequest ApiUpload(string path, MatrixFile? file, params (string Key, string Value)[] fields) =>
        new(HttpMethod.Post, path, Channel.Api) { File = file, Form = Pairs(fields) };

    public static MatrixRequest PageGet(string path) => new(HttpMethod.Get, path, Channel.Page);

    public static MatrixRequest PagePost(string path, params (string Key, string Value)[] fields) => new(HttpMethod.Post, path, Channel.Page) { Form = Pairs(fields) };

    public static MatrixRequest PageUpload(string path, MatrixFile file, params (string Key, string Value)[] fields) =>
        new(HttpMethod.Post, path, Channel.Page) { File = file, Form = Pairs(fields) };

    private static List<KeyValuePair<string, string>> Pairs((string Key, string Value)[] fields) => fields.Select(f => KeyValuePair.Create(f.Key, f.Value)).ToList();
}

/// <summary>
/// One row of the matrix: an endpoint (as <see cref="EndpointCatalog"/> names it), the principals that must succeed, the target
/// that makes the action possible, and the request. <see cref="Consumes"/>: a success uses the target up (e.g. registering
/// an inkommen ärende), so every further allowed principal gets a fresh one.
/// </summary>
public sealed record MatrixCase(
    string Endpoint,
    string Variant,
    Func<MatrixPrincipal, bool> Allowed,
    Func<MatrixWorld, Task<MatrixTarget>> Target,
    Func<MatrixWorld, MatrixTarget, MatrixPrincipal, Task<MatrixRequest>> Request,
    bool Consumes = false)
{
    public string Name => Variant.Length == 0 ? Endpoint : $"{Endpoint} [{Variant}]";
}

/// <summary>
/// Every endpoint of the running app, named "METHOD /route" — Razor page handlers as "POST /route?handler=Name" — from the
/// endpoint data source itself, so an endpoint added later shows up without anyone listing it by hand.
/// </summary>
public static class EndpointCatalog
{
    public static async Task<IReadOnlyList<string>> AllAsync(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        var loader = services.GetRequiredService<PageLoader>();
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = page as CompiledPageActionDescriptor ?? await loader.LoadAsync(page, endpoint.Metadata);
                if (compiled.HandlerMethods.Count == 0)
                {
                    // A page without a model (or without handlers) answers GET only.
                    keys.Add($"GET {route}");
                }

                foreach (var handler in compiled.HandlerMethods)
                {
                    var method = handler.HttpMethod.ToUpperInvariant();
                    keys.Add(string.IsNullOrEmpty(handler.Name) ? $"{method} {route}" : $"{method} {route}?handler={handler.Name}");
                }

                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods)
            {
                keys.Add($"{method} {route}");
            }
        }

        return keys.ToList();
    }
}

/// <summary>What one response was, in the matrix's terms.</summary>
public enum Outcome
{
    Succeeded,
    Refused,
    Other,
}

public static class Outcomes
{
    public static Outcome Classify(MatrixRequest request, MatrixPrincipal principal, HttpResponseMessage response)
    {
        var status = response.StatusCode;
        var location = response.Headers.Location?.ToString() ?? "";
        if (request.Channel == Channel.Api)
        {
            if ((int)status is >= 200 and < 300)
            {
                return Outcome.Succeeded;
            }

            // Anonymous is challenged (401); a signed-in user is forbidden (403), or told nothing is there (404) where the app hides existence.
            return principal.SignedIn
                ? status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound ? Outcome.Refused : Outcome.Other
                : status == HttpStatusCode.Unauthorized ? Outcome.Refused : Outcome.Other;
        }

        if (!principal.SignedIn)
        {
            return status == HttpStatusCode.Redirect && location.Contains("/konto/logga-in", StringComparison.Ordinal) ? Outcome.Refused : Outcome.Other;
        }

        if (status == HttpStatusCode.Redirect && location.Contains("/konto/nekad", StringComparison.Ordinal)
            || status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            return Outcome.Refused;
        }

        if (request.Method == HttpMethod.Get || request.SucceedsWithPage)
        {
            return status == HttpStatusCode.OK ? Outcome.Succeeded : Outcome.Other;
        }

        // A form that worked redirects to its result (post/redirect/get); one that was refused or failed shows the page again.
        // Konto → Ersättare redirects to itself; only the sign-in and refusal pages under /konto/ mean it did not work.
        return status == HttpStatusCode.Redirect && !location.Contains("/konto/logga-in", StringComparison.Ordinal) && !location.Contains("/konto/nekad", StringComparison.Ordinal)
            ? Outcome.Succeeded
            : Outcome.Other;
    }

    public static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var text = $"{(int)response.StatusCode} {response.StatusCode}";
        if (response.Headers.Location is { } location)
        {
            text += $" → {location}";
        }

        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            var body = await response.Content.ReadAsStringAsync();
            text += $" {body[..Math.Min(body.Length, 300)]}";
        }
        else if (response.Content.Headers.ContentType?.MediaType == "text/html" && (int)response.StatusCode is 200 or 400 or 409 or 422)
        {
            // The form's error summary says why a page post did not go through.
            var html = await response.Content.ReadAsStringAsync();
            var start = html.IndexOf("class=\"error-summary\"", StringComparison.Ordinal);
            var match = System.Text.RegularExpressions.Regex.Match(html[Math.Max(start, 0)..], "<li>(?:<a[^>]*>)?([^<]{1,300})");
            if (start >= 0 && match.Success)
            {
                text += $" «{WebUtility.HtmlDecode(match.Groups[1].Value.Trim())}»";
            }
        }

        return text;
    }
}
