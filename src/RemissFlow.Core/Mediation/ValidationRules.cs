using System.Globalization;
using FluentValidation;
using RemissFlow.Core.Domain;

namespace RemissFlow.Core.Mediation;

/// <summary>Rules shared by many commands, with Swedish messages that name the field.</summary>
public static class ValidationRules
{
    static ValidationRules()
    {
        ValidatorOptions.Global.LanguageManager.Culture = CultureInfo.GetCultureInfo("sv");
    }

    /// <summary>Forces the Swedish message set before the first validator runs.</summary>
    public static void UseSwedish() => ValidatorOptions.Global.LanguageManager.Culture = CultureInfo.GetCultureInfo("sv");

    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, string name, int max) =>
        rule.Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage($"{name} måste fyllas i.")
            .Must(v => v is null || v.Length <= max).WithMessage($"{name} får vara högst {max} tecken.")
            .Must(v => v is null || !HasControlCharacters(v)).WithMessage($"{name} innehåller otillåtna styrtecken.");

    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, string name, int max) =>
        rule.Must(v => v is null || v.Length <= max).WithMessage($"{name} får vara högst {max} tecken.")
            .Must(v => v is null || !HasControlCharacters(v)).WithMessage($"{name} innehåller otillåtna styrtecken.");

    public static IRuleBuilderOptions<T, string?> Dnr<T>(this IRuleBuilder<T, string?> rule, string name) =>
        rule.Must(Diarienummer.IsValid).WithMessage($"{name} har fel form; skriv till exempel \"KS 2025/1616\".");

    public static IRuleBuilderOptions<T, string?> Email<T>(this IRuleBuilder<T, string?> rule, string name) =>
        rule.Must(v => v is null || (v.Length <= 200 && System.Net.Mail.MailAddress.TryCreate(v, out _)))
            .WithMessage($"{name} är inte en giltig e-postadress.");

    /// <summary>Line breaks and tabs are text; other control characters would corrupt documents and HTML.</summary>
    public static bool HasControlCharacters(string value) =>
        value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');
}
