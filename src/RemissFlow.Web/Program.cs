using RemissFlow.Web.Hosting;

// "--demo" is a bare switch; the command-line configuration provider would swallow the next
// argument as its value, so it is taken out here and passed on as configuration.
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());
if (demo)
{
    builder.Configuration["RemissFlow:Demo"] = "true";
}

if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls(builder.Configuration["RemissFlow:DefaultUrl"] ?? "http://127.0.0.1:5080");
}

builder.AddRemissFlowWeb();
var app = builder.Build();
app.UseRemissFlowWeb();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();

public partial class Program;
