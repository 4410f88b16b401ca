using RemissFlow.Core.Access;
using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Remisser;

/// <summary>
/// A button on the remiss: any trigger of remiss-utskick the workflow permits this user now.
/// The engine decides role, organisation, state and guards; this only shapes the input.
/// </summary>
public static class FireRemissTrigger
{
    public static readonly IReadOnlySet<string> Triggers = new HashSet<string>
    {
        "skicka_ut", "utskick_klart", "lagg_till_instans", "paminn_sena", "sammanstall", "oppna_sammanstallning", "avsluta", "aterkalla", "radera",
    };

    [AnySignedInUser]
    public sealed record Command(Guid RemissId, string Trigger, int? ExpectedVersion = null, string? Motivering = null, Guid? OrganisationId = null) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Trigger).Must(Triggers.Contains).WithMessage("Händelsen finns inte för en remiss.");
            RuleFor(c => c.Motivering).OptionalText("Motivering", 4000);
            RuleFor(c => c.Motivering).Must(m => !string.IsNullOrWhiteSpace(m)).When(c => c.Trigger is "aterkalla" or "oppna_sammanstallning")
                .WithMessage("Motivering måste fyllas i.");
            RuleFor(c => c.OrganisationId).NotNull().When(c => c.Trigger == "lagg_till_instans").WithMessage("Instans måste väljas.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow) : IRequestHandler<Command, string>
    {
        public async Task<Result<string>> Handle(Command c, CancellationToken ct)
        {
            var (remiss, refusal) = await RemissAccess.ForSenderAsync(db, c.RemissId, current.Actor, ct);
            refusal ??= await workflow.RefuseRoleAsync(remiss!.WorkflowInstanceId, c.Trigger, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (c.ExpectedVersion is { } expected && remiss!.Version != expected)
            {
                return Refusal.StaleVersion;
            }

            if (c.Trigger == "lagg_till_instans")
            {
                var listed = db.Set<RemisslistaPost>().Any(p => p.RemissId == remiss!.Id && p.OrganisationId == c.OrganisationId);
                var instans = db.Organisationer.FirstOrDefault(o => o.Id == c.OrganisationId);
                if (instans is null || instans.Kind == OrganisationKind.Kommunstyrelse || listed)
                {
                    return Refusal.Field(nameof(c.OrganisationId), listed ? "Instansen står redan på remisslistan." : "Instansen kan inte få remissen.");
                }
            }

            refusal = c.Trigger switch
            {
                "lagg_till_instans" => await workflow.FireAsync(remiss!, RemissTransitions.LaggTillInstans, new NyInstans(c.OrganisationId!.Value), ct),
                "aterkalla" => await workflow.FireAsync(remiss!, RemissTransitions.Aterkalla, new Aterkallelse(c.Motivering ?? ""), ct),
                "oppna_sammanstallning" => await workflow.FireAsync(remiss!, RemissTransitions.OppnaSammanstallning, new Ateroppning(c.Motivering ?? ""), ct),
                _ => await workflow.FireAsync(remiss!, c.Trigger, ct),
            };
            if (refusal is null && c.Trigger == "skicka_ut")
            {
                // Every instans got its answer track in the same step, so the answer period starts at once.
                refusal = await workflow.FireAsync(remiss!, "utskick_klart", ct, Actor.System);
            }

            return refusal is null ? remiss!.Status : refusal;
        }
    }
}
