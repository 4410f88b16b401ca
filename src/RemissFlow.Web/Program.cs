using RemissFlow.Web.Hosting;

// "--demo" is a bare switch; the command-line configuration provider would swallow the next
// argument as its value, so it is taken out here and passed on as configuration.
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());

// Started from the repository root (dotnet run --project …), the content root is that directory;
// the shipped settings beside the binaries still apply, with anything in the working directory, the environment or arguments above them.
var shippedSettings = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
{
    Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"),
    Optional = true,
};
shippedSettings.ResolveFileProvider();
builder.Configuration.Sources.Insert(0, shippedSettings);
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
