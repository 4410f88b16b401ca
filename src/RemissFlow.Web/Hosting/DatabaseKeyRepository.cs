using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace RemissFlow.Web.Hosting;

/// <summary>
/// The data-protection key ring in PostgreSQL's <c>data_protection_keys</c> (V0030), so a cookie or antiforgery token
/// one node issued is read by every other. Keys are only ever added (the ring expires them itself); two nodes that
/// start at once may each add one, and both keys then serve, since a payload names the key it was made with.
/// </summary>
public sealed class DatabaseKeyRepository(string connectionString) : IXmlRepository
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
