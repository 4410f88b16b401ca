using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace RemissFlow.Web.Presentation;

public static class ModelStateExtensions
{
    /// <summary>
    /// Puts a refusal's field errors on the form's fields (command field "Title" → input "Input.Title")
    /// and anything not tied to a field at the top of the summary.
    /// </summary>
    public static void AddRefusal(this ModelStateDictionary modelState, Refusal refusal, string prefix = "Input")
    {
        if (refusal.Errors.Count == 0)
        {
            modelState.AddModelError(string.Empty, refusal.Message);
            return;
        }

        foreach (var error in refusal.Errors)
        {
            var field = string.IsNullOrEmpty(error.Field) ? string.Empty : $"{prefix}.{error.Field}";
            var bracket = field.IndexOf('[', StringComparison.Ordinal);
            modelState.AddModelError(bracket > 0 ? field[..bracket] : field, error.Message);
        }
    }

    /// <summary>
    /// The status of a page shown again with a refusal on its form: 403 when the user may not do this at all, so a refusal
    /// never reads as success (or as a fixable input error) to a browser, a proxy log or a client; otherwise <paramref name="otherwise"/>.
    /// </summary>
    public static int StatusFor(Refusal refusal, int otherwise) =>
        refusal.Kind == RefusalKind.Forbidden ? StatusCodes.Status403Forbidden : otherwise;

    /// <summary>
    /// A refused save on an edit form that carries the version it was read at. On a conflict the user's input stays,
    /// <paramref name="moveVersionOn"/> gives the form the saved version (so a deliberate second save goes through)
    /// and the answer is 409; any other refusal goes beside its fields. Returns whether it was a conflict.
    /// </summary>
    public static bool ShowSaveRefusal(this PageModel page, Refusal refusal, string versionField, Action moveVersionOn)
    {
        if (refusal.Kind != RefusalKind.Conflict)
        {
            page.ModelState.AddRefusal(refusal);
            return false;
        }

        page.ModelState.Remove(versionField);
        moveVersionOn();
        page.Response.StatusCode = StatusCodes.Status409Conflict;
        return true;
    }
}
