using Microsoft.Extensions.DependencyInjection;

namespace RemissFlow.Core.Mediation;

/// <summary>Runs the request's FluentValidation validator; failures become one refusal naming each field.</summary>
public sealed class ValidationStep(IServiceProvider services)
{
    public async Task<Refusal?> Validate<TRequest>(TRequest request, CancellationToken ct)
    {
        var validators = services.GetServices<IValidator<TRequest>>().ToList();
        if (validators.Count == 0)
        {
            return null;
        }

        var errors = new List<FieldError>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, ct);
            errors.AddRange(result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)));
        }

        return errors.Count == 0 ? null : Refusal.Validation(errors);
    }
}
