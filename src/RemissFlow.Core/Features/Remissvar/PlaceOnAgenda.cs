using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>The nämndsekreterare puts the approved ärende on a coming meeting's föredragningslista.</summary>
public static class PlaceOnAgenda
{
    [RequiresRole(Role.Namndsekreterare)]
    public sealed record Command(Guid RemissvarId, Guid SammantradeId, int? ExpectedVersion = null) : IRemissvarCommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.SammantradeId).NotEmpty().WithMessage("Sammanträde måste väljas.");
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, TimeProvider clock)
        : RemissvarHandler<Command, string>(db, current, workflow)
    {
        protected override async Task<Result<string>> HandleAsync(Command c, Domain.Remissvar svar, CancellationToken ct)
        {
            var meeting = await (from m in Db.Sammantraden
                                 join o in Db.Organ on m.OrganId equals o.Id
                                 where m.Id == c.SammantradeId
                                 select new { m.Datum, o.OrganisationId, o.Kind }).FirstOrDefaultAsync(ct);
            if (meeting is null || meeting.OrganisationId != svar.InstansId || meeting.Kind is not (OrganKind.Namnd or OrganKind.Styrelse))
            {
                return Refusal.Field(nameof(c.SammantradeId), "Sammanträde: välj ett av nämndens egna sammanträden.");
            }

            if (meeting.Datum < StockholmTime.Today(clock))
            {
                return Refusal.Field(nameof(c.SammantradeId), "Sammanträde: sammanträdet har redan hållits.");
            }

            return await FireAsync(svar, RemissvarTransitions.AnmalTillSammantrade, new SammantradesAnmalan(c.SammantradeId), ct);
        }
    }
}
