using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Localization;
using RemissFlow.Core;
using RemissFlow.Core.Mediation;
using RemissFlow.Web.Api;
using RemissFlow.Web.Api.Idempotency;
using RemissFlow.Web.Presentation;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Hosting;

/// <summary>Everything the web app adds on top of the core, in the order it matters.</summary>
public static class WebHosting
{
    /// <summary>The largest upload (remisshandlingar, bilagor); every other request body is held to RemissFlow:Limits:RequestBodyBytes.</summary>
    public const long UploadLimitBytes = Limits.UploadRequestBytes;

    /// <summary>
    /// Default for RemissFlow:Limits:RequestBodyBytes, the one limit on a form or JSON body (and on each form value). It is far
    /// above every field's own length limit, so a pasted 5 MB text reaches validation and comes back with the field's
    /// Swedish message and the input kept, instead of failing while the body is read. A browser percent-encodes every
    /// å, ä and ö as six bytes, so 5 MB of Swedish text can be 15 MB on the wire.
    /// </summary>
    public const long RequestBodyLimitBytes = 20 * 1024 * 1024;

    public static WebApplicationBuilder AddRemissFlowWeb(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var core = CoreOptionsFactory.FromConfiguration(configuration);
        Directory.CreateDirectory(core.DataDirectory);
        ValidationRules.UseSwedish();

        // Before the core, which only adds the defaults when none are set: each node claims timers and e-mail in its own name.
        services.AddSingleton(Core.Background.BackgroundOptions.ForNode(configuration["RemissFlow:NodeName"],
            configuration.GetValue<double?>("RemissFlow:Background:PollSeconds"), configuration.GetValue<double?>("RemissFlow:Background:LeaseSeconds")));
        services.AddRemissFlowCore(core);
        var dataProtection = services.AddDataProtection().SetApplicationName("RemissFlow");
        if (core.Database.Provider == Core.Persistence.DatabaseProvider.Postgres)
        {
            // Every node signs and reads cookies and antiforgery tokens with the one key ring in the database.
            var keys = new DatabaseKeyRepository(core.Database.ConnectionString);
            services.Configure<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o => o.XmlRepository = keys);
            services.AddSingleton(keys);
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(core.DataDirectory, "nycklar")));
        }

        var bodyLimit = configuration.GetValue<long?>("RemissFlow:Limits:RequestBodyBytes") ?? RequestBodyLimitBytes;
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = bodyLimit;
        });
        services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = UploadLimitBytes;
            o.ValueCountLimit = 500;
            // The form reader's own per-value limit (4 MB by default) would otherwise fail first, as a 500.
            o.ValueLengthLimit = (int)Math.Min(bodyLimit, int.MaxValue);
        });

        services.AddRemissFlowAuthentication(configuration);
        services.AddSignInRateLimit(configuration);
        services.AddSvarslankRateLimit(configuration);
        services.AddScoped<SignedInUser>();
        services.AddScoped<StateLabels>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "RemissFlow.Antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddRazorPages(o =>
            {
                o.Conventions.AllowAnonymousToPage("/Konto/LoggaIn");
                o.Conventions.AllowAnonymousToPage("/Fel");
                o.Conventions.AllowAnonymousToFolder("/Publikt");
                o.Conventions.AllowAnonymousToFolder("/Svara");
                o.Conventions.AuthorizeFolder("/Admin", AccessPolicies.Administration);
                o.Conventions.ConfigureFilter(new UnreadableFormFilter());
            })
            .AddMvcOptions(o =>
            {
                // Commands validate through the mediator; the implicit [Required] would answer in English first.
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                SwedishModelBinding.Apply(o.ModelBindingMessageProvider);
            });

        // Swedish letters stay letters in the HTML (Razor still escapes everything that matters: < > & " ').
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Customize);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new NoNulStringConverter());
        });
        var schemaIds = new OpenApiSchemaIds();
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer<OpenApiInfoTransformer>();
            o.CreateSchemaReferenceId = schemaIds.For;
        });
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("databas", tags: [HealthEndpoint.ReadyTag])
            .AddCheck<BackgroundServicesHealthCheck>("bakgrundstjanster")
            .AddCheck<DrainingHealthCheck>("mottagning", tags: [HealthEndpoint.ReadyTag]);
        // Graceful shutdown: on SIGTERM the node turns unready, Kestrel stops accepting and finishes what it has for up
        // to this long, and the timers and outbox hand back their claims (Core/Background/BackgroundTelemetry).
        var shutdown = TimeSpan.FromSeconds(configuration.GetValue<double?>("RemissFlow:ShutdownSeconds") ?? 30);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown);
        builder.AddRemissFlowTelemetry();
        services.AddSingleton<HeartbeatRegistry>();
        services.AddHostedService<DatabaseStartup>();
        if (core.Database.Provider == Core.Persistence.DatabaseProvider.Postgres)
        {
            services.AddHostedService<KeyRingStartup>();
        }

        services.AddIdempotency(configuration);
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var sv = new CultureInfo("sv-SE");
            o.DefaultRequestCulture = new RequestCulture(sv);
            o.SupportedCultures = [sv];
            o.SupportedUICultures = [sv];
            o.RequestCultureProviders.Clear();
        });
        return builder;
    }

    public static WebApplication UseRemissFlowWeb(this WebApplication app)
    {
        app.UseMiddleware<ServerTiming>();
        app.UseForwardedHeadersIfConfigured();
        app.UseSecurityHeaders();
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !IsApi(c), pages =>
        {
            // A request the app could not read (a malformed form, a body over the limit) is the client's error: the error page says so with its status.
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/fel",
                StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            pages.UseStatusCodePagesWithReExecute("/fel", "?kod={0}");
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseKnownRequestCharset();

        app.UseRequestLocalization();
        app.UseStaticFiles();
        var shipped = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!File.Exists(Path.Combine(app.Environment.WebRootPath ?? "", "css", "site.css")) && Directory.Exists(shipped))
        {
            // Started outside the project directory: serve the copy beside the binaries.
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(shipped) });
        }
        app.UseRouting();
        app.UseMiddleware<DeclaredBodyLimit>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<ActorMiddleware>();
        app.UseMiddleware<ApiCookieAntiforgery>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz", HealthEndpoint.Options).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/livez", HealthEndpoint.Live).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/readyz", HealthEndpoint.Ready).AllowAnonymous().DisableRateLimiting();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("API");
        api.MapTokenEndpoints();
        api.MapMeEndpoints();
        api.MapOrganisationEndpoints();
        api.MapRemissEndpoints();
        api.MapOversiktEndpoints();
        api.MapArendeEndpoints();
        api.MapSokEndpoints();
        app.MapCalendarEndpoints();
        app.MapRazorPages();
        return app;
    }

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>Behind a reverse proxy (RemissFlow:BehindProxy=true) the client's address and scheme come from X-Forwarded-*; the rate limiter and Secure cookies need them.</summary>
    private static void UseForwardedHeadersIfConfigured(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("RemissFlow:BehindProxy"))
        {
            var options = new ForwardedHeadersOptions
            {
                ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
            };
            app.UseForwardedHeaders(options);
        }
    }
}
