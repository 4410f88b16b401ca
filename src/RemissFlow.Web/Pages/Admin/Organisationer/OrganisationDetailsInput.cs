namespace RemissFlow.Web.Pages.Admin.Organisationer;

/// <summary>The fields the new and the edit form share; each form's input adds its own.</summary>
public class OrganisationDetailsInput
{
    public string? Name { get; set; }

    public string? ForvaltningName { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    public string? PostalAddress { get; set; }

    public string? VisitingAddress { get; set; }

    public string? Web { get; set; }

    public List<OrganKind> BeredningOrgan { get; set; } = [];
}
