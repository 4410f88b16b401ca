using RemissFlow.Core.Audit;
using RemissFlow.Core.Diarium;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Remisser;

/// <summary>
/// The sender's registrator registers a new remiss (utkast). Without a dnr the sender's
/// diarium gives the next number; with one (registered elsewhere first) it must fit the series.
/// </summary>
public static class CreateRemiss
{
    [RequiresRole(Role.Registrator, Role.KsSamordnare)]
    public sealed record Command(
        string Title,
        string? Description,
        DateOnly Svarsdatum,
        string? Dnr = null,
        bool TillaterForvaltningensSvar = false,
        string? KontaktpersonNamn = null,
        string? KontaktpersonEpost = null) : ICommand<Created>;

    public sealed record Created(Guid Id, string Dnr);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Title).RequiredText("Titel", Limits.Rubrik);
            RuleFor(c => c.Description).OptionalText("Beskrivning", 10_000);
            RuleFor(c => c.Dnr).Dnr("Diarienummer").When(c => !string.IsNullOrWhiteSpace(c.Dnr));
            RuleFor(c => c.KontaktpersonNamn).OptionalText("Kontaktperson", 200);
            RuleFor(c => c.KontaktpersonEpost).Email("Kontaktpersonens e-post");
            // Checked here, before the handler takes a number from the diarium: a refused remiss must not spend a dnr.
            RuleFor(c => c.Svarsdatum).Cascade(CascadeMode.Stop).PlausibleDate("Svarsdatum", clock).AfterToday("Svarsdatum", clock);
        }
    }

    public sealed class Authorizer(RemissFlowDbContext db) : IAuthorizer<Command>
    {
        public async Task<Refusal?> Authorize(Command request, Actor actor, CancellationToken ct)
        {
            if (actor.IsSystem)
            {
                return null;
            }

            var kind = await db.Organisationer.Where(o => o.Id == actor.OrganisationId).Select(o => (OrganisationKind?)o.Kind).FirstOrDefaultAsync(ct);
            return kind == OrganisationKind.Kommunstyrelse ? null : Refusal.Forbidden("Bara kommunstyrelsens registratorer skickar ut remisser.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, DiariumNumberAllocator diarium, ICurrentActor current, TimeProvider clock, WorkflowRunner workflow)
        : IRequestHandler<Command, Created>
    {
        public async Task<Result<Created>> Handle(Command c, CancellationToken ct)
        {
            var sender = await Sender(ct);
            if (sender is null)
            {
                return Refusal.InvalidState("Det finns ingen kommunstyrelse upplagd som avsändare.");
            }

            string dnr;
            if (string.IsNullOrWhiteSpace(c.Dnr))
            {
                dnr = (await diarium.NextAsync(sender, StockholmTime.Today(clock).Year, ct)).ToString();
            }
            else
            {
                // The validator has checked the form already; a prefix from another organisation is refused here.
                if (!Diarienummer.TryParse(c.Dnr, out var parsed) || parsed.Value.Prefix != sender.DnrPrefix)
                {
                    return Refusal.Field(nameof(c.Dnr), $"Diarienumret måste börja med {sender.DnrPrefix}.");
                }

                dnr = parsed.Value.ToString();
                if (await db.Remisser.AnyAsync(r => r.Dnr == dnr, ct))
                {
                    return Refusal.Field(nameof(c.Dnr), $"Det finns redan en remiss med diarienummer {dnr}.");
                }
            }

            var remiss = new Remiss
            {
                AvsandareId = sender.Id,
                Dnr = dnr,
                Title = c.Title.Trim(),
                Description = c.Description,
                Svarsdatum = c.Svarsdatum,
                TillaterForvaltningensSvar = c.TillaterForvaltningensSvar,
                KontaktpersonNamn = c.KontaktpersonNamn,
                KontaktpersonEpost = c.KontaktpersonEpost,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Remisser.Add(remiss);
            await workflow.StartAsync(remiss, ct);
            audit.Record(remiss, "remiss.registrerad", $"Remissen {remiss.Title} registrerades som {dnr}.", after: new { remiss.Title, remiss.Svarsdatum, dnr });
            return new Created(remiss.Id, dnr);
        }

        private async Task<Organisation?> Sender(CancellationToken ct)
        {
            var actor = current.Actor;
            if (actor.OrganisationId is { } own)
            {
                return await db.Organisationer.FirstOrDefaultAsync(o => o.Id == own && o.Kind == OrganisationKind.Kommunstyrelse, ct);
            }

            return await db.Organisationer.FirstOrDefaultAsync(o => o.Kind == OrganisationKind.Kommunstyrelse, ct);
        }
    }
}
