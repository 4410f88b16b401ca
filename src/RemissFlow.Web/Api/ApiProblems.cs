using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace RemissFlow.Web.Api;

/// <summary>
/// The one way the API says no: every refusal and every error becomes ProblemDetails with a
/// Swedish title and detail. Validation problems list each field (camelCase, as in the JSON body).
/// </summary>
public static class ApiProblems
{
    public static int StatusFor(RefusalKind kind) => kind switch
    {
        RefusalKind.Validation => StatusCodes.Status400BadRequest,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.InvalidState => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };

    public static ProblemHttpResult From(Refusal refusal)
    {
        var status = StatusFor(refusal.Kind);
        if (refusal.Errors.Count > 0)
        {
            var errors = refusal.Errors
                .GroupBy(e => JsonName(e.Field))
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            return TypedResults.Problem(new HttpValidationProblemDetails(errors)
            {
                Status = status,
                Title = TitleFor(status),
                Detail = refusal.Message,
            });
        }

        return TypedResults.Problem(new ProblemDetails { Status = status, Title = TitleFor(status), Detail = refusal.Message });
    }

    /// <summary>A refusal of the web layer itself (e.g. a missing field the command cannot even express).</summary>
    public static ProblemHttpResult Field(string field, string message) => From(Refusal.Field(field, message));

    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    /// <summary>Fills in Swedish words for problems the framework raises (401 from the challenge, 404, 405, 415, 500).</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Title is null || problem.Title.Any(c => c is >= 'A' and <= 'z') && IsFrameworkTitle(problem.Title))
        {
            problem.Title = TitleFor(status);
        }

        problem.Detail ??= DetailFor(status);
        problem.Type = null;
        problem.Extensions.Remove("exception");
    }

    private static bool IsFrameworkTitle(string title) =>
        title is "Bad Request" or "Unauthorized" or "Forbidden" or "Not Found" or "Method Not Allowed" or "Conflict"
            or "Unsupported Media Type" or "Payload Too Large" or "Content Too Large" or "An error occurred while processing your request."
            or "Unprocessable Entity" or "Too Many Requests" or "One or more validation errors occurred.";

    public static string TitleFor(int status) => status switch
    {
        400 => "Felaktig begäran",
        401 => "Inloggning krävs",
        403 => "Behörighet saknas",
        404 => "Hittades inte",
        405 => "Metoden är inte tillåten",
        409 => "Konflikt",
        413 => "Begäran är för stor",
        415 => "Fel innehållstyp",
        422 => "Kan inte utföras just nu",
        429 => "För många försök",
        _ when status >= 500 => "Serverfel",
        _ => "Fel",
    };

    private static string DetailFor(int status) => status switch
    {
        400 => "Begäran kunde inte läsas. Kontrollera att innehållet är giltig JSON och att datum skrivs ÅÅÅÅ-MM-DD.",
        401 => "Du måste logga in för att använda API:t: med sessionskakan eller med en bearer-token från /api/token.",
        403 => "Du har inte behörighet till detta.",
        404 => "Det finns ingenting på den här adressen.",
        405 => "Den här adressen tar inte emot den metoden.",
        413 => "Begäran är för stor.",
        415 => "Innehållet måste vara JSON (Content-Type: application/json).",
        _ when status >= 500 => "Ett oväntat fel inträffade. Felet är loggat; försök igen om en stund.",
        _ => "Begäran kunde inte utföras.",
    };

    /// <summary>The JSON property a command field comes from: "Title" → "title", "Roles[0]" → "roles[0]", "Reservationer[0].Ledamot" → "reservationer[0].ledamot".</summary>
    public static string JsonName(string field) =>
        string.IsNullOrEmpty(field) || field.Contains('-') ? field : string.Join('.', field.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}

/// <summary>
/// JSON the binder cannot read becomes a 400 that names the property, instead of a bare status code.
/// Minimal APIs throw <see cref="BadHttpRequestException"/> for it because ThrowOnBadRequest is on.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // Pages have their own Swedish error page; this handler speaks only for the API.
        if (exception is not BadHttpRequestException bad || !Hosting.WebHosting.IsApi(httpContext))
        {
            return false;
        }

        var status = bad.StatusCode;
        ProblemDetails problem;
        if (bad.InnerException is JsonException { Path: { Length: > 2 } path })
        {
            var field = path.TrimStart('$', '.');
            var message = $"Fältet {field} har ett värde som inte kan läsas; kontrollera typen (datum skrivs ÅÅÅÅ-MM-DD).";
            problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = status,
                Title = ApiProblems.TitleFor(status),
                Detail = message,
            };
        }
        else
        {
            // Our own refusals carry a Swedish message for the client; the framework's (English, technical) do not.
            problem = new ProblemDetails { Status = status, Title = ApiProblems.TitleFor(status), Detail = bad is ClientBadRequestException ? bad.Message : null };
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}

/// <summary>A request the app itself refuses while reading it (before any use case), with a Swedish message meant for the client.</summary>
public sealed class ClientBadRequestException : BadHttpRequestException
{
    public ClientBadRequestException(string message, int statusCode)
        : base(message, statusCode)
    {
    }

    public ClientBadRequestException(string message, int statusCode, Exception innerException)
        : base(message, statusCode, innerException)
    {
    }
}
