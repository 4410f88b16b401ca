using Microsoft.Extensions.Configuration;

namespace RemissFlow.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from <c>Database:Provider</c> and <c>ConnectionStrings:RemissFlow</c>.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlitePath = "data/remissflow.db";

    public static DatabaseOptions FromConfiguration(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"] ?? "sqlite";
        var provider = providerText.Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException(
                $"Database:Provider must be 'sqlite' or 'postgres', not '{providerText}'."),
        };
        var connection = configuration.GetConnectionString("RemissFlow");
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException("ConnectionStrings:RemissFlow is required when Database:Provider is 'postgres'.");
            }

            connection = $"Data Source={DefaultSqlitePath}";
        }

        return new DatabaseOptions(provider, connection);
    }
}
