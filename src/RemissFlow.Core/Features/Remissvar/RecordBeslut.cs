using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>
/// The nämndsekreterare records what the nämnd decided at the meeting: the decision under its
/// paragraph with the proposals, the order of voting, reservations and statements (KL 5:67),
/// or an återremiss back to the förvaltning.
/// </summary>
public static class RecordBeslut
{
    /// <param name="Form">Reservations only: "skriftlig" or "muntlig".</param>
    /// <param name="TillFormanFor">Reservations only: the proposal the reservation favours.</param>
    /// <param name="Bilaga">Reservations only: the bilaga a written reservation is in.</param>
    public sealed record InlagaInput(string Ledamot, string Text, string? Form = null, string? TillFormanFor = null, string? Bilaga = null);

    [RequiresRole(Role.Namndsekreterare)]
    public sealed record Command(
        Guid RemissvarId,
        int Paragraf,
        string Beslutstext,
        Standpunkt? Standpunkt,
        bool Aterremiss = false,
        bool OmedelbarJustering = false,
        IReadOnlyList<InlagaInput>? Yrkanden = null,
        IReadOnlyList<InlagaInput>? Reservationer = null,
        IReadOnlyList<InlagaInput>? SarskildaUttalanden = null,
        string? Voteringsordning = null,
        string? Beslutsunderlag = null,
        string? ExpedierasTill = null,
        int? ExpectedVersion = null,
        string? ForslagTillFullmaktige = null) : IRemissvarCommand<string>, IBeslutInput;

    /// <summary>What a recorded beslut says, whether it is recorded or corrected (<see cref="RattaBeslut"/>).</summary>
    public interface IBeslutInput
    {
        int Paragraf { get; }

        string Beslutstext { get; }

        IReadOnlyList<InlagaInput>? Yrkanden { get; }

        IReadOnlyList<InlagaInput>? Reservationer { get; }

        IReadOnlyList<InlagaInput>? SarskildaUttalanden { get; }

        string? Voteringsordning { get; }

        string? Beslutsunderlag { get; }

        string? ExpedierasTill { get; }

        string? ForslagTillFullmaktige { get; }
    }

