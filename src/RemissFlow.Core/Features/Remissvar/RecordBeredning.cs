using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>
/// The handläggare sends the ärende to a beredning body and, once it has met, records the dated
/// passage that the TU's "Ärendets beredning" is phrased from.
/// </summary>
public static class RecordBeredning
{
    [RequiresRole(Role.Handlaggare)]
    public sealed record Command(Guid RemissvarId, OrganKind Organ, DateOnly Datum, bool EndastMojlighet = false, int? ExpectedVersion = null) : IRemissvarCommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Organ).Must(o => o is OrganKind.Forvaltningsgrupp or OrganKind.Samverkansgrupp or OrganKind.RadForFunktionshinderfragor or OrganKind.Pensionarsrad)
                .WithMessage("Beredningsorgan måste vara förvaltningsgrupp, samverkansgrupp, råd för funktionshinderfrågor eller pensionärsråd.");
            RuleFor(c => c.Datum).PlausibleDate("Datum", clock);
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, TimeProvider clock)
        : RemissvarHandler<Command, string>(db, current, workflow)
    {
        protected override async Task<Result<string>> HandleAsync(Command c, Domain.Remissvar svar, CancellationToken ct)
        {
            if (c.Datum > StockholmTime.Today(clock))
            {
                return Refusal.Field(nameof(c.Datum), "Datum: en behandling kan inte registreras i förväg.");
            }

            if (svar.Status == "under_beredning"
                && await Workflow.FireAsync(svar, RemissvarTransitions.AnmalTillBeredningsorgan, new BeredningsorganAnmalan(c.Organ), ct) is { } refusal)
            {
                return refusal;
            }

            return await FireAsync(svar, RemissvarTransitions.RegistreraBehandling, new Behandling(c.Organ, c.Datum, c.EndastMojlighet), ct);
        }
    }
}
