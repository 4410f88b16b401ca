namespace RemissFlow.Core.Mediation;

/// <summary>A use case's input. Every request type has exactly one handler.</summary>
public interface IRequest<TResult>;

/// <summary>A request that changes state: it runs in one transaction that also writes its audit events, and needs a validator.</summary>
public interface ICommand<TResult> : IRequest<TResult>;

public interface IQuery<TResult> : IRequest<TResult>;

public interface IRequestHandler<in TRequest, TResult>
    where TRequest : IRequest<TResult>
{
    Task<Result<TResult>> Handle(TRequest request, CancellationToken ct);
}

/// <summary>
/// Declares which roles may send a request. Every request has one (or <see cref="AnySignedInUserAttribute"/>),
/// checked by the authorization step before the handler runs; organisation rules follow in an <see cref="IAuthorizer{TRequest}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequiresRoleAttribute(params Role[] roles) : Attribute
{
    public IReadOnlyList<Role> Roles { get; } = roles;
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class AnySignedInUserAttribute : Attribute;

/// <summary>
/// A request whose credential is a secret token it carries (an outside organisation's svarslänk), not a sign-in: the
/// authorization step lets it through to the handler, which must check the token before anything else.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SecretTokenAttribute : Attribute;

/// <summary>Organisation-level rules for one request type, checked after the role and before the handler.</summary>
public interface IAuthorizer<in TRequest>
{
    Task<Refusal?> Authorize(TRequest request, Actor actor, CancellationToken ct);
}
