using System.Net;
using System.Text.RegularExpressions;

namespace RemissFlow.Web.Tests.Arenden;

/// <summary>The TU editor's form as the browser would post it: every Input.* field with the value the page shows.</summary>
public static partial class TuForm
{
    public static Dictionary<string, string> Fields(string page)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match m in TextareaPattern().Matches(page))
        {
            fields[m.Groups[1].Value] = WebUtility.HtmlDecode(m.Groups[2].Value);
        }

        foreach (Match m in InputPattern().Matches(page))
        {
            var value = ValuePattern().Match(m.Value);
            fields[m.Groups[1].Value] = value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
        }

        return fields;
    }

    /// <summary>The document's visible text: tags dropped, entities decoded, whitespace collapsed.</summary>
    public static string Text(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(StylePattern().Replace(html, ""), "<[^>]+>", " ")), @"\s+", " ").Trim();

    public static int Count(string text, string needle) => Regex.Count(text, Regex.Escape(needle), RegexOptions.IgnoreCase);

    [GeneratedRegex("<textarea[^>]*\\sname=\"(Input\\.[^\"]+)\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextareaPattern();

    [GeneratedRegex("<input[^>]*\\sname=\"(Input\\.[^\"]+)\"[^>]*>")]
    private static partial Regex InputPattern();

    [GeneratedRegex("\\svalue=\"([^\"]*)\"")]
    private static partial Regex ValuePattern();

    [GeneratedRegex("<style>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex StylePattern();
}
