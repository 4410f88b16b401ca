using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>
/// Imports an organ's members for a mandate period from CSV. All or nothing: one bad row and no member is
/// added; every error names its row, and a row breaks the same rules as a member entered in the form.
/// </summary>
public static class ImportLedamoter
{
    [RequiresRole(Role.Namndsekreterare, Role.Administrator)]
    public sealed record Command(Guid OrganId, byte[] Csv) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Csv).Must(b => b is { Length: > 0 and <= 1_000_000 }).WithMessage("Filen är tom eller större än 1 MB.");
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<Result<int>> Handle(Command c, CancellationToken ct)
        {
            var organ = await db.Organ.AsNoTracking().FirstOrDefaultAsync(o => o.Id == c.OrganId, ct);
            if (organ is null)
            {
                return Refusal.Field(nameof(c.OrganId), "Organ: det valda organet finns inte.");
            }

            var actor = current.Actor;
            if (!actor.IsSystem && !actor.Has(Role.Administrator) && actor.OrganisationId != organ.OrganisationId)
            {
                return Refusal.Forbidden("Du kan bara importera ledamöter till din egen organisations organ.");
            }

            var parsed = LedamotCsvParser.Parse(c.Csv);
            var errors = parsed.Errors.Select(e => new FieldError(e.Rad is { } rad ? $"rad {rad}" : "fil", e.ToString())).ToList();
            var today = StockholmTime.Today(clock);
            var members = await db.Ledamoter.AsNoTracking().Where(l => l.OrganId == organ.Id).ToListAsync(ct);
            var emails = parsed.Rows.Where(r => r.Epost is not null).Select(r => r.Epost!.ToUpperInvariant()).Distinct().ToList();
            var accounts = await db.Users.AsNoTracking().Where(u => emails.Contains(u.NormalizedEmail!)).ToDictionaryAsync(u => u.NormalizedEmail!, u => u.Id, ct);
            var added = new List<Ledamot>();
            foreach (var row in parsed.Rows)
            {
                string Where(string message) => $"Rad {row.Rad}: {message}";
                var rowErrors = new List<string>();
                foreach (var (name, date) in new[] { ("Från", row.Fran), ("Till", row.Till) })
                {
                    if (!DateBounds.Contains(date, today))
                    {
                        rowErrors.Add(DateBounds.Message(name, today));
                    }
                }

                Guid? userId = null;
                if (row.Epost is { } epost)
                {
                    if (!accounts.TryGetValue(epost.ToUpperInvariant(), out var id))
                    {
                        rowErrors.Add($"Konto: det finns inget konto med e-postadressen {epost}.");
                    }
                    else if (await LedamotRules.AccountProblemAsync(db, organ.OrganisationId, id, ct) is { } problem)
                    {
                        rowErrors.Add(problem);
                    }
                    else
                    {
                        userId = id;
                    }
                }

                var ledamot = new Ledamot { OrganId = organ.Id, Namn = row.Namn, Parti = row.Parti, Uppdrag = row.Uppdrag, Fran = row.Fran, Till = row.Till, UserId = userId };
                // Earlier rows of the same file count as members, so a file naming two ordförande is refused as two entries would be.
                rowErrors.AddRange(LedamotRules.Conflicts(new(row.Namn, row.Parti, row.Uppdrag, row.Fran, row.Till, userId), organ.Name, members.Concat(added)).Select(e => e.Message));
                if (rowErrors.Count > 0)
                {
                    errors.AddRange(rowErrors.Select(m => new FieldError($"rad {row.Rad}", Where(m))));
                }
                else
                {
                    added.Add(ledamot);
                }
            }

            if (errors.Count > 0)
            {
                return Refusal.Validation(errors);
            }

            db.Ledamoter.AddRange(added);
            audit.Record(nameof(Organ), organ.Id, null, "ledamoter.importerade", $"{added.Count} ledamöter och ersättare i {organ.Name} importerades från CSV ({parsed.Encoding}).");
            return added.Count;
        }
    }
}
