using RemissFlow.Core.Access;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Ersattare;

/// <summary>
/// A förvaltningschef, nämndsekreterare or registrator names an ersättare for a period of absence (the
/// administratör does it for anybody). The rule who may be one is <see cref="ErsattareAccess"/>'s. One ersättare at a
/// time: periods of one absent person never overlap, and an ersättare is not away during the period themselves.
/// </summary>
public static class NamnErsattare
{
    [AnySignedInUser]
    public sealed record Command(Guid FranvarandeId, Guid ErsattareId, DateOnly? FranOchMed, DateOnly? TillOchMed) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.FranvarandeId).NotEmpty().WithMessage("Frånvarande: välj vem som ska vara borta.");
            RuleFor(c => c.ErsattareId).NotEmpty().WithMessage("Ersättare: välj en ersättare.");
            RuleFor(c => c.ErsattareId).NotEqual(c => c.FranvarandeId).When(c => c.ErsattareId != Guid.Empty)
                .WithMessage("Ersättare: ingen kan vara ersättare för sig själv.");
            RuleFor(c => c.FranOchMed).NotNull().WithMessage("Från och med: ange perioden första dag.");
            RuleFor(c => c.TillOchMed).NotNull().WithMessage("Till och med: ange periodens sista dag.");
            RuleFor(c => c.FranOchMed).Must(d => d >= StockholmTime.Today(clock)).When(c => c.FranOchMed is not null)
                .WithMessage(_ => $"Från och med: perioden kan inte börja i det förflutna (i dag är det {StockholmTime.Today(clock):yyyy-MM-dd}).");
            RuleFor(c => c.TillOchMed).Must((c, d) => d >= c.FranOchMed).When(c => c.FranOchMed is not null && c.TillOchMed is not null)
                .WithMessage("Till och med: sista dagen kan inte vara före den första.");
            RuleFor(c => c.TillOchMed).Must((c, d) => d!.Value.DayNumber - c.FranOchMed!.Value.DayNumber < ErsattareRules.MaxDagar)
                .When(c => c.FranOchMed is not null && c.TillOchMed >= c.FranOchMed)
                .WithMessage("Till och med: en period är högst ett år; en längre ändring görs på kontots roller.");
        }
    }

    public sealed class Authorizer : IAuthorizer<Command>
    {
        public Task<Refusal?> Authorize(Command request, Actor actor, CancellationToken ct) =>
            Task.FromResult(ErsattareAccess.MayManage(actor, request.FranvarandeId)
                ? null
                : Refusal.Forbidden(actor.UserId == request.FranvarandeId
                    ? "Bara förvaltningschefer, nämndsekreterare och registratorer namnger ersättare för sig själva."
                    : "Du kan bara namnge ersättare för dig själv; administratören gör det för andra."));
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            var fran = c.FranOchMed!.Value;
            var till = c.TillOchMed!.Value;

            // One naming at a time, so two overlapping periods cannot both pass the overlap check.
            await AccountRules.TakeTurnAsync(db, ct);
            var franvarande = await ErsattareRules.PersonAsync(db, c.FranvarandeId, ct);
            if (franvarande is null || !franvarande.Aktiv)
            {
                return Refusal.Field(nameof(c.FranvarandeId), "Frånvarande: kontot finns inte eller är inaktiverat.");
            }

            if (!franvarande.Roller.Any(ErsattareAccess.Overlatbara.Contains))
            {
                return Refusal.Field(nameof(c.FranvarandeId),
                    $"Frånvarande: {franvarande.Namn} har ingen roll som kan lämnas över till en ersättare (förvaltningschef, nämndsekreterare eller registrator).");
            }

            var ersattare = await ErsattareRules.PersonAsync(db, c.ErsattareId, ct);
            if (ersattare is null || ersattare.OrganisationId != franvarande.OrganisationId)
            {
                return Refusal.Field(nameof(c.ErsattareId), $"Ersättare: ersättaren måste vara en person i samma organisation som {franvarande.Namn}.");
            }

            if (!ersattare.Aktiv)
            {
                return Refusal.Field(nameof(c.ErsattareId), $"Ersättare: kontot för {ersattare.Namn} är inaktiverat.");
            }

            if (!ersattare.Roller.Any(ErsattareAccess.Forvaltningsroller.Contains))
            {
                return Refusal.Field(nameof(c.ErsattareId),
                    $"Ersättare: {ersattare.Namn} saknar en tjänstemannaroll i organisationen (registrator, handläggare, förvaltningschef eller nämndsekreterare) och kan inte vara ersättare.");
            }

            var lanade = ErsattareRules.Lanade(franvarande, ersattare);
            if (lanade.Count == 0)
            {
                return Refusal.Field(nameof(c.ErsattareId),
                    $"Ersättare: {ersattare.Namn} har redan rollerna {ErsattareRules.Roller(franvarande.Roller.Where(ErsattareAccess.Overlatbara.Contains))}; det finns inget att lämna över.");
            }

            var open = db.Ersattarperioder.AsNoTracking().Where(p => p.AvslutadAt == null && p.FranOchMed <= till && p.TillOchMed >= fran);
            if (await open.Where(p => p.FranvarandeId == franvarande.Id).OrderBy(p => p.FranOchMed).FirstOrDefaultAsync(ct) is { } overlap)
            {
                var vem = await db.Users.AsNoTracking().Where(u => u.Id == overlap.ErsattareId).Select(u => u.DisplayName).FirstAsync(ct);
                return Refusal.Field(nameof(c.FranOchMed),
                    $"Från och med: perioden överlappar {franvarande.Namn}s period {ErsattareRules.Period(overlap.FranOchMed, overlap.TillOchMed)} med {vem} som ersättare.");
            }

            if (await open.Where(p => p.FranvarandeId == ersattare.Id).OrderBy(p => p.FranOchMed).FirstOrDefaultAsync(ct) is { } away)
            {
                return Refusal.Field(nameof(c.ErsattareId),
                    $"Ersättare: {ersattare.Namn} är själv borta {ErsattareRules.Period(away.FranOchMed, away.TillOchMed)} och kan inte vara ersättare då.");
            }

            if (await open.Where(p => p.ErsattareId == franvarande.Id).OrderBy(p => p.FranOchMed).FirstOrDefaultAsync(ct) is { } holds)
            {
                return Refusal.Field(nameof(c.FranOchMed),
                    $"Från och med: {franvarande.Namn} är ersättare för någon annan {ErsattareRules.Period(holds.FranOchMed, holds.TillOchMed)}; avsluta den perioden först.");
            }

            var period = new Ersattarperiod
            {
                OrganisationId = franvarande.OrganisationId,
                FranvarandeId = franvarande.Id,
                ErsattareId = ersattare.Id,
                FranOchMed = fran,
                TillOchMed = till,
                SkapadAv = current.Actor.UserId,
                SkapadAt = clock.GetUtcNow(),
            };
            db.Ersattarperioder.Add(period);
            audit.Record(nameof(Ersattarperiod), period.Id, null, "ersattare.namngiven",
                $"{ersattare.Namn} är ersättare för {franvarande.Namn} {ErsattareRules.Period(fran, till)} (t.f. {ErsattareRules.Roller(lanade)}).",
                after: new { franvarande = franvarande.Id, ersattare = ersattare.Id, franOchMed = fran, tillOchMed = till, roller = lanade.Order().Select(r => r.ToString()) });
            return period.Id;
        }
    }
}
