using Microsoft.AspNetCore.Mvc.ModelBinding;
using RemissFlow.Core.Access;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Pages.Remisser;

/// <summary>
/// The sender side's shared rules for the remiss pages: who may work on a remiss (KS's registratorer and
/// samordnare of the sending organisation — the same rule the use cases apply), and the words the matrix uses.
/// </summary>
public static class SenderRemiss
{
    public static bool MayManage(SignedInUser user, Remiss remiss) => RemissAccess.MayManage(user.Actor, remiss.AvsandareId);

    /// <summary>The remiss if this user works on it as its sender, else null (the page answers 404, so an id reveals nothing).</summary>
    public static async Task<Remiss?> LoadAsync(RemissFlowDbContext db, SignedInUser user, Guid id, CancellationToken ct)
    {
        var remiss = await db.Remisser.AsNoTracking().Include(r => r.Remisslista).FirstOrDefaultAsync(r => r.Id == id && r.Status != Remiss.Raderad, ct);
        return remiss is not null && MayManage(user, remiss) ? remiss : null;
    }

    /// <summary>A CSS hook per category, so status reads by colour and by word alike.</summary>
    public static string CssClass(SvarsKategori k) => k switch
    {
        SvarsKategori.BesvaratITid => "status status-ok",
        SvarsKategori.BesvaratSent => "status status-sent",
        SvarsKategori.Avstatt => "status status-avstatt",
        SvarsKategori.Anstand => "status status-anstand",
        SvarsKategori.Saknas => "status status-saknas",
        SvarsKategori.EjBesvarad => "status status-pagar",
        _ => "status status-stangd",
    };

    /// <summary>Puts a refusal on a form whose fields carry <paramref name="prefix"/>; field-less refusals go to the summary.</summary>
    public static void AddRefusalTo(this ModelStateDictionary modelState, Refusal refusal, string prefix, IReadOnlyDictionary<string, string>? fieldMap = null)
    {
        if (refusal.Errors.Count == 0)
        {
            modelState.AddModelError(string.Empty, refusal.Message);
            return;
        }

        foreach (var error in refusal.Errors)
        {
            var field = fieldMap is not null && fieldMap.TryGetValue(error.Field, out var mapped) ? mapped : error.Field;
            var bracket = field.IndexOf('[', StringComparison.Ordinal);
            if (bracket > 0)
            {
                field = field[..bracket];
            }

            modelState.AddModelError(string.IsNullOrEmpty(field) ? string.Empty : $"{prefix}.{field}", error.Message);
        }
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} byte",
        < 1024 * 1024 => (bytes / 1024.0).ToString("#,0", SwedishText.Culture) + " kB",
        _ => (bytes / (1024.0 * 1024.0)).ToString("#,0.0", SwedishText.Culture) + " MB",
    };

    /// <summary>What a handling is, as its list shows it: the upload checks let in PDF and Office documents only.</summary>
    public static string Kind(string mediaType) => mediaType == "application/pdf" ? "PDF" : "Office-dokument";
}
