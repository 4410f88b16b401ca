namespace RemissFlow.Core.Features.Anvandare;

/// <summary>The person and roles of an account, as both creating and changing it take them.</summary>
public interface IAccountDetails
{
    string DisplayName { get; }

    string? Title { get; }

    string? Phone { get; }

    IReadOnlyList<Role> Roles { get; }
}

/// <summary>The same limits and messages for these fields on the new and the edit form.</summary>
public sealed class AccountDetailsRules<T> : AbstractValidator<T>
    where T : IAccountDetails
{
    public AccountDetailsRules()
    {
        RuleFor(c => c.DisplayName).RequiredText("Namn", Limits.Namn);
        RuleFor(c => c.Title).OptionalText("Titel", Limits.Namn);
        RuleFor(c => c.Phone).OptionalText("Telefon", Limits.Telefon);
        RuleFor(c => c.Roles).NotEmpty().WithMessage("Roller: välj minst en roll.");
        RuleForEach(c => c.Roles).IsInEnum().WithMessage("Roller: okänd roll.");
    }
}
