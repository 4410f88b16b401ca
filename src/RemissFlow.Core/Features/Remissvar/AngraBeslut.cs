using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>
/// The nämndsekreterare undoes a beslut recorded by mistake (wrong ärende, the item was in fact
/// bordlagt) before justering: the ärende is back on the föredragningslista, the beslut is gone,
/// and the audit event keeps the reason and what was removed.
/// </summary>
public static class AngraBeslut
{
    [RequiresRole(Role.Namndsekreterare)]
    public sealed record Command(Guid RemissvarId, string Skal, int? ExpectedVersion = null) : IRemissvarCommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Skal).RequiredText("Skäl till att beslutet ångras", 2000);
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow)
        : RemissvarHandler<Command, string>(db, current, workflow)
    {
        protected override async Task<Result<string>> HandleAsync(Command c, Domain.Remissvar svar, CancellationToken ct)
        {
            // A justerat beslut is no longer "current"; the protokoll's lock is named before that.
            if (await ProtokollJustering.ProtokollRules.RefuseLockedForSvarAsync(Db, svar.Id, ct) is { } locked)
            {
                return locked;
            }

            var beslut = await BeslutRattelse.CurrentAsync(Db, svar.Id, ct);
            if (beslut is null)
            {
                return Refusal.InvalidState("Det finns inget registrerat beslut att ångra.");
            }


            return await FireAsync(svar, RemissvarTransitions.AngraBeslut, new Beslutsangring(c.Skal.Trim(), BeslutSnapshot.Of(beslut, svar.Standpunkt)), ct);
        }
    }
}
