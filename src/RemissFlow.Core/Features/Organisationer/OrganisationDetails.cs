namespace RemissFlow.Core.Features.Organisationer;

/// <summary>An organisation's name and contact details, as both creating and changing it take them.</summary>
public interface IOrganisationDetails
{
    string Name { get; }

    string? ForvaltningName { get; }

    string? ContactEmail { get; }

    string? ContactPhone { get; }

    string? PostalAddress { get; }

    string? VisitingAddress { get; }

    string? Web { get; }
}

/// <summary>The same limits and messages for the details on the new and the edit form.</summary>
public sealed class OrganisationDetailsRules<T> : AbstractValidator<T>
    where T : IOrganisationDetails
{
    public OrganisationDetailsRules()
    {
        RuleFor(c => c.Name).RequiredText("Namn", Limits.Namn);
        RuleFor(c => c.ForvaltningName).OptionalText("Förvaltning", Limits.Namn);
        RuleFor(c => c.ContactEmail).Email("Kontakt-e-post");
        RuleFor(c => c.ContactPhone).OptionalText("Telefon", Limits.Telefon);
        RuleFor(c => c.PostalAddress).OptionalText("Postadress", Limits.Adress);
        RuleFor(c => c.VisitingAddress).OptionalText("Besöksadress", Limits.Adress);
        RuleFor(c => c.Web).OptionalText("Webbadress", Limits.Namn);
    }
}
