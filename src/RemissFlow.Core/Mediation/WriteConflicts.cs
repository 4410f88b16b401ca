using Microsoft.Data.Sqlite;
using Npgsql;

namespace RemissFlow.Core.Mediation;

/// <summary>
/// Recognises the ways the databases report that two commands wrote the same thing at once.
/// A stale concurrency token is only one of them: two inserts of the same natural key (the next
/// TU version number, a first TU) meet at a unique index instead, and PostgreSQL may abort a
/// transaction it cannot serialise. All of them mean "someone else was first", never a server error.
/// </summary>
public static class WriteConflicts
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    public static bool IsConflict(Exception e) => e switch
    {
        DbUpdateConcurrencyException => true,
        SqliteException s => s.SqliteErrorCode == SqliteConstraint && s.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException p => p.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        _ => e.InnerException is { } inner && IsConflict(inner),
    };
}

/// <summary>A command whose users need their own words for a lost race (e.g. that their text is kept) instead of <see cref="Refusal.StaleVersion"/>.</summary>
public interface IHasConflictRefusal
{
    Refusal ConflictRefusal { get; }
}
