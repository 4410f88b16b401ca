namespace RemissFlow.Core.Mediation;

public enum RefusalKind
{
    Validation,
    Forbidden,
    NotFound,
    Conflict,
    InvalidState,
}

public sealed record FieldError(string Field, string Message);

/// <summary>A refusal the user can cause. Carried as a value, never thrown.</summary>
public sealed record Refusal(RefusalKind Kind, string Message, IReadOnlyList<FieldError> Errors)
{
    public static Refusal Validation(IReadOnlyList<FieldError> errors) =>
        new(RefusalKind.Validation, string.Join(" ", errors.Select(e => e.Message)), errors);

    public static Refusal Field(string field, string message) => new(RefusalKind.Validation, message, [new FieldError(field, message)]);

    public static Refusal Forbidden(string message = "Du har inte behörighet att göra detta.") => new(RefusalKind.Forbidden, message, []);

    public static Refusal NotFound(string what) => new(RefusalKind.NotFound, $"{what} finns inte.", []);

    public static Refusal Conflict(string message) => new(RefusalKind.Conflict, message, []);

    public static Refusal InvalidState(string message) => new(RefusalKind.InvalidState, message, []);

    public static readonly Refusal StaleVersion = Conflict(
        "Ärendet har ändrats av någon annan sedan du öppnade det. Ladda om sidan och gör ändringen igen.");
}

/// <summary>Either a value or a refusal.</summary>
public readonly record struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Refusal? refusal)
    {
        _value = value;
        Refusal = refusal;
    }

    public Refusal? Refusal { get; }

    public bool Succeeded => Refusal is null;

    public T Value => Refusal is null ? _value! : throw new InvalidOperationException($"Result was refused: {Refusal.Message}");

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Refused(Refusal refusal) => new(default, refusal);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(Refusal refusal) => Refused(refusal);
}

/// <summary>The value of commands that return nothing but success.</summary>
public readonly record struct Unit
{
    public static readonly Unit Value;
}
