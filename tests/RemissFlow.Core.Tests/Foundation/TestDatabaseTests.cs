using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Tests.Foundation;

/// <summary>
/// The test kit's promise that every other test leans on: a database made from a template is migrated
/// as a fresh one would be, and what one test writes reaches neither the template nor any other copy.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class TestDatabaseTests(DatabaseProvider provider)
{
    [Test]
    public async Task A_copy_of_the_migrated_template_is_at_the_latest_version_and_its_changes_stay_in_it()
    {
        var latest = SchemaMigrator.Scripts(provider).Max(s => s.Version);
        await using var first = await TestDatabase.CreateAsync(provider, DatabaseTemplate.Migrated);
        await using (var db = DatabaseServiceCollectionExtensions.CreateContext(first.Options))
        {
            Assert.That(await new SchemaMigrator(db).CurrentVersionAsync(), Is.EqualTo(latest));
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE probe (x INTEGER); INSERT INTO probe VALUES (1);");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM schema_migrations");
        }

        await using var second = await TestDatabase.CreateAsync(provider, DatabaseTemplate.Migrated);
        Assert.That(second.Options.ConnectionString, Is.Not.EqualTo(first.Options.ConnectionString));
        Assert.That(second.DataDirectory, Is.Not.EqualTo(first.DataDirectory));
        await using (var db = DatabaseServiceCollectionExtensions.CreateContext(second.Options))
        {
            Assert.That(await new SchemaMigrator(db).CurrentVersionAsync(), Is.EqualTo(latest), "the first copy's delete reached the template");
            Assert.That(await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM schema_migrations").SingleAsync(), Is.EqualTo(SchemaMigrator.Scripts(provider).Count));
            Assert.That(async () => await db.Database.ExecuteSqlRawAsync("SELECT x FROM probe"), Throws.InstanceOf<System.Data.Common.DbException>(),
                "the first copy's table reached the second");
        }
    }

    [Test]
    public async Task The_empty_template_has_no_schema()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = DatabaseServiceCollectionExtensions.CreateContext(database.Options);
        Assert.That(await new SchemaMigrator(db).CurrentVersionAsync(), Is.Zero);
    }
}
