namespace RemissFlow.Web.Pages.Konto;

/// <summary>
/// Where a sign-in through the identity provider that did not end in a session lands: the person learns why and whom
/// to ask, instead of meeting an empty start page. The reason is only a key in the address; nothing from the provider is shown.
/// </summary>
[AllowAnonymous]
public sealed class OidcNekadModel : PageModel
{
    [BindProperty(Name = "orsak", SupportsGet = true)]
    public string? Orsak { get; set; }

    public string Rubrik { get; private set; } = "";

    public string Text { get; private set; } = "";

    public void OnGet() => (Rubrik, Text) = Orsak switch
    {
        "ingen-roll" => ("Du har ingen roll i RemissFlow",
            "Kommunens inloggningstjänst känner dig, men ingen av dina grupper ger någon roll i RemissFlow. Be din chef eller RemissFlows administratör att lägga till dig i rätt grupp; logga sedan in igen."),
        "flera-organisationer" => ("Dina grupper pekar på flera organisationer",
            "Dina grupper i inloggningstjänsten ger roller i mer än en organisation, men ett konto i RemissFlow hör till en. Be administratören rätta grupperna eller rolltabellen."),
        "inaktiverat" => ("Kontot är inaktiverat",
            "Ditt konto i RemissFlow är inaktiverat eller tillfälligt låst och kan inte logga in, inte heller genom inloggningstjänsten. Kontakta administratören."),
        "epost-upptagen" => ("Det finns redan ett konto med din e-postadress",
            "Ett lokalt konto i RemissFlow har redan din e-postadress. Det kopplas inte ihop med inloggningstjänsten av sig självt; kontakta administratören."),
        "epost-saknas" => ("Inloggningstjänsten skickade ingen e-postadress",
            "RemissFlow behöver din e-postadress för att skapa kontot, men inloggningstjänsten skickade ingen. Kontakta administratören."),
        _ => ("Inloggningen misslyckades",
            "Svaret från inloggningstjänsten kunde inte godtas (det var ogiltigt, manipulerat eller för gammalt). Försök logga in igen."),
    };
}
