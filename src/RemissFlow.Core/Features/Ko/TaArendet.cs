using RemissFlow.Core.Access;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Features.Remissvar;

namespace RemissFlow.Core.Features.Ko;

/// <summary>
/// "Ta ärendet": one of the role's people in the organisation takes an ärende out of the shared queue, so it leaves
/// the queue for the others and waits for them only. Nothing in the ärende's state changes (the step is the same,
/// only who does it is settled), so it goes through the audit log, not the workflow engine. The claim is one
/// conditional statement: of two people taking it at once exactly one wins, the other is told who did.
/// </summary>
public static class TaArendet
{
    /// <param name="Version">The remissvar's version the start page showed: a step that moved on since is not taken blindly.</param>
    [AnySignedInUser]
    public sealed record Command(Guid RemissvarId, int? Version) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RemissvarId).NotEmpty().WithMessage("Ärende: välj vilket ärende du tar.");
            RuleFor(c => c.Version).GreaterThanOrEqualTo(0).When(c => c.Version is not null).WithMessage("Version: ogiltig version av ärendet.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock) : IRequestHandler<Command, string>
    {
        public async Task<Result<string>> Handle(Command c, CancellationToken ct)
        {
            var actor = current.Actor;
            var (svar, refusal) = await RemissvarAccess.LoadAsync(db, c.RemissvarId, actor, null, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (c.Version is { } seen && seen != svar!.Version)
            {
                return Refusal.Conflict("Ärendet har ändrats sedan startsidan lästes. Ladda om sidan och se var det väntar nu.");
            }

            if (KoRules.RollFor(svar!.Status, svar.HandlaggareId) is not { } role)
            {
                return Refusal.InvalidState("Ärendet väntar inte i någon gemensam kö just nu.");
            }

            var organisation = await db.Organisationer.AsNoTracking().Where(o => o.Id == svar.InstansId).Select(o => o.Name).FirstAsync(ct);
            var ko = KoRules.Namn(role, organisation);
            if (!actor.Roles.Contains(role))
            {
                return Refusal.Forbidden($"Ärendet väntar i kön {ko}; bara de som har rollen {RoleNames.Swedish(role)} tar ärenden ur den.");
            }

            // Taking it through an absent person's role is done on their behalf, as every other action with that role.
            var uppdrag = actor.OnBehalfFor([role]);
            if (uppdrag is not null)
            {
                current.ActOnBehalfOf(uppdrag);
            }

            var me = actor.UserId!.Value;
            var now = clock.GetUtcNow();
            await db.BeginWritingAsync(ct);
            var won = await KoClaim.TakeAsync(db, svar.Id, svar.InstansId, role, svar.Version, me, now, uppdrag?.UserId, ct);
            if (!won)
            {
                var holder = await KoClaim.HolderAsync(db, svar.Id, ct);
                return holder?.Id == me
                    ? Refusal.Conflict("Du har redan tagit ärendet; det finns under Ärenden du har tagit.")
                    : Refusal.Conflict($"{holder?.Namn ?? "En kollega"} tog ärendet just före dig. Det har lämnat kön {ko}.");
            }

            audit.Record(svar, "ko.tagen", $"{actor.Name} tog ärendet ur kön {ko}.",
                after: new { roll = role.ToString(), status = svar.Status, version = svar.Version });
            return ko;
        }
    }
}
