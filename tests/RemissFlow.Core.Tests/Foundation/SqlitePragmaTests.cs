using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Foundation;

/// <summary>
/// Every connection the app opens carries its settings, whether the pool hands out a new native
/// connection or one it configured before (the settings are applied once per native connection).
/// </summary>
[NonParallelizable] // Clears SQLite's process-wide connection pool, and needs nobody else to clear it meanwhile.
public sealed class SqlitePragmaTests
{
    [Test]
    public async Task Pooled_connections_keep_their_settings_when_reused_and_new_ones_get_them()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var path = new SqliteConnectionStringBuilder(app.Database.Options.ConnectionString).DataSource;
        var pooled = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=True");
        try
        {
            var handles = new List<object>();
            for (var open = 0; open < 3; open++)
            {
                if (open == 2)
                {
                    // A fresh native connection must be configured too, not only the first one.
                    SqliteConnection.ClearAllPools();
                }

                await using var db = DatabaseServiceCollectionExtensions.CreateContext(pooled);
                await db.Database.OpenConnectionAsync();
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                handles.Add(connection.Handle!);
                Assert.That(await PragmaAsync(connection, "synchronous"), Is.EqualTo(1), "synchronous=NORMAL");
                Assert.That(await PragmaAsync(connection, "cache_size"), Is.EqualTo(-16000));
                Assert.That(await PragmaAsync(connection, "wal_autocheckpoint"), Is.EqualTo(16000));
                Assert.That(await PragmaAsync(connection, "journal_mode"), Is.EqualTo("wal"));
                await db.Database.CloseConnectionAsync();
            }

            Assert.That(handles[1], Is.SameAs(handles[0]), "the second open did not reuse the pooled native connection, so reuse was not tested");
            Assert.That(handles[2], Is.Not.SameAs(handles[0]));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private static async Task<object> PragmaAsync(SqliteConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        var value = await command.ExecuteScalarAsync();
        return value is long l ? (int)l : value!;
    }
}
