using RemissFlow.Core.Audit;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Files;
using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Inkommande;

/// <summary>
/// The registrator adds the e-mail's attachments to one of the organisation's own ärenden (a komplettering, a
/// yttrande from a förvaltning): each becomes a bilaga of that ärende, as received, and an audit event on it.
/// </summary>
public static class LaggTillArende
{
    [RequiresRole(Role.Registrator, Role.Administrator)]
    public sealed record Command(Guid InkommandeId, string? Dnr, IReadOnlyList<Guid> Bilagor) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.InkommandeId).NotEmpty().WithMessage("Inkommande e-brev måste anges.");
            RuleFor(c => c.Dnr).RequiredText("Ärendets diarienummer", 40);
            RuleFor(c => c.Bilagor).NotEmpty().WithMessage("Välj minst en av e-brevets bilagor att lägga till i ärendet.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, WorkflowHost host, FileStore files, AuditTrail audit, TimeProvider clock)
        : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            var (item, refusal) = await InkommandeRules.LoadWaitingAsync(db, host, c.InkommandeId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var dnr = InkommandeForslag.Normalise(c.Dnr!);
            var arende = await db.Remissvar.FirstOrDefaultAsync(s => s.InstansId == item!.OrganisationId && s.Dnr == dnr, ct);
            if (arende is null)
            {
                return Refusal.Field(nameof(c.Dnr), $"Organisationen har inget ärende med diarienummer {dnr}.");
            }

            var (valda, filRefusal) = InkommandeRules.Files(item!, c.Bilagor, files, nameof(c.Bilagor));
            if (filRefusal is not null)
            {
                return filRefusal;
            }

            foreach (var (b, content) in valda!)
            {
                var type = UploadPolicy.Detect(content);
                if (type is null || UploadPolicy.ActiveContentRefusal(content, b.Namn) is not null)
                {
                    return Refusal.Field(nameof(c.Bilagor), $"Bilagan {b.Namn} är varken PDF eller ett Office-dokument utan aktivt innehåll.");
                }

                var bilaga = new Bilaga
                {
                    Kind = BilagaKind.InkommenHandling,
                    RemissvarId = arende.Id,
                    FileName = UploadPolicy.StoredName(b.Namn, type.MediaType),
                    MediaType = type.MediaType,
                    Size = b.Storlek,
                    Sha256 = b.Sha256,
                    UploadedAt = clock.GetUtcNow(),
                    UploadedBy = current.Actor.UserId ?? Guid.Empty,
                };
                db.Bilagor.Add(bilaga);
                audit.Record(nameof(Domain.Remissvar), arende.Id, arende.Dnr, "arende.handling_inkommen",
                    $"Handlingen {bilaga.FileName} kom in med e-post från {item!.Fran} ({item.Rubrik}) och lades till i ärendet.",
                    after: new { bilaga.FileName, bilaga.MediaType, bilaga.Size, bilaga.Sha256, inkommandeId = item.Id });
            }

            refusal = await workflow.FireAsync(item!, InkommandeTransitions.LaggTillArende,
                new InkommandeResultat(arende.Id, arende.Dnr, $"Tillagt i ärendet {arende.Dnr}"), ct);
            return refusal is null ? arende.Id : refusal;
        }
    }
}
