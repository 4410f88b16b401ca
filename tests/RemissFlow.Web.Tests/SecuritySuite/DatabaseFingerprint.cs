using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.SecuritySuite;

/// <summary>
/// A cheap summary of everything a refused request must leave as it was, in one round trip: the newest audit event a
/// person caused (every use case that changes anything appends one in its own transaction), the row counts and version
/// sums of the main tables (an update bumps the row's version), notices marked read (the one write outside the use
/// cases) and the number of stored files (on disk for SQLite, in stored_files for PostgreSQL). Timers fire as the system, so their events do not move it.
/// </summary>
public static class DatabaseFingerprint
{
    private const string Sql = """
        SELECT
          (SELECT COALESCE(MAX("Sequence"), 0) FROM handelser WHERE "ActorId" IS NOT NULL),
          (SELECT COUNT(*) FROM handelser WHERE "ActorId" IS NOT NULL),
          (SELECT COUNT(*) FROM remisser), (SELECT COALESCE(SUM("Version"), 0) FROM remisser),
          (SELECT COUNT(*) FROM remissvar), (SELECT COALESCE(SUM("Version"), 0) FROM remissvar),
          (SELECT COUNT(*) FROM organisationer), (SELECT COALESCE(SUM("Version"), 0) FROM organisationer),
          (SELECT COUNT(*) FROM remisslista), (SELECT COUNT(*) FROM anstand), (SELECT COUNT(*) FROM tjansteutlatanden),
          (SELECT COUNT(*) FROM tjansteutlatande_versioner), (SELECT COUNT(*) FROM beslut), (SELECT COUNT(*) FROM bilagor),
          (SELECT COUNT(*) FROM beredning_handelser), (SELECT COUNT(*) FROM foredragningspunkter), (SELECT COUNT(*) FROM sammantraden),
          (SELECT COUNT(*) FROM organ), (SELECT COUNT(*) FROM "AspNetUsers"), (SELECT COUNT(*) FROM "AspNetUserRoles"),
          (SELECT COUNT(*) FROM notiser WHERE "ReadAt" IS NOT NULL),
          (SELECT COUNT(*) FROM stored_files)
        """;

    public static Task<string> TakeAsync(RemissFlowApp app) => app.QueryAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using DbCommand command = connection.CreateCommand();
        command.CommandText = Sql;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var values = new object[reader.FieldCount];
        reader.GetValues(values);
        var files = Path.Combine(app.Database.DataDirectory, "filer");
        var fileCount = Directory.Exists(files) ? Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories).Count() : 0;
        return string.Join(",", values) + $",filer={fileCount}";
    });
}
