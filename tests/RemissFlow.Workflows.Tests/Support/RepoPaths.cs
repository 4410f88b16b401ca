namespace RemissFlow.Workflows.Tests.Support;

public static class RepoPaths
{
    /// <summary>The repository root: the first directory above the test binaries holding RemissFlow.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Workflows => Path.Combine(Root, "workflows");

    public static string WorkflowsDoc => Path.Combine(Root, "docs", "workflows.md");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RemissFlow.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("RemissFlow.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
