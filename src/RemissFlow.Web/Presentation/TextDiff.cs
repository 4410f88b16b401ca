using System.Text.RegularExpressions;

namespace RemissFlow.Web.Presentation;

public enum DiffKind
{
    Same,
    Inserted,
    Deleted,
}

public sealed record DiffPart(DiffKind Kind, string Text);

/// <summary>
/// A word diff between two texts (longest common subsequence over words and the whitespace between
/// them), for showing what changed between two TU versions as &lt;ins&gt;/&lt;del&gt;. The parts are plain
/// text: the view escapes them like any other user text.
/// </summary>
public static partial class TextDiff
{
    /// <summary>Beyond this many tokens per side the LCS table gets large; fall back to "all removed, all added".</summary>
    private const int MaxTokens = 4000;

    public static IReadOnlyList<DiffPart> Words(string? before, string? after)
    {
        var a = Tokens(before ?? "");
        var b = Tokens(after ?? "");
        if (a.Length > MaxTokens || b.Length > MaxTokens)
        {
            return Merge([new DiffPart(DiffKind.Deleted, before ?? ""), new DiffPart(DiffKind.Inserted, after ?? "")]);
        }

        // lcs[i, j] = length of the LCS of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var parts = new List<DiffPart>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                parts.Add(new DiffPart(DiffKind.Same, a[x++]));
                y++;
            }
            else if (lcs[x + 1, y] >= lcs[x, y + 1])
            {
                parts.Add(new DiffPart(DiffKind.Deleted, a[x++]));
            }
            else
            {
                parts.Add(new DiffPart(DiffKind.Inserted, b[y++]));
            }
        }

        parts.AddRange(a[x..].Select(t => new DiffPart(DiffKind.Deleted, t)));
        parts.AddRange(b[y..].Select(t => new DiffPart(DiffKind.Inserted, t)));
        return Merge(parts);
    }

    public static bool HasChanges(IReadOnlyList<DiffPart> parts) => parts.Any(p => p.Kind != DiffKind.Same);

    private static string[] Tokens(string text) => TokenPattern().Matches(text).Select(m => m.Value).ToArray();

    /// <summary>Adjacent parts of one kind become one, so the markup shows phrases rather than single words.</summary>
    private static List<DiffPart> Merge(IEnumerable<DiffPart> parts)
    {
        var merged = new List<DiffPart>();
        foreach (var part in parts.Where(p => p.Text.Length > 0))
        {
            if (merged.Count > 0 && merged[^1].Kind == part.Kind)
            {
                merged[^1] = merged[^1] with { Text = merged[^1].Text + part.Text };
            }
            else
            {
                merged.Add(part);
            }
        }

        return merged;
    }

    [GeneratedRegex(@"\s+|[^\s]+")]
    private static partial Regex TokenPattern();
}

/// <summary>One diff part as HTML: &lt;ins&gt; or &lt;del&gt; with a hidden word for screen readers, the text escaped by TagBuilder.</summary>
public static class DiffMarkup
{
    public static Microsoft.AspNetCore.Html.IHtmlContent Part(DiffPart part)
    {
        if (part.Kind == DiffKind.Same)
        {
            return new Microsoft.AspNetCore.Html.HtmlString(System.Net.WebUtility.HtmlEncode(part.Text));
        }

        var tag = new Microsoft.AspNetCore.Mvc.Rendering.TagBuilder(part.Kind == DiffKind.Inserted ? "ins" : "del");
        var hidden = new Microsoft.AspNetCore.Mvc.Rendering.TagBuilder("span");
        hidden.AddCssClass("visually-hidden");
        hidden.InnerHtml.Append(part.Kind == DiffKind.Inserted ? "[tillagt: " : "[borttaget: ");
        tag.InnerHtml.AppendHtml(hidden);
        tag.InnerHtml.Append(part.Text);
        var close = new Microsoft.AspNetCore.Mvc.Rendering.TagBuilder("span");
        close.AddCssClass("visually-hidden");
        close.InnerHtml.Append("]");
        tag.InnerHtml.AppendHtml(close);
        return tag;
    }
}
