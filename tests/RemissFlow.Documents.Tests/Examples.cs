using RemissFlow.Documents.Models;

namespace RemissFlow.Documents.Tests;

internal static class Examples
{
    public static DocumentRenderer Renderer { get; } = new(RepoPaths.Templates);

    public static IDocumentModel Load(DocumentKind kind) =>
        DocumentJson.Deserialize(kind, File.ReadAllText(Path.Combine(RepoPaths.Templates, "examples", kind.ToString().ToLowerInvariant() + ".json")));

    public static T Load<T>() where T : IDocumentModel =>
        (T)Load(typeof(T).Name switch
        {
            nameof(TjansteutlatandeModel) => DocumentKind.Tjansteutlatande,
            nameof(ProtokollsutdragModel) => DocumentKind.Protokollsutdrag,
            nameof(MissivModel) => DocumentKind.Missiv,
            _ => DocumentKind.Paminnelse,
        });

    /// <summary>Collapses pdftotext's line breaks so assertions can match sentences that wrap.</summary>
    public static string Flat(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries));
}
