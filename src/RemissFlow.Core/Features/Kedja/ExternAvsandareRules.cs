namespace RemissFlow.Core.Features.Kedja;

/// <summary>What an outside sender is registered with, as creating and changing it take it.</summary>
public interface IExternAvsandare
{
    string Name { get; }

    ExternAvsandareTyp Typ { get; }

    string? DnrFormat { get; }

    string? SvarsEpost { get; }

    string? SvarsAdress { get; }

    string? ContactEmail { get; }

    string? ContactPhone { get; }

    string? Web { get; }

    bool LeveransPdf { get; }

    bool LeveransWord { get; }

    bool LeveransDnrIAmne { get; }

    string? LeveransFilnamn { get; }
}

/// <summary>The same limits and Swedish messages on the new and the edit form.</summary>
public sealed class ExternAvsandareRules<T> : AbstractValidator<T>
    where T : IExternAvsandare
{
    public ExternAvsandareRules()
    {
        RuleFor(c => c.Name).RequiredText("Namn", Limits.Namn);
        RuleFor(c => c.Typ).IsInEnum().WithMessage("Typ av avsändare är okänd.");
        RuleFor(c => c.DnrFormat).OptionalText("Diarienummerformat", 60);
        // The answer is e-mailed there by expediering; without it nothing could be sent.
        RuleFor(c => c.SvarsEpost).Cascade(CascadeMode.Stop).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Svarsadress (e-post) måste fyllas i.")
            .Email("Svarsadress (e-post)");
        RuleFor(c => c.SvarsAdress).OptionalText("Postadress för svar", Limits.Adress);
        RuleFor(c => c.ContactEmail).Email("Kontakt-e-post");
        RuleFor(c => c.ContactPhone).OptionalText("Telefon", Limits.Telefon);
        RuleFor(c => c.Web).OptionalText("Webbadress", Limits.Namn);
        RuleFor(c => c).Must(c => c.LeveransPdf || c.LeveransWord).OverridePropertyName("LeveransPdf")
            .WithMessage("Leveransregeln måste ange minst ett format (PDF eller Word).");
        RuleFor(c => c.LeveransFilnamn).Must(v => Leveransregel.FilnamnProblem(v) is null)
            .WithMessage(c => Leveransregel.FilnamnProblem(c.LeveransFilnamn)!);
    }
}
