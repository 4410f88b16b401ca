using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Files;
using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>KS records what an outside organisation sent: its answer as a file, or that it declines.</summary>
public static class RegisterExternalAnswer
{
    [RequiresRole(Role.Registrator, Role.KsSamordnare)]
    public sealed record Command(Guid RemissvarId, bool Avstar, string? FileName, byte[]? Content, Standpunkt? Standpunkt, string? Nyckelpunkter) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FileStore files)
        {
            RuleFor(c => c.Nyckelpunkter).OptionalText("Nyckelpunkter", 10_000);
            When(c => !c.Avstar, () =>
            {
                RuleFor(c => c).SetValidator(new UploadValidator<Command>(c => c.FileName ?? string.Empty, c => c.Content ?? [], files.MaxBytes));
                RuleFor(c => c.Standpunkt).NotNull().WithMessage("Ställningstagande måste väljas.");
            });
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, FileStore files, TimeProvider clock) : IRequestHandler<Command, string>
    {
        public async Task<Result<string>> Handle(Command c, CancellationToken ct)
        {
            var (svar, refusal) = await RemissvarAccess.LoadAsync(db, c.RemissvarId, current.Actor, null, ct, senderMayAct: true);
            if (refusal is not null)
            {
                return refusal;
            }

            if (c.Avstar)
            {
                refusal = await workflow.FireAsync(svar!, RemissvarTransitions.Avsta, new Avstaende(), ct);
                return refusal is null ? svar!.Status : refusal;
            }

            var type = UploadPolicy.Detect(c.Content!)!;
            var stored = await files.SaveAsync(c.Content!, type.MediaType, ct);
            var bilaga = new Bilaga
            {
                Kind = BilagaKind.Svar,
                RemissvarId = svar!.Id,
                FileName = UploadPolicy.StoredName(c.FileName!, type.MediaType),
                MediaType = stored.MediaType,
                Size = stored.Size,
                Sha256 = stored.Sha256,
                UploadedAt = clock.GetUtcNow(),
                UploadedBy = current.Actor.UserId ?? Guid.Empty,
            };
            db.Bilagor.Add(bilaga);
            refusal = await workflow.FireAsync(svar, RemissvarTransitions.RegistreraSvar, new InkommetSvar(bilaga.Id, c.Standpunkt, c.Nyckelpunkter), ct);
            return refusal is null ? svar.Status : refusal;
        }
    }
}
