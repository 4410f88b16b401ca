using RemissFlow.Core.Access;
using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Remisser;

/// <summary>Fixes who gets the remiss, in order. Only before utskick; afterwards instanser are added one at a time.</summary>
public static class SetRemisslista
{
    [RequiresRole(Role.Registrator, Role.KsSamordnare)]
    public sealed record Command(Guid RemissId, IReadOnlyList<Guid> OrganisationIds) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.OrganisationIds).NotEmpty().WithMessage("Remisslista: välj minst en instans.")
                .Must(ids => ids.Count <= 500).WithMessage("Remisslista: högst 500 instanser.")
                .Must(ids => ids.Distinct().Count() == ids.Count).WithMessage("Remisslista: samma instans står flera gånger.");
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

            if (remiss!.Status != "utkast")
            {
                return Refusal.InvalidState("Remisslistan är fastställd vid utskicket; lägg till en instans i taget i stället.");
            }

            var organisations = await db.Organisationer.Where(o => c.OrganisationIds.Contains(o.Id)).ToListAsync(ct);
            var unknown = c.OrganisationIds.Count - organisations.Count;
            if (unknown > 0)
            {
                return Refusal.Field(nameof(c.OrganisationIds), $"Remisslista: {unknown} av de valda organisationerna finns inte.");
            }

            if (organisations.FirstOrDefault(o => o.Kind == OrganisationKind.Kommunstyrelse || !o.Active) is { } wrong)
            {
                return Refusal.Field(nameof(c.OrganisationIds), $"Remisslista: {wrong.Name} kan inte vara remissinstans.");
            }

            var existing = await db.Set<RemisslistaPost>().Where(p => p.RemissId == remiss.Id).ToListAsync(ct);
            db.RemoveRange(existing);
            var order = 0;
            foreach (var id in c.OrganisationIds)
            {
                db.Add(new RemisslistaPost { RemissId = remiss.Id, OrganisationId = id, Ordning = ++order });
            }

            var names = c.OrganisationIds.Select(id => organisations.First(o => o.Id == id).Name).ToList();
            audit.Record(remiss, "remisslista.faststalld", $"Remisslistan sattes till {names.Count} instanser.",
                before: existing.Select(p => p.OrganisationId), after: names);
            return names.Count;
        }
    }
}
