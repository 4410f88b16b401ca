using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Demo;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Testing;

/// <summary>
/// What a test database starts with. A template is built once per test run and provider; every
/// test database made from it is a copy (see <see cref="TestDatabase"/>), so the cost of migrating
/// or of playing the demo out is paid once instead of once per test.
/// </summary>
public sealed class DatabaseTemplate
{
    private readonly Func<DatabaseOptions, string, CancellationToken, Task> _build;

    private DatabaseTemplate(string key, Func<DatabaseOptions, string, CancellationToken, Task> build)
    {
        Key = key;
        _build = build;
    }

    /// <summary>Names the template's copies on disk and on the server; equal keys share one template.</summary>
    public string Key { get; }

    /// <summary>No schema at all: for the tests of the migrations themselves.</summary>
    public static DatabaseTemplate Empty { get; } = new("empty", (_, _, _) => Task.CompletedTask);

    /// <summary>Every migration applied, no rows but the schema history.</summary>
    public static DatabaseTemplate Migrated { get; } = new("migrated", MigrateAsync);

    /// <summary>
    /// The demo (Stockholms stad) as the web app seeds it at start-up with RemissFlow:Demo. The demo
    /// places its open remisser relative to today (the real clock, as the web app's), so the template
    /// is per Stockholm date: a run that passes midnight gets a fresh one rather than yesterday's dates.
    /// </summary>
    public static DatabaseTemplate Demo => new("demo" + TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, FakeClock.Stockholm).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), SeedDemoAsync);

    internal Task BuildAsync(DatabaseOptions options, string dataDirectory, CancellationToken ct) => _build(options, dataDirectory, ct);

    private static async Task MigrateAsync(DatabaseOptions options, string dataDirectory, CancellationToken ct)
    {
        await using var db = DatabaseServiceCollectionExtensions.CreateContext(options);
        await new SchemaMigrator(db).MigrateAsync(ct: ct);
    }

    /// <summary>What the web app's DatabaseStartup does with RemissFlow:Demo: migrate, then seed on the real clock.</summary>
    private static async Task SeedDemoAsync(DatabaseOptions options, string dataDirectory, CancellationToken ct)
    {
        await MigrateAsync(options, dataDirectory, ct);
        var core = new CoreOptions(options, dataDirectory, RepoPaths.Workflows, RepoPaths.Templates);
        await new DemoSeeder(core, TimeProvider.System).SeedAsync(ct);
        // The seeder hashes at production's work factor; the test apps verify at theirs (TestPasswords). Without this every
        // sign-in as a demo account would cost 100,000 rounds, and its first one would rehash and rewrite the account.
        await using var db = DatabaseServiceCollectionExtensions.CreateContext(options);
        var hash = TestPasswords.Hash(DemoSeeder.Password);
        await db.Users.Where(u => u.PasswordHash != null).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, hash), ct);
    }
}
