using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Audit;

namespace RemissFlow.Cli;

public static class AuditCommands
{
    public static Command Create()
    {
        var audit = new Command("audit", "Händelseloggen.");
        var verify = new Command("verify", "Kontrollerar att händelseloggens hashkedja är obruten.");
        verify.SetAction(async (_, ct) =>
        {
            await using var provider = CliHost.Build();
            using var scope = provider.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(ct);
            if (result.Intact)
            {
                Console.WriteLine($"Händelseloggen är obruten: {result.EventsChecked} händelser kontrollerade.");
                return CliExit.Ok;
            }

            await Console.Error.WriteLineAsync($"fel: händelseloggen är bruten vid händelse {result.FirstBrokenSequence}: {result.Reason}");
            return CliExit.Failure;
        });
        audit.Subcommands.Add(verify);
        return audit;
    }
}
