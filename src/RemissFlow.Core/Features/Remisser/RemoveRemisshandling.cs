using RemissFlow.Core.Access;
using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Remisser;

/// <summary>
/// Takes a remisshandling off a remiss before utskick (a wrong file, an old version). The stored file stays in the
/// content-addressed store, so the audit event's SHA-256 still names what was attached and removed.
/// </summary>
public static class RemoveRemisshandling
{
    [RequiresRole(Role.Registrator, Role.KsSamordnare)]
    public sealed record Command(Guid RemissId, Guid BilagaId) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.BilagaId).NotEmpty().WithMessage("Välj vilken remisshandling som ska tas bort.");
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

            var title = Documents.DocumentModelFactory.Title(bilaga!);
            db.Bilagor.Remove(bilaga!);
            audit.Record(remiss!, "remisshandling.borttagen", $"Remisshandlingen {title} togs bort.",
                before: new { bilaga!.Id, bilaga.FileName, bilaga.Rubrik, bilaga.MediaType, bilaga.Size, bilaga.Sha256 });
            return title;
        }
    }
}

/// <summary>The shared rule for changing a remisshandling: the sender's own, of this remiss, and only while it is an utkast.</summary>
public static class RemisshandlingAccess
{
    public static async Task<(Remiss? Remiss, Bilaga? Bilaga, Refusal? Refusal)> ForChangeAsync(RemissFlowDbContext db, Guid remissId, Guid bilagaId, Actor actor, CancellationToken ct)
    {
        var (remiss, refusal) = await RemissAccess.ForSenderAsync(db, remissId, actor, ct);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }

        var bilaga = await db.Bilagor.FirstOrDefaultAsync(b => b.Id == bilagaId && b.RemissId == remissId && b.RemissvarId == null && b.Kind == BilagaKind.Remisshandling, ct);
        if (bilaga is null)
        {
            return (null, null, Refusal.NotFound("Remisshandlingen"));
        }

        return remiss!.Status != "utkast"
            ? (null, null, Refusal.InvalidState("Remisshandlingarna är fastställda vid utskicket och kan inte ändras."))
            : (remiss, bilaga, null);
    }
}
