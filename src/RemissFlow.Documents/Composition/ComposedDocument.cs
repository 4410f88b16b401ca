using RemissFlow.Documents.Templates;

namespace RemissFlow.Documents.Composition;

/// <summary>
/// A document with all templates resolved, independent of the output format. The PDF, DOCX and HTML writers
/// all render from this, so the three formats cannot drift apart in content.
/// </summary>
public sealed record ComposedDocument(
    DocumentMetadata Metadata,
    Letterhead Letterhead,
    PageLabel PageLabel,
    FirstPageHeader Header,
    ContinuationHeader Continuation,
    IReadOnlyList<string> Footer,
    IReadOnlyList<ContentNode> Body)
{
    /// <summary>
    /// Columns of the address block at the foot of page 1 (the förvaltning; its address, the handläggare's e-mail, the
    /// web). When set, it replaces <see cref="Footer"/> in paged output and later pages carry no footer, as in the originals.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>>? AddressBlock { get; init; }
}

public sealed record DocumentMetadata(string Title, string Author, string Subject, string Language = "sv-SE");

/// <summary>The page-1 header: sender lines left, document identity right, then labelled blocks (Handläggare, Till).</summary>
public sealed record FirstPageHeader(
    IReadOnlyList<string> Left,
    string DocumentType,
    IReadOnlyList<string> RightAbovePageLabel,
    IReadOnlyList<string> RightBelowPageLabel,
    IReadOnlyList<LabelledBlock> Blocks);

public sealed record LabelledBlock(string Label, IReadOnlyList<string> Lines);

/// <summary>The short header on later pages: document type and dnr right, the title with the sender's reference left.</summary>
public sealed record ContinuationHeader(string DocumentType, IReadOnlyList<string> RightAbovePageLabel, IReadOnlyList<string> Left);

/// <summary>"Sida {sida} ({sidor})" kept as a resolved format with page tokens, filled per page by each writer.</summary>
public sealed record PageLabel(string Before, string Between, string After)
{
    public string Format(int page, int total) => $"{Before}{page}{Between}{total}{After}";
}

public enum Emphasis { None, Bold, Italic }

public sealed record TextRun(string Text, Emphasis Emphasis = Emphasis.None);

public abstract record ContentNode;

public sealed record TitleNode(string Text) : ContentNode;

public sealed record SubtitleNode(string Text) : ContentNode;

public sealed record HeadingNode(int Level, string Text) : ContentNode;

public sealed record ParagraphNode(IReadOnlyList<TextRun> Runs) : ContentNode
{
    public ParagraphNode(string text) : this([new TextRun(text)]) { }
}

public sealed record ListNode(bool Numbered, IReadOnlyList<string> Items) : ContentNode;

public sealed record SignatureNode(IReadOnlyList<IReadOnlyList<string>> Signatories) : ContentNode;

public sealed record TableNode(IReadOnlyList<double> Weights, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : ContentNode;
