namespace RemissFlow.Web.Security;

/// <summary>
/// The person behind this request, read fresh from the database on every request (roles and
/// organisation may change while a session lives). Pages, the layout and the access policies read it.
/// </summary>
public sealed class SignedInUser
{
    /// <summary>
    /// Nobody is signed in. Deliberately not <see cref="Actor.System"/>, which may do anything:
    /// a request that somehow reached the mediator anonymously must be refused, not trusted.
    /// </summary>
    public static readonly Actor Anonymous = Actor.Anonymous;

    public Actor Actor { get; private set; } = Anonymous;

    public bool IsSignedIn { get; private set; }

    public string? OrganisationName { get; private set; }

    public OrganisationKind? OrganisationKind { get; private set; }

    public string? Email { get; private set; }

    public Guid UserId => Actor.UserId ?? Guid.Empty;

    public bool IsKs => OrganisationKind == Core.Domain.OrganisationKind.Kommunstyrelse;

    public bool Has(Role role) => IsSignedIn && Actor.Roles.Contains(role);

    public void SignIn(Actor actor, string? email, string organisationName, OrganisationKind kind)
    {
        Actor = actor;
        Email = email;
        OrganisationName = organisationName;
        OrganisationKind = kind;
        IsSignedIn = true;
    }
}
