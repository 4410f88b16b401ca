using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Kedja;

/// <summary>
/// The registrator sends the decided answer on an outside remiss to its sender: remiss-extern's expediera, which puts the
/// e-mail with the answer in the outbox and records the expediering on the ärende. Refused, with nothing written, before
/// the decision, without an address to send to, and a second time.
/// </summary>
public static class ExpedieraSvar
{
    [RequiresRole(Role.Registrator)]
    public sealed record Command(Guid ArendeId) : ICommand<Expedierat>;

    public sealed record Expedierat(string Till, IReadOnlyList<string> Filer, DateTimeOffset ExpedieradAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.ArendeId).NotEmpty().WithMessage("Ärende måste anges.");
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, CoreOptions options) : IRequestHandler<Command, Expedierat>
    {
        public async Task<Result<Expedierat>> Handle(Command c, CancellationToken ct)
        {
            var arende = await db.Remissvar.AsNoTracking().FirstOrDefaultAsync(a => a.Id == c.ArendeId && a.InstansId == current.Actor.OrganisationId, ct);
            if (arende is null)
            {
                return Refusal.NotFound("Ärendet");
            }

            var remiss = await db.Remisser.FirstAsync(r => r.Id == arende.RemissId, ct);
            if (!remiss.ArExtern)
            {
                return Refusal.InvalidState("Bara svaret på en remiss som kommit utifrån expedieras härifrån; svaret på en intern remiss lämnas in på ärendet.");
            }

            if (await db.Expedieringar.AsNoTracking().FirstOrDefaultAsync(e => e.RemissvarId == arende.Id, ct) is { } tidigare)
            {
                return Refusal.Conflict($"Svaret är redan expedierat {StockholmTime.ToLocal(tidigare.ExpedieradAt):yyyy-MM-dd HH:mm} till {tidigare.Till}; det skickas inte en gång till.");
            }

            if (remiss.Status != RemissExternState.Mottagen)
            {
                return Refusal.InvalidState($"Remissen {remiss.Dnr} är {(remiss.Status == RemissExternState.Aterkallad ? "återkallad" : "avslutad")}; det finns inget svar att expediera.");
            }

            var avsandare = await db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == remiss.AvsandareId, ct);
            if (string.IsNullOrWhiteSpace(avsandare.SvarsEpost))
            {
                return Refusal.InvalidState($"{avsandare.Name} har ingen e-postadress för svar. Lägg in den under Externa avsändare innan svaret expedieras.");
            }

            if (!options.EmailEnabled)
            {
                return Refusal.InvalidState("E-post är inte påslagen i RemissFlow, så svaret kan inte expedieras härifrån.");
            }

            var refusal = await workflow.FireAsync(remiss, RemissTransitions.Expediera, NoData.Value, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var gjord = db.Expedieringar.Local.Single(e => e.RemissvarId == arende.Id);
            return new Expedierat(gjord.Till, gjord.FilLista, gjord.ExpedieradAt);
        }
    }
}
