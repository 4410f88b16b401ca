using RemissFlow.Core.Audit;
using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>
/// The plain buttons of an ärende — triggers that need at most a comment. Triggers with real
/// input (registration, assignment, decisions, anstånd, meetings) have use cases of their own.
/// </summary>
public static class FireRemissvarTrigger
{
    public static readonly IReadOnlySet<string> Triggers = new HashSet<string>
    {
        "paborja_beredning", "skicka_till_forvaltningschef", "godkann", "returnera", "bordlagg", "lamna_in",
        "avsta", "forvaltningens_svar", "preliminart_svar",
    };

    [AnySignedInUser]
    public sealed record Command(Guid RemissvarId, string Trigger, int? ExpectedVersion = null, string? Kommentar = null) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Trigger).Must(Triggers.Contains).WithMessage("Händelsen kan inte göras med en enkel knapp.");
            RuleFor(c => c.Kommentar).OptionalText("Kommentar", Limits.Kommentar).When(c => c.Trigger != "avsta");
            RuleFor(c => c.Kommentar).OptionalText("Motivering", Limits.Motivering).When(c => c.Trigger == "avsta");
            RuleFor(c => c.Kommentar).Must(k => !string.IsNullOrWhiteSpace(k)).When(c => c.Trigger == "returnera").WithMessage("Kommentar måste fyllas i när tjänsteutlåtandet returneras.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, AuditTrail audit) : IRequestHandler<Command, string>
    {
        public async Task<Result<string>> Handle(Command c, CancellationToken ct)
        {
            var (svar, refusal) = await RemissvarAccess.LoadAsync(db, c.RemissvarId, current.Actor, expectedVersion: null, ct);
            refusal ??= await workflow.RefuseRoleAsync(svar!.WorkflowInstanceId, c.Trigger, ct);
            if (refusal is null && c.ExpectedVersion is { } expected && svar!.Version != expected)
            {
                refusal = Refusal.StaleVersion;
            }

            if (refusal is not null)
            {
                return refusal;
            }

            if (c.Trigger == TuKomplett.Trigger && await TuKomplett.CheckAsync(db, svar!, ct) is { } incomplete)
            {
                return incomplete;
            }

            var self = c.Trigger == "godkann" ? await Sjalvgodkannande.CheckAsync(db, svar!, current.Actor, ct) : null;
            if (self?.Refusal is not null)
            {
                return self.Refusal;
            }

            refusal = c.Trigger switch
            {
                "returnera" => await workflow.FireAsync(svar!, RemissvarTransitions.Returnera, new Retur(c.Kommentar ?? ""), ct),
                // The reason for declining goes with the answer to the sender and into the audit event.
                "avsta" => await workflow.FireAsync(svar!, RemissvarTransitions.Avsta, new Avstaende(string.IsNullOrWhiteSpace(c.Kommentar) ? null : c.Kommentar.Trim()), ct),
                "godkann" => await workflow.FireAsync(svar!, RemissvarTransitions.Godkann,
                    self is { IsSelfApproval: true } ? new Godkannande(Sjalvgodkannande: true, self.Version) : new Godkannande(), ct),
                _ => await workflow.FireAsync(svar!, c.Trigger, ct),
            };
            if (refusal is null && self is { IsSelfApproval: true })
            {
                audit.Record(svar!, "tu.sjalvgodkant",
                    $"Självgodkännande: {current.Actor.Name} godkände version {self.Version} av tjänsteutlåtandet, som hen själv sparat. Organisationen tillåter självgodkännande.",
                    after: new { version = self.Version, godkandAv = current.Actor.UserId });
            }

            return refusal is null ? svar!.Status : refusal;
        }
    }
}
