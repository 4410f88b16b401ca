namespace RemissFlow.Core.Domain;

/// <summary>
/// Every mutable aggregate carries <see cref="Version"/> as an optimistic concurrency token.
/// An integer rather than a provider row version so SQLite and PostgreSQL behave the same.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public int Version { get; set; }
}
