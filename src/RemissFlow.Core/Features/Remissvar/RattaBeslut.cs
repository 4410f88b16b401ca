using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>
/// The nämndsekreterare corrects a recorded beslut before the protokoll is justerat (a wrong §,
/// a missed reservation). The reason is required and goes, with the text before and after, into
/// the audit event of the workflow transition.
/// </summary>
public static class RattaBeslut
{
    [RequiresRole(Role.Namndsekreterare)]
    public sealed record Command(
        Guid RemissvarId,
        string Skal,
        int Paragraf,
        string Beslutstext,
        Standpunkt? Standpunkt,
        bool OmedelbarJustering = false,
        IReadOnlyList<RecordBeslut.InlagaInput>? Yrkanden = null,
        IReadOnlyList<RecordBeslut.InlagaInput>? Reservationer = null,
        IReadOnlyList<RecordBeslut.InlagaInput>? SarskildaUttalanden = null,
        string? Voteringsordning = null,
        string? Beslutsunderlag = null,
        string? ExpedierasTill = null,
        int? ExpectedVersion = null,
        string? ForslagTillFullmaktige = null) : IRemissvarCommand<string>, RecordBeslut.IBeslutInput;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Skal).RequiredText("Skäl till rättelsen", 2000);
            Include(new RecordBeslut.BeslutInputRules<Command>());
            RuleFor(c => c.Standpunkt).NotNull().WithMessage("Ställningstagande måste väljas (tillstyrker, tillstyrker med synpunkter, avstyrker eller avstår).");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow)
        : RemissvarHandler<Command, string>(db, current, workflow)
    {
        protected override async Task<Result<string>> HandleAsync(Command c, Domain.Remissvar svar, CancellationToken ct)
        {
            // A justerat beslut is no longer "current"; the protokoll's lock is named before that.
            if (await ProtokollJustering.ProtokollRules.RefuseLockedForSvarAsync(Db, svar.Id, ct) is { } locked)
            {
                return locked;
            }

            var beslut = await BeslutRattelse.CurrentAsync(Db, svar.Id, ct);
            if (beslut is null)
            {
                return Refusal.InvalidState("Det finns inget registrerat beslut att rätta.");
            }


            if (await BeslutRattelse.ParagrafTakenAsync(Db, beslut, c.Paragraf, ct))
            {
                return Refusal.Field(nameof(c.Paragraf), $"Paragraf: § {c.Paragraf} är redan använd i nämndens protokoll i år.");
            }

            var rattelse = new Beslutsrattelse(
                c.Skal.Trim(), c.Paragraf, c.Beslutstext.Trim(), c.Standpunkt, c.OmedelbarJustering,
                RecordBeslut.Items(c.Yrkanden), RecordBeslut.Items(c.Reservationer), RecordBeslut.Items(c.SarskildaUttalanden),
                c.Voteringsordning, c.Beslutsunderlag, c.ExpedierasTill, BeslutSnapshot.Of(beslut, svar.Standpunkt),
                RecordBeslut.Blank(c.ForslagTillFullmaktige));
            return await FireAsync(svar, RemissvarTransitions.RattaBeslut, rattelse, ct);
        }
    }
}

internal static class BeslutRattelse
{
    /// <summary>The nämnd's decision that is not yet justerat (ordförandebeslut are not corrected here).</summary>
    public static async Task<Beslut?> CurrentAsync(RemissFlowDbContext db, Guid svarId, CancellationToken ct) =>
        await db.Beslut.Where(b => b.RemissvarId == svarId && !b.Ordforandebeslut && b.JusteradDatum == null)
            .OrderByDescending(b => b.Datum).ThenByDescending(b => b.Paragraf).FirstOrDefaultAsync(ct);

    public static async Task<bool> ParagrafTakenAsync(RemissFlowDbContext db, Beslut beslut, int paragraf, CancellationToken ct)
    {
        var meeting = await db.Sammantraden.Where(m => m.Id == beslut.SammantradeId).Select(m => new { m.OrganId, m.Datum }).FirstOrDefaultAsync(ct);
        if (meeting is null)
        {
            return false;
        }

        return await (from b in db.Beslut
                      join m in db.Sammantraden on b.SammantradeId equals m.Id
                      where m.OrganId == meeting.OrganId && m.Datum.Year == meeting.Datum.Year && b.Paragraf == paragraf && b.Id != beslut.Id
                      select b.Id).AnyAsync(ct);
    }
}
