using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;
using RemissFlow.Core.Persistence;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>
/// The nämndsekreterare sends the kallelse to the organ's ledamöter and ersättare through the notification outbox;
/// sent again, it is a supplement naming only the items placed since the last sending. Both are steps of the meeting's workflow.
/// </summary>
public static class SkickaKallelse
{
    public sealed record Sent(bool Tillagg, int Punkter, int Mottagare);

    [RequiresRole(Role.Namndsekreterare, Role.Administrator)]
    public sealed record Command(Guid SammantradeId) : ICommand<Sent>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SammantradeId).NotEmpty().WithMessage("Sammanträde måste anges.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, WorkflowRunner workflow, TimeProvider clock) : IRequestHandler<Command, Sent>
    {
        public async Task<Result<Sent>> Handle(Command c, CancellationToken ct)
        {
            var (meeting, organ, refusal) = await MeetingAccess.ForSekreterareAsync(db, current.Actor, c.SammantradeId, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (meeting!.Datum < StockholmTime.Today(clock))
            {
                return Refusal.InvalidState($"Sammanträdet {meeting.Datum:yyyy-MM-dd} har redan varit; kallelsen kan inte skickas.");
            }

            var punkter = await Foredragningslista.LoadAsync(db, meeting.Id, ct);
            var since = meeting.KallelseSenastSkickadAt;
            // An item placed before AnmaldAt was kept counts as sent with the first kallelse.
            var nya = since is null ? punkter : punkter.Where(p => p.AnmaldAt is { } at && at > since).ToList();
            if (nya.Count == 0)
            {
                return Refusal.InvalidState(since is null
                    ? "Föredragningslistan är tom; lägg till minst en punkt innan kallelsen skickas."
                    : "Inga punkter har tillkommit sedan kallelsen skickades; det finns inget tillägg att skicka.");
            }

            var mottagare = await db.Ledamoter.AsNoTracking()
                .Where(l => l.OrganId == organ!.Id && l.UserId != null && l.Fran <= meeting.Datum && meeting.Datum <= l.Till)
                .Select(l => l.UserId!.Value).Distinct().ToListAsync(ct);
            bool tillagg = since is not null;
            string vad = tillagg ? "Tillägg till kallelse" : "Kallelse";
            string when = $"{SwedishText.WithWeekday(meeting.Datum)}{(meeting.Tid is { } t ? " kl. " + t.ToString("HH:mm", SwedishText.Culture) : "")}{(meeting.Lokal is { } l ? ", " + l : "")}";
            string text = $"{vad} till {organ!.Name}s sammanträde {when}.\n\n" + string.Join("\n", nya.Select(p => $"{p.Ordning}. {p.Rubrik}{(p.Dnr is { } d ? " (" + d + ")" : "")}"));
            var utskick = new Kallelseutskick(nya.Count, mottagare.Count, false, mottagare, $"{vad}: {organ.Name} {SwedishText.IsoDate(meeting.Datum)}", text);
            // The meeting's workflow decides whether this is the kallelse or a supplement (planerat or kallat); it sends and audits the step.
            var transition = tillagg ? (Transition<SammantradeSubject, Kallelseutskick>)SammantradeTransitions.SkickaTillagg : SammantradeTransitions.SkickaKallelse;
            if (await workflow.FireAsync(meeting, transition, utskick, ct) is { } refused)
            {
                return refused;
            }

            audit.Record(nameof(Sammantrade), meeting.Id, null, tillagg ? "kallelse.tillagg_skickat" : "kallelse.skickad",
                $"{vad} till {organ.Name} {SwedishText.IsoDate(meeting.Datum)} skickades till {mottagare.Count} ledamöter och ersättare med konto ({nya.Count} punkter).");
            return new Sent(tillagg, nya.Count, mottagare.Count);
        }
    }
}
