using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Sekretess;

/// <summary>Takes a provision off the list for new markings, or back; markings already made keep it (they are never rewritten).</summary>
public static class SetOslBestammelseAktiv
{
    [RequiresRole(Role.Administrator)]
    public sealed record Command(Guid Id, bool Aktiv) : ICommand<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Id).NotEmpty().WithMessage("Välj en bestämmelse.");
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit) : IRequestHandler<Command, bool>
    {
        public async Task<Result<bool>> Handle(Command c, CancellationToken ct)
        {
            var osl = await db.OslBestammelser.FirstOrDefaultAsync(o => o.Id == c.Id, ct);
            if (osl is null)
            {
                return Refusal.NotFound("Bestämmelsen");
            }

            if (osl.Aktiv != c.Aktiv)
            {
                osl.Aktiv = c.Aktiv;
                audit.Record(nameof(OslBestammelse), osl.Id, null, "osl.aktiv", c.Aktiv ? $"{osl.Hanvisning} kan åter väljas." : $"{osl.Hanvisning} kan inte längre väljas för nya markeringar.",
                    before: new { Aktiv = !c.Aktiv }, after: new { osl.Aktiv });
            }

            return osl.Aktiv;
        }
    }
}
