using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Workflow;

/// <summary>Named guard backed by a function: the definitions name it, this supplies it.</summary>
public sealed class CoreGuard(string name, Func<GuardContext, CoreSubject, CancellationToken, Task<GuardResult>> check) : IWorkflowGuard
{
    public string Name => name;

    public async ValueTask<GuardResult> CheckAsync(GuardContext context, CancellationToken cancellationToken) =>
        await check(context, (CoreSubject)context.Subject, cancellationToken);
}

public static class SubjectExtensions
{
    public static TimeProvider Clock(this CoreSubject subject) => subject.Services.GetRequiredService<TimeProvider>();

    public static DateOnly Today(this CoreSubject subject) => StockholmTime.Today(subject.Clock());
}
