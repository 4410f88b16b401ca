using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Foundation;

/// <summary>
/// One limit, one number: what the validators accept, what the model maps and what the PostgreSQL columns hold agree
/// with <see cref="Limits"/>, so no form can pass text the database then refuses with a 500.
/// </summary>
public sealed class LimitsTests
{
    [Test]
    public async Task Every_text_column_PostgreSQL_limits_has_the_length_the_model_maps()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Postgres);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
        var lengths = await ColumnLengths(db);
        var drift = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table)
            {
                continue;
            }

            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName(store) is { } column && lengths.TryGetValue((table, column), out var actual)
                    && property.GetMaxLength() is { } mapped && mapped != actual)
                {
                    drift.Add($"{table}.{column}: model {mapped}, database {actual}");
                }
            }
        }

        Assert.That(drift, Is.Empty);
    }

    [TestCase("tjansteutlatande_versioner", "Kommentar", Limits.Kommentar)]
    [TestCase("remissvar", "AvstarMotivering", Limits.Motivering)]
    [TestCase("anstand", "Motivering", Limits.AnstandText)]
    [TestCase("anstand", "BeslutKommentar", Limits.AnstandText)]
    [TestCase("remisser", "Title", Limits.Rubrik)]
    [TestCase("tjansteutlatande_versioner", "Rubrik", Limits.Rubrik)]
    public async Task The_shared_limits_are_the_PostgreSQL_column_lengths(string table, string column, int limit)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Postgres);
        using var scope = app.Services.CreateScope();
        var lengths = await ColumnLengths(scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>());

        Assert.That(lengths[(table, column)], Is.EqualTo(limit));
    }

    [TestCase("godkann")]
    [TestCase("returnera")]
    [TestCase("avsta")]
    public void A_comment_on_a_remissvar_event_may_be_as_long_as_the_column(string trigger)
    {
        var validator = new FireRemissvarTrigger.Validator();
        var fits = validator.Validate(new FireRemissvarTrigger.Command(Guid.NewGuid(), trigger, Kommentar: new string('a', Limits.Kommentar)));
        var over = validator.Validate(new FireRemissvarTrigger.Command(Guid.NewGuid(), trigger, Kommentar: new string('a', Limits.Kommentar + 1)));

        Assert.Multiple(() =>
        {
            Assert.That(fits.IsValid, Is.True, string.Join("; ", fits.Errors));
            Assert.That(over.IsValid, Is.False);
            Assert.That(over.Errors.Select(e => e.ErrorMessage), Has.Some.EqualTo(
                $"{(trigger == "avsta" ? "Motivering" : "Kommentar")} får vara högst {Limits.Kommentar} tecken."));
        });
    }

    [Test]
    public void A_password_must_have_the_minimum_length()
    {
        var validator = new ResetUserPassword.Validator();
        var shortOne = validator.Validate(new ResetUserPassword.Command(Guid.NewGuid(), new string('a', Limits.PasswordMinimumLength - 1)));

        Assert.Multiple(() =>
        {
            Assert.That(validator.Validate(new ResetUserPassword.Command(Guid.NewGuid(), new string('a', Limits.PasswordMinimumLength))).IsValid, Is.True);
            Assert.That(shortOne.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { $"Nytt lösenord måste vara minst {Limits.PasswordMinimumLength} tecken." }));
        });
    }

    private static async Task<Dictionary<(string, string), int>> ColumnLengths(RemissFlowDbContext db)
    {
        var result = new Dictionary<(string, string), int>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT table_name, column_name, character_maximum_length FROM information_schema.columns "
            + "WHERE table_schema = 'public' AND character_maximum_length IS NOT NULL";
        await using DbDataReader reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[(reader.GetString(0), reader.GetString(1))] = reader.GetInt32(2);
        }

        return result;
    }
}
