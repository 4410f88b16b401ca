using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>
/// When no meeting fits before svarsdatum, the ordförande decides on delegation (brådskande ärende);
/// later the decision is reported (anmäls) at the nämnd's next meeting.
/// </summary>
public static class Ordforandebeslut
{
    [RequiresRole(Role.Namndsekreterare)]
    public sealed record Command(Guid RemissvarId, DateOnly Beslutsdatum, string Ordforande, Standpunkt Standpunkt, string? Beslutstext = null, int? ExpectedVersion = null) : IRemissvarCommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Ordforande).RequiredText("Ordförande", 200);
            RuleFor(c => c.Beslutstext).OptionalText("Beslut", 10_000);
            RuleFor(c => c.Standpunkt).IsInEnum().WithMessage("Ställningstagande är okänt.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, TimeProvider clock)
        : RemissvarHandler<Command, string>(db, current, workflow)
    {
        protected override async Task<Result<string>> HandleAsync(Command c, Domain.Remissvar svar, CancellationToken ct)
        {
            if (c.Beslutsdatum > StockholmTime.Today(clock))
            {
                return Refusal.Field(nameof(c.Beslutsdatum), "Beslutsdatum kan inte ligga i framtiden.");
            }

            return await FireAsync(svar, RemissvarTransitions.Ordforandebeslut, new OrdforandebeslutData(c.Beslutsdatum, c.Ordforande.Trim(), c.Standpunkt, c.Beslutstext), ct);
        }
    }
}
