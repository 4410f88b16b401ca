using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>Routes the ärende to a handläggare of the same organisation (or moves it to another one).</summary>
public static class AssignHandlaggare
{
    [RequiresRole(Role.Registrator, Role.Forvaltningschef)]
    public sealed record Command(Guid RemissvarId, Guid HandlaggareId, int? ExpectedVersion = null) : IRemissvarCommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.HandlaggareId).NotEmpty().WithMessage("Handläggare måste väljas.");
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, Notifications.Notifier notifier)
        : RemissvarHandler<Command, string>(db, current, workflow)
    {
        protected override async Task<Result<string>> HandleAsync(Command c, Domain.Remissvar svar, CancellationToken ct)
        {
            // Only active accounts are candidates: a deactivated handläggare cannot sign in to work on the ärende.
            var candidates = await notifier.UsersInRoleAsync(svar.InstansId, Role.Handlaggare, ct);
            if (!candidates.Contains(c.HandlaggareId))
            {
                // Said plainly for the organisation's own deactivated accounts (a form read before the deactivation still offers them).
                var deactivated = await Db.Users.AsNoTracking()
                    .Where(u => u.Id == c.HandlaggareId && u.OrganisationId == svar.InstansId && u.LockoutEnd >= AppUser.DeactivatedFrom)
                    .Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
                return Refusal.Field(nameof(c.HandlaggareId), deactivated is not null
                    ? $"Handläggare: kontot för {deactivated} är inaktiverat; välj en annan handläggare."
                    : "Handläggare: personen är inte handläggare i er organisation.");
            }

            var transition = svar.HandlaggareId is null && svar.Status == "registrerad" ? RemissvarTransitions.Tilldela : RemissvarTransitions.TilldelaOm;
            return await FireAsync(svar, transition, new Tilldelning(c.HandlaggareId), ct);
        }
    }
}
