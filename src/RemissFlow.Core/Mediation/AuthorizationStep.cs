using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace RemissFlow.Core.Mediation;

/// <summary>Checks the request's declared roles, then its organisation rules.</summary>
public sealed class AuthorizationStep(IServiceProvider services, ICurrentActor current)
{
    public async Task<Refusal?> Authorize<TRequest>(TRequest request, CancellationToken ct)
    {
        var actor = current.Actor;
        var type = typeof(TRequest);
        if (type.GetCustomAttribute<SecretTokenAttribute>() is not null)
        {
            // No account behind it: the token is the credential, and the handler refuses a wrong one as unknown.
            return null;
        }

        if (actor.UserId == Guid.Empty)
        {
            return Refusal.Forbidden("Du måste logga in.");
        }

        var roles = type.GetCustomAttribute<RequiresRoleAttribute>();
        if (roles is not null && !actor.HasAny(roles.Roles))
        {
            return Refusal.Forbidden($"Detta kräver rollen {string.Join(" eller ", roles.Roles.Select(RoleNames.Swedish))}.");
        }

        if (roles is not null && actor.OnBehalfFor(roles.Roles) is { } uppdrag)
        {
            // Allowed only through an absent person's role: the request is done on their behalf.
            current.ActOnBehalfOf(uppdrag);
        }

        if (roles is null && type.GetCustomAttribute<AnySignedInUserAttribute>() is null)
        {
            throw new InvalidOperationException($"{type.FullName} declares no authorization rule.");
        }

        foreach (var authorizer in services.GetServices<IAuthorizer<TRequest>>())
        {
            var refusal = await authorizer.Authorize(request, actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }
        }

        return null;
    }
}
