using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Cli;

public static class DbCommands
{
    public static Command Create()
    {
        var db = new Command("db", "Databasen: migreringar och schema.");

        var migrate = new Command("migrate", "Tillämpar alla migreringar som inte körts.");
        migrate.SetAction(async (_, ct) =>
        {
            await using var provider = CliHost.Build();
            using var scope = provider.CreateScope();
            var migrator = scope.ServiceProvider.GetRequiredService<SchemaMigrator>();
            var applied = await migrator.MigrateAsync(ct: ct);
            var current = await migrator.CurrentVersionAsync(ct);
            Console.WriteLine(applied.Count == 0
                ? $"Databasen är redan aktuell (version {current})."
                : $"Tillämpade migreringar {string.Join(", ", applied)}; databasen har version {current}.");
            return CliExit.Ok;
        });
        db.Subcommands.Add(migrate);

        var providerOption = new Option<string>("--provider") { Description = "sqlite eller postgres", DefaultValueFactory = _ => "sqlite" };
        var schema = new Command("schema", "Skriver ut schemat som den aktuella modellen ger (underlag för nya migreringar).");
        schema.Options.Add(providerOption);
        schema.SetAction(parse =>
        {
            var options = parse.GetValue(providerOption) switch
            {
                "postgres" => new DatabaseOptions(DatabaseProvider.Postgres, "Host=127.0.0.1"),
                "sqlite" => new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=:memory:"),
                var other => throw new CliFailure($"okänd provider '{other}' (sqlite eller postgres)"),
            };
            using var context = DatabaseServiceCollectionExtensions.CreateContext(options);
            Console.Write(context.Database.GenerateCreateScript());
            return CliExit.Ok;
        });
        db.Subcommands.Add(schema);
        return db;
    }
}
