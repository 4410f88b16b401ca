using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RemissFlow.Web.Api;

/// <summary>Names the API and declares its bearer scheme, so generated clients know how to authenticate.</summary>
public sealed class OpenApiInfoTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "RemissFlow API",
            Version = "v1",
            Description = "Remisser, organisationer och användare. Logga in med POST /api/token och skicka Authorization: Bearer <accessToken>. "
                + "POST-anrop tar emot Idempotency-Key: samma nyckel från samma användare ger det första svaret igen.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Token från POST /api/token.",
        };
        return Task.CompletedTask;
    }
}
