using RemissFlow.Core.Access;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Files;

namespace RemissFlow.Core.Features.Remisser;

/// <summary>Attaches a remitted document (PDF or Office, checked by content) to a remiss before utskick.</summary>
public static class AddRemisshandling
{
    [RequiresRole(Role.Registrator, Role.KsSamordnare)]
    public sealed record Command(Guid RemissId, string FileName, byte[] Content) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FileStore files) => RuleFor(c => c).SetValidator(new UploadValidator<Command>(c => c.FileName, c => c.Content, files.MaxBytes));
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, FileStore files, TimeProvider clock) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            var (remiss, refusal) = await RemissAccess.ForSenderAsync(db, c.RemissId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (remiss!.Status != "utkast")
            {
                return Refusal.InvalidState("Remisshandlingarna är fastställda vid utskicket.");
            }

            var type = UploadPolicy.Detect(c.Content)!;
            var stored = await files.SaveAsync(c.Content, type.MediaType, ct);
            var bilaga = new Bilaga
            {
                Kind = BilagaKind.Remisshandling,
                RemissId = remiss.Id,
                FileName = UploadPolicy.StoredName(c.FileName, type.MediaType),
                MediaType = stored.MediaType,
                Size = stored.Size,
                Sha256 = stored.Sha256,
                UploadedAt = clock.GetUtcNow(),
                UploadedBy = current.Actor.UserId ?? Guid.Empty,
            };
            db.Bilagor.Add(bilaga);
            audit.Record(remiss, "remisshandling.bifogad", $"Remisshandlingen {bilaga.FileName} bifogades.",
                after: new { bilaga.FileName, SentFileName = c.FileName, bilaga.MediaType, bilaga.Size, bilaga.Sha256 });
            return bilaga.Id;
        }
    }
}

/// <summary>
/// The same upload rules everywhere: a safe name, not empty, within the size limit, really a PDF or Office file, and
/// nothing in it that runs by itself (script or actions in a PDF, macros in Office).
/// </summary>
public sealed class UploadValidator<T> : AbstractValidator<T>
{
    public UploadValidator(Func<T, string> name, Func<T, byte[]> content, long maxBytes)
    {
        RuleFor(x => name(x)).Must(UploadPolicy.IsSafeFileName).WithName("FileName").WithMessage("Filnamn saknas eller innehåller otillåtna tecken.");
        RuleFor(x => content(x)).Must(b => b is { Length: > 0 }).WithName("Content").WithMessage("Filen är tom.")
            .Must(b => b is null || b.LongLength <= maxBytes).WithMessage($"Filen är för stor; högst {maxBytes / (1024 * 1024)} MB.")
            .Must(b => b is null || b.Length == 0 || UploadPolicy.Detect(b) is not null)
            .WithMessage("Filen är varken PDF eller ett Office-dokument (innehållet avgör, inte filnamnet).")
            .DependentRules(() => RuleFor(x => x).Custom((x, context) =>
            {
                if (UploadPolicy.ActiveContentRefusal(content(x), name(x)) is { } refusal)
                {
                    context.AddFailure("Content", refusal);
                }
            }));
    }
}
