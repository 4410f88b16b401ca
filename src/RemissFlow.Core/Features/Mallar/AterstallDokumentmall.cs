using RemissFlow.Core.Audit;
using RemissFlow.Documents;
using RemissFlow.Documents.Models;

namespace RemissFlow.Core.Features.Mallar;

/// <summary>
/// Puts an earlier version of an organisation's template back in force by saving its text as the next version, so the
/// history only grows and the audit log says which version was copied. A version equal to the newest adds nothing.
/// </summary>
public static class AterstallDokumentmall
{
    [RequiresRole(Role.Administrator)]
    public sealed record Command(Guid OrganisationId, string Dokumenttyp, int Version) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Dokumenttyp).Must(k => DocumentJson.TryParseKind(k ?? "", out _)).WithName("Dokumenttyp")
                .WithMessage("Dokumenttypen är okänd; välj tjansteutlatande, protokollsutdrag, missiv eller paminnelse.");
            RuleFor(c => c.Version).GreaterThan(0).WithName("Version").WithMessage("Versionen måste vara 1 eller större.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<Result<int>> Handle(Command c, CancellationToken ct)
        {
            var organisation = await db.Organisationer.FirstOrDefaultAsync(o => o.Id == c.OrganisationId, ct);
            if (organisation is null)
            {
                return Refusal.NotFound("Organisationen");
            }

            if (!DocumentJson.TryParseKind(c.Dokumenttyp, out var kind))
            {
                return Refusal.Field("Dokumenttyp", "Dokumenttypen är okänd.");
            }

            var typ = kind.ToString().ToLowerInvariant();
            var old = await db.Dokumentmallar.AsNoTracking()
                .FirstOrDefaultAsync(m => m.OrganisationId == organisation.Id && m.Dokumenttyp == typ && m.Version == c.Version, ct);
            if (old is null)
            {
                return Refusal.Field("Version", $"{organisation.Name} har ingen version {c.Version} av mallen för {typ}.");
            }

            return await SparaDokumentmall.SaveAsync(db, audit, current, clock, organisation, kind, old.Innehall, old.Version, ct);
        }
    }
}
