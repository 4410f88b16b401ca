namespace RemissFlow.Documents;

/// <summary>Base of every error the document renderer reports on purpose; anything else is a bug.</summary>
public abstract class DocumentException(string message) : Exception(message);

public enum TemplateProblem { MissingValue, UnknownPlaceholder, Syntax, MissingTemplate, InvalidTemplate }

/// <summary>
/// A template (in templates/) refers to a placeholder the document does not know, or the model lacks the value
/// for one it does know. Signed documents must never show an empty gap, so rendering stops.
/// </summary>
public sealed class DocumentTemplateException(string template, string? placeholder, TemplateProblem problem, string message)
    : DocumentException(message)
{
    public string Template { get; } = template;
    public string? Placeholder { get; } = placeholder;
    public TemplateProblem Problem { get; } = problem;
}

/// <summary>Input the renderer refuses: control characters, an oversized image, a missing required field.</summary>
public sealed class DocumentInputException(string field, string message) : DocumentException($"{field}: {message}")
{
    public string Field { get; } = field;
}

/// <summary>Something the document shows other than the author wrote, e.g. a character no shipped font can draw.</summary>
/// <param name="Field">The model field by its JSON path ("synpunkter[1].text").</param>
/// <param name="Character">The character itself.</param>
/// <param name="CodePoint">"U+1F600".</param>
/// <param name="Message">Swedish, for the user who can fix it.</param>
public sealed record DocumentWarning(string Field, string Character, string CodePoint, string Message);
