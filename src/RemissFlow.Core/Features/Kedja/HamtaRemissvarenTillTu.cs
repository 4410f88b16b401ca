using RemissFlow.Core.Audit;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Files;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Features.Kedja;

/// <summary>
/// The handläggare of Kommunstyrelsen's ärende on an outside remiss brings the internal answers into the TU: a new TU
/// version whose "Ärendet" ends with what each instans said and whose "Ärendets beredning" says who was asked and how
/// they answered, with the sammanställning attached as bilaga. It is saved as any TU version, so the handläggare edits
/// it afterwards as any section, and fetching again (later answers) replaces only the summary, never the own text.
/// </summary>
public static class HamtaRemissvarenTillTu
{
    [RequiresRole(Role.Handlaggare)]
    public sealed record Command(Guid ArendeId, int? BasedOnVersion) : ICommand<SaveTjansteutlatande.Saved>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.ArendeId).NotEmpty().WithMessage("Ärende måste anges.");
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, AuditTrail audit, TimeProvider clock, RemissMatrixQuery matrices,
        SammanstallningExporter exporter, FileStore files) : IRequestHandler<Command, SaveTjansteutlatande.Saved>
    {
        public async Task<Result<SaveTjansteutlatande.Saved>> Handle(Command c, CancellationToken ct)
        {
            var arende = await db.Remissvar.AsNoTracking().FirstOrDefaultAsync(a => a.Id == c.ArendeId && a.InstansId == current.Actor.OrganisationId, ct);
            if (arende is null)
            {
                return Refusal.NotFound("Ärendet");
            }

            var intern = await db.Remisser.AsNoTracking().Where(r => r.ExterntArendeId == arende.Id && r.Status != Remiss.Raderad).OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(ct);
            if (intern is null)
            {
                return Refusal.InvalidState("Ärendet har inte skickats vidare internt, så det finns inga remissvar att hämta.");
            }

            if (intern.UtskickDatum is null)
            {
                return Refusal.InvalidState($"Den interna remissen {intern.Dnr} är inte utskickad än, så det finns inga remissvar att hämta.");
            }

            if (!SaveTjansteutlatande.Editable.Contains(arende.Status))
            {
                return Refusal.InvalidState("Tjänsteutlåtandet kan inte ändras i ärendets nuvarande läge.");
            }

            var extern_ = await db.Remisser.AsNoTracking().FirstAsync(r => r.Id == arende.RemissId, ct);
            var avsandare = await db.Organisationer.AsNoTracking().Where(o => o.Id == extern_.AvsandareId).Select(o => o.Name).FirstAsync(ct);
            var matrix = (await matrices.ForRemissAsync(intern.Id, ct))!;
            var underlag = KedjansSvar.Underlag(matrix);
            var latest = await (from t in db.Tjansteutlatanden.AsNoTracking()
                                join v in db.TjansteutlatandeVersioner.AsNoTracking() on t.Id equals v.TjansteutlatandeId
                                where t.RemissvarId == arende.Id
                                orderby v.Nummer descending
                                select v).FirstOrDefaultAsync(ct);

            await AttachSammanstallningAsync(arende, intern, ct);
            var save = new SaveTjansteutlatande.Command(
                c.ArendeId,
                c.BasedOnVersion,
                latest?.Rubrik ?? $"Remiss av {extern_.Title}",
                latest?.ForslagTillBeslut ?? "1. Kommunstyrelsen godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
                latest?.Sammanfattning ?? "",
                latest?.Bakgrund ?? $"{avsandare} har remitterat {extern_.Title} ({extern_.Dnr}) till kommunen. Svaret ska ha inkommit senast {SwedishText.LongDate(extern_.Svarsdatum)}.",
                MedSammanfattning(latest?.Arendet, underlag.Arendet),
                underlag.ArendetsBeredning,
                latest?.Synpunkter ?? "",
                $"Remissvaren på {intern.Dnr} hämtades in.");
            var saved = await new SaveTjansteutlatande.Handler(db, current, audit, clock).Handle(save, ct);
            if (saved.Succeeded)
            {
                audit.Record(arende, "tu.remissvar_hamtade", $"Remissvaren på den interna remissen {intern.Dnr} hämtades in i tjänsteutlåtandet.",
                    after: new { InternRemiss = intern.Id, matrix.Summary.Antal, matrix.Summary.Besvarade, matrix.Summary.Avstatt, matrix.Summary.Saknas });
            }

            return saved;
        }

        /// <summary>The handläggare's own text before the summary heading stays; an earlier summary is replaced.</summary>
        public static string MedSammanfattning(string? arendet, string sammanfattning)
        {
            var own = arendet ?? "";
            var at = own.IndexOf(KedjansSvar.Rubrik, StringComparison.Ordinal);
            if (at >= 0)
            {
                own = own[..at];
            }

            own = own.TrimEnd();
            return own.Length == 0 ? sammanfattning : $"{own}\n\n{sammanfattning}";
        }

        private async Task AttachSammanstallningAsync(Domain.Remissvar arende, Remiss intern, CancellationToken ct)
        {
            var pdf = await exporter.ExportAsync(intern.Id, SammanstallningFormat.Pdf, ct: ct);
            var stored = await files.SaveAsync(pdf.Content, pdf.MediaType, ct);
            var name = SammanstallningExporter.FileName(intern.Dnr, SammanstallningFormat.Pdf);
            // One current sammanställning per ärende: fetching again replaces the file rather than listing two.
            var bilaga = await db.Bilagor.FirstOrDefaultAsync(b => b.RemissvarId == arende.Id && b.Kind == BilagaKind.TjansteutlatandeBilaga && b.FileName == name, ct);
            if (bilaga is null)
            {
                bilaga = new Bilaga { Kind = BilagaKind.TjansteutlatandeBilaga, RemissvarId = arende.Id, FileName = name, MediaType = stored.MediaType, Sha256 = stored.Sha256 };
                db.Bilagor.Add(bilaga);
            }

            bilaga.Rubrik = "Sammanställning av remissvaren";
            bilaga.Sha256 = stored.Sha256;
            bilaga.Size = stored.Size;
            bilaga.UploadedAt = clock.GetUtcNow();
            bilaga.UploadedBy = current.Actor.UserId ?? Guid.Empty;
        }
    }
}
