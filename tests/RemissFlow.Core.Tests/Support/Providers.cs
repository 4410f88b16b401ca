using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Tests.Support;

/// <summary>Fixtures parameterised by this run on SQLite and on PostgreSQL alike.</summary>
public static class Providers
{
    public static readonly DatabaseProvider[] Both = [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];
}
