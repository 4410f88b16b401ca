using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Robustness;

/// <summary>
/// The error page is for bugs: the reference it shows is in the server log with the error. A broken database (a table
/// gone) stands in for the bug. Own app, since the database is left broken.
/// </summary>
public sealed partial class ErrorReferenceTests
{
    [Test]
    public async Task The_reference_on_the_error_page_is_in_the_server_log()
    {
        await using var app = await RemissFlowApp.StartAsync(DatabaseProvider.Sqlite);
        var id = (await ArendeData.SendRemissAsync(app, "Program för felsidan", Arenden.ArendeSteps.Today.AddDays(60), "SF"))["SF"];
        var client = await Sessions.CookieAsync(app, Sessions.SfRegistrator);
        // Only the ärende page reads this table (the layout and the sign-in do not), so the error page itself still renders.
        await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DROP TABLE \"beredning_handelser\""));

        var response = await client.GetAsync($"/arenden/{id}");
        var body = await response.Content.ReadAsStringAsync();
        var reference = ReferencePattern().Match(body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(reference.Success, Is.True, "the page shows a reference: " + body);
        Assert.That(app.ErrorLog.Errors.Where(e => e.Contains(reference.Groups[1].Value, StringComparison.Ordinal)), Is.Not.Empty,
            $"the reference {reference.Groups[1].Value} is in the log:\n{string.Join("\n", app.ErrorLog.Errors.Select(e => e[..Math.Min(200, e.Length)]))}");
    }

    [GeneratedRegex("felkoden <code>([^<]+)</code>")]
    private static partial Regex ReferencePattern();
}
