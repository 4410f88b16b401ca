using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Demo;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Cli;

public static class DemoCommands
{
    public static Command Create()
    {
        var demo = new Command("demo", "Demodata.");
        var seed = new Command("seed", "Lägger in demodata (idempotent: en andra körning ändrar ingenting).");
        seed.SetAction(async (_, ct) =>
        {
            await using var provider = CliHost.Build();
            using var scope = provider.CreateScope();
            await RemissFlow.Core.Startup.PrepareAsync(provider, ct);
            var report = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
            Console.WriteLine(report);
            return CliExit.Ok;
        });
        demo.Subcommands.Add(seed);
        return demo;
    }
}
