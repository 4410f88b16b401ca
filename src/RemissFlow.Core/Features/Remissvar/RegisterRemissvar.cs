using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Diarium;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>The förvaltning's registrator registers the arrived remiss in its own diarium; the sender's dnr stays linked.</summary>
public static class RegisterRemissvar
{
    [RequiresRole(Role.Registrator)]
    public sealed record Command(Guid RemissvarId, int? ExpectedVersion = null) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.RemissvarId).NotEmpty().WithMessage("Ärende måste anges.");
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, DiariumNumberAllocator diarium, TimeProvider clock)
        : IRequestHandler<Command, string>
    {
        public async Task<Result<string>> Handle(Command c, CancellationToken ct)
        {
            var (svar, refusal) = await RemissvarAccess.LoadAsync(db, c.RemissvarId, current.Actor, c.ExpectedVersion, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (svar!.Status != "inkommen")
            {
                return Refusal.InvalidState($"Ärendet är redan registrerat som {svar.Dnr}.");
            }

            var organisation = await db.Organisationer.FirstAsync(o => o.Id == svar.InstansId, ct);
            var dnr = await diarium.NextAsync(organisation, SwedishTime.Today(clock).Year, ct);
            refusal = await workflow.FireAsync(svar, "registrera", new { diarienummer = dnr.ToString() }, ct);
            return refusal is null ? dnr.ToString() : refusal;
        }
    }
}
