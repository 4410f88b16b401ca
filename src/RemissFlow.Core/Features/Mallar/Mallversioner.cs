using RemissFlow.Core.Documents;
using RemissFlow.Core.Files;
using RemissFlow.Documents;
using RemissFlow.Documents.Models;
using RemissFlow.Documents.Templates;

namespace RemissFlow.Core.Features.Mallar;

/// <summary>
/// The resolved templates documents were fixed with (V0039 mallversioner), by version (the SHA-256 of the resolved JSON).
/// A version is kept once, whoever approves with it, so the table grows with template edits, not with documents.
/// </summary>
public static class Mallversioner
{
    /// <summary>The TU template the organisation writes with now (its saved override over the files).</summary>
    public static async Task<ResolvedTemplate> CurrentTuAsync(RemissFlowDbContext db, DocumentRenderer renderer, FileStore files, Guid organisationId, CancellationToken ct)
    {
        var organisation = await db.Organisationer.AsNoTracking().SingleAsync(o => o.Id == organisationId, ct);
        var letterhead = Letterheads.IdFor(organisation, renderer, files);
        return await Dokumentmallar.ResolveAsync(db, renderer, organisationId, letterhead, DocumentKind.Tjansteutlatande, null, ct);
    }

    /// <summary>
    /// Keeps <paramref name="template"/> under its version and returns the version. One conditional insert, so two
    /// approvals with the same new template at once both succeed and the row is written once, inside the command's transaction.
    /// </summary>
    public static async Task<string> KeepAsync(RemissFlowDbContext db, ResolvedTemplate template, CancellationToken ct)
    {
        var typ = template.Kind.ToString().ToLowerInvariant();
        await db.BeginWritingAsync(ct);
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO mallversioner ("Sha256", "Dokumenttyp", "Innehall") VALUES ({template.Version}, {typ}, {template.Json}) ON CONFLICT DO NOTHING""",
            ct);
        return template.Version;
    }

    /// <summary>The template kept under <paramref name="version"/>, checked as if loaded from a file.</summary>
    public static async Task<ResolvedTemplate> StoredAsync(RemissFlowDbContext db, DocumentKind kind, string version, CancellationToken ct)
    {
        var row = await db.Mallversioner.AsNoTracking().SingleOrDefaultAsync(m => m.Sha256 == version, ct)
            ?? throw new DocumentDataException($"Mallversionen {version[..Math.Min(12, version.Length)]} som dokumentet fastställdes med finns inte.");
        var template = TemplateStore.ParseStored(kind, row.Innehall);
        return new ResolvedTemplate(kind, template, row.Innehall, row.Sha256, [$"lagrad mallversion {row.Sha256[..12]}"]);
    }
}
