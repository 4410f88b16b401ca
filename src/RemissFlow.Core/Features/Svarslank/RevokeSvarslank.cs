using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Svarslank;

/// <summary>KS ends an outside instans's svarslänkar at once (a link sent to the wrong address, a leak); answers already in stay.</summary>
public static class RevokeSvarslank
{
    [RequiresRole(Role.Registrator, Role.KsSamordnare)]
    public sealed record Command(Guid RemissvarId) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.RemissvarId).NotEmpty().WithMessage("Instans måste anges.");
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, AuditTrail audit, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<Result<int>> Handle(Command c, CancellationToken ct)
        {
            var (svar, _, instans, refusal) = await SvarslankSender.LoadAsync(db, c.RemissvarId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var live = await Svarslankar.LiveAsync(db, svar!.Id, ct);
            if (live.Count == 0)
            {
                return Refusal.Field(nameof(c.RemissvarId), $"{instans!.Name} har ingen giltig svarslänk att återkalla.");
            }

            var now = clock.GetUtcNow();
            foreach (var l in live)
            {
                l.AterkalladAt = now;
                l.AterkalladAv = current.Actor.UserId;
            }

            audit.Record(svar, "svarslank.aterkalla", $"Svarslänken till {instans!.Name} återkallades.", null, new { Antal = live.Count });
            return live.Count;
        }
    }
}
