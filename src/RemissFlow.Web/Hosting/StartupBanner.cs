using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using RemissFlow.Core.Demo;

namespace RemissFlow.Web.Hosting;

/// <summary>What a person starting the app needs to see first: where it listens and, with --demo, how to sign in.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var output = Console.Out;
        output.WriteLine();
        output.WriteLine("RemissFlow är igång.");
        foreach (var address in addresses)
        {
            output.WriteLine($"  Öppna {address} i webbläsaren.");
        }

        if (app.Configuration.GetValue<bool>("RemissFlow:Demo"))
        {
            output.WriteLine();
            output.WriteLine($"Demokonton (lösenord för alla: {DemoSeeder.Password}):");
            var width = DemoSeeder.Logins.Max(l => l.Email.Length);
            foreach (var login in DemoSeeder.Logins)
            {
                output.WriteLine($"  {login.Email.PadRight(width)}  {login.Name}, {login.Organisation} ({login.Roles})");
            }
        }

        output.WriteLine();
        output.Flush();
    }
}
