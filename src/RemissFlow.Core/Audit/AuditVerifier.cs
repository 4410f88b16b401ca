namespace RemissFlow.Core.Audit;

public sealed record AuditVerification(bool Intact, long EventsChecked, long? FirstBrokenSequence, string? Reason);

/// <summary>Walks the chain from the start and names the first event that does not hold.</summary>
public sealed class AuditVerifier(RemissFlowDbContext db)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        var previous = AuditChain.GenesisHash;
        long expected = 1;
        long checkedCount = 0;
        await foreach (var h in db.Handelser.AsNoTracking().OrderBy(h => h.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (h.Sequence != expected)
            {
                return new AuditVerification(false, checkedCount, expected,
                    $"Händelse {expected} saknas (nästa i kedjan är {h.Sequence}).");
            }

            if (h.PreviousHash != previous)
            {
                return new AuditVerification(false, checkedCount, h.Sequence,
                    $"Händelse {h.Sequence} pekar inte på föregående händelses hash.");
            }

            if (AuditChain.ComputeHash(h) != h.Hash)
            {
                return new AuditVerification(false, checkedCount, h.Sequence,
                    $"Händelse {h.Sequence} har ändrats i efterhand (hashen stämmer inte med innehållet).");
            }

            previous = h.Hash;
            expected++;
            checkedCount++;
        }

        return new AuditVerification(true, checkedCount, null, null);
    }
}
