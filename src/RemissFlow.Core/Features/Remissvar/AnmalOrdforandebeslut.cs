using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>Reports an ordförandebeslut at the nämnd's next meeting, under its own paragraph.</summary>
public static class AnmalOrdforandebeslut
{
    [RequiresRole(Role.Namndsekreterare)]
    public sealed record Command(Guid RemissvarId, Guid SammantradeId, int Paragraf, int? ExpectedVersion = null) : IRemissvarCommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SammantradeId).NotEmpty().WithMessage("Sammanträde måste väljas.");
            RuleFor(c => c.Paragraf).InclusiveBetween(1, 9999).WithMessage("Paragraf ska vara ett nummer mellan 1 och 9999.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow)
        : RemissvarHandler<Command, string>(db, current, workflow)
    {
        protected override async Task<Result<string>> HandleAsync(Command c, Domain.Remissvar svar, CancellationToken ct)
        {
            var ok = await (from m in Db.Sammantraden
                            join o in Db.Organ on m.OrganId equals o.Id
                            where m.Id == c.SammantradeId && o.OrganisationId == svar.InstansId && o.Kind == OrganKind.Namnd
                            select m.Id).AnyAsync(ct);
            if (!ok)
            {
                return Refusal.Field(nameof(c.SammantradeId), "Sammanträde: välj ett av nämndens egna sammanträden.");
            }

            return await FireAsync(svar, RemissvarTransitions.AnmalOrdforandebeslut, new OrdforandebeslutAnmalan(c.SammantradeId, c.Paragraf), ct);
        }
    }
}
