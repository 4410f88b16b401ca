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

[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class FirstSchemaToCurrentTests(DatabaseProvider provider)
{
    [Test]
    public async Task Data_written_under_the_first_schema_is_intact_after_migrating_to_the_current_one()
    {
        await using var app = await TestApp.StartAsync(provider, migrate: false);
        await app.MigrateAsync(target: 1);
        var organisationId = Guid.CreateVersion7();
        var remissId = Guid.CreateVersion7();
        await app.Query(async db =>
        {
            // The rows in the first schema's columns: the entities have gained columns since (V0005, V0008, V0022).
            await FirstSchemaRows.OrganisationAsync(db, provider, organisationId, "Kommunstyrelsen", "Kommunstyrelse", "KS");
            await FirstSchemaRows.RemissAsync(db, provider, remissId, organisationId, "KS 2025/1616", "Handlingsplan för ett jämställt Stockholm 2030", new DateOnly(2026, 4, 24), "utkast");
            return 0;
        });
        using (var scope = app.Services.CreateScope())
        {
            Assert.That(await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().CurrentVersionAsync(), Is.EqualTo(1));
        }

        await app.MigrateAsync();

        var remiss = await app.Query(db => db.Remisser.AsNoTracking().SingleAsync(r => r.Id == remissId));
        Assert.That((remiss.Dnr, remiss.Title, remiss.Svarsdatum), Is.EqualTo(("KS 2025/1616", "Handlingsplan för ett jämställt Stockholm 2030", new DateOnly(2026, 4, 24))));
        var org = await app.Query(db => db.Organisationer.AsNoTracking().SingleAsync(o => o.Id == organisationId));
        var renamed = await app.Send(TestApp.Admin, new Features.Organisationer.UpdateOrganisation.Command(org.Id, org.Version, "Kommunstyrelsen i Stockholm", null, null, null, null, null, null, [], true));
        Assert.That(renamed.Succeeded, Is.True);
        Assert.That(await app.Query(db => db.WorkflowInstances.CountAsync()), Is.Zero);
    }

    /// <summary>
    /// V0011: a preliminary answer given before the column existed keeps the date the audit log
    /// recorded for it (the earliest, should the trigger appear twice), so the matrices count it as before.
    /// </summary>
    [Test]
    public async Task A_preliminary_answer_given_before_V0011_gets_its_date_from_the_audit_log()
    {
        await using var app = await TestApp.StartAsync(provider, migrate: false);
        await app.MigrateAsync(target: 9);
        var ks = new Domain.Organisation { Id = Guid.CreateVersion7(), Name = "Kommunstyrelsen", Kind = Domain.OrganisationKind.Kommunstyrelse, DnrPrefix = "KS" };
        var sf = new Domain.Organisation { Id = Guid.CreateVersion7(), Name = "Servicenämnden", Kind = Domain.OrganisationKind.Namnd, DnrPrefix = "SF" };
        var sof = new Domain.Organisation { Id = Guid.CreateVersion7(), Name = "Socialnämnden", Kind = Domain.OrganisationKind.Namnd, DnrPrefix = "SOF" };
        var remiss = new Domain.Remiss { Id = Guid.CreateVersion7(), AvsandareId = ks.Id, Dnr = "KS 2026/1", Title = "Handlingsplan", Svarsdatum = new DateOnly(2026, 4, 24), Status = "svarstid_pagar" };
        var prelim = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        var given = new DateTimeOffset(2026, 3, 10, 8, 15, 0, TimeSpan.Zero);
        await app.Query(async db =>
        {
            // In the V0009 columns: organisations and remisser have gained columns since (V0022).
            foreach (var o in new[] { ks, sf, sof })
            {
                await FirstSchemaRows.OrganisationAsync(db, provider, o.Id, o.Name, o.Kind.ToString(), o.DnrPrefix);
            }

            await FirstSchemaRows.RemissAsync(db, provider, remiss.Id, ks.Id, remiss.Dnr, remiss.Title, remiss.Svarsdatum, remiss.Status);
            foreach (var (id, instans, status) in new[] { (prelim, sf.Id, "preliminart_svar_lamnat"), (other, sof.Id, "under_beredning") })
            {
                // The remissvar row in the V0009 columns: the entity has gained one since.
                object created = provider == DatabaseProvider.Postgres ? given : given.UtcTicks;
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "remissvar" ("Id", "RemissId", "InstansId", "AvsandareDnr", "Svarsdatum", "Status", "CreatedAt", "Version")
                    VALUES ({id}, {remiss.Id}, {instans}, 'KS 2026/1', {new DateOnly(2026, 4, 24)}, {status}, {created}, 0)
                    """);
            }

            long sequence = 0;
            foreach (var (arende, action, at) in new[] { (prelim, "workflow.preliminart_svar", given.AddDays(1)), (prelim, "workflow.preliminart_svar", given), (other, "workflow.paborja_beredning", given) })
            {
                // In the V0009 columns: audit events have gained the on-whose-behalf columns since (V0024).
                object stamp = provider == DatabaseProvider.Postgres ? at : at.UtcTicks;
                var hash = new string((char)('0' + ++sequence), 64);
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "handelser" ("Sequence", "At", "ActorName", "ArendeTyp", "ArendeId", "Beskrivning", "Action", "PreviousHash", "Hash")
                    VALUES ({sequence}, {stamp}, 'Person sf.chef', 'Remissvar', {arende}, {action}, {action}, {new string('0', 64)}, {hash})
                    """);
            }

            return 0;
        });

        await app.MigrateAsync();

        var dates = await app.Query(db => db.Remissvar.AsNoTracking().ToDictionaryAsync(v => v.Id, v => v.PreliminartSvarAt));
        Assert.That(dates[prelim], Is.EqualTo(given));
        Assert.That(dates[other], Is.Null);
    }
}

/// <summary>Rows written in the first schema's columns, for tests that stop the migrations part way (the entities have more).</summary>
internal static class FirstSchemaRows
{
    public static Task<int> OrganisationAsync(RemissFlowDbContext db, DatabaseProvider provider, Guid id, string name, string kind, string? prefix) =>
        provider == DatabaseProvider.Postgres
            ? db.Database.ExecuteSqlAsync($"""INSERT INTO organisationer ("Id", "Name", "Kind", "DnrPrefix", "BeredningOrgan", "Active", "Version") VALUES ({id}, {name}, {kind}, {prefix}, {Array.Empty<int>()}, TRUE, 0)""")
            : db.Database.ExecuteSqlAsync($"""INSERT INTO "organisationer" ("Id", "Name", "Kind", "DnrPrefix", "BeredningOrgan", "Active", "Version") VALUES ({id}, {name}, {kind}, {prefix}, '[]', 1, 0)""");

    public static Task<int> RemissAsync(RemissFlowDbContext db, DatabaseProvider provider, Guid id, Guid avsandare, string dnr, string title, DateOnly svarsdatum, string status)
    {
        var created = new DateTimeOffset(2026, 1, 7, 8, 0, 0, TimeSpan.Zero);
        object createdAt = provider == DatabaseProvider.Postgres ? created : created.UtcTicks;
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "remisser" ("Id", "AvsandareId", "Dnr", "Title", "Svarsdatum", "TillaterForvaltningensSvar", "Status", "SammanstallningPublicerad", "CreatedAt", "Version")
            VALUES ({id}, {avsandare}, {dnr}, {title}, {svarsdatum}, {false}, {status}, {false}, {createdAt}, 0)
            """);
    }
}
