using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>
/// A serving member is jävig in one item and leaves it (KL 6:28–32): they do not serve on it, and an ersättare present
/// who is not already serving may step in for that item.
/// </summary>
public static class RegistreraJav
{
    [RequiresRole(Role.Namndsekreterare, Role.Administrator)]
    public sealed record Command(Guid SammantradeId, Guid PunktId, Guid LedamotId, Guid? ErsattareId) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SammantradeId).NotEmpty().WithMessage("Sammanträde måste anges.");
            RuleFor(c => c.PunktId).NotEmpty().WithMessage("Punkt måste väljas.");
            RuleFor(c => c.LedamotId).NotEmpty().WithMessage("Ledamot måste väljas.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            var found = await MeetingAccess.PunktAtMeetingAsync(db, current.Actor, c.SammantradeId, c.PunktId, "jäv", ct);
            if (found.Refusal is { } refusal)
            {
                return refusal;
            }

            var (data, punkt) = found.Value;
            var (meeting, organ) = (data.Sammantrade, data.Organ);
            if (data.Narvaro.FirstOrDefault(n => n.LedamotId == c.LedamotId) is not { } ledamot)
            {
                return Refusal.Field("LedamotId", $"Ledamot: ledamoten hör inte till {organ.Name} den {meeting.Datum:yyyy-MM-dd}.");
            }

            if (punkt.Jav.Any(j => j.LedamotId == c.LedamotId))
            {
                return Refusal.Field("LedamotId", $"Ledamot: {ledamot.Namn} har redan anmält jäv i punkten.");
            }

            if (punkt.Tjanstgor.All(t => t.LedamotId != c.LedamotId))
            {
                return Refusal.Field("LedamotId", $"Ledamot: {ledamot.Namn} tjänstgör inte på punkten; jäv anmäls av den som tjänstgör.");
            }

            string? ersattareNamn = null;
            if (c.ErsattareId is { } ersattareId)
            {
                var ersattare = data.Narvaro.FirstOrDefault(n => n.LedamotId == ersattareId);
                if (ersattare is null || !ersattare.ArErsattare)
                {
                    return Refusal.Field("ErsattareId", "Ersättare: den som träder in måste vara ersättare i nämnden.");
                }

                if (!ersattare.Narvarande)
                {
                    return Refusal.Field("ErsattareId", $"Ersättare: {ersattare.Namn} är inte närvarande och kan inte tjänstgöra.");
                }

                if (punkt.Tjanstgor.Any(t => t.LedamotId == ersattareId))
                {
                    return Refusal.Field("ErsattareId", $"Ersättare: {ersattare.Namn} tjänstgör redan på punkten och kan bara tjänstgöra för en ledamot i taget.");
                }

                if (punkt.Jav.Any(j => j.LedamotId == ersattareId))
                {
                    return Refusal.Field("ErsattareId", $"Ersättare: {ersattare.Namn} är själv jävig i punkten.");
                }

                ersattareNamn = ersattare.Namn;
            }

            var jav = new Jav { SammantradeId = meeting.Id, PunktId = punkt.Punkt.Id, LedamotId = c.LedamotId, ErsattareId = c.ErsattareId };
            db.Jav.Add(jav);
            var paragraf = punkt.Punkt.Paragraf is { } p ? $"§ {p} " : "";
            audit.Record(nameof(Sammantrade), meeting.Id, punkt.Punkt.Dnr, "sammantrade.jav",
                $"{ledamot.Namn} anmälde jäv och deltog inte i {paragraf}\"{punkt.Punkt.Rubrik}\"{(ersattareNamn is null ? "" : $"; {ersattareNamn} tjänstgjorde i stället")}.", after: c);
            return jav.Id;
        }
    }
}
