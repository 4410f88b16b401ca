using System.Reflection;
using RemissFlow.Core.Bench;
using RemissFlow.Documents;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Tests.Foundation;

/// <summary>
/// Benchmarks and data generators live in RemissFlow.Bench, which only the CLI references; the product
/// assemblies carry none of their own. (That they do not reference the bench project needs no test: the bench
/// references Core, so a reference back would be a cycle the build refuses.)
/// </summary>
public sealed class ToolingApartTests
{
    private static readonly Assembly[] Product =
    [
        typeof(CoreServiceCollectionExtensions).Assembly,
        typeof(DocumentRenderer).Assembly,
        typeof(WorkflowEngine).Assembly,
    ];

    private static readonly Assembly Tooling = typeof(BulkData).Assembly;

    [Test]
    public void Benchmarks_and_generators_are_in_the_bench_project_only()
    {
        static bool IsTooling(Type t) => t.Name.Contains("Bench", StringComparison.Ordinal) || t.Name.StartsWith("BulkData", StringComparison.Ordinal) || t.Name.StartsWith("WebLoad", StringComparison.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(Product.SelectMany(a => a.GetTypes()).Where(IsTooling).Select(t => t.FullName), Is.Empty);
            // The name rule finds what it is meant to find: every moved class is seen in the bench assembly.
            Assert.That(Tooling.GetTypes().Where(IsTooling).Select(t => t.Name),
                Is.SupersetOf(new[] { "BulkData", "WorkflowBench", "RenderBench", "SammanstallningBench", "PageBench", "WebLoad" }));
        });
    }
}
