using FluentValidation;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>
/// An open votering by name on one item (KL 6:33 applying 5:53–57): every member serving on the item votes ja, nej or
/// avstår; the result is computed, and on equal votes the ordförande's casting vote decides. The votes must be exactly
/// those of the members serving, and the counts the ordförande announced must add up to them.
/// </summary>
public static class RegistreraVotering
{
    public const int ForslagMax = 1000;

    public sealed record RostInput(Guid LedamotId, Rost Rost);

    /// <param name="Ja">The counts as announced, checked against the votes by name (null: not announced).</param>
    [RequiresRole(Role.Namndsekreterare, Role.Administrator)]
    public sealed record Command(Guid SammantradeId, Guid PunktId, string JaForslag, string NejForslag, IReadOnlyList<RostInput> Roster,
        int? Ja = null, int? Nej = null, int? Avstar = null) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SammantradeId).NotEmpty().WithMessage("Sammanträde måste anges.");
            RuleFor(c => c.PunktId).NotEmpty().WithMessage("Punkt måste väljas.");
            RuleFor(c => c.JaForslag).RequiredText("Ja-förslag", ForslagMax);
            RuleFor(c => c.NejForslag).RequiredText("Nej-förslag", ForslagMax);
            RuleFor(c => c.Roster).NotEmpty().WithMessage("Röster: ange hur varje tjänstgörande ledamot röstade.");
            RuleForEach(c => c.Roster).ChildRules(r => r.RuleFor(x => x.Rost).IsInEnum().WithMessage("Röster: välj ja, nej eller avstår."));
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            var found = await MeetingAccess.PunktAtMeetingAsync(db, current.Actor, c.SammantradeId, c.PunktId, "votering", ct);
            if (found.Refusal is { } refusal)
            {
                return refusal;
            }

            var (data, punkt) = found.Value;
            var meeting = data.Sammantrade;
            var serving = punkt.Tjanstgor.ToDictionary(t => t.LedamotId);
            var seen = new HashSet<Guid>();
            foreach (var r in c.Roster)
            {
                if (!serving.TryGetValue(r.LedamotId, out var voter))
                {
                    var name = data.Narvaro.FirstOrDefault(n => n.LedamotId == r.LedamotId)?.Namn ?? "en okänd ledamot";
                    return Refusal.Field("Roster", $"Röster: {name} tjänstgör inte på punkten och kan inte rösta.");
                }

                if (!seen.Add(r.LedamotId))
                {
                    return Refusal.Field("Roster", $"Röster: {voter.Namn} har angetts två gånger.");
                }
            }

            if (seen.Count != serving.Count)
            {
                var missing = serving.Values.Where(s => !seen.Contains(s.LedamotId)).Select(s => s.Namn);
                return Refusal.Field("Roster", $"Röster: {seen.Count} röster angavs men {serving.Count} ledamöter tjänstgör på punkten; saknas: {string.Join(", ", missing)}.");
            }

            int ja = c.Roster.Count(r => r.Rost == Rost.Ja), nej = c.Roster.Count(r => r.Rost == Rost.Nej), avstar = c.Roster.Count(r => r.Rost == Rost.Avstar);
            if ((c.Ja ?? ja) != ja || (c.Nej ?? nej) != nej || (c.Avstar ?? avstar) != avstar
                || (c.Ja is not null && c.Nej is not null && c.Avstar is not null && c.Ja + c.Nej + c.Avstar != serving.Count))
            {
                return Refusal.Field("Ja", $"Rösträkning: de angivna siffrorna ({c.Ja ?? ja} ja, {c.Nej ?? nej} nej, {c.Avstar ?? avstar} avstår) stämmer inte med rösterna "
                    + $"per namn ({ja} ja, {nej} nej, {avstar} avstår av {serving.Count} tjänstgörande).");
            }

            var utslag = ja == nej;
            string utfall;
            if (!utslag)
            {
                utfall = ja > nej ? c.JaForslag.Trim() : c.NejForslag.Trim();
            }
            else
            {
                // KL 5:57, applied to nämnder by 6:33: on equal votes the ordförande has the casting vote.
                var chair = punkt.Tjanstgor.FirstOrDefault(t => t.Uppdrag == Uppdrag.Ordforande);
                var chairVote = chair is null ? (Rost?)null : c.Roster.First(r => r.LedamotId == chair.LedamotId).Rost;
                if (chairVote is not (Rost.Ja or Rost.Nej))
                {
                    return Refusal.Field("Roster", "Röster: lika röstetal avgörs av ordförandens utslagsröst, men ordföranden tjänstgör inte på punkten eller röstade inte ja eller nej.");
                }

                utfall = chairVote == Rost.Ja ? c.JaForslag.Trim() : c.NejForslag.Trim();
            }

            var votering = new Votering
            {
                SammantradeId = meeting.Id,
                PunktId = punkt.Punkt.Id,
                JaForslag = c.JaForslag.Trim(),
                NejForslag = c.NejForslag.Trim(),
                Ja = ja,
                Nej = nej,
                Avstar = avstar,
                Utfall = utfall,
                Utslagsrost = utslag,
                Roster = c.Roster.Select(r => new Rostning { LedamotId = r.LedamotId, Namn = serving[r.LedamotId].Namn, Rost = r.Rost }).ToList(),
            };
            db.Voteringar.Add(votering);
            var paragraf = punkt.Punkt.Paragraf is { } p ? $"§ {p} " : "";
            audit.Record(nameof(Sammantrade), meeting.Id, punkt.Punkt.Dnr, "sammantrade.votering",
                $"Votering i {paragraf}\"{punkt.Punkt.Rubrik}\": {ja} ja, {nej} nej, {avstar} avstår{(utslag ? " (ordförandens utslagsröst)" : "")}. Nämnden beslutade enligt {utfall}.", after: c);
            return votering.Id;
        }
    }
}
