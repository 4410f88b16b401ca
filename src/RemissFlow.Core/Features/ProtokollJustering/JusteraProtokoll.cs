using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.ProtokollJustering;

/// <summary>
/// Digital justering: the ordförande or a chosen justerare, signed in with their own account, approves the protokoll —
/// or, with <see cref="Command.ParagrafId"/>, one paragraph for omedelbar justering. The approval is attributed to the
/// ledamot the account is linked to. The last approval of the whole protokoll justerar and locks it.
/// </summary>
public static class JusteraProtokoll
{
    public sealed record Justerat(bool ProtokolletJusterat, int Kvar);

    [RequiresRole(Role.Ledamot)]
    public sealed record Command(Guid SammantradeId, Guid? ParagrafId = null) : ICommand<Justerat>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SammantradeId).NotEmpty().WithMessage("Sammanträde måste anges.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, RemissFlow.Core.Features.Anvandare.ActorLookup actors) : IRequestHandler<Command, Justerat>
    {
        public async Task<Result<Justerat>> Handle(Command c, CancellationToken ct)
        {
            var actor = current.Actor;
            var meeting = await db.Sammantraden.FirstOrDefaultAsync(m => m.Id == c.SammantradeId, ct);
            var organ = meeting is null ? null : await db.Organ.FirstAsync(o => o.Id == meeting.OrganId, ct);
            var protokoll = meeting is null ? null : await ProtokollAccess.LoadAsync(db, meeting.Id, ct);
            if (meeting is null || organ!.OrganisationId != actor.OrganisationId)
            {
                return Refusal.NotFound("Sammanträdet");
            }

            if (protokoll is null)
            {
                return Refusal.InvalidState("Protokollet är inte upprättat ännu.");
            }

            var signers = await ProtokollRules.SignersAsync(db, protokoll, meeting, ct);
            if (signers.FirstOrDefault(s => s.Ledamot.UserId == actor.UserId) is not { } signer)
            {
                return Refusal.Forbidden("Du är varken ordförande eller vald justerare för protokollet och kan inte justera det.");
            }

            var mine = protokoll.Godkannanden.Where(g => g.LedamotId == signer.Ledamot.Id).ToList();
            if (mine.Any(g => g.ParagrafId is null))
            {
                return Refusal.InvalidState("Du har redan justerat protokollet.");
            }

            Refusal? refusal;
            if (c.ParagrafId is { } paragrafId)
            {
                var beslut = await db.Beslut.AsNoTracking().FirstOrDefaultAsync(b => b.Id == paragrafId && b.SammantradeId == meeting.Id, ct);
                if (beslut is null)
                {
                    return Refusal.Field(nameof(c.ParagrafId), "Paragrafen finns inte i protokollet.");
                }

                if (!beslut.OmedelbarJustering)
                {
                    return Refusal.Field(nameof(c.ParagrafId), $"Nämnden beslutade inte om omedelbar justering av § {beslut.Paragraf}; den justeras med protokollet.");
                }

                if (mine.Any(g => g.ParagrafId == paragrafId))
                {
                    return Refusal.InvalidState($"Du har redan justerat § {beslut.Paragraf}.");
                }

                refusal = await workflow.FireAsync(protokoll, ProtokollTransitions.GodkannParagraf, new ParagrafGodkannande(paragrafId, signer.Ledamot.Id, signer.Ledamot.Namn, signer.Roll), ct);
                return refusal is null ? new Justerat(false, Kvar(protokoll, signers, paragrafId)) : refusal;
            }

            refusal = await workflow.FireAsync(protokoll, ProtokollTransitions.Godkann, new Justeringsgodkannande(signer.Ledamot.Id, signer.Ledamot.Namn, signer.Roll), ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (!ProtokollRules.AllHaveApproved(protokoll, signers))
            {
                return new Justerat(false, Kvar(protokoll, signers, null));
            }

            // The last signer's approval justerar the protokoll: the system takes that step, so it is logged as its own.
            refusal = await workflow.FireAsync(protokoll, ProtokollTransitions.JusteringKlar, NoData.Value, ct, Actor.System);
            refusal ??= await JusteraRemissvarAsync(meeting, protokoll, string.Join(", ", signers.Where(x => x.Roll == JusteringsRoll.Justerare).Select(x => x.Ledamot.Namn)), ct);
            return refusal is null ? new Justerat(true, 0) : refusal;
        }

        /// <summary>
        /// Each remissvar decided at the meeting moves on to justerad as its own workflow expects. Its <c>justera</c>
        /// trigger belongs to the nämndsekreterare, so the step is fired as the sekreterare who sent the protokoll to
        /// justering: that is who registers the justering when it is done by hand.
        /// </summary>
        private async Task<Refusal?> JusteraRemissvarAsync(Sammantrade meeting, Protokoll protokoll, string justerare, CancellationToken ct)
        {
            var beslut = await db.Beslut.AsNoTracking()
                .Where(b => b.SammantradeId == meeting.Id && !b.Ordforandebeslut)
                .Join(db.Remissvar.Where(v => v.Status == RemissvarState.Beslutad), b => b.RemissvarId, v => v.Id, (b, v) => v.Id)
                .ToListAsync(ct);
            if (beslut.Count == 0)
            {
                return null;
            }

            var sekreterareId = await db.Handelser.AsNoTracking()
                .Where(h => h.ArendeId == protokoll.Id && h.Action == "workflow.skicka_till_justering" && h.ActorId != null)
                .OrderByDescending(h => h.Sequence).Select(h => h.ActorId).FirstOrDefaultAsync(ct);
            if (sekreterareId is not { } userId || await actors.ForUserAsync(userId, ct) is not { } sekreterare)
            {
                return null;
            }

            foreach (var id in beslut.Distinct())
            {
                var svar = await db.Remissvar.FirstAsync(v => v.Id == id, ct);
                if (await workflow.FireAsync(svar, RemissvarTransitions.Justera, new Justering(protokoll.JusteratDatum!.Value, justerare), ct, sekreterare) is { } refused)
                {
                    return refused;
                }
            }

            return null;
        }

        private static int Kvar(Protokoll p, List<ProtokollRules.Signer> signers, Guid? paragrafId) =>
            signers.Count(s => !p.Godkannanden.Any(g => g.LedamotId == s.Ledamot.Id && (g.ParagrafId is null || g.ParagrafId == paragrafId)));
    }
}
