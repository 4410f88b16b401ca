namespace RemissFlow.Web.Security;

/// <summary>The parts of the app and who may open them. The navigation shows exactly what these allow.</summary>
public enum Area
{
    Remisser,
    Inkorg,
    MinaArenden,
    Bevakning,
    Sammantraden,
    Kallelser,
    Arkiv,
    Notiser,
    Administration,
    Inkommande,
}

public static class AccessPolicies
{
    public const string Remisser = nameof(Area.Remisser);
    public const string Inkorg = nameof(Area.Inkorg);
    public const string MinaArenden = nameof(Area.MinaArenden);
    public const string Bevakning = nameof(Area.Bevakning);
    public const string Sammantraden = nameof(Area.Sammantraden);
    public const string Kallelser = nameof(Area.Kallelser);
    public const string Arkiv = nameof(Area.Arkiv);
    public const string Notiser = nameof(Area.Notiser);
    public const string Administration = nameof(Area.Administration);
    public const string Inkommande = nameof(Area.Inkommande);

    public static bool Allows(Area area, SignedInUser user) => user.IsSignedIn && area switch
    {
        Area.Remisser => user.IsKs && (user.Has(Role.Registrator) || user.Has(Role.KsSamordnare)),
        Area.Inkorg => !user.IsKs && user.Has(Role.Registrator),
        Area.MinaArenden => user.Has(Role.Handlaggare),
        Area.Bevakning => user.Has(Role.Namndsekreterare),
        Area.Sammantraden => user.Has(Role.Namndsekreterare),
        Area.Kallelser => user.Has(Role.Ledamot),
        Area.Arkiv => user.Has(Role.Arkivarie),
        Area.Notiser => true,
        Area.Administration => user.Has(Role.Administrator),
        Area.Inkommande => user.Actor.OrganisationId is not null && (user.Has(Role.Registrator) || user.Has(Role.Administrator)),
        _ => false,
    };

    public static void Register(AuthorizationOptions options)
    {
        foreach (var area in Enum.GetValues<Area>())
        {
            options.AddPolicy(area.ToString(), p => p
                .AddAuthenticationSchemes(Authentication.Scheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new AreaRequirement(area)));
        }
    }
}

public sealed record AreaRequirement(Area Area) : IAuthorizationRequirement;

/// <summary>Decides on the user as read from the database for this request, not on role claims frozen into the cookie.</summary>
public sealed class AreaRequirementHandler(IHttpContextAccessor accessor) : AuthorizationHandler<AreaRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AreaRequirement requirement)
    {
        var http = context.Resource as HttpContext ?? accessor.HttpContext;
        var user = http?.RequestServices.GetService<SignedInUser>();
        if (user is not null && AccessPolicies.Allows(requirement.Area, user))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
