using RemissFlow.Core.Audit;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Kedja;

/// <summary>
/// Kommunstyrelsen sends a remiss that came from outside on to the nämnder and bolag concerned: an internal remiss
/// (utkast, under the ärende's own dnr) linked to the ärende, with the remisslista chosen, the remisshandlingar and the
/// missiv carried over, and the internal svarsdatum the planner counts back from the external one unless one is given.
/// It is then sent out and answered as any internal remiss.
/// </summary>
public static class SkickaVidareInternt
{
    [RequiresRole(Role.Registrator, Role.KsSamordnare)]
    public sealed record Command(Guid ArendeId, IReadOnlyList<Guid> Remisslista, DateOnly? Svarsdatum = null, string? Title = null) : ICommand<Created>;

    public sealed record Created(Guid RemissId, string Dnr, DateOnly Svarsdatum);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.ArendeId).NotEmpty().WithMessage("Ärende måste anges.");
            RuleFor(c => c.Title).OptionalText("Titel", Limits.Rubrik);
            RuleFor(c => c.Remisslista).Must(l => l is { Count: > 0 }).WithMessage("Remisslistan måste ha minst en remissinstans.")
                .Must(l => l is null || l.Count <= 200).WithMessage("Remisslistan får ha högst 200 remissinstanser.");
            RuleFor(c => c.Svarsdatum).PlausibleDate("Internt svarsdatum", clock)
                .Must(d => d is not { } date || date > StockholmTime.Today(clock))
                .WithMessage(_ => $"Internt svarsdatum måste ligga efter dagens datum ({StockholmTime.Today(clock):yyyy-MM-dd}).");
        }
    }

    public sealed class Authorizer(RemissFlowDbContext db) : IAuthorizer<Command>
    {
        public async Task<Refusal?> Authorize(Command request, Actor actor, CancellationToken ct)
        {
            var kind = await db.Organisationer.Where(o => o.Id == actor.OrganisationId).Select(o => (OrganisationKind?)o.Kind).FirstOrDefaultAsync(ct);
            return kind == OrganisationKind.Kommunstyrelse ? null : Refusal.Forbidden("Bara kommunstyrelsen skickar vidare en remiss utifrån till nämnder och bolag.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock, WorkflowRunner workflow, KedjaQuery kedja)
        : IRequestHandler<Command, Created>
    {
        public async Task<Result<Created>> Handle(Command c, CancellationToken ct)
        {
            var arende = await db.Remissvar.FirstOrDefaultAsync(a => a.Id == c.ArendeId, ct);
            if (arende is null || arende.InstansId != current.Actor.OrganisationId)
            {
                return Refusal.NotFound("Ärendet");
            }

            var extern_ = await db.Remisser.FirstAsync(r => r.Id == arende.RemissId, ct);
            if (!extern_.ArExtern)
            {
                return Refusal.InvalidState("Bara en remiss som kommit utifrån skickas vidare internt; den här skickade kommunen själv.");
            }

            if (RemissvarStates.Terminal.Contains(arende.Status) || arende.Dnr is null)
            {
                return Refusal.InvalidState($"Ärendet {arende.Dnr ?? arende.AvsandareDnr} är avslutat och kan inte skickas vidare.");
            }

            if (await db.Remisser.AnyAsync(r => r.ExterntArendeId == arende.Id && r.Status != Remiss.Raderad, ct))
            {
                return Refusal.Conflict($"Ärendet {arende.Dnr} är redan skickat vidare internt; lägg till instanser på den interna remissen i stället.");
            }

            var svarsdatum = c.Svarsdatum;
            if (svarsdatum is null)
            {
                var forslag = await kedja.ForslagAsync(arende.Id, ct);
                if (forslag.Datum is null)
                {
                    return Refusal.Field(nameof(c.Svarsdatum), forslag.Forklaring);
                }

                svarsdatum = forslag.Datum;
            }

            if (svarsdatum >= arende.Svarsdatum)
            {
                return Refusal.Field(nameof(c.Svarsdatum), $"Internt svarsdatum måste ligga före avsändarens svarsdatum {arende.Svarsdatum:yyyy-MM-dd}, så att svaren hinner sammanställas.");
            }

            var ids = c.Remisslista.Distinct().ToList();
            var instanser = await db.Organisationer.Where(o => ids.Contains(o.Id)).ToListAsync(ct);
            var olampliga = instanser.Where(o => o.Kind == OrganisationKind.Kommunstyrelse || o.AvsandareTyp != null || !o.Active).Select(o => o.Name).ToList();
            if (instanser.Count != ids.Count || olampliga.Count > 0)
            {
                return Refusal.Field(nameof(c.Remisslista), olampliga.Count > 0
                    ? $"Kan inte få den interna remissen: {string.Join(", ", olampliga)}."
                    : "Remisslistan innehåller en organisation som inte finns.");
            }

            var avsandare = await db.Organisationer.FirstAsync(o => o.Id == extern_.AvsandareId, ct);
            var intern = new Remiss
            {
                AvsandareId = arende.InstansId,
                Dnr = arende.Dnr,
                Title = string.IsNullOrWhiteSpace(c.Title) ? extern_.Title : c.Title.Trim(),
                Description = $"Remissen kom till kommunen från {avsandare.Name} ({extern_.Dnr}) med svarsdatum {extern_.Svarsdatum:yyyy-MM-dd}. " +
                    "Era svar sammanställs i kommunstyrelsens eget yttrande.",
                Svarsdatum = svarsdatum.Value,
                ExterntArendeId = arende.Id,
                CreatedAt = clock.GetUtcNow(),
            };
            for (int i = 0; i < ids.Count; i++)
            {
                intern.Remisslista.Add(new RemisslistaPost { RemissId = intern.Id, OrganisationId = ids[i], Ordning = i + 1 });
            }

            db.Remisser.Add(intern);
            await workflow.StartAsync(intern, ct);

            // The same stored files: the bytes are kept once under their SHA-256; only the rows are new.
            var handlingar = await db.Bilagor.AsNoTracking()
                .Where(b => b.RemissId == extern_.Id && b.RemissvarId == null && (b.Kind == BilagaKind.Remisshandling || b.Kind == BilagaKind.Missiv))
                .OrderBy(b => b.UploadedAt).ToListAsync(ct);
            foreach (var b in handlingar.OrderBy(b => b.Kind == BilagaKind.Missiv ? 0 : 1))
            {
                db.Bilagor.Add(new Bilaga
                {
                    Kind = BilagaKind.Remisshandling,
                    RemissId = intern.Id,
                    FileName = b.FileName,
                    Rubrik = b.Kind == BilagaKind.Missiv ? $"Missiv från {avsandare.Name}" : b.Rubrik,
                    MediaType = b.MediaType,
                    Size = b.Size,
                    Sha256 = b.Sha256,
                    UploadedAt = clock.GetUtcNow(),
                    UploadedBy = current.Actor.UserId ?? Guid.Empty,
                });
            }

            audit.Record(intern, "remiss.registrerad",
                $"Remissen {intern.Title} registrerades som {intern.Dnr} för att skickas vidare internt, med svarsdatum {intern.Svarsdatum:yyyy-MM-dd}.",
                after: new { intern.Title, intern.Svarsdatum, intern.Dnr, ExterntArende = arende.Id, Remisslista = ids, Handlingar = handlingar.Count });
            audit.Record(arende, "arende.skickat_vidare",
                $"Ärendet skickades vidare internt till {string.Join(", ", instanser.OrderBy(o => ids.IndexOf(o.Id)).Select(o => o.Name))} med internt svarsdatum {intern.Svarsdatum:yyyy-MM-dd}.",
                after: new { InternRemiss = intern.Id, intern.Svarsdatum });
            return new Created(intern.Id, intern.Dnr, intern.Svarsdatum);
        }
    }
}
