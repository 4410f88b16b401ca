using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>Records that the protokoll (or, with omedelbar justering, the paragraph) has been checked and signed.</summary>
public static class Justera
{
    [RequiresRole(Role.Namndsekreterare)]
    public sealed record Command(Guid RemissvarId, DateOnly Justeringsdatum, string Justerare, int? ExpectedVersion = null) : IRemissvarCommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Justerare).RequiredText("Justerare", 400);
            RuleFor(c => c.Justeringsdatum).PlausibleDate("Justeringsdatum", clock);
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, TimeProvider clock)
        : RemissvarHandler<Command, string>(db, current, workflow)
    {
        protected override async Task<Result<string>> HandleAsync(Command c, Domain.Remissvar svar, CancellationToken ct)
        {
            var beslut = Db.Beslut.Where(b => b.RemissvarId == svar.Id).OrderByDescending(b => b.Datum).FirstOrDefault();
            if (beslut is not null && c.Justeringsdatum < beslut.Datum)
            {
                return Refusal.Field(nameof(c.Justeringsdatum), "Justeringsdatum kan inte vara före sammanträdet.");
            }

            if (c.Justeringsdatum > StockholmTime.Today(clock))
            {
                return Refusal.Field(nameof(c.Justeringsdatum), "Justeringsdatum kan inte ligga i framtiden.");
            }

            return await FireAsync(svar, RemissvarTransitions.Justera, new Justering(c.Justeringsdatum, c.Justerare.Trim()), ct);
        }
    }
}
