using RemissFlow.Core;
using RemissFlow.Core.AttGora;
using RemissFlow.Core.Deadlines;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages;

/// <summary>The start page "Att göra": what waits for the user in each of their roles, each item a link to where it is done.</summary>
public sealed class IndexModel(AttGoraQuery attGora, PlanQuery plans, SignedInUser user, TimeProvider clock) : PageModel
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

    public async Task OnGetAsync(CancellationToken ct)
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
