using RemissFlow.Core.Files;
using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Inkommande;

/// <summary>
/// The registrator records the e-mail as an outside organisation's answer to one of the organisation's open remisser:
/// RegisterExternalAnswer with the chosen attachment as the answer file, and the item records the remissvar.
/// </summary>
public static class RegistreraSomSvar
{
    [RequiresRole(Role.Registrator, Role.Administrator)]
    public sealed record Command(Guid InkommandeId, Guid? RemissvarId, Guid? BilagaId, Standpunkt? Standpunkt, string? Nyckelpunkter) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.InkommandeId).NotEmpty().WithMessage("Inkommande e-brev måste anges.");
            RuleFor(c => c.RemissvarId).NotNull().WithMessage("Remiss och instans måste väljas.");
            RuleFor(c => c.BilagaId).NotNull().WithMessage("Svarsfilen måste väljas bland e-brevets bilagor.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, WorkflowHost host, FileStore files, IServiceProvider services)
        : IRequestHandler<Command, string>
    {
        public async Task<Result<string>> Handle(Command c, CancellationToken ct)
        {
            var (item, refusal) = await InkommandeRules.LoadWaitingAsync(db, host, c.InkommandeId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            // Only an answer to a remiss this organisation sent, from an outside instans: a nämnd's answer comes through RemissFlow itself.
            var svar = await db.Remissvar.AsNoTracking().Where(s => s.Id == c.RemissvarId)
                .Join(db.Remisser, s => s.RemissId, r => r.Id, (s, r) => new { s.Id, r.AvsandareId, r.Dnr, s.InstansId })
                .Join(db.Organisationer, x => x.InstansId, o => o.Id, (x, o) => new { x.Id, x.AvsandareId, x.Dnr, o.Kind })
                .FirstOrDefaultAsync(ct);
            if (svar is null || svar.AvsandareId != item!.OrganisationId || svar.Kind != OrganisationKind.ExternOrganisation)
            {
                return Refusal.Field(nameof(c.RemissvarId), "Remissen finns inte bland organisationens öppna remisser till externa instanser; välj en i listan.");
            }

            var (fil, filRefusal) = InkommandeRules.Files(item, [c.BilagaId!.Value], files, nameof(c.BilagaId));
            if (filRefusal is not null)
            {
                return filRefusal;
            }

            var registered = await InkommandeRules.RunAsync<Remissvar.RegisterExternalAnswer.Command, string>(services,
                new Remissvar.RegisterExternalAnswer.Command(svar.Id, false, fil![0].Bilaga.Namn, fil[0].Content, c.Standpunkt, c.Nyckelpunkter), ct);
            if (!registered.Succeeded)
            {
                return registered.Refusal!;
            }

            refusal = await workflow.FireAsync(item, InkommandeTransitions.RegistreraSvar,
                new InkommandeResultat(svar.Id, svar.Dnr, $"Registrerat som svar på remissen {svar.Dnr}"), ct);
            return refusal is null ? registered.Value : refusal;
        }
    }
}
