namespace RemissFlow.Core.Audit;

/// <summary>Appends pending events to the chain inside the caller's transaction.</summary>
public sealed class AuditWriter(RemissFlowDbContext db, TimeProvider clock)
{
    /// <param name="save">False when the caller saves the unit of work itself right after: the
    /// transaction step adds the events to the handler's own SaveChanges, one batch instead of two.</param>
    public async Task AppendAsync(IReadOnlyList<PendingHandelse> pending, Actor actor, CancellationToken ct, bool save = true)
    {
        if (pending.Count == 0)
        {
            return;
        }

        if (db.IsPostgres)
        {
            // The chain is a single sequence: concurrent transactions take turns at its end.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(72737302)", ct);
        }

        var last = await db.AuditChainEndAsync(ct);
        var sequence = last?.Sequence ?? 0;
        var previous = last?.Hash ?? AuditChain.GenesisHash;
        var at = AuditChain.Normalize(clock.GetUtcNow());

        foreach (var p in pending)
        {
            var h = new Handelse
            {
                Sequence = ++sequence,
                At = at,
                ActorId = actor.UserId,
                ActorName = actor.Name,
                PaUppdragAvId = actor.PaUppdragAv?.UserId,
                PaUppdragAvNamn = actor.PaUppdragAv is { } u ? Principal(u) : null,
                ArendeTyp = p.ArendeTyp,
                ArendeId = p.ArendeId,
                Dnr = p.Dnr,
                Action = p.Action,
                Beskrivning = p.Beskrivning,
                Before = p.Before,
                After = p.After,
                PreviousHash = previous,
                Hash = string.Empty,
            };
            h.Hash = AuditChain.ComputeHash(h);
            previous = h.Hash;
            db.Handelser.Add(h);
        }

        if (save)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>"Per Åkesson (t.f. förvaltningschef)": the principal and the role held for them, as the log prints it.</summary>
    public static string Principal(Ersattaruppdrag u) =>
        u.Lanade.Count == 0 ? u.Name : $"{u.Name} (t.f. {string.Join(", ", u.Lanade.Order().Select(RoleNames.Swedish))})";
}
