using System.Text.RegularExpressions;

namespace RemissFlow.Web.Tests.Api;

/// <summary>
/// ASP.NET Core's form tag helper leaves the antiforgery token out of a form whose <c>action</c> is written by hand, and
/// the server then answers 400 to every post from a browser. The HTTP tests did not see it (they take the token from any
/// form on the page); the template editor's save, preview and restore and the gallringsplan's form were broken that way
/// until a browser test pressed the buttons. Every hand-written post form therefore asks for the token itself.
/// </summary>
public sealed partial class FormAntiforgeryTests
{
    [Test]
    public void Every_post_form_with_a_written_action_carries_the_antiforgery_token()
    {
        var pages = Path.Combine(RepoPaths.Root, "src", "RemissFlow.Web", "Pages");
        var forms = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => FormTag().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetRelativePath(pages, file), Tag: m.Value)))
            .Where(f => f.Tag.Contains("method=\"post\"", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var missing = forms.Where(f => f.Tag.Contains(" action=", StringComparison.Ordinal) && !f.Tag.Contains("asp-antiforgery=\"true\"", StringComparison.Ordinal))
            .Select(f => $"{f.File}: {f.Tag}")
            .ToList();

        Assert.That(forms, Has.Count.GreaterThan(50), "the scan found the pages' post forms");
        Assert.That(missing, Is.Empty);
    }

    [GeneratedRegex(@"<form\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex FormTag();
}
