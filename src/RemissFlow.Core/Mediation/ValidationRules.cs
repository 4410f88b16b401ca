using System.Globalization;
using RemissFlow.Workflows.Runtime;

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
        rule.Must(Diarienummer.IsValid).WithMessage($"{name} har fel form; skriv till exempel ”KS 2025/1616”.");

    public static IRuleBuilderOptions<T, string?> Email<T>(this IRuleBuilder<T, string?> rule, string name) =>
        rule.Must(v => v is null || (v.Length <= Limits.Namn && System.Net.Mail.MailAddress.TryCreate(v, out _)))
            .WithMessage($"{name} är inte en giltig e-postadress.");

    /// <summary>A date a person enters (svarsdatum, anstånd, meeting, beslut): within <see cref="DateBounds"/> of today.</summary>
    public static IRuleBuilderOptions<T, DateOnly> PlausibleDate<T>(this IRuleBuilder<T, DateOnly> rule, string name, TimeProvider clock) =>
        rule.Must(d => DateBounds.Contains(d, StockholmTime.Today(clock))).WithMessage(_ => DateBounds.Message(name, StockholmTime.Today(clock)));

    public static IRuleBuilderOptions<T, DateOnly?> PlausibleDate<T>(this IRuleBuilder<T, DateOnly?> rule, string name, TimeProvider clock) =>
        rule.Must(d => d is not { } date || DateBounds.Contains(date, StockholmTime.Today(clock))).WithMessage(_ => DateBounds.Message(name, StockholmTime.Today(clock)));

    /// <summary>A deadline still ahead: the remiss's svarsdatum must leave the instanser some time, so today is too late.</summary>
    public static IRuleBuilderOptions<T, DateOnly> AfterToday<T>(this IRuleBuilder<T, DateOnly> rule, string name, TimeProvider clock) =>
        rule.Must(d => d > StockholmTime.Today(clock)).WithMessage(_ => $"{name} måste ligga efter dagens datum ({StockholmTime.Today(clock):yyyy-MM-dd}).");

    /// <summary>Line breaks and tabs are text; other control characters would corrupt documents and HTML.</summary>
    public static bool HasControlCharacters(string value) =>
        value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');
}

/// <summary>
/// How far from today an entered date may lie. Nothing in a remiss's life is planned further
/// ahead, and a bound keeps the deadline arithmetic (working days, reminders, meetings) far from
/// the end of the calendar, where it would overflow.
/// </summary>
public static class DateBounds
{
    public const int Years = 5;

    public static DateOnly Earliest(DateOnly today) => today.AddYears(-Years);

    public static DateOnly Latest(DateOnly today) => today.AddYears(Years);

    public static bool Contains(DateOnly date, DateOnly today) => date >= Earliest(today) && date <= Latest(today);

    public static string Message(string name, DateOnly today) =>
        $"{name} måste ligga mellan {Earliest(today):yyyy-MM-dd} och {Latest(today):yyyy-MM-dd} (högst {Years} år från i dag).";
}
