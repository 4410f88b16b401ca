using RemissFlow.Core.Audit;
using RemissFlow.Core.Features.Remissvar;

namespace RemissFlow.Core.Features.Ko;

/// <summary>
/// "Lämna tillbaka till kön": the one who took the ärende (or, while they are away, their ersättare) gives it back,
/// and it waits for the whole role again. Nobody else can take an ärende away from a colleague; a claim of a
/// deactivated account is already back in the queue.
/// </summary>
public static class LamnaTillbaka
{
    [AnySignedInUser]
    public sealed record Command(Guid RemissvarId) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.RemissvarId).NotEmpty().WithMessage("Ärende: välj vilket ärende du lämnar tillbaka.");
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current) : IRequestHandler<Command, string>
    {
        public async Task<Result<string>> Handle(Command c, CancellationToken ct)
        {
            var actor = current.Actor;
            var (svar, refusal) = await RemissvarAccess.LoadAsync(db, c.RemissvarId, actor, null, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var holder = await KoClaim.HolderAsync(db, svar!.Id, ct);
            if (holder is null || holder.SvarVersion != svar.Version || KoRules.RollFor(svar.Status, svar.HandlaggareId)?.ToString() != holder.Roll)
            {
                return Refusal.InvalidState("Ärendet är inte taget ur någon kö; det väntar redan på hela rollen.");
            }

            var role = Enum.Parse<Role>(holder.Roll);
            var me = actor.UserId!.Value;
            var forAbsent = actor.Uppdrag.FirstOrDefault(u => u.UserId == holder.Id);
            if (holder.Id != me && forAbsent is null)
            {
                return Refusal.Forbidden($"{holder.Namn} har tagit ärendet; bara hen (eller hens ersättare) kan lämna tillbaka det till kön.");
            }

            if (forAbsent is not null)
            {
                current.ActOnBehalfOf(forAbsent);
            }

            await db.BeginWritingAsync(ct);
            var version = svar.Version;
            var released = await db.KoTagningar
                .Where(k => k.RemissvarId == svar.Id && k.TagenAv == holder.Id && k.SvarVersion == version)
                .ExecuteDeleteAsync(ct);
            if (released == 0)
            {
                return Refusal.Conflict("Ärendet har redan lämnats tillbaka eller tagits av någon annan. Ladda om sidan.");
            }

            var organisation = await db.Organisationer.AsNoTracking().Where(o => o.Id == svar.InstansId).Select(o => o.Name).FirstAsync(ct);
            var ko = KoRules.Namn(role, organisation);
            audit.Record(svar, "ko.tillbaka",
                holder.Id == me ? $"{actor.Name} lämnade tillbaka ärendet till kön {ko}." : $"{actor.Name} lämnade tillbaka {holder.Namn}s ärende till kön {ko}.",
                before: new { tagenAv = holder.Id, roll = holder.Roll });
            return ko;
        }
    }
}
