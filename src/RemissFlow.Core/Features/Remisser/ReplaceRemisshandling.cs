using RemissFlow.Core.Audit;
using RemissFlow.Core.Files;

namespace RemissFlow.Core.Features.Remisser;

/// <summary>
/// Puts a new version of a remisshandling in place of the old one before utskick: same place in the list, same
/// title, new content (checked like any upload). The audit event keeps both files' SHA-256.
/// </summary>
public static class ReplaceRemisshandling
{
    [RequiresRole(Role.Registrator, Role.KsSamordnare)]
    public sealed record Command(Guid RemissId, Guid BilagaId, string FileName, byte[] Content) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FileStore files) => RuleFor(c => c).SetValidator(new UploadValidator<Command>(c => c.FileName, c => c.Content, files.MaxBytes));
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, FileStore files, TimeProvider clock) : IRequestHandler<Command, string>
    {
        public async Task<Result<string>> Handle(Command c, CancellationToken ct)
        {
            var (remiss, bilaga, refusal) = await RemisshandlingAccess.ForChangeAsync(db, c.RemissId, c.BilagaId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var before = new { bilaga!.FileName, bilaga.MediaType, bilaga.Size, bilaga.Sha256 };
            var type = UploadPolicy.Detect(c.Content)!;
            var stored = await files.SaveAsync(c.Content, type.MediaType, ct);
            bilaga.FileName = UploadPolicy.StoredName(c.FileName, type.MediaType);
            bilaga.MediaType = stored.MediaType;
            bilaga.Size = stored.Size;
            bilaga.Sha256 = stored.Sha256;
            bilaga.UploadedBy = current.Actor.UserId ?? Guid.Empty;
            // UploadedAt stays: it is the handling's place in the list, and a new version keeps it.
            var title = Documents.DocumentModelFactory.Title(bilaga);
            audit.Record(remiss!, "remisshandling.ersatt", $"Remisshandlingen {title} ersattes med {bilaga.FileName}.",
                before: before, after: new { bilaga.FileName, SentFileName = c.FileName, bilaga.MediaType, bilaga.Size, bilaga.Sha256, ErsattAt = clock.GetUtcNow() });
            return title;
        }
    }
}
