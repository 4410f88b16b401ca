namespace RemissFlow.Documents.Tests;

internal static class TestPaths
{
    /// <summary>The repository's templates/ directory, found by walking up from the test binaries.</summary>
    public static string Templates
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RemissFlow.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("RemissFlow.sln not found above the test directory."), "templates");
        }
    }
}
