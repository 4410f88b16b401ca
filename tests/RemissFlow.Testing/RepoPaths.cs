namespace RemissFlow.Testing;

/// <summary>The repository's folders as the tests see them, found once from the test binaries upwards.</summary>
public static class RepoPaths
{
    /// <summary>The first directory above the test binaries holding RemissFlow.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Workflows => Path.Combine(Root, "workflows");

    public static string Templates => Path.Combine(Root, "templates");

    public static string WorkflowsDoc => Path.Combine(Root, "docs", "workflows.md");

    private static string FindRoot()
    {
        // AppContext.BaseDirectory is the test binaries' folder in NUnit and outside it (a static initialiser may run before any test context exists).
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RemissFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RemissFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
