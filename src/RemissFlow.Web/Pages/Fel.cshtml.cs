namespace RemissFlow.Web.Pages;

/// <summary>Shown for unhandled errors and for error status codes of pages (re-executed, so the original method may be POST).</summary>
// The error page is re-executed inside the failed request; when that was a form post whose token was the
// problem, checking the token again would turn the error page itself into another 400.
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed partial class FelModel(ILogger<FelModel> logger) : PageModel
{
    public string Heading { get; private set; } = "Något gick fel";

    public string Explanation { get; private set; } = "Ett oväntat fel inträffade. Felet är loggat. Försök igen om en stund.";

    public string? RequestId { get; private set; }

    public void OnGet(int? kod) => Describe(kod);

    public void OnPost(int? kod) => Describe(kod);

    private void Describe(int? kod)
    {
        // Re-executed for an exception, the status is already set (400 for a request that could not be read, else 500).
        kod ??= Response.StatusCode >= 400 ? Response.StatusCode : null;
        (Heading, Explanation) = kod switch
        {
            400 => ("Felaktig begäran", "Begäran kunde inte behandlas. Gå tillbaka och försök igen; ladda om sidan om formuläret har legat öppet länge."),
            403 => ("Behörighet saknas", "Du har inte behörighet till den här sidan."),
            404 => ("Sidan finns inte", "Sidan du sökte finns inte. Kontrollera adressen eller gå till startsidan."),
            413 => ("För stor fil", "Det du skickade är för stort."),
            415 => ("Fel innehållstyp", "Det du skickade kunde inte läsas: formuläret ska skickas som UTF-8."),
            429 => ("För många försök", "Vänta en minut och försök igen."),
            _ => (Heading, Explanation),
        };
        if (kod is null or >= 500)
        {
            // The page is for bugs only; the reference it shows is logged here with the error, so support can find the one from the user.
            RequestId = HttpContext.TraceIdentifier;
            var failure = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>();
            LogUnexpected(logger, failure?.Error, RequestId, Request.Method, failure?.Path ?? Request.Path.Value);
        }

        if (kod is { } status)
        {
            Response.StatusCode = status;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Felreferens {Referens}: oväntat fel vid {Metod} {Sokvag}")]
    private static partial void LogUnexpected(ILogger logger, Exception? exception, string? referens, string metod, string? sokvag);
}
