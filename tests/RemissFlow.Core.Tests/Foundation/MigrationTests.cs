using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Foundation;

[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class MigrationTests(DatabaseProvider provider)
{
    [Test]
    public async Task Migrating_twice_applies_nothing_the_second_time()
    {
        await using var app = await TestApp.StartAsync(provider, migrate: false);
        using var scope = app.Services.CreateScope();
        var migrator = scope.ServiceProvider.GetRequiredService<SchemaMigrator>();

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.That(first, Is.EqualTo(SchemaMigrator.Scripts(provider).Select(s => s.Version).ToList()));
        Assert.That(second, Is.Empty);
    }

    /// <summary>Every table and column the current model maps exists after migrating: the scripts have not drifted from the model.</summary>
    [Test]
    public async Task Migrated_schema_has_every_table_and_column_of_the_model()
    {
        await using var app = await TestApp.StartAsync(provider);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
        var actual = await Columns(db);
        var missing = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null)
            {
                continue;
            }

            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(store);
                if (column is not null && !actual.Contains((table, column)))
                {
                    missing.Add($"{table}.{column}");
                }
            }

            if (entity.GetContainerColumnName() is { } container && !actual.Contains((table, container)))
            {
                missing.Add($"{table}.{container}");
            }
        }

        Assert.That(missing, Is.Empty);
    }

    private static async Task<HashSet<(string, string)>> Columns(RemissFlowDbContext db)
    {
        var result = new HashSet<(string, string)>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var sql = db.IsPostgres
            ? "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"
            : "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'";
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using DbDataReader reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add((reader.GetString(0), reader.GetString(1)));
        }

        return result;
    }
}
