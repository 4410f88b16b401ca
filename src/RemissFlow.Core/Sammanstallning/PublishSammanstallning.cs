using RemissFlow.Core.Access;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Sammanstallning;

/// <summary>KS makes the sammanställning part of the public page of the remiss. Until then the public sees the answers, not KS's compilation.</summary>
public static class PublishSammanstallning
{
    [RequiresRole(Role.KsSamordnare)]
    public sealed record Command(Guid RemissId, int? ExpectedVersion = null) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.RemissId).NotEmpty().WithMessage("Remiss måste anges.");
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, AuditTrail audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Result<Unit>> Handle(Command c, CancellationToken ct)
        {
            var (remiss, refusal) = await RemissAccess.ForSenderAsync(db, c.RemissId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (c.ExpectedVersion is { } expected && remiss!.Version != expected)
            {
                return Refusal.StaleVersion;
            }

            if (remiss!.Status is RemissState.Utkast or RemissState.Aterkallad)
            {
                return Refusal.InvalidState(remiss.Status == RemissState.Utkast
                    ? "Remissen är inte utskickad; det finns ingen sammanställning att publicera."
                    : "Remissen är återkallad; sammanställningen publiceras inte.");
            }

            if (remiss.SammanstallningPublicerad)
            {
                return Refusal.InvalidState("Sammanställningen är redan publicerad.");
            }

            remiss.SammanstallningPublicerad = true;
            audit.Record(remiss, "sammanstallning.publicerad", "Sammanställningen publicerades på remissens offentliga sida.",
                new { sammanstallningPublicerad = false }, new { sammanstallningPublicerad = true });
            return Unit.Value;
        }
    }
}
