namespace RemissFlow.Core.Diarium;

/// <summary>
/// Takes the next number of an organisation's series for a year. The increment is one
/// atomic UPDATE … RETURNING inside the command's transaction: concurrent registrations queue on
/// the row lock, and a rolled-back registration gives its number back, so the series has no gaps.
/// </summary>
public sealed class DiariumNumberAllocator(RemissFlowDbContext db)
{
    public async Task<Diarienummer> NextAsync(Organisation organisation, int year, CancellationToken ct)
    {
        await db.BeginWritingAsync(ct);
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO diarieserier ("OrganisationId", "Year", "LastNumber") VALUES ({organisation.Id}, {year}, 0) ON CONFLICT DO NOTHING""",
            ct);
        var numbers = await db.Database.SqlQuery<int>(
                $"""UPDATE diarieserier SET "LastNumber" = "LastNumber" + 1 WHERE "OrganisationId" = {organisation.Id} AND "Year" = {year} RETURNING "LastNumber" AS "Value" """)
            .ToListAsync(ct);
        return new Diarienummer(organisation.DnrPrefix, year, numbers.Single());
    }
}
