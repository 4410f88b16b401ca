using Microsoft.AspNetCore.Http.HttpResults;
using RemissFlow.Core.Search;
using RemissFlow.Web.Pages.Sok;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Api;

/// <summary>Search for the signed-in user: every hit is one the page it links to would show them.</summary>
public static class SokEndpoints
{
    public sealed record Hit(string Type, string Title, string? Dnr, string Url, string Snippet);

    /// <summary>"total" counts at most 1,000 hits; "capped" is true when there are more (narrow the query to see them).</summary>
    public sealed record Answer(int Total, IReadOnlyList<Hit> Hits, bool Capped);

    public static void MapSokEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/sok", Search)
            .WithTags("Sök")
            .WithSummary("Söker bland remisser, ärenden, tjänsteutlåtanden, filer, beslut, sammanträden, organisationer och personer som användaren får se.");
    }

    private static async Task<Results<Ok<Answer>, ProblemHttpResult>> Search(
        string? q, string? typ, string? organisation, string? fran, string? till, string? status, string? handlaggare,
        string? svarsdatumFran, string? svarsdatumTill, string? sortering, string? sida,
        Searcher searcher, SignedInUser user, CancellationToken ct)
    {
        var input = new SokInput
        {
            Q = q, Typ = typ, Organisation = organisation, Fran = fran, Till = till, Status = status, Handlaggare = handlaggare,
            SvarsdatumFran = svarsdatumFran, SvarsdatumTill = svarsdatumTill, Sortering = sortering, Sida = sida,
        };
        var (request, refusal) = input.Read();
        if (refusal is not null)
        {
            return ApiProblems.From(refusal);
        }

        var result = await searcher.SearchAsync(request!, new SearchPrincipal(user.Actor, user.IsKs), ct);
        return TypedResults.Ok(new Answer(result.Total, result.Hits.Select(h => new Hit(h.Type, h.Title, h.Dnr, h.Url, h.Snippet)).ToList(), result.Capped));
    }
}
