using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>
/// Imports a year's meetings from a CSV exported from Excel. All or nothing: one bad row and
/// no meeting is added, and every error names its row and column.
/// </summary>
public static class ImportSammantraden
{
    [RequiresRole(Role.Namndsekreterare, Role.Administrator)]
    public sealed record Command(Guid OrganisationId, byte[] Csv) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Csv).Must(b => b is { Length: > 0 and <= 1_000_000 }).WithMessage("Filen är tom eller större än 1 MB.");
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<Result<int>> Handle(Command c, CancellationToken ct)
        {
            var actor = current.Actor;
            if (!actor.IsSystem && !actor.Has(Role.Administrator) && actor.OrganisationId != c.OrganisationId)
            {
                return Refusal.Forbidden("Du kan bara importera sammanträden för din egen organisation.");
            }

            var organ = await db.Organ.Where(o => o.OrganisationId == c.OrganisationId).ToListAsync(ct);
            var parsed = MeetingCsvParser.Parse(c.Csv, StockholmTime.Today(clock), organ.Select(o => o.Name).ToList());
            var errors = parsed.Errors.Select(e => new FieldError(e.Rad is { } rad ? $"rad {rad}" : "fil", e.Meddelande)).ToList();
            var existing = await db.Sammantraden.Where(m => organ.Select(o => o.Id).Contains(m.OrganId)).Select(m => new { m.OrganId, m.Datum }).ToListAsync(ct);
            foreach (var row in parsed.Rows)
            {
                var o = organ.First(x => SwedishText.Comparer.Equals(x.Name, row.Organ));
                if (existing.Any(m => m.OrganId == o.Id && m.Datum == row.Datum))
                {
                    errors.Add(new FieldError($"rad {row.Rad}", $"Rad {row.Rad}: {o.Name} har redan ett sammanträde {row.Datum:yyyy-MM-dd}."));
                }
            }

            if (errors.Count > 0)
            {
                return Refusal.Validation(errors);
            }

            foreach (var row in parsed.Rows)
            {
                var o = organ.First(x => SwedishText.Comparer.Equals(x.Name, row.Organ));
                db.Sammantraden.Add(new Sammantrade { OrganId = o.Id, Datum = row.Datum, Tid = row.Tid, Lokal = row.Lokal });
            }

            audit.Record(nameof(Organisation), c.OrganisationId, null, "sammantraden.importerade", $"{parsed.Rows.Count} sammanträden importerades från CSV ({parsed.Encoding}).");
            return parsed.Rows.Count;
        }
    }
}
