using Microsoft.Extensions.Configuration;

namespace RemissFlow.Core;

public static class CoreOptionsFactory
{
    public static CoreOptions FromConfiguration(IConfiguration configuration) => new(
        DatabaseOptions.FromConfiguration(configuration),
        configuration["RemissFlow:DataDirectory"] ?? "data",
        configuration["RemissFlow:WorkflowsDirectory"] ?? LocateShipped("workflows"),
        configuration["RemissFlow:TemplatesDirectory"] ?? LocateShipped("templates"),
        Smtp(configuration))
    {
        Mailboxes = Intake.Mail.MailboxOptions.FromConfiguration(configuration),
        PublicBaseUrl = configuration["RemissFlow:PublicBaseUrl"] is { Length: > 0 } url ? url : configuration["RemissFlow:DefaultUrl"] ?? "http://127.0.0.1:5080",
    };

    private static Notifications.SmtpOptions? Smtp(IConfiguration configuration)
    {
        var host = configuration["Smtp:Host"];
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        return new Notifications.SmtpOptions(host, int.TryParse(configuration["Smtp:Port"], out var port) ? port : 25, configuration["Smtp:From"] ?? "remissflow@localhost")
        {
            FromName = configuration["Smtp:FromName"] ?? "RemissFlow",
            EnableSsl = string.Equals(configuration["Smtp:EnableSsl"], "true", StringComparison.OrdinalIgnoreCase),
            UserName = configuration["Smtp:UserName"],
            Password = configuration["Smtp:Password"],
        };
    }

    /// <summary>
    /// workflows/ and templates/ are copied beside the binaries; from a source checkout the
    /// repository's own folders are used, so editing a template needs no rebuild.
    /// </summary>
    public static string LocateShipped(string folder)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RemissFlow.sln")) && Directory.Exists(Path.Combine(dir.FullName, folder)))
            {
                return Path.Combine(dir.FullName, folder);
            }
        }

        return Path.Combine(AppContext.BaseDirectory, folder);
    }
}
