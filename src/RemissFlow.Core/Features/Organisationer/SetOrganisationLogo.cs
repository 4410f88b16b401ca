using RemissFlow.Core.Audit;
using RemissFlow.Core.Files;
using RemissFlow.Documents;
using RemissFlow.Documents.Layout;

namespace RemissFlow.Core.Features.Organisationer;

/// <summary>
/// Sets (or, with no content, removes) the logo on an organisation's letterhead. A PNG or JPEG only, recognised by its
/// content and read as the PDF writer will read it, so a file that would break every document later is refused now.
/// </summary>
public static class SetOrganisationLogo
{
    /// <summary>A letterhead logo is a small image; anything bigger is a photo or a mistake.</summary>
    public const int MaxBytes = 512 * 1024;

    [RequiresRole(Role.Administrator)]
    public sealed record Command(Guid OrganisationId, byte[]? Content) : ICommand<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            When(c => c.Content is not null, () =>
            {
                RuleFor(c => c.Content!).Must(b => b.Length > 0).WithName("Logotyp").WithMessage("Logotypfilen är tom.")
                    .Must(b => b.Length <= MaxBytes).WithMessage($"Logotypen är för stor; högst {MaxBytes / 1024} kB.")
                    .Must(b => ImageType(b) is not null).WithMessage("Logotypen måste vara en PNG- eller JPEG-bild (högst 4000 × 4000 bildpunkter).")
                    .OverridePropertyName("Logotyp");
            });
        }
    }

    /// <summary>"image/png" or "image/jpeg" when the renderer can read the image, else null.</summary>
    public static string? ImageType(byte[] content)
    {
        try
        {
            return ImageSource.FromBytes(content, "logotyp").Format == ImageFormat.Png ? "image/png" : "image/jpeg";
        }
        catch (DocumentInputException)
        {
            return null;
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, FileStore files) : IRequestHandler<Command, bool>
    {
        public async Task<Result<bool>> Handle(Command c, CancellationToken ct)
        {
            var organisation = await db.Organisationer.FirstOrDefaultAsync(o => o.Id == c.OrganisationId, ct);
            if (organisation is null)
            {
                return Refusal.NotFound("Organisationen");
            }

            var before = new { organisation.LogoSha256, organisation.LogoMediaType };
            if (c.Content is null)
            {
                organisation.LogoSha256 = null;
                organisation.LogoMediaType = null;
            }
            else
            {
                var stored = await files.SaveAsync(c.Content, ImageType(c.Content)!, ct);
                organisation.LogoSha256 = stored.Sha256;
                organisation.LogoMediaType = stored.MediaType;
            }

            // Touching the row moves its version on, so an edit form opened before this save notices it.
            db.Entry(organisation).State = EntityState.Modified;
            audit.Record(nameof(Organisation), organisation.Id, null, "organisation.logotyp",
                c.Content is null ? $"Logotypen för {organisation.Name} togs bort." : $"{organisation.Name} fick en ny logotyp i brevhuvudet.",
                before, new { organisation.LogoSha256, organisation.LogoMediaType });
            return true;
        }
    }
}
