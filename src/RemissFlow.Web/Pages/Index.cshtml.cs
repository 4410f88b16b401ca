using RemissFlow.Core;
using RemissFlow.Core.AttGora;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Features.Ko;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages;

/// <summary>The start page "Att göra": what waits for the user in each of their roles, each item a link to where it is done.</summary>
public sealed class IndexModel(AttGoraQuery attGora, PlanQuery plans, SignedInUser user, TimeProvider clock, IMediator mediator) : PageModel
{
    /// <summary>Items shown per section; the rest are behind the section's list page.</summary>
    public const int Shown = 10;

    public string FirstName => user.Actor.Name.Split(' ')[0];

    public DateOnly Today { get; } = StockholmTime.Today(clock);

    public IReadOnlyList<AttGoraSection> Sections { get; private set; } = [];

    public IReadOnlyDictionary<Guid, Plan> Plans { get; private set; } = new Dictionary<Guid, Plan>();

    public int Total => Sections.Sum(s => s.Count);

    /// <summary>The absent people whose work the user holds today; the banner says so.</summary>
    public IReadOnlyList<Ersattaruppdrag> Uppdrag => user.Actor.Uppdrag;

    /// <summary>Why "Ta ärendet" or "Lämna tillbaka" did not happen, shown above the sections.</summary>
    public string? Fel { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>"Ta ärendet": the ärende leaves the shared queue and waits for this user only.</summary>
    public async Task<IActionResult> OnPostTaAsync(Guid id, int? version, CancellationToken ct) =>
        await AfterAsync(await mediator.Send(new TaArendet.Command(id, version), ct), ko => $"Du har tagit ärendet ur kön {ko}. Det finns nu under Ärenden du har tagit.", ct);

    /// <summary>"Lämna tillbaka till kön": the ärende waits for the whole role again.</summary>
    public async Task<IActionResult> OnPostLamnaTillbakaAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(await mediator.Send(new LamnaTillbaka.Command(id), ct), ko => $"Ärendet är tillbaka i kön {ko}.", ct);

    private async Task<IActionResult> AfterAsync(Result<string> result, Func<string, string> done, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            TempData["Meddelande"] = done(result.Value!);
            return Redirect("/");
        }

        switch (result.Refusal!.Kind)
        {
            case RefusalKind.NotFound:
                return NotFound();
            case RefusalKind.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden);
        }

        // A colleague was quicker, or the ärende moved on: the page as it is now, with the reason.
        Fel = result.Refusal.Message;
        Response.StatusCode = StatusCodes.Status409Conflict;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var sections = await attGora.ForAsync(user.Actor, user.OrganisationKind, ct);
        if (sections.FirstOrDefault(s => s.Key == "mina") is { Count: > 0 } mina)
        {
            // The handläggare's own ärenden come riskiest first: the plan says which meeting is still reachable.
            Plans = await plans.PlansForAsync(mina.Items.Select(i => i.Id).ToList(), ct);
            int Rank(AttGoraItem i) => Plans.TryGetValue(i.Id, out var p) ? p.Status switch { PlanStatus.Impossible => 0, PlanStatus.AtRisk => 1, _ => 2 } : 3;
            var sorted = mina with { Items = mina.Items.OrderBy(Rank).ThenBy(i => i.Datum).ToList() };
            sections = sections.Select(s => s.Key == "mina" ? sorted : s).ToList();
        }

        Sections = sections;
    }
}
