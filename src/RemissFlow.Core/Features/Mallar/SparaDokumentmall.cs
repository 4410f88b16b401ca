using System.Security.Cryptography;
using System.Text;
using RemissFlow.Core.Audit;
using RemissFlow.Documents;
using RemissFlow.Documents.Models;
using RemissFlow.Documents.Templates;

namespace RemissFlow.Core.Features.Mallar;

/// <summary>
/// Saves a new version of an organisation's template override for one document kind. The JSON is checked as the
/// renderer will read it (every phrase and heading parsed, every section key known), so a template that would break
/// the next document is refused here with the renderer's Swedish message. Saving the same text again adds nothing.
/// </summary>
public static class SparaDokumentmall
{
    /// <summary>Large enough for every heading and phrase of a kind with its variants; anything bigger is pasted by mistake.</summary>
    public const int MaxLength = 64 * 1024;

    [RequiresRole(Role.Administrator)]
    public sealed record Command(Guid OrganisationId, string Dokumenttyp, string Innehall) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Dokumenttyp).Must(k => DocumentJson.TryParseKind(k ?? "", out _)).WithName("Dokumenttyp")
                .WithMessage("Dokumenttypen är okänd; välj tjansteutlatande, protokollsutdrag, missiv eller paminnelse.");
            RuleFor(c => c.Innehall).NotEmpty().WithName("Mall").WithMessage("Mallen är tom.")
                .MaximumLength(MaxLength).WithMessage($"Mallen är för lång; högst {MaxLength / 1024} kB.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<Result<int>> Handle(Command c, CancellationToken ct)
        {
            var organisation = await db.Organisationer.FirstOrDefaultAsync(o => o.Id == c.OrganisationId, ct);
            if (organisation is null)
            {
                return Refusal.NotFound("Organisationen");
            }

            if (!DocumentJson.TryParseKind(c.Dokumenttyp, out var kind))
            {
                return Refusal.Field("Dokumenttyp", "Dokumenttypen är okänd.");
            }

            return await SaveAsync(db, audit, current, clock, organisation, kind, c.Innehall, null, ct);
        }
    }

    /// <summary>
    /// The save itself, shared with <see cref="AterstallDokumentmall"/>: checked as the renderer reads it, a new version
    /// unless the text equals the newest, audited. <paramref name="aterstalldFran"/> names the version a restore copies.
    /// </summary>
    internal static async Task<Result<int>> SaveAsync(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock,
        Organisation organisation, DocumentKind kind, string innehall, int? aterstalldFran, CancellationToken ct)
    {
        var typ = kind.ToString().ToLowerInvariant();
        try
        {
            TemplateStore.ParseOverride(kind, $"mallen för {organisation.Name} ({typ})", innehall);
        }
        catch (DocumentException ex)
        {
            return Refusal.Field("Mall", ex.Message);
        }

        var latest = await Dokumentmallar.LatestAsync(db, organisation.Id, typ, ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(innehall)));
        if (latest?.Sha256 == sha)
        {
            return latest.Version;
        }

        var row = new Dokumentmall
        {
            OrganisationId = organisation.Id,
            Dokumenttyp = typ,
            Version = (latest?.Version ?? 0) + 1,
            Innehall = innehall,
            Sha256 = sha,
            SkapadAv = current.Actor.UserId,
            SkapadAt = clock.GetUtcNow(),
        };
        db.Dokumentmallar.Add(row);
        var text = aterstalldFran is { } fran
            ? $"{organisation.Name} fick version {row.Version} av sin mall för {typ}, återställd från version {fran}."
            : $"{organisation.Name} fick version {row.Version} av sin mall för {typ}.";
        audit.Record(nameof(Organisation), organisation.Id, null, "organisation.dokumentmall", text,
            latest is null ? null : new { latest.Version, latest.Sha256 }, new { row.Version, row.Sha256, AterstalldFran = aterstalldFran });
        return row.Version;
    }
}

/// <summary>Reading the saved template overrides.</summary>
public static class Dokumentmallar
{
    public static Task<Dokumentmall?> LatestAsync(RemissFlowDbContext db, Guid organisationId, string dokumenttyp, CancellationToken ct) =>
        db.Dokumentmallar.AsNoTracking()
            .Where(m => m.OrganisationId == organisationId && m.Dokumenttyp == dokumenttyp)
            .OrderByDescending(m => m.Version)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// The template <paramref name="kind"/> renders with for the organisation: its newest saved override in place of the
    /// file in templates/organisationer, or the files alone when none is saved. Resolved per call and carried by the
    /// model (<see cref="IDocumentModel.Mall"/>), never registered on the shared renderer, so two requests rendering
    /// with different versions cannot swap templates between resolving and rendering.
    /// </summary>
    public static async Task<ResolvedTemplate> ResolveAsync(RemissFlowDbContext db, DocumentRenderer renderer, Guid organisationId, string letterheadId, DocumentKind kind, string? slag, CancellationToken ct)
    {
        var typ = kind.ToString().ToLowerInvariant();
        var latest = await LatestAsync(db, organisationId, typ, ct);
        return renderer.ResolveTemplate(kind, letterheadId, slag,
            latest is null ? null : TemplateStore.ParseOverride(kind, $"sparad mall version {latest.Version} ({typ})", latest.Innehall));
    }
}
