using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>The instans asks the sender for a later svarsdatum for its own answer.</summary>
public static class RequestAnstand
{
    [RequiresRole(Role.Handlaggare, Role.Namndsekreterare, Role.Registrator)]
    public sealed record Command(Guid RemissvarId, DateOnly OnskatSvarsdatum, string Motivering, int? ExpectedVersion = null) : IRemissvarCommand<string>;

    /// <summary>The one place for the limit: the validator and the form's maxlength.</summary>
    public const int MotiveringMax = Limits.AnstandText;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Motivering).RequiredText("Motivering", MotiveringMax);
            RuleFor(c => c.OnskatSvarsdatum).PlausibleDate("Önskat svarsdatum", clock);
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow)
        : RemissvarHandler<Command, string>(db, current, workflow)
    {
        protected override async Task<Result<string>> HandleAsync(Command c, Domain.Remissvar svar, CancellationToken ct)
        {
            if (c.OnskatSvarsdatum <= svar.Svarsdatum)
            {
                return Refusal.Field(nameof(c.OnskatSvarsdatum), $"Önskat svarsdatum måste vara senare än nuvarande svarsdatum {svar.Svarsdatum:yyyy-MM-dd}.");
            }

            return await FireAsync(svar, RemissvarTransitions.BegarAnstand, new Anstandsbegaran(c.OnskatSvarsdatum, c.Motivering.Trim()), ct);
        }
    }
}