    /// <summary>The same limits and messages for a beslut's paragraph, text and inlagor when it is recorded and when it is corrected.</summary>
    public sealed class BeslutInputRules<T> : AbstractValidator<T>
        where T : IBeslutInput
    {
        public BeslutInputRules()
        {
            RuleFor(c => c.Paragraf).InclusiveBetween(1, 9999).WithMessage("Paragraf ska vara ett nummer mellan 1 och 9999.");
            RuleFor(c => c.Beslutstext).RequiredText("Beslut", 10_000);
            RuleFor(c => c.Voteringsordning).OptionalText("Voteringsordning", 10_000);
            RuleFor(c => c.Beslutsunderlag).OptionalText("Beslutsunderlag", 4000);
            RuleFor(c => c.ExpedierasTill).OptionalText("Expedieras till", 1000);
            RuleFor(c => c.ForslagTillFullmaktige).OptionalText("Förslag till kommunfullmäktige", 10_000);
            RuleForEach(c => c.Yrkanden).ChildRules(i => Inlaga(i, "Yrkande", reservation: false));
            RuleForEach(c => c.Reservationer).ChildRules(i => Inlaga(i, "Reservation", reservation: true));
            RuleForEach(c => c.SarskildaUttalanden).ChildRules(i => Inlaga(i, "Särskilt uttalande", reservation: false));
        }

        private static void Inlaga(InlineValidator<InlagaInput> v, string name, bool reservation)
        {
            v.RuleFor(i => i.Ledamot).RequiredText($"{name}: ledamot", 200);
            if (!reservation)
            {
                v.RuleFor(i => i.Text).RequiredText($"{name}: text", 20_000);
                v.RuleFor(i => i).Must(i => i.Form is null && i.TillFormanFor is null && i.Bilaga is null)
                    .WithName($"{name}: form").WithMessage($"{name}: form, förslag och bilaga gäller bara reservationer.");
                return;
            }

            // A written reservation may be wholly in its bilaga, an oral one only named: the text is then optional.
            static bool NeedsText(InlagaInput i) => i.Form != Reservationsformer.Muntlig && string.IsNullOrWhiteSpace(i.Bilaga);
            v.RuleFor(i => i.Text).RequiredText($"{name}: text", 20_000).When(NeedsText);
            v.RuleFor(i => i.Text).OptionalText($"{name}: text", 20_000).Unless(NeedsText);
            v.RuleFor(i => i.Form).Must(f => f is null || Reservationsformer.All.Contains(f)).WithName($"{name}: form")
                .WithMessage($"{name}: form ska vara skriftlig eller muntlig.");
            v.RuleFor(i => i.TillFormanFor).OptionalText($"{name}: till förmån för", 500);
            v.RuleFor(i => i.Bilaga).OptionalText($"{name}: bilaga", 500);
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new BeslutInputRules<Command>());
            RuleFor(c => c.Standpunkt).NotNull().When(c => !c.Aterremiss).WithMessage("Ställningstagande måste väljas (tillstyrker, tillstyrker med synpunkter, avstyrker eller avstår).");
        }
    }

    /// <summary>
    /// The § the form suggests: one after the highest paragraph in the protokoll of the meeting's
    /// organ that year (paragraphs run through the organ's year, not per meeting); 1 for the first.
    /// Null when the ärende is not on any föredragningslista.
    /// </summary>
    public static async Task<int?> NextParagrafAsync(RemissFlowDbContext db, Guid remissvarId, CancellationToken ct)
    {
        var meeting = await (from p in db.Foredragningspunkter
                             join m in db.Sammantraden on p.SammantradeId equals m.Id
                             where p.RemissvarId == remissvarId
                             orderby m.Datum descending
                             select new { m.OrganId, m.Datum, p.Paragraf }).FirstOrDefaultAsync(ct);
        if (meeting is null)
        {
            return null;
        }

        // The item's own § once the meeting is opened and the list numbered.
        if (meeting.Paragraf is { } numbered)
        {
            return numbered;
        }

        var year = meeting.Datum.Year;
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var meetings = await db.Sammantraden.Where(m => m.OrganId == meeting.OrganId && m.Datum >= from && m.Datum <= to).Select(m => (Guid?)m.Id).ToListAsync(ct);
        // An ordförandebeslut gets its § in the protokoll of the meeting where it is reported.
        var highest = await db.Beslut
            .Where(b => b.Paragraf != null && (meetings.Contains(b.SammantradeId) || meetings.Contains(b.AnmalsVidSammantradeId)))
            .MaxAsync(b => b.Paragraf, ct);
        return (highest ?? 0) + 1;
    }

    /// <summary>The form's yrkanden, reservationer and särskilda uttalanden as the payload carries them, trimmed.</summary>
    internal static IReadOnlyList<InlagaData> Items(IReadOnlyList<InlagaInput>? list) =>
        (list ?? []).Select(i => new InlagaData(i.Ledamot.Trim(), (i.Text ?? "").Trim(), Blank(i.Form), Blank(i.TillFormanFor), Blank(i.Bilaga))).ToList();

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, TimeProvider clock)
        : RemissvarHandler<Command, string>(db, current, workflow)
    {
        protected override async Task<Result<string>> HandleAsync(Command c, Domain.Remissvar svar, CancellationToken ct)
        {
            var meeting = await (from p in Db.Foredragningspunkter
                                 join m in Db.Sammantraden on p.SammantradeId equals m.Id
                                 where p.RemissvarId == svar.Id
                                 orderby m.Datum descending
                                 select m).FirstOrDefaultAsync(ct);
            if (meeting is null)
            {
                return Refusal.InvalidState("Ärendet står inte på något sammanträdes föredragningslista.");
            }

            // A beslut is what the nämnd decided at its meeting: it is recorded only once the meeting has begun. A meeting
            // not yet opened on its day is opened by its first beslut, through its workflow; before its day it cannot be.
            if (meeting.Datum > StockholmTime.Today(clock))
            {
                return Refusal.InvalidState($"Sammanträde: beslutet kan protokollföras först när sammanträdet har börjat; ärendet står på sammanträdet den {meeting.Datum:yyyy-MM-dd}.");
            }

            if (await ProtokollJustering.ProtokollRules.RefuseLockedAsync(Db, meeting.Id, null, ct) is { } locked)
            {
                return locked;
            }

            if (!SammantradeState.HasBegun(meeting) && await Sammantraden.OppnaSammantrade.OpenAsync(Workflow, meeting, StockholmTime.Today(clock), ct) is { } notOpened)
            {
                return notOpened;
            }

            var taken = await (from b in Db.Beslut
                               join m in Db.Sammantraden on b.SammantradeId equals m.Id
                               where m.OrganId == meeting.OrganId && m.Datum.Year == meeting.Datum.Year && b.Paragraf == c.Paragraf && b.RemissvarId != svar.Id
                               select b.Id).AnyAsync(ct);
            if (taken)
            {
                return Refusal.Field(nameof(c.Paragraf), $"Paragraf: § {c.Paragraf} är redan använd i nämndens protokoll i år.");
            }

            if (await Sammantraden.SammantradeProtokollData.RefuseInlagorAsync(Db, meeting, svar.Id, c, ct) is { } notServing)
            {
                return notServing;
            }

            // The protokoll's § is the one the beslut is recorded under: the item takes it.
            var punkt = await Db.Foredragningspunkter.FirstAsync(p => p.SammantradeId == meeting.Id && p.RemissvarId == svar.Id, ct);
            punkt.Paragraf = c.Paragraf;
            var beslut = new BeslutData(
                c.Paragraf, c.Beslutstext.Trim(), meeting.Id, meeting.Datum, c.Standpunkt, c.Aterremiss, c.OmedelbarJustering,
                Items(c.Yrkanden), Items(c.Reservationer), Items(c.SarskildaUttalanden), c.Voteringsordning, c.Beslutsunderlag, c.ExpedierasTill,
                Blank(c.ForslagTillFullmaktige));
            Transition<RemissvarSubject, BeslutData> transition = c.Aterremiss ? RemissvarTransitions.Aterremittera : RemissvarTransitions.Besluta;
            return await FireAsync(svar, transition, beslut, ct);
        }
    }
}
