using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>A change to one remissvar, made against the version the form was read at (null: not checked).</summary>
public interface IRemissvarCommand<TResult> : ICommand<TResult>
{
    Guid RemissvarId { get; }

    int? ExpectedVersion { get; }
}

/// <summary>
/// What every change to a remissvar does first, written once: the remissvar must exist, the actor may act
/// on it (<see cref="RemissvarAccess"/>) and nobody has changed it since the form was read. Only then does
/// the use case see it.
/// </summary>
public abstract class RemissvarHandler<TCommand, TResult>(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow)
    : IRequestHandler<TCommand, TResult>
    where TCommand : IRemissvarCommand<TResult>
{
    protected RemissFlowDbContext Db => db;

    protected WorkflowRunner Workflow => workflow;

    /// <summary>Whether the sender's registrator or samordnare may act, not only the instans (anstånd decisions).</summary>
    protected virtual bool SenderMayAct => false;

    public async Task<Result<TResult>> Handle(TCommand request, CancellationToken ct)
    {
        var (svar, refusal) = await RemissvarAccess.LoadAsync(db, request.RemissvarId, current.Actor, request.ExpectedVersion, ct, SenderMayAct);
        if (refusal is not null)
        {
            return refusal;
        }

        return await HandleAsync(request, svar!, ct);
    }

    protected abstract Task<Result<TResult>> HandleAsync(TCommand c, Domain.Remissvar svar, CancellationToken ct);

    /// <summary>Fires the transition and answers with the status it led to.</summary>
    protected async Task<Result<string>> FireAsync<TPayload>(Domain.Remissvar svar, Transition<RemissvarSubject, TPayload> transition, TPayload payload, CancellationToken ct)
        where TPayload : class
    {
        var refusal = await workflow.FireAsync(svar, transition, payload, ct);
        return refusal is null ? svar.Status : refusal;
    }
}
