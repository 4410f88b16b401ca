using RemissFlow.Core.Deadlines;

namespace RemissFlow.Web.Api;

/// <summary>
/// iCalendar feeds for calendar clients, which cannot sign in: the user's secret token in the address
/// is the credential. An unknown token, or an organ of another organisation, is a plain 404.
/// </summary>
public static class CalendarEndpoints
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static void MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/kalender/{token}.ics", async (string token, CalendarFeed feed, CancellationToken ct) =>
                await feed.ForUserAsync(token, ct) is { } ics ? Results.Text(ics, ContentType) : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/kalender/{token}/organ/{organId:guid}.ics", async (string token, Guid organId, CalendarFeed feed, CancellationToken ct) =>
                await feed.ForOrganAsync(token, organId, ct) is { } ics ? Results.Text(ics, ContentType) : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();
    }
}
