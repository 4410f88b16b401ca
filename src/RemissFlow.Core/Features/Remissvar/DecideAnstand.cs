using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>
/// The sender grants or refuses an anstånd for one instans. Granting moves that instans's
/// svarsdatum only, and its reminders are rescheduled by the workflow. For an outside
/// organisation, which has no workflow of its own here, KS records the granted date directly.
/// </summary>
public static class DecideAnstand
{
    [RequiresRole(Role.Registrator, Role.KsSamordnare)]
    public sealed record Command(Guid RemissvarId, bool Bevilja, DateOnly? NyttSvarsdatum, string? Kommentar, int? ExpectedVersion = null) : IRemissvarCommand<DateOnly>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.NyttSvarsdatum).PlausibleDate("Nytt svarsdatum", clock);
            RuleFor(c => c.NyttSvarsdatum).NotNull().When(c => c.Bevilja).WithMessage("Nytt svarsdatum måste anges när anstånd beviljas.");
            RuleFor(c => c.Kommentar).OptionalText("Kommentar", Limits.AnstandText);
            RuleFor(c => c.Kommentar).Must(k => !string.IsNullOrWhiteSpace(k)).When(c => !c.Bevilja).WithMessage("Motivering måste fyllas i när anstånd avslås.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow)
        : RemissvarHandler<Command, DateOnly>(db, current, workflow)
    {
        protected override bool SenderMayAct => true;

        protected override async Task<Result<DateOnly>> HandleAsync(Command c, Domain.Remissvar svar, CancellationToken ct)
        {
            if (c.Bevilja && c.NyttSvarsdatum <= svar.Svarsdatum)
            {
                return Refusal.Field(nameof(c.NyttSvarsdatum), $"Nytt svarsdatum måste vara senare än nuvarande svarsdatum {svar.Svarsdatum:yyyy-MM-dd}.");
            }

            var extern_ = await Db.Organisationer.AnyAsync(o => o.Id == svar.InstansId && o.Kind == OrganisationKind.ExternOrganisation, ct);
            if (extern_ && !c.Bevilja)
            {
                return Refusal.InvalidState("För externa organisationer registreras bara beviljade anstånd.");
            }

            // An outside organisation's anstånd is recorded as granted; the comment is then the organisation's reason.
            var refusal = c.Bevilja
                ? await Workflow.FireAsync(svar, RemissvarTransitions.BeviljaAnstand, new Anstandsbeviljande(c.NyttSvarsdatum!.Value, c.Kommentar), ct)
                : await Workflow.FireAsync(svar, RemissvarTransitions.AvslaAnstand, new Anstandsavslag(c.Kommentar ?? ""), ct);
            return refusal is null ? svar.Svarsdatum : refusal;
        }
    }
}
