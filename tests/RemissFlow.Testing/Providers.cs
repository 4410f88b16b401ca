using RemissFlow.Core.Persistence;

namespace RemissFlow.Testing;

/// <summary>Fixtures run on SQLite always and on PostgreSQL when tests/run-tests.sh provides one (REMISSFLOW_TEST_PG).</summary>
public static class Providers
{
    public static readonly DatabaseProvider[] Both = [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    public static string? PostgresServer => Environment.GetEnvironmentVariable("REMISSFLOW_TEST_PG");

    /// <summary>Set by tests/run-tests.sh: then a missing PostgreSQL or Chromium is a failure, not a skip.</summary>
    public static bool RequireAll => Environment.GetEnvironmentVariable("REMISSFLOW_REQUIRE_ALL") == "1";

    public static void RequirePostgres()
    {
        if (!string.IsNullOrEmpty(PostgresServer))
        {
            return;
        }

        const string message = "PostgreSQL-testerna behöver REMISSFLOW_TEST_PG; kör tests/run-tests.sh, som startar en tillfällig PostgreSQL.";
        if (RequireAll)
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }
}
