using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core;

namespace RemissFlow.Cli;

/// <summary>RemissFlow's core on a throwaway SQLite database and file store, for the benches that must not touch real data.</summary>
internal static class ScratchCore
{
    public static async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        var dir = Directory.CreateTempSubdirectory("remissflow-bench-");
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "sqlite",
                ["ConnectionStrings:RemissFlow"] = $"Data Source={Path.Combine(dir.FullName, "bench.db")}",
                ["RemissFlow:DataDirectory"] = dir.FullName,
                ["RemissFlow:TemplatesDirectory"] = CliApp.TemplatesDirectory(),
            };
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton(CliApp.Environment.Clock ?? TimeProvider.System);
            services.AddRemissFlowCore(CoreOptionsFactory.FromConfiguration(configuration));
            await using var provider = services.BuildServiceProvider();
            return await work(provider);
        }
        finally
        {
            // SQLite keeps the file open in its pool; the directory cannot go until the pool lets go.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }
}
