using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>Routes the ärende to a handläggare of the same organisation (or moves it to another one).</summary>
public static class AssignHandlaggare
{
    [RequiresRole(Role.Registrator, Role.Forvaltningschef)]
    public sealed record Command(Guid RemissvarId, Guid HandlaggareId, int? ExpectedVersion = null) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.HandlaggareId).NotEmpty().WithMessage("Handläggare måste väljas.");
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, Notifications.Notifier notifier) : IRequestHandler<Command, string>
    {
        public async Task<Result<string>> Handle(Command c, CancellationToken ct)
        {
            var (svar, refusal) = await RemissvarAccess.LoadAsync(db, c.RemissvarId, current.Actor, c.ExpectedVersion, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            // Only active accounts are candidates: a deactivated handläggare cannot sign in to work on the ärende.
            var candidates = await notifier.UsersInRoleAsync(svar!.InstansId, Role.Handlaggare, ct);
            if (!candidates.Contains(c.HandlaggareId))
            {
                // Said plainly for the organisation's own deactivated accounts (a form read before the deactivation still offers them).
                var deactivated = await db.Users.AsNoTracking()
                    .Where(u => u.Id == c.HandlaggareId && u.OrganisationId == svar.InstansId && u.LockoutEnd >= AppUser.DeactivatedFrom)
                    .Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
                return Refusal.Field(nameof(c.HandlaggareId), deactivated is not null
                    ? $"Handläggare: kontot för {deactivated} är inaktiverat; välj en annan handläggare."
                    : "Handläggare: personen är inte handläggare i er organisation.");
            }

            var transition = svar.HandlaggareId is null && svar.Status == "registrerad" ? RemissvarTransitions.Tilldela : RemissvarTransitions.TilldelaOm;
            refusal = await workflow.FireAsync(svar, transition, new Tilldelning(c.HandlaggareId), ct);
            return refusal is null ? svar.Status : refusal;
        }
    }
}
