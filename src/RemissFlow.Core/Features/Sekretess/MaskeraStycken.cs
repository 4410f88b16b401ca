using System.Text.Json;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Documents;
using RemissFlow.Core.Files;
using RemissFlow.Documents;
using RemissFlow.Documents.Models;

namespace RemissFlow.Core.Features.Sekretess;

/// <summary>
/// The masked public copy of one of RemissFlow's own documents that is sekretessmarkerad: an approved TU version or the
/// beslut behind the protokollsutdrag. Each chosen passage is replaced by "[…] (OSL 21:7)" wherever it stands and the
/// document is rendered again (PDF); the copy is kept in the file store, so what the public reads does not change
/// under it. With <see cref="Command.Forhandsgranska"/> the PDF is only returned.
/// </summary>
public static class MaskeraStycken
{
    [RequiresRole(Role.Registrator, Role.Handlaggare)]
    public sealed record Command(string HandlingTyp, Guid HandlingId, IReadOnlyList<string>? Passager, bool Forhandsgranska = false) : ICommand<SkapaMaskeradKopia.Kopia>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.HandlingTyp).Must(t => t is SekretessTyp.TuVersion or SekretessTyp.Beslut).WithMessage("Stycken kan maskeras i ett tjänsteutlåtande (tu) eller ett beslut (beslut).");
            RuleFor(c => c.Passager).NotEmpty().WithMessage("Passager: ange minst ett stycke att maskera.");
            RuleFor(c => c.Passager).Must(p => p is null || p.Count <= 100).WithMessage("Passager: högst 100 stycken.");
            RuleForEach(c => c.Passager).Must(p => !string.IsNullOrWhiteSpace(p) && p.Length <= 4000).WithMessage("Passager: ett stycke är tomt eller längre än 4 000 tecken.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock, FileStore files,
        DocumentModelFactory models, DocumentService documents) : IRequestHandler<Command, SkapaMaskeradKopia.Kopia>
    {
        public async Task<Result<SkapaMaskeradKopia.Kopia>> Handle(Command c, CancellationToken ct)
        {
            var handling = await SekretessRegister.HandlingAsync(db, c.HandlingTyp, c.HandlingId, ct);
            if (SekretessRegister.MayMark(handling, current.Actor) is { } refusal)
            {
                return refusal;
            }

            var marking = await SekretessRegister.FindAsync(db, c.HandlingTyp, c.HandlingId, ct);
            if (marking is null)
            {
                return Refusal.InvalidState("Sekretessmarkera handlingen innan en maskerad kopia görs.");
            }

            if (c.HandlingTyp == SekretessTyp.Beslut && !await IsLatestAsync(c.HandlingId, ct))
            {
                return Refusal.InvalidState("Beslutet har ersatts av ett senare; protokollsutdraget görs av det senaste.");
            }

            IDocumentModel model;
            try
            {
                model = c.HandlingTyp == SekretessTyp.TuVersion ? await TuAsync(c.HandlingId, ct) : await UtdragAsync(c.HandlingId, ct);
            }
            catch (DocumentDataException e)
            {
                return Refusal.InvalidState(e.Message);
            }

            RenderedDocument rendered;
            try
            {
                rendered = documents.Render(DocumentMasking.Mask(model, c.Passager!.Select(p => p.Trim()).ToList(), DocumentMasking.Replacement(marking.Value.Hanvisning)), OutputFormat.Pdf);
            }
            catch (DocumentInputException e)
            {
                return Refusal.Field(nameof(Command.Passager), e.Message[(e.Field.Length + 2)..]);
            }

            var name = $"maskerad-{(c.HandlingTyp == SekretessTyp.TuVersion ? "tjansteutlatande" : "protokollsutdrag")}-{c.HandlingId.ToString("N", System.Globalization.CultureInfo.InvariantCulture)[^8..]}.pdf";
            if (c.Forhandsgranska)
            {
                return new SkapaMaskeradKopia.Kopia(name, rendered.Content);
            }

            var kopia = await SekretessRegister.SaveMaskedCopyAsync(db, files, c.HandlingTyp, c.HandlingId, name, rendered.Content,
                JsonSerializer.Serialize(c.Passager), current.Actor.UserId, clock.GetUtcNow(), ct);
            var h = handling!;
            audit.Record(h.ArendeTyp, h.ArendeId, h.Dnr, "sekretess.maskerad_kopia", $"En maskerad kopia av {h.Namn} är gjord ({c.Passager!.Count} stycken).",
                after: new { c.HandlingTyp, c.HandlingId, kopia.Sha256, Stycken = c.Passager!.Count });
            return new SkapaMaskeradKopia.Kopia(name, rendered.Content);
        }

        private async Task<IDocumentModel> TuAsync(Guid versionId, CancellationToken ct)
        {
            var v = await (from x in db.TjansteutlatandeVersioner.AsNoTracking()
                           join t in db.Tjansteutlatanden on x.TjansteutlatandeId equals t.Id
                           where x.Id == versionId
                           select new { t.RemissvarId, x.Nummer }).SingleAsync(ct);
            return await models.TjansteutlatandeAsync(v.RemissvarId, v.Nummer, ct);
        }

        private async Task<IDocumentModel> UtdragAsync(Guid beslutId, CancellationToken ct) =>
            await models.ProtokollsutdragAsync(await db.Beslut.AsNoTracking().Where(x => x.Id == beslutId).Select(x => x.RemissvarId).SingleAsync(ct), ct);

        /// <summary>The protokollsutdrag is made of the ärende's latest beslut; an earlier one has no utdrag of its own to mask.</summary>
        private async Task<bool> IsLatestAsync(Guid beslutId, CancellationToken ct)
        {
            var svar = await db.Beslut.AsNoTracking().Where(x => x.Id == beslutId).Select(x => x.RemissvarId).SingleAsync(ct);
            var latest = (await db.Beslut.AsNoTracking().Where(x => x.RemissvarId == svar).Select(x => new { x.Id, x.Datum }).ToListAsync(ct))
                .OrderBy(x => x.Datum).ThenBy(x => x.Id).Last();
            return latest.Id == beslutId;
        }
    }
}
