using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>Reports an ordförandebeslut at the nämnd's next meeting, under its own paragraph.</summary>
public static class AnmalOrdforandebeslut
{
    [RequiresRole(Role.Namndsekreterare)]
    public sealed record Command(Guid RemissvarId, Guid SammantradeId, int Paragraf, int? ExpectedVersion = null) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SammantradeId).NotEmpty().WithMessage("Sammanträde måste väljas.");
            RuleFor(c => c.Paragraf).InclusiveBetween(1, 9999).WithMessage("Paragraf ska vara ett nummer mellan 1 och 9999.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow) : IRequestHandler<Command, string>
    {
        public async Task<Result<string>> Handle(Command c, CancellationToken ct)
        {
            var (svar, refusal) = await RemissvarAccess.LoadAsync(db, c.RemissvarId, current.Actor, c.ExpectedVersion, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var ok = await (from m in db.Sammantraden
                            join o in db.Organ on m.OrganId equals o.Id
                            where m.Id == c.SammantradeId && o.OrganisationId == svar!.InstansId && o.Kind == OrganKind.Namnd
                            select m.Id).AnyAsync(ct);
            if (!ok)
            {
                return Refusal.Field(nameof(c.SammantradeId), "Sammanträde: välj ett av nämndens egna sammanträden.");
            }

            refusal = await workflow.FireAsync(svar!, RemissvarTransitions.AnmalOrdforandebeslut, new OrdforandebeslutAnmalan(c.SammantradeId, c.Paragraf), ct);
            return refusal is null ? svar!.Status : refusal;
        }
    }
}
