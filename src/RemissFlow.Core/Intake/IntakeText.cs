namespace RemissFlow.Core.Intake;

/// <summary>
/// A document's text after normalisation: the running text as lines, and apart from it the page furniture that was
/// taken out of it (running headers, page numbers, addresses). Rules search <see cref="All"/>, the running text first;
/// a span's start is an offset in <see cref="All"/>.
/// </summary>
public sealed class IntakeText
{
    public IntakeText(IReadOnlyList<string> lines, IReadOnlyList<string> furniture)
    {
        Lines = lines;
        Furniture = furniture;
        Running = string.Join('\n', lines);
        All = Running + "\n\n" + string.Join('\n', furniture);
        var starts = new int[lines.Count];
        var pos = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            starts[i] = pos;
            pos += lines[i].Length + 1;
        }

        LineStarts = starts;
    }

    public IReadOnlyList<string> Lines { get; }

    public IReadOnlyList<string> Furniture { get; }

    public IReadOnlyList<int> LineStarts { get; }

    /// <summary>The running text, lines joined by newlines.</summary>
    public string Running { get; }

    /// <summary>The running text, then the furniture.</summary>
    public string All { get; }

    /// <summary>The running text with line breaks as spaces, for sentences that wrap.</summary>
    public string Flat => flat ??= Running.Replace('\n', ' ');

    private string? flat;

    /// <summary>The line that holds offset <paramref name="start"/> of <see cref="All"/>, for a source span.</summary>
    public string LineAt(int start)
    {
        var from = All.LastIndexOf('\n', Math.Max(0, Math.Min(start, All.Length - 1))) + 1;
        var to = All.IndexOf('\n', Math.Min(start, All.Length));
        return All[from..(to < 0 ? All.Length : to)].Trim();
    }

    /// <summary>The sentence-sized window of <see cref="Flat"/> around a match, as a source to show.</summary>
    public string Window(int start, int length, int context = 60)
    {
        var from = Math.Max(0, start - context);
        var to = Math.Min(Flat.Length, start + length + context);
        return Flat[from..to].Trim();
    }
}
