using System.Text.Json;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Files;
using RemissFlow.Documents.Pdf;

namespace RemissFlow.Core.Features.Sekretess;

/// <summary>
/// Makes the masked public copy of a sekretessmarkerad uploaded PDF: its pages as images with the chosen areas
/// blacked out (<see cref="PdfMasker"/>), so no masked text survives. Made again, it replaces the earlier copy. With
/// <see cref="Command.Forhandsgranska"/> the copy is only returned, for the registrator to look at, and nothing is saved.
/// </summary>
public static class SkapaMaskeradKopia
{
    [RequiresRole(Role.Registrator, Role.Handlaggare)]
    public sealed record Command(Guid BilagaId, IReadOnlyList<MaskArea>? Omraden, bool Forhandsgranska = false) : ICommand<Kopia>;

    public sealed record Kopia(string FileName, byte[] Content);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Omraden).NotEmpty().WithMessage("Ange minst ett område att maskera (sida, x, y, bredd, höjd i procent).");
            RuleFor(c => c.Omraden).Must(o => o is null || o.Count <= 200).WithMessage("Högst 200 områden.");
            RuleForEach(c => c.Omraden).Must(a => a.Sida >= 1 && a.X >= 0 && a.Y >= 0 && a.Bredd > 0 && a.Hojd > 0 && a.X + a.Bredd <= 100.0001 && a.Y + a.Hojd <= 100.0001)
                .WithMessage("Ett område ligger utanför sidan: sida från 1, x och y från 0, bredd och höjd större än 0, och x + bredd och y + höjd högst 100.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock, FileStore files) : IRequestHandler<Command, Kopia>
    {
        public async Task<Result<Kopia>> Handle(Command c, CancellationToken ct)
        {
            var handling = await SekretessRegister.HandlingAsync(db, SekretessTyp.Fil, c.BilagaId, ct);
            if (SekretessRegister.MayMark(handling, current.Actor) is { } refusal)
            {
                return refusal;
            }

            if (!await SekretessRegister.IsMarkedAsync(db, SekretessTyp.Fil, c.BilagaId, ct))
            {
                return Refusal.InvalidState("Sekretessmarkera handlingen innan en maskerad kopia görs.");
            }

            var bilaga = await db.Bilagor.AsNoTracking().SingleAsync(b => b.Id == c.BilagaId, ct);
            if (bilaga.MediaType != UploadPolicy.Pdf)
            {
                return Refusal.Field(nameof(Command.BilagaId), "Bara PDF-filer kan maskeras här; spara filen som PDF och ladda upp den igen.");
            }

            var original = files.Read(bilaga.Sha256);
            if (original is null)
            {
                return Refusal.InvalidState($"Filen {bilaga.FileName} saknas i fillagret.");
            }

            byte[] masked;
            try
            {
                masked = await Task.Run(() => PdfMasker.Mask(original, c.Omraden!), ct);
            }
            catch (PdfMaskException e)
            {
                return Refusal.Field(nameof(Command.Omraden), e.Message);
            }

            // Not the original's name: a file name can itself tell what the handling is about.
            var name = $"maskerad-kopia-{c.BilagaId.ToString("N", System.Globalization.CultureInfo.InvariantCulture)[^8..]}.pdf";
            if (c.Forhandsgranska)
            {
                return new Kopia(name, masked);
            }

            var kopia = await SekretessRegister.SaveMaskedCopyAsync(db, files, SekretessTyp.Fil, c.BilagaId, name, masked,
                JsonSerializer.Serialize(c.Omraden), current.Actor.UserId, clock.GetUtcNow(), ct);
            var h = handling!;
            audit.Record(h.ArendeTyp, h.ArendeId, h.Dnr, "sekretess.maskerad_kopia", $"En maskerad kopia av {h.Namn} är gjord ({c.Omraden!.Count} områden).",
                after: new { c.BilagaId, kopia.Sha256, Omraden = c.Omraden!.Count });
            return new Kopia(name, masked);
        }
    }
}
