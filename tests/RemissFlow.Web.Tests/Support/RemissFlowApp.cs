using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Web.Tests.Support;

/// <summary>
/// The real web app (Program) on its own copy of the demo database (seeded once per run, see DatabaseTemplate.Demo), in memory (TestServer)
/// or on Kestrel at 127.0.0.1 on a free port for the browser. Settings go in with UseSetting,
/// which reaches Program as command-line arguments, before the services are registered.
/// </summary>
public sealed class RemissFlowApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private readonly bool _ownsDatabase;

    private readonly Action<IServiceCollection>? _services;

    private RemissFlowApp(TestDatabase database, Dictionary<string, string?> settings, bool ownsDatabase, Action<IServiceCollection>? services)
    {
        Database = database;
        _settings = settings;
        _ownsDatabase = ownsDatabase;
        _services = services;
    }

    public TestDatabase Database { get; }

    /// <summary>Errors the app logged (server-side failures the client may never see).</summary>
    public ErrorLog ErrorLog { get; } = new();

    /// <summary>Where Kestrel listens (browser fixtures); null on TestServer.</summary>
    public Uri? ServerAddress { get; private set; }

    /// <param name="services">Replaces services after the app registered its own (a test double such as a counting password hasher).</param>
    public static async Task<RemissFlowApp> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null, bool kestrel = false,
        Action<IServiceCollection>? services = null) =>
        Start(await TestDatabase.CreateAsync(provider, DatabaseTemplate.Demo), settings, kestrel, ownsDatabase: true, services);

    /// <summary>Starts the app on a database and data directory the caller owns (and disposes): two starts on one database are a restart.</summary>
    public static RemissFlowApp Restart(TestDatabase database, IDictionary<string, string?>? settings = null, bool kestrel = false) =>
        Start(database, settings, kestrel, ownsDatabase: false, services: null);

    private static RemissFlowApp Start(TestDatabase database, IDictionary<string, string?>? settings, bool kestrel, bool ownsDatabase, Action<IServiceCollection>? services)
    {
        var all = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.ProviderName,
            ["ConnectionStrings:RemissFlow"] = database.Options.ConnectionString,
            ["RemissFlow:DataDirectory"] = database.DataDirectory,
            ["RemissFlow:Demo"] = "true",
            ["RemissFlow:SignIn:PermitsPerMinute"] = "10000",
            ["urls"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = new RemissFlowApp(database, all, ownsDatabase, services);
        if (kestrel)
        {
            app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }

        try
        {
            app.StartServer();
        }
        catch
        {
            app.Dispose();
            throw;
        }

        if (kestrel)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            app.ServerAddress = new Uri(address);
        }

        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(l => l.AddProvider(ErrorLog));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // The demo template's accounts are hashed at the tests' work factor (TestPasswords); the app must expect the same,
        // or each first sign-in would rehash at production's and rewrite the account.
        builder.ConfigureTestServices(s => s.Configure<PasswordHasherOptions>(TestPasswords.Configure));
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see 302s and 401s as they are.</summary>
    public HttpClient NewClient() => ServerAddress is null
        ? CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true })
        : new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = ServerAddress };

    /// <summary>Reads the database as the app sees it.</summary>
    public async Task<T> QueryAsync<T>(Func<RemissFlowDbContext, Task<T>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>());
    }

    /// <summary>Sends a use case as the system (test set-up only; the code under test runs as the signed-in user).</summary>
    public async Task<T> AsSystemAsync<T>(IRequest<T> request)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System;
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
        Assert.That(result.Succeeded, Is.True, () => result.Refusal!.Message);
        return result.Value;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
