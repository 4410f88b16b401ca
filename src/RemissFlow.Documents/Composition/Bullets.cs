namespace RemissFlow.Documents.Composition;

/// <summary>
/// The bullet characters pasted text brings at the start of a line: Word writes its Symbol and Wingdings bullets as
/// private-use characters (U+F0B7 •, U+F0A7 ▪, U+F076 ❖, U+F0D8 ➢, U+F0FC ✓, U+F0A8 ◦), which no font draws.
/// </summary>
public static class Bullets
{
    private static readonly HashSet<char> Markers = ['\uF0B7', '\uF0A7', '\uF076', '\uF0D8', '\uF0FC', '\uF0A8', '\uF0B2', '\uF0E8', '•', '◦', '▪', '‣'];

    /// <summary>True for a bullet character that is only ever a list marker (the private-use ones).</summary>
    public static bool IsPrivateUseMarker(char c) => c is >= '\uE000' and <= '\uF8FF' && Markers.Contains(c);

    /// <summary>The item's text when <paramref name="line"/> starts with a bullet, else null.</summary>
    public static string? ItemText(string line)
    {
        var t = line.TrimStart();
        if (t.Length < 2 || !Markers.Contains(t[0]) || !char.IsWhiteSpace(t[1]) && !IsPrivateUseMarker(t[0]))
        {
            return null;
        }

        var item = t[1..].Trim();
        return item.Length == 0 ? null : item;
    }
}
