using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Organisationer;

/// <summary>
/// Continues an organisation's diarium series from the old registry when RemissFlow takes over
/// mid-year: the next number given is one above <see cref="Command.LastNumber"/>. The series can
/// only be moved forward, so no number is ever given twice.
/// </summary>
public static class InitDiarieserie
{
    [RequiresRole(Role.Administrator)]
    public sealed record Command(Guid OrganisationId, int Year, int LastNumber) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Year).InclusiveBetween(2000, 2100).WithMessage("År ska vara mellan 2000 och 2100.");
            RuleFor(c => c.LastNumber).InclusiveBetween(0, 9_999_999).WithMessage("Senaste nummer ska vara 0 eller större.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit) : IRequestHandler<Command, int>
    {
        public async Task<Result<int>> Handle(Command c, CancellationToken ct)
        {
            var organisation = await db.Organisationer.FirstOrDefaultAsync(o => o.Id == c.OrganisationId, ct);
            if (organisation is null)
            {
                return Refusal.Field(nameof(c.OrganisationId), "Organisation: den valda organisationen finns inte.");
            }

            var serie = await db.DiarieSerier.FirstOrDefaultAsync(s => s.OrganisationId == c.OrganisationId && s.Year == c.Year, ct);
            if (serie is not null && serie.LastNumber >= c.LastNumber)
            {
                return Refusal.Field(nameof(c.LastNumber), $"Serien {organisation.DnrPrefix} {c.Year} står redan på {serie.LastNumber}; den kan bara flyttas framåt.");
            }

            var before = serie?.LastNumber ?? 0;
            if (serie is null)
            {
                db.DiarieSerier.Add(new DiarieSerie { OrganisationId = c.OrganisationId, Year = c.Year, LastNumber = c.LastNumber });
            }
            else
            {
                serie.LastNumber = c.LastNumber;
            }

            audit.Record(nameof(Organisation), organisation.Id, null, "diarieserie.fortsatt",
                $"Diarieserien {organisation.DnrPrefix} {c.Year} fortsätter från nummer {c.LastNumber + 1}.", new { LastNumber = before }, new { c.LastNumber });
            return c.LastNumber + 1;
        }
    }
}
