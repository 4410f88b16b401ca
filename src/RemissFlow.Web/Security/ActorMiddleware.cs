using System.Security.Claims;
using RemissFlow.Core.Features.Anvandare;

namespace RemissFlow.Web.Security;

/// <summary>
/// Runs after authentication: turns the signed-in principal (cookie or bearer) into the
/// mediator's <see cref="CurrentActor"/> for this request's scope. A principal whose account
/// no longer exists is treated as signed out. (A principal whose session ended never gets here:
/// <see cref="SessionAuthenticationHandler"/> refuses it during authentication.)
/// </summary>
public sealed class ActorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CurrentActor current, SignedInUser user, ActorLookup lookup, RemissFlowDbContext db)
    {
        current.Actor = SignedInUser.Anonymous;
        if (context.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            var actor = await lookup.ForUserAsync(userId, context.RequestAborted);
            var details = actor is null
                ? null
                : await db.Users.AsNoTracking().Where(u => u.Id == userId)
                    .Join(db.Organisationer, u => u.OrganisationId, o => o.Id, (u, o) => new { u.Email, o.Name, o.Kind })
                    .FirstOrDefaultAsync(context.RequestAborted);
            if (actor is null || details is null)
            {
                // Deleted between authentication and here: this request runs signed out (the handler ends the cookie next time).
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                current.Actor = actor;
                user.SignIn(actor, details.Email, details.Name, details.Kind);
            }
        }

        await next(context);
    }
}
