using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Web.Tests.Support;

/// <summary>Test set-up as a named demo user: steps of an instans's own workflow (register, ask for anstånd) that the system actor may not take.</summary>
public static class ActingAs
{
    public static async Task<T> AsUserAsync<T>(this RemissFlowApp app, string email, IRequest<T> request)
    {
        var result = await app.SendAsAsync(email, request);
        Assert.That(result.Succeeded, Is.True, () => result.Refusal!.Message);
        return result.Value;
    }

    /// <summary>Sends a use case as the named user and returns its result, refusal included.</summary>
    public static async Task<Result<T>> SendAsAsync<T>(this RemissFlowApp app, string email, IRequest<T> request)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var actor = await scope.ServiceProvider.GetRequiredService<ActorLookup>().ForUserAsync(userId, CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = actor!;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
