using RemissFlow.Core.Audit;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>
/// Saves the TU as its next version. Saving never overwrites: two people saving on the same
/// base version get one new version and one conflict that carries both texts, so nothing is lost.
/// </summary>
public static class SaveTjansteutlatande
{
    [RequiresRole(Role.Handlaggare)]
    public sealed record Command(
        Guid RemissvarId,
        int? BasedOnVersion,
        string Rubrik,
        string ForslagTillBeslut,
        string Sammanfattning,
        string Bakgrund,
        string Arendet,
        string? ArendetsBeredning,
        string Synpunkter,
        string? Kommentar = null) : ICommand<Saved>, IHasConflictRefusal
    {
        /// <summary>Lost a race with a save on the same base (the same next version number, or both a first version).</summary>
        public Refusal ConflictRefusal => Refusal.Conflict("Någon annan sparade en ny version samtidigt som du. Din text är inte sparad än: jämför och spara igen.");
    }

    public sealed record Saved(Guid TjansteutlatandeId, int Nummer);

    /// <summary>The one place for each section's length limit: the validator, the editor's maxlength and the column use these.</summary>
    public static class Max
    {
        public const int Rubrik = Limits.Rubrik;
        public const int ForslagTillBeslut = 10_000;
        public const int Sammanfattning = 20_000;
        public const int Bakgrund = 50_000;
        public const int Arendet = 100_000;
        public const int ArendetsBeredning = 10_000;
        public const int Synpunkter = 100_000;
        public const int Kommentar = Limits.Kommentar;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Rubrik).RequiredText("Rubrik", Max.Rubrik);
            // A draft may leave sections empty; TuKomplett requires them when the TU is sent to the förvaltningschef.
            RuleFor(c => c.ForslagTillBeslut).OptionalText("Förvaltningens förslag till beslut", Max.ForslagTillBeslut);
            RuleFor(c => c.Sammanfattning).OptionalText("Sammanfattning", Max.Sammanfattning);
            RuleFor(c => c.Bakgrund).OptionalText("Bakgrund", Max.Bakgrund);
            RuleFor(c => c.Arendet).OptionalText("Ärendet", Max.Arendet);
            RuleFor(c => c.ArendetsBeredning).OptionalText("Ärendets beredning", Max.ArendetsBeredning);
            RuleFor(c => c.Synpunkter).OptionalText("Förvaltningens synpunkter och förslag", Max.Synpunkter);
            RuleFor(c => c.Kommentar).OptionalText("Kommentar", Max.Kommentar);
        }
    }

    /// <summary>The editable states: before approval, or after a return.</summary>
    public static readonly IReadOnlySet<string> Editable = RemissvarStates.HandlaggarensTur.ToHashSet();

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, AuditTrail audit, TimeProvider clock) : IRequestHandler<Command, Saved>
    {
        public async Task<Result<Saved>> Handle(Command c, CancellationToken ct)
        {
            var (svar, refusal) = await RemissvarAccess.LoadAsync(db, c.RemissvarId, current.Actor, null, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (!current.Actor.IsSystem && svar!.HandlaggareId != current.Actor.UserId)
            {
                return Refusal.Forbidden("Bara ärendets handläggare skriver tjänsteutlåtandet.");
            }

            if (!Editable.Contains(svar!.Status))
            {
                return Refusal.InvalidState("Tjänsteutlåtandet kan inte ändras i ärendets nuvarande läge.");
            }

            var tu = await db.Tjansteutlatanden.Include(t => t.Versioner).FirstOrDefaultAsync(t => t.RemissvarId == svar.Id, ct);
            if (tu is null)
            {
                tu = new Tjansteutlatande { RemissvarId = svar.Id, Rubrik = c.Rubrik.Trim() };
                db.Tjansteutlatanden.Add(tu);
            }
            else
            {
                // Touching the TU row makes two simultaneous saves on the same base collide on its version token.
                db.Entry(tu).State = EntityState.Modified;
            }

            var latest = tu.Versioner.Count == 0 ? 0 : tu.Versioner.Max(v => v.Nummer);
            if ((c.BasedOnVersion ?? 0) != latest)
            {
                return Refusal.Conflict($"Någon annan har sparat version {latest} sedan du började på version {c.BasedOnVersion ?? 0}. Din text är inte sparad än: jämför och spara igen.");
            }

            tu.Rubrik = c.Rubrik.Trim();
            var version = new TjansteutlatandeVersion
            {
                TjansteutlatandeId = tu.Id,
                Nummer = latest + 1,
                Rubrik = c.Rubrik.Trim(),
                ForslagTillBeslut = c.ForslagTillBeslut ?? "",
                Sammanfattning = c.Sammanfattning ?? "",
                Bakgrund = c.Bakgrund ?? "",
                Arendet = c.Arendet ?? "",
                ArendetsBeredning = string.IsNullOrWhiteSpace(c.ArendetsBeredning) ? null : c.ArendetsBeredning,
                Synpunkter = c.Synpunkter ?? "",
                SkapadAv = current.Actor.UserId ?? Guid.Empty,
                SkapadAt = clock.GetUtcNow(),
                Kommentar = c.Kommentar,
            };
            db.TjansteutlatandeVersioner.Add(version);
            audit.Record(svar, "tu.version_sparad", $"Tjänsteutlåtandet sparades som version {version.Nummer}.", after: new { version.Nummer, c.Kommentar });
            return new Saved(tu.Id, version.Nummer);
        }
    }
}
