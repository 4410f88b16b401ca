using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>
/// The nämndsekreterare records who is present and which ersättare serves for whom, from the organ's members of the
/// mandate period. An ersättare serves for one absent ledamot at a time; a ledamot present is not replaced. The whole
/// närvaro is given each time (it is corrected as members come and go); nothing is written when any of it is wrong.
/// </summary>
public static class RegistreraNarvaro
{
    public sealed record Tjanstgoring(Guid ErsattareId, Guid ForLedamotId);

    [RequiresRole(Role.Namndsekreterare, Role.Administrator)]
    public sealed record Command(Guid SammantradeId, IReadOnlyList<Guid> Narvarande, IReadOnlyList<Tjanstgoring> Ersattare) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SammantradeId).NotEmpty().WithMessage("Sammanträde måste anges.");
            RuleFor(c => c.Narvarande).NotNull().WithMessage("Närvarande måste anges.");
            RuleFor(c => c.Ersattare).NotNull().WithMessage("Ersättare måste anges.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current) : IRequestHandler<Command, int>
    {
        public async Task<Result<int>> Handle(Command c, CancellationToken ct)
        {
            var (meeting, organ, refusal) = await MeetingAccess.ForSekreterareAsync(db, current.Actor, c.SammantradeId, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (!SammantradeState.HasBegun(meeting!))
            {
                return Refusal.InvalidState("Sammanträdet har inte öppnats; närvaron registreras när sammanträdet har börjat.");
            }

            var members = await SammantradeProtokollData.Members(db, meeting!).ToDictionaryAsync(l => l.Id, ct);
            if (c.Narvarande.FirstOrDefault(id => !members.ContainsKey(id)) is var unknown && unknown != Guid.Empty)
            {
                return Refusal.Field("Narvarande", $"Närvarande: ledamoten {unknown} hör inte till {organ!.Name} den {meeting!.Datum:yyyy-MM-dd}.");
            }

            var present = c.Narvarande.ToHashSet();
            var forWhom = new Dictionary<Guid, Guid>();
            foreach (var t in c.Ersattare)
            {
                if (!members.TryGetValue(t.ErsattareId, out var ersattare) || !members.TryGetValue(t.ForLedamotId, out var ledamot))
                {
                    return Refusal.Field("Ersattare", $"Ersättare: {(members.ContainsKey(t.ErsattareId) ? "ledamoten" : "ersättaren")} hör inte till {organ!.Name} den {meeting!.Datum:yyyy-MM-dd}.");
                }

                if (ersattare.Uppdrag != Uppdrag.Ersattare)
                {
                    return Refusal.Field("Ersattare", $"Ersättare: {ersattare.Namn} är inte ersättare och kan inte tjänstgöra för någon.");
                }

                if (!present.Contains(ersattare.Id))
                {
                    return Refusal.Field("Ersattare", $"Ersättare: {ersattare.Namn} är inte närvarande och kan inte tjänstgöra.");
                }

                if (ledamot.Uppdrag == Uppdrag.Ersattare)
                {
                    return Refusal.Field("Ersattare", $"Ersättare: {ledamot.Namn} är själv ersättare; en ersättare tjänstgör bara för en ordinarie ledamot.");
                }

                if (present.Contains(ledamot.Id))
                {
                    return Refusal.Field("Ersattare", $"Ersättare: {ledamot.Namn} är närvarande och kan inte ersättas.");
                }

                if (forWhom.ContainsKey(ersattare.Id))
                {
                    return Refusal.Field("Ersattare", $"Ersättare: {ersattare.Namn} kan bara tjänstgöra för en ledamot i taget.");
                }

                if (forWhom.ContainsValue(ledamot.Id))
                {
                    return Refusal.Field("Ersattare", $"Ersättare: för {ledamot.Namn} tjänstgör redan en annan ersättare.");
                }

                forWhom[ersattare.Id] = ledamot.Id;
            }

            var stored = await db.Narvaro.Where(n => n.SammantradeId == meeting!.Id).ToDictionaryAsync(n => n.LedamotId, ct);
            foreach (var m in members.Values)
            {
                if (!stored.TryGetValue(m.Id, out var row))
                {
                    row = new Narvaro { SammantradeId = meeting!.Id, LedamotId = m.Id };
                    db.Narvaro.Add(row);
                }

                row.Narvarande = present.Contains(m.Id);
                row.ErsatterLedamotId = forWhom.TryGetValue(m.Id, out var f) ? f : null;
            }

            string Names(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(id => members[id].Namn));
            var text = $"Närvaro vid {organ!.Name}s sammanträde {meeting!.Datum:yyyy-MM-dd}: {present.Count} närvarande ({Names(present)})"
                + (forWhom.Count == 0 ? "." : $"; tjänstgörande ersättare: {string.Join(", ", forWhom.Select(kv => $"{members[kv.Key].Namn} för {members[kv.Value].Namn}"))}.");
            audit.Record(nameof(Sammantrade), meeting.Id, null, "sammantrade.narvaro", text, after: c);
            return present.Count;
        }
    }
}
