using RemissFlow.Core.Audit;
using RemissFlow.Core.Diarium;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Files;
using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Kedja;

/// <summary>One file of what arrived: the missiv or a remisshandling.</summary>
public sealed record InkommenFil(string FileName, byte[] Content);

/// <summary>
/// A registrator of Kommunstyrelsen or a nämnd registers a remiss that came from an outside sender. The remiss keeps
/// the sender as avsändare and the sender's own dnr; the receiving organisation gets its ärende (a remissvar on that
/// remiss) registered in its own diarium at once, and the ärende then runs the nämnd lifecycle as any other.
/// </summary>
public static class RegisterExternRemiss
{
    [RequiresRole(Role.Registrator)]
    public sealed record Command(
        Guid AvsandareId,
        string Title,
        string AvsandareDnr,
        DateOnly Svarsdatum,
        DateOnly MottagenDatum,
        InkommenFil? Missiv,
        IReadOnlyList<InkommenFil> Remisshandlingar) : ICommand<Registered>;

    public sealed record Registered(Guid RemissId, Guid ArendeId, string Dnr);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock, FileStore files)
        {
            RuleFor(c => c.AvsandareId).NotEmpty().WithMessage("Avsändare måste väljas.");
            RuleFor(c => c.Title).RequiredText("Titel", Limits.Rubrik);
            RuleFor(c => c.AvsandareDnr).RequiredText("Avsändarens diarienummer", 30);
            RuleFor(c => c.MottagenDatum).Cascade(CascadeMode.Stop).PlausibleDate("Mottagen", clock)
                .Must(d => d <= StockholmTime.Today(clock)).WithMessage(_ => $"Mottagen kan inte ligga efter dagens datum ({StockholmTime.Today(clock):yyyy-MM-dd}).");
            RuleFor(c => c.Svarsdatum).Cascade(CascadeMode.Stop).PlausibleDate("Svarsdatum", clock).AfterToday("Svarsdatum", clock)
                .Must((c, d) => d > c.MottagenDatum).WithMessage("Svarsdatum måste ligga efter datumet då remissen kom in.");
            RuleFor(c => c.Missiv).NotNull().WithMessage("Missivet (remissbrevet) måste bifogas.");
            RuleFor(c => c.Missiv!).SetValidator(new UploadValidator<InkommenFil>(f => f.FileName, f => f.Content, files.MaxBytes)).When(c => c.Missiv is not null);
            RuleFor(c => c.Remisshandlingar).Must(h => h.Count <= 20).WithMessage("Högst 20 remisshandlingar kan registreras på en gång.");
            RuleForEach(c => c.Remisshandlingar).SetValidator(new UploadValidator<InkommenFil>(f => f.FileName, f => f.Content, files.MaxBytes));
        }
    }

    public sealed class Authorizer(RemissFlowDbContext db) : IAuthorizer<Command>
    {
        public async Task<Refusal?> Authorize(Command request, Actor actor, CancellationToken ct)
        {
            var kind = await db.Organisationer.Where(o => o.Id == actor.OrganisationId).Select(o => (OrganisationKind?)o.Kind).FirstOrDefaultAsync(ct);
            return kind is OrganisationKind.Kommunstyrelse or OrganisationKind.Namnd
                ? null
                : Refusal.Forbidden("Bara kommunstyrelsens och nämndernas registratorer registrerar remisser utifrån.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, DiariumNumberAllocator diarium, ICurrentActor current, TimeProvider clock, WorkflowRunner workflow, FileStore files)
        : IRequestHandler<Command, Registered>
    {
        public async Task<Result<Registered>> Handle(Command c, CancellationToken ct)
        {
            var avsandare = await db.Organisationer.FirstOrDefaultAsync(o => o.Id == c.AvsandareId && o.AvsandareTyp != null, ct);
            if (avsandare is null || !avsandare.Active)
            {
                return Refusal.Field(nameof(c.AvsandareId), "Avsändaren finns inte bland de externa avsändarna; välj en i listan.");
            }

            var avsandareDnr = c.AvsandareDnr.Trim();
            if (await db.Remisser.AnyAsync(r => r.Dnr == avsandareDnr, ct))
            {
                return Refusal.Field(nameof(c.AvsandareDnr), $"En remiss med diarienummer {avsandareDnr} är redan registrerad.");
            }

            var mottagare = await db.Organisationer.FirstAsync(o => o.Id == current.Actor.OrganisationId, ct);
            var now = clock.GetUtcNow();
            var remiss = new Remiss
            {
                AvsandareId = avsandare.Id,
                Dnr = avsandareDnr,
                Title = c.Title.Trim(),
                Svarsdatum = c.Svarsdatum,
                UtskickDatum = c.MottagenDatum,
                MottagenDatum = c.MottagenDatum,
                KontaktpersonEpost = avsandare.SvarsEpost,
                CreatedAt = now,
            };
            remiss.Remisslista.Add(new RemisslistaPost { RemissId = remiss.Id, OrganisationId = mottagare.Id, Ordning = 1 });
            db.Remisser.Add(remiss);
            await workflow.StartAsync(remiss, ct);

            var arende = new Domain.Remissvar
            {
                RemissId = remiss.Id,
                InstansId = mottagare.Id,
                AvsandareDnr = avsandareDnr,
                Svarsdatum = c.Svarsdatum,
                CreatedAt = now,
            };
            db.Remissvar.Add(arende);
            await workflow.StartAsync(arende, remiss, mottagare.Kind, ct);
            var dnr = (await diarium.NextAsync(mottagare, StockholmTime.Today(clock).Year, ct)).ToString();
            var refusal = await workflow.FireAsync(arende, RemissvarTransitions.Registrera, new Registrering(dnr), ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var stored = new List<object>();
            foreach (var (fil, kind) in c.Remisshandlingar.Select(f => (f, BilagaKind.Remisshandling)).Prepend((c.Missiv!, BilagaKind.Missiv)))
            {
                var bilaga = await SaveAsync(remiss, fil, kind, ct);
                stored.Add(new { bilaga.Kind, bilaga.FileName, bilaga.Sha256 });
            }

            audit.Record(remiss, "remiss.mottagen",
                $"Remissen {remiss.Title} ({avsandareDnr}) från {avsandare.Name} kom in {c.MottagenDatum:yyyy-MM-dd} och registrerades hos {mottagare.Name} som {dnr}.",
                after: new { remiss.Title, avsandareDnr, avsandare = avsandare.Name, remiss.Svarsdatum, c.MottagenDatum, dnr, filer = stored });
            return new Registered(remiss.Id, arende.Id, dnr);
        }

        private async Task<Bilaga> SaveAsync(Remiss remiss, InkommenFil fil, BilagaKind kind, CancellationToken ct)
        {
            var type = UploadPolicy.Detect(fil.Content)!;
            var saved = await files.SaveAsync(fil.Content, type.MediaType, ct);
            var bilaga = new Bilaga
            {
                Kind = kind,
                RemissId = remiss.Id,
                FileName = UploadPolicy.StoredName(fil.FileName, type.MediaType),
                MediaType = saved.MediaType,
                Size = saved.Size,
                Sha256 = saved.Sha256,
                UploadedAt = clock.GetUtcNow(),
                UploadedBy = current.Actor.UserId ?? Guid.Empty,
            };
            db.Bilagor.Add(bilaga);
            return bilaga;
        }
    }
}
