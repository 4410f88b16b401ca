using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Search;
using RemissFlow.Core.Workflow;
using RemissFlow.Documents.Wording;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Sok;

/// <summary>
/// The search page, for the signed-in (what their pages would show them) and for the public (sent
/// remisser only). Hits grouped by type, the matching passage highlighted, filters and sorting.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(Searcher searcher, SignedInUser user, RemissFlowDbContext db) : PageModel
{
    public sealed record Val(string Value, string Text);

    [BindProperty(SupportsGet = true, Name = "")]
    public SokInput Input { get; set; } = new();

    public SearchResult? Result { get; private set; }

    public IReadOnlyList<Val> Organisationer { get; private set; } = [];

    public IReadOnlyList<Val> Handlaggare { get; private set; } = [];

    public bool IsPublic => !user.IsSignedIn;

    public int PageNumber { get; private set; } = 1;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Organisationer = (await db.Organisationer.AsNoTracking().Where(o => o.Active).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .OrderBy(o => o.Name, StringComparer.Create(SwedishText.Culture, false)).Select(o => new Val(o.Id.ToString(), o.Name)).ToList();
        if (user.IsSignedIn)
        {
            var own = user.Actor.OrganisationId;
            Handlaggare = (await db.Users.AsNoTracking().Where(u => u.OrganisationId == own).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
                .OrderBy(u => u.DisplayName, StringComparer.Create(SwedishText.Culture, false)).Select(u => new Val(u.Id.ToString(), u.DisplayName)).ToList();
        }

        if (string.IsNullOrWhiteSpace(Input.Q) && Request.Query.Count == 0)
        {
            return Page();
        }

        var (request, refusal) = Input.Read();
        if (refusal is not null)
        {
            foreach (var error in refusal.Errors)
            {
                ModelState.AddModelError(error.Field, error.Message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        PageNumber = request!.Skip / request.Take + 1;
        var who = user.IsSignedIn ? new SearchPrincipal(user.Actor, user.IsKs) : SearchPrincipal.Public;
        Result = await searcher.SearchAsync(request, who, ct);
        return Page();
    }

    /// <summary>The snippet as HTML: encoded text with the matching words in &lt;mark&gt;.</summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent Highlight(SearchHit hit)
    {
        var html = new Microsoft.AspNetCore.Html.HtmlContentBuilder();
        var at = 0;
        foreach (var (start, length) in hit.Marks.OrderBy(m => m.Start))
        {
            if (start < at)
            {
                continue;
            }

            html.Append(hit.Snippet[at..start]);
            html.AppendHtml("<mark>");
            html.Append(hit.Snippet.Substring(start, length));
            html.AppendHtml("</mark>");
            at = start + length;
        }

        html.Append(hit.Snippet[at..]);
        return html;
    }

    public string PageUrl(int page)
    {
        var query = Request.Query.Where(p => p.Key != "sida").SelectMany(p => p.Value.Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v ?? "")}"));
        return "/sok?" + string.Join("&", query.Append($"sida={page}"));
    }

    /// <summary>The states a person filters by most; the API takes any state name.</summary>
    public static IReadOnlyList<Val> Statuses { get; } =
    [
        new(RemissState.Utskickad, "Remissen utskickad"), new(RemissvarState.Inkommen, "Ärendet inkommet"), new(RemissvarState.Registrerad, "Ärendet registrerat"),
        new(RemissvarState.UnderBeredning, "Under beredning"), new(RemissvarState.HosForvaltningschef, "Hos förvaltningschefen"),
        new(RemissvarState.Beslutad, "Beslutat"), new(RemissvarState.Inlamnad, "Svaret inlämnat"), new(RemissvarState.Avstatt, "Avstått"),
    ];
}
