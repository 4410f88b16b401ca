using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>The nämndsekreterare types an item onto the föredragningslista that is not a remiss ärende (title, dnr, föredragande, beslutsförslag).</summary>
public static class AddOvrigPunkt
{
    public const int BeslutsforslagMax = 4000;

    [RequiresRole(Role.Namndsekreterare, Role.Administrator)]
    public sealed record Command(Guid SammantradeId, string Rubrik, string? Dnr, string? Foredragande, string? Beslutsforslag) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Rubrik).RequiredText("Rubrik", Limits.Rubrik);
            RuleFor(c => c.Dnr).OptionalText("Dnr", 30);
            RuleFor(c => c.Foredragande).OptionalText("Föredragande", Limits.Namn);
            RuleFor(c => c.Beslutsforslag).OptionalText("Beslutsförslag", BeslutsforslagMax);
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            var (meeting, organ, refusal) = await MeetingAccess.ForSekreterareAsync(db, current.Actor, c.SammantradeId, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (meeting!.Datum < StockholmTime.Today(clock))
            {
                return Refusal.InvalidState($"Sammanträdet {meeting.Datum:yyyy-MM-dd} har redan varit; föredragningslistan kan inte ändras.");
            }

            static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
            var punkt = new OvrigPunkt
            {
                SammantradeId = meeting.Id,
                Ordning = await Foredragningslista.NextOrdningAsync(db, meeting.Id, ct),
                Rubrik = c.Rubrik.Trim(),
                Dnr = Clean(c.Dnr),
                Foredragande = Clean(c.Foredragande),
                Beslutsforslag = Clean(c.Beslutsforslag),
                AnmaldAt = clock.GetUtcNow(),
            };
            db.OvrigaPunkter.Add(punkt);
            audit.Record(nameof(Sammantrade), meeting.Id, punkt.Dnr, "foredragningslista.punkt_tillagd",
                $"Punkt {punkt.Ordning} \"{punkt.Rubrik}\" lades till på föredragningslistan för {organ!.Name} {meeting.Datum:yyyy-MM-dd}.", after: c);
            return punkt.Id;
        }
    }
}
