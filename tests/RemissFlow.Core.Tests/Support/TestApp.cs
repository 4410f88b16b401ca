using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Tests.Support;

/// <summary>
/// The application core wired as the web app wires it, on a real database, with a fake clock.
/// Requests go through the real mediator pipeline.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private TestApp(TestDatabase database, ServiceProvider services, FakeClock clock)
    {
        Database = database;
        Services = services;
        Clock = clock;
    }

    public TestDatabase Database { get; }

    public ServiceProvider Services { get; }

    public FakeClock Clock { get; }

    /// <param name="template">What the database starts with, e.g. <see cref="DatabaseTemplate.Demo"/>; by default migrated (or empty without <paramref name="migrate"/>).</param>
    public static async Task<TestApp> StartAsync(DatabaseProvider provider, DateTimeOffset? now = null, bool migrate = true, RemissFlow.Core.Notifications.SmtpOptions? smtp = null,
        DatabaseTemplate? template = null)
    {
        var database = await TestDatabase.CreateAsync(provider, template ?? (migrate ? DatabaseTemplate.Migrated : DatabaseTemplate.Empty));
        var clock = new FakeClock(now ?? new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1)));
        var app = new TestApp(database, Build(database, clock, smtp, "host-a"), clock) { _smtp = smtp };
        if (migrate)
        {
            await app.MigrateAsync();
        }

        return app;
    }

    private RemissFlow.Core.Notifications.SmtpOptions? _smtp;
    private bool _ownsDatabase = true;

    private static ServiceProvider Build(TestDatabase database, FakeClock clock, RemissFlow.Core.Notifications.SmtpOptions? smtp, string hostName)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(new RemissFlow.Core.Background.BackgroundOptions(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), hostName));
        services.AddRemissFlowCore(new CoreOptions(database.Options, database.DataDirectory, RepoPaths.Workflows, RepoPaths.Templates, smtp));
        // The real hasher with a lower work factor: the Core tests create some 14 users per scenario, and
        // 100,000 PBKDF2 rounds per user were a fifth of their CPU (see TestPasswords).
        services.Configure<PasswordHasherOptions>(TestPasswords.Configure);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// A second application process on the same database and clock: what a restart, or a second
    /// app instance beside this one, looks like. It does not own the database.
    /// </summary>
    public TestApp AnotherHost(string hostName) =>
        new(Database, Build(Database, Clock, _smtp, hostName), Clock) { _smtp = _smtp, _ownsDatabase = false };

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task MigrateAsync(int? target = null)
    {
        if (target is null)
        {
            await Startup.PrepareAsync(Services);
            return;
        }

        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(target);
    }

    public async Task<Result<T>> Send<T>(Actor actor, IRequest<T> request)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = actor;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task<T> Ok<T>(Actor actor, IRequest<T> request)
    {
        var result = await Send(actor, request);
        Assert.That(result.Refusal, Is.Null, () => $"{request.GetType().FullName} was refused: {result.Refusal}");
        return result.Value;
    }

    public async Task<TResult> Query<TResult>(Func<RemissFlowDbContext, Task<TResult>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>());
    }

    public static Actor Admin { get; } = new(Guid.NewGuid(), "Test Administratör", null, new HashSet<Role> { Role.Administrator });

    public static Actor As(Guid organisationId, params Role[] roles) =>
        new(Guid.NewGuid(), "Test " + string.Join("/", roles), organisationId, roles.ToHashSet());

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
