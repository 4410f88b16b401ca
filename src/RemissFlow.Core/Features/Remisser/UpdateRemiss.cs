using RemissFlow.Core.Access;
using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Remisser;

/// <summary>Edits a remiss while it is still an utkast; once sent, the remisslista and svarsdatum are fixed (anstånd is per instans).</summary>
public static class UpdateRemiss
{
    [RequiresRole(Role.Registrator, Role.KsSamordnare)]
    public sealed record Command(Guid RemissId, int ExpectedVersion, string Title, string? Description, DateOnly Svarsdatum,
        bool TillaterForvaltningensSvar, string? KontaktpersonNamn, string? KontaktpersonEpost) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Title).RequiredText("Titel", Limits.Rubrik);
            RuleFor(c => c.Svarsdatum).Cascade(CascadeMode.Stop).PlausibleDate("Svarsdatum", clock).AfterToday("Svarsdatum", clock);
            RuleFor(c => c.Description).OptionalText("Beskrivning", 10_000);
            RuleFor(c => c.KontaktpersonNamn).OptionalText("Kontaktperson", 200);
            RuleFor(c => c.KontaktpersonEpost).Email("Kontaktpersonens e-post");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current) : IRequestHandler<Command, int>
    {
        public async Task<Result<int>> Handle(Command c, CancellationToken ct)
        {
            var (remiss, refusal) = await RemissAccess.ForSenderAsync(db, c.RemissId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (remiss!.Version != c.ExpectedVersion)
            {
                return Refusal.StaleVersion;
            }

            if (remiss.Status != "utkast")
            {
                return Refusal.InvalidState("Remissen är redan utskickad och kan inte ändras; bevilja anstånd per instans i stället.");
            }

            var before = new { remiss.Title, remiss.Description, remiss.Svarsdatum, remiss.TillaterForvaltningensSvar };
            remiss.Title = c.Title.Trim();
            remiss.Description = c.Description;
            remiss.Svarsdatum = c.Svarsdatum;
            remiss.TillaterForvaltningensSvar = c.TillaterForvaltningensSvar;
            remiss.KontaktpersonNamn = c.KontaktpersonNamn;
            remiss.KontaktpersonEpost = c.KontaktpersonEpost;
            audit.Record(remiss, "remiss.andrad", "Remissens uppgifter ändrades.", before, new { remiss.Title, remiss.Description, remiss.Svarsdatum, remiss.TillaterForvaltningensSvar });
            return remiss.Version + 1;
        }
    }
}
