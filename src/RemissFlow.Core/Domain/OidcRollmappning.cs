namespace RemissFlow.Core.Domain;

/// <summary>
/// One row of the table the administratör keeps: a person whose identity provider sends <see cref="Grupp"/> (a value of
/// the groups claim) gets <see cref="Roll"/> in <see cref="OrganisationId"/> when signing in with OpenID Connect.
/// </summary>
public sealed class OidcRollmappning : Entity
{
    public required string Grupp { get; set; }

    public Guid OrganisationId { get; set; }

    public Role Roll { get; set; }

    public DateTimeOffset SkapadAt { get; set; }
}
