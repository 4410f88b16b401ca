using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Remisser;

/// <summary>
/// Gives a remisshandling the title the missiv, the remiss page and the public page show ("Förslag till
/// handlingsplan", not "hp_v3_slutlig.pdf"). Empty means the file name again. Only before utskick.
/// </summary>
public static class SetRemisshandlingRubrik
{
    [RequiresRole(Role.Registrator, Role.KsSamordnare)]
    public sealed record Command(Guid RemissId, Guid BilagaId, string? Rubrik) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Rubrik).OptionalText("Rubrik", Limits.Rubrik);
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current) : IRequestHandler<Command, string>
    {
        public async Task<Result<string>> Handle(Command c, CancellationToken ct)
        {
            var (remiss, bilaga, refusal) = await RemisshandlingAccess.ForChangeAsync(db, c.RemissId, c.BilagaId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var before = bilaga!.Rubrik;
            bilaga.Rubrik = string.IsNullOrWhiteSpace(c.Rubrik) ? null : c.Rubrik.Trim();
            var title = Documents.DocumentModelFactory.Title(bilaga);
            audit.Record(remiss!, "remisshandling.rubrik", $"Remisshandlingen {bilaga.FileName} har rubriken {title}.",
                before: new { Rubrik = before }, after: new { bilaga.Rubrik });
            return title;
        }
    }
}
