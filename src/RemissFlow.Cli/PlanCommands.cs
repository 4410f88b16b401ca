using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Deadlines;

namespace RemissFlow.Cli;

/// <summary><c>plan &lt;dnr&gt;</c>: the deadline plan of a remissvar, found by the instans's own dnr.</summary>
public static class PlanCommands
{
    public static Command Create()
    {
        var dnr = new Argument<string>("dnr") { Description = "Remissvarets eget diarienummer, t.ex. \"SOF 2024/472\"." };
        var plan = new Command("plan", "Planerar ett remissvar bakåt från svarsdatum: sammanträde, beredning, handlingsdagar.") { dnr };
        plan.SetAction(async (parse, ct) =>
        {
            var text = parse.GetRequiredValue(dnr).Trim();
            if (text.Length == 0)
            {
                throw new CliUsageException("ange ett diarienummer");
            }

            await using var provider = CliApp.BuildServices();
            using var scope = provider.CreateScope();
            var query = scope.ServiceProvider.GetRequiredService<PlanQuery>();
            var id = await query.RemissvarIdForDnrAsync(text, ct)
                ?? throw new CliFailure($"inget remissvar har diarienummer {text}");
            Plan? result;
            try
            {
                result = await query.PlanForAsync(id, ct);
            }
            catch (PlanUnavailableException e)
            {
                throw new CliFailure(e.Message);
            }

            if (result is null)
            {
                throw new CliFailure($"inget remissvar har diarienummer {text}");
            }

            await parse.InvocationConfiguration.Output.WriteAsync(PlanTextRenderer.Render(result, text));
            return CliExit.Ok;
        });
        return plan;
    }
}
