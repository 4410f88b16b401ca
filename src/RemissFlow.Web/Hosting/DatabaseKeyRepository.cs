using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace RemissFlow.Web.Hosting;

/// <summary>
/// The data-protection key ring in PostgreSQL's <c>data_protection_keys</c> (V0030), so a cookie or antiforgery token
/// one node issued is read by every other. Keys are only ever added (the ring expires them itself); two nodes that
/// start at once may each add one, and both keys then serve, since a payload names the key it was made with.
/// </summary>
public sealed class DatabaseKeyRepository(string connectionString) : IXmlRepository, IDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = _source.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    /// <summary>
    /// Loads the key ring, creating its first key if there is none, while holding a lock every node takes: without it
    /// two nodes started at once on an empty table would each create a key and use it before seeing the other's.
    /// </summary>
    public async Task EnsureKeyRingAsync(IDataProtectionProvider provider, CancellationToken ct)
    {
        await using var connection = await _source.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(72737330)", connection))
        {
            await take.ExecuteNonQueryAsync(ct);
        }

        try
        {
            provider.CreateProtector("RemissFlow.KeyRingStartup").Protect([1]);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(72737330)", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public void Dispose() => _source.Dispose();

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = _source.CreateCommand("""
            INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES ($1, $2, now())
            ON CONFLICT (friendly_name) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}

/// <summary>After the migrations (V0030 makes the table), before the server takes a request.</summary>
public sealed class KeyRingStartup(DatabaseKeyRepository keys, IDataProtectionProvider provider) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => keys.EnsureKeyRingAsync(provider, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
