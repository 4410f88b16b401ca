using RemissFlow.Core.Features.Kedja;
using RemissFlow.Core.Files;
using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Inkommande;

/// <summary>
/// The registrator turns an e-mail into a new remiss from outside: RegisterExternRemiss with the mail's attachments as
/// the missiv and the remisshandlingar, taken from the file store, and the item records the ärende it became.
/// </summary>
public static class RegistreraSomRemiss
{
    [RequiresRole(Role.Registrator, Role.Administrator)]
    public sealed record Command(
        Guid InkommandeId,
        Guid AvsandareId,
        string Title,
        string AvsandareDnr,
        DateOnly Svarsdatum,
        DateOnly MottagenDatum,
        Guid? MissivBilagaId,
        IReadOnlyList<Guid> Remisshandlingar) : ICommand<RegisterExternRemiss.Registered>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.InkommandeId).NotEmpty().WithMessage("Inkommande e-brev måste anges.");
            RuleFor(c => c.MissivBilagaId).NotNull().WithMessage("Missivet (remissbrevet) måste väljas bland e-brevets bilagor.");
            RuleFor(c => c.Remisshandlingar).Must((c, h) => c.MissivBilagaId is null || !h.Contains(c.MissivBilagaId.Value))
                .WithMessage("Missivet kan inte också vara en remisshandling.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, WorkflowHost host, FileStore files, IServiceProvider services)
        : IRequestHandler<Command, RegisterExternRemiss.Registered>
    {
        public async Task<Result<RegisterExternRemiss.Registered>> Handle(Command c, CancellationToken ct)
        {
            var (item, refusal) = await InkommandeRules.LoadWaitingAsync(db, host, c.InkommandeId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var (missiv, missivRefusal) = InkommandeRules.Files(item!, [c.MissivBilagaId!.Value], files, nameof(c.MissivBilagaId));
            if (missivRefusal is not null)
            {
                return missivRefusal;
            }

            var (handlingar, handlingarRefusal) = InkommandeRules.Files(item!, c.Remisshandlingar, files, nameof(c.Remisshandlingar));
            if (handlingarRefusal is not null)
            {
                return handlingarRefusal;
            }

            var registered = await InkommandeRules.RunAsync<RegisterExternRemiss.Command, RegisterExternRemiss.Registered>(services, new RegisterExternRemiss.Command(
                c.AvsandareId, c.Title, c.AvsandareDnr, c.Svarsdatum, c.MottagenDatum, new InkommenFil(missiv![0].Bilaga.Namn, missiv[0].Content),
                handlingar!.Select(h => new InkommenFil(h.Bilaga.Namn, h.Content)).ToList()), ct);
            if (!registered.Succeeded)
            {
                return registered.Refusal!;
            }

            var r = registered.Value;
            refusal = await workflow.FireAsync(item!, InkommandeTransitions.RegistreraRemiss,
                new InkommandeResultat(r.ArendeId, r.Dnr, $"Registrerad som remissen {c.AvsandareDnr.Trim()} med diarienummer {r.Dnr}"), ct);
            return refusal is null ? r : refusal;
        }
    }
}
