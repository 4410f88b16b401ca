using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace RemissFlow.Core.Mediation;

public interface IMediator
{
    Task<Result<TResult>> Send<TResult>(IRequest<TResult> request, CancellationToken ct = default);
}

/// <summary>
/// Sends a request through the fixed pipeline: validation, authorization, then (for commands)
/// one transaction that also writes the audit events. The order is written out here, not
/// discovered, so reading this class tells you everything that happens to a request.
/// </summary>
public sealed class Mediator(IServiceProvider services) : IMediator
{
    private static readonly ConcurrentDictionary<Type, Dispatcher> Dispatchers = new();

    public Task<Result<TResult>> Send<TResult>(IRequest<TResult> request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dispatcher = (Dispatcher<TResult>)Dispatchers.GetOrAdd(
            request.GetType(),
            static t => (Dispatcher)Activator.CreateInstance(
                typeof(Dispatcher<,>).MakeGenericType(t, typeof(TResult)))!);
        return dispatcher.Dispatch(request, services, ct);
    }

    private abstract class Dispatcher;

    private abstract class Dispatcher<TResult> : Dispatcher
    {
        public abstract Task<Result<TResult>> Dispatch(IRequest<TResult> request, IServiceProvider services, CancellationToken ct);
    }

    private sealed class Dispatcher<TRequest, TResult> : Dispatcher<TResult>
        where TRequest : IRequest<TResult>
    {
        private static readonly bool IsCommand = typeof(ICommand<TResult>).IsAssignableFrom(typeof(TRequest));

        public override async Task<Result<TResult>> Dispatch(IRequest<TResult> request, IServiceProvider services, CancellationToken ct)
        {
            var typed = (TRequest)request;

            var invalid = await services.GetRequiredService<ValidationStep>().Validate(typed, ct);
            if (invalid is not null)
            {
                return invalid;
            }

            var forbidden = await services.GetRequiredService<AuthorizationStep>().Authorize(typed, ct);
            if (forbidden is not null)
            {
                return forbidden;
            }

            var handler = services.GetRequiredService<IRequestHandler<TRequest, TResult>>();
            if (!IsCommand)
            {
                return await handler.Handle(typed, ct);
            }

            return await services.GetRequiredService<TransactionStep>().Run(() => handler.Handle(typed, ct), ct, (typed as IHasConflictRefusal)?.ConflictRefusal);
        }
    }
}
