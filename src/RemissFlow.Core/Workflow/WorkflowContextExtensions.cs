using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Notifications;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Workflow;

/// <summary>Named guard backed by a function: the definitions name it, this supplies it.</summary>
public sealed class CoreGuard(string name, Func<GuardContext, CoreSubject, CancellationToken, Task<GuardResult>> check) : IWorkflowGuard
{
    public string Name => name;

    public async ValueTask<GuardResult> CheckAsync(GuardContext context, CancellationToken cancellationToken) =>
        await check(context, (CoreSubject)context.Subject, cancellationToken);
}

/// <summary>Named action backed by a function; runs inside the command's transaction.</summary>
public sealed class CoreAction(string name, Func<ActionContext, CoreSubject, CancellationToken, Task> run) : IWorkflowAction
{
    public string Name => name;

    public async ValueTask ExecuteAsync(ActionContext context, CancellationToken cancellationToken) =>
        await run(context, (CoreSubject)context.Subject, cancellationToken);
}

public static class PayloadReader
{
    public static string? String(this JsonElement? payload, string name) =>
        payload is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
            : null;

    public static DateOnly? Date(this JsonElement? payload, string name) =>
        DateOnly.TryParseExact(payload.String(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static Guid? Guid(this JsonElement? payload, string name) =>
        System.Guid.TryParse(payload.String(name), out var g) ? g : null;

    public static int? Int(this JsonElement? payload, string name) =>
        int.TryParse(payload.String(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    public static bool Bool(this JsonElement? payload, string name) => payload.String(name) == "true";

    public static T? Enum<T>(this JsonElement? payload, string name)
        where T : struct, System.Enum =>
        System.Enum.TryParse<T>(payload.String(name), ignoreCase: true, out var value) ? value : null;

    public static List<Inlaga> Inlagor(this JsonElement? payload, string name)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } p || !p.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return v.EnumerateArray()
            .Select(e => new Inlaga
            {
                Ledamot = e.TryGetProperty("ledamot", out var l) ? l.GetString() ?? "" : "",
                Text = e.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "",
            })
            .Where(i => i.Ledamot.Length > 0 || i.Text.Length > 0)
            .ToList();
    }
}

public static class SubjectExtensions
{
    public static Notifier Notifier(this CoreSubject subject) => subject.Services.GetRequiredService<Notifier>();

    public static WorkflowRunner Runner(this CoreSubject subject) => subject.Services.GetRequiredService<WorkflowRunner>();

    public static TimeProvider Clock(this CoreSubject subject) => subject.Services.GetRequiredService<TimeProvider>();

    public static DateOnly Today(this CoreSubject subject) => StockholmTime.Today(subject.Clock());

    /// <summary>One cause per engine step: a retried or repeated step never notifies twice.</summary>
    public static string Cause(this ActionContext context) => $"{context.Instance.Id:N}:{context.Instance.Sequence}:{context.Transition.Trigger}";

    public static string Link(this CoreSubject subject) => subject switch
    {
        RemissvarSubject s => $"/arenden/{s.Svar.Id}",
        RemissSubject r => $"/remisser/{r.Remiss.Id}",
        _ => "/",
    };
}
