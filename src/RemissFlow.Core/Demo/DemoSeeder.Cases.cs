namespace RemissFlow.Core.Demo;

public sealed partial class DemoSeeder
{
    private partial Task<IReadOnlyList<string>> SeedCasesAsync(IReadOnlyDictionary<string, Guid> organisations, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
