using Microsoft.Data.Sqlite;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Foundation;

/// <summary>
/// SQLite's write-ahead log is copied into the database file by a background checkpoint after a
/// number of write turns, not by whichever commit happens to cross SQLite's limit.
/// </summary>
public sealed class SqliteCheckpointTests
{
    private TestApp _app = null!;

    [SetUp]
    public async Task Start() => _app = await TestApp.StartAsync(DatabaseProvider.Sqlite);

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [Test]
    public async Task After_enough_write_turns_the_log_reaches_the_database_file_without_a_commit_waiting()
    {
        var checkpointer = _app.Get<SqliteCheckpointer>();

        // The tests' connections are not pooled, and SQLite checkpoints when the last connection to a
        // database closes; one connection kept open throughout, as a running app's pool does, rules that out.
        await using var keepOpen = new SqliteConnection(_app.Database.Options.ConnectionString);
        await keepOpen.OpenAsync();
        await using (var read = keepOpen.CreateCommand())
        {
            // A connection joins the log's shared memory at its first statement, not at Open.
            read.CommandText = "SELECT count(*) FROM organisationer";
            await read.ExecuteScalarAsync();
        }
        var before = checkpointer.Completed;
        var inFileBefore = OrganisationsInDatabaseFileAlone();

        // Each organisation is one command and one write turn; SQLite's own checkpoint (at 16,000 log
        // pages) is far away, so only the background checkpoint can move these rows into the file.
        var created = 0;
        while (checkpointer.Completed == before && created < 2 * SqliteCheckpointer.TurnsPerCheckpoint)
        {
            await _app.Ok(TestApp.Admin, new CreateOrganisation.Command($"Förening {created}", OrganisationKind.ExternOrganisation, Prefix(created), ContactEmail: $"f{created}@example.test"));
            created++;
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (checkpointer.Completed == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.That(checkpointer.Completed, Is.GreaterThan(before), $"no background checkpoint after {created} write turns");
        await checkpointer.DisposeAsync(); // waits for a checkpoint a later turn may have started
        Assert.That(OrganisationsInDatabaseFileAlone(), Is.GreaterThan(inFileBefore), "the checkpoint left the new rows in the log");
    }

    /// <summary>FAA, FAB, …: a diarieprefix is capital letters only.</summary>
    private static string Prefix(int i) => $"F{(char)('A' + (i / 26 % 26))}{(char)('A' + (i % 26))}";

    /// <summary>The database file copied without its log: what a checkpoint has written into it.</summary>
    private long OrganisationsInDatabaseFileAlone()
    {
        var source = new SqliteConnectionStringBuilder(_app.Database.Options.ConnectionString).DataSource;
        var copy = Path.Combine(Path.GetTempPath(), $"rf-checkpoint-{Guid.NewGuid():N}.db");
        try
        {
            using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var output = File.Create(copy))
            {
                input.CopyTo(output);
            }

            using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM organisationer";
            return (long)command.ExecuteScalar()!;
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
