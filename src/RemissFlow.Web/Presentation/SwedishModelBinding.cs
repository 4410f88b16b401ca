using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace RemissFlow.Web.Presentation;

/// <summary>The model binder's own messages (a date that is not a date, a missing value), in Swedish.</summary>
public static class SwedishModelBinding
{
    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => $"{field}: värdet \"{value}\" är inte giltigt.");
        p.SetMissingBindRequiredValueAccessor(field => $"{field} måste fyllas i.");
        p.SetMissingKeyOrValueAccessor(() => "Ett värde saknas.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Formuläret var tomt.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Värdet \"{value}\" är inte giltigt.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Värdet är inte giltigt.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Värdet måste vara ett tal.");
        p.SetUnknownValueIsInvalidAccessor(field => $"{field}: värdet är inte giltigt.");
        p.SetValueIsInvalidAccessor(value => $"Värdet \"{value}\" är inte giltigt.");
        p.SetValueMustBeANumberAccessor(field => $"{field} måste vara ett tal.");
        p.SetValueMustNotBeNullAccessor(value => $"Ett värde måste anges.");
    }
}
