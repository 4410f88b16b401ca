namespace RemissFlow.Core.Intake.Rules;

/// <summary>What a rule sees: the normalised text, the document's date (for dates without a year) and the kind read first.</summary>
public sealed record RuleContext(IntakeText Text, DateOnly? DocumentDate, string Kind);

/// <summary>One field, one rule: small enough to read and to test on its own.</summary>
public interface IFieldRule
{
    string Field { get; }

    ExtractedValue? Extract(RuleContext context);
}
