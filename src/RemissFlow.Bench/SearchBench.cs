using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Search;

namespace RemissFlow.Core.Bench;

/// <summary>
/// <c>bench search</c>: a city's years of remisser (BulkData), indexed by <c>search rebuild</c>, plus uploaded answer
/// documents of Swedish remiss prose appended in bulk batches, then single-word, multi-word, phrase, prefix and dnr
/// queries timed cold (first run on a fresh connection) and warm (p50/p99) for a KS samordnare and a nämnd's registrator.
/// </summary>
public static class SearchBench
{
    public const double P99TargetMs = 100;

    /// <summary>Words of the example TUs and remisshandlingar (shared/examples), which the generated text is built from.</summary>
    private static readonly string[] Vocabulary =
    [
        "förvaltningen", "nämnden", "handlingsplanen", "jämställdhet", "jämställdhetsintegrering", "stadens", "verksamheter", "styrning", "ledning", "uppföljning",
        "strategi", "mål", "fokusområde", "implementering", "metodstöd", "vägledning", "verktyg", "analyser", "kvalitet", "genomslag", "förutsättningar",
        "genomförande", "ambition", "programmet", "mänskliga", "rättigheter", "diskriminering", "tillgänglighet", "delaktighet", "funktionsnedsättning",
        "äldre", "barn", "unga", "skolan", "förskolan", "socialtjänsten", "hemtjänst", "boende", "trygghet", "våld", "kvinnor", "män", "flickor", "pojkar",
        "klimat", "miljö", "trafik", "cykel", "kollektivtrafik", "bostäder", "stadsdelen", "stadsdelsnämnden", "serviceförvaltningen", "socialförvaltningen",
        "kommunstyrelsen", "remissen", "yttrande", "tjänsteutlåtande", "synpunkter", "tillstyrker", "avstyrker", "föreslår", "kompletteras", "betonar",
        "samverkan", "dialog", "medborgare", "resurser", "kostnader", "budget", "upphandling", "digitalisering", "informationssäkerhet", "arbetsmiljö",
        "kompetens", "medarbetare", "chefer", "ansvar", "uppdrag", "riktlinjer", "policy", "insatser", "åtgärder", "indikatorer", "målgrupper", "ekonomisk",
        "jämlikhet", "hållbarhet", "utveckling", "planeringen", "lokaler", "fritid", "kultur", "idrott", "parker", "grönområden", "dagvatten", "energi",
    ];

    private static readonly string[] Glue = ["och", "att", "för", "i", "som", "med", "på", "av", "det", "är", "till", "den", "ska", "kan", "inom"];

    public sealed record Figures(int Dokument, double IndexSeconds, double DocsPerSecond, long IndexBytes, IReadOnlyList<string> Lines, bool MeetsTarget);

    public static async Task<Figures> RunAsync(IServiceProvider provider, int documents, int runs, int seed, Action<string> progress, CancellationToken ct)
    {
        var random = new Random(seed);
        var lines = new List<string>();
        Guid[] svarIds;
        string dnr;
        (Actor Actor, bool OfKs) ks, instans;
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
            dnr = await db.Remisser.OrderByDescending(r => r.CreatedAt).Select(r => r.Dnr).FirstAsync(ct);
            ks = await ActorAsync(db, Role.KsSamordnare, OrganisationKind.Kommunstyrelse, ct);
            instans = await ActorAsync(db, Role.Registrator, OrganisationKind.Namnd, ct);
            svarIds = await db.Remissvar.Select(v => v.Id).ToArrayAsync(ct);
        }

        var sizeBefore = await IndexBytesAsync(provider, ct);
        var watch = Stopwatch.StartNew();
        int rebuilt;
        using (var scope = provider.CreateScope())
        {
            rebuilt = await scope.ServiceProvider.GetRequiredService<SearchIndexer>().RebuildAsync(scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>(), ct);
        }

        progress($"indexet ombyggt: {rebuilt} poster på {watch.Elapsed.TotalSeconds:0.0} s");
        var written = 0;
        const int batch = 5000;
        while (written < documents)
        {
            using var scope = provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var take = Math.Min(batch, documents - written);
            var chosen = Enumerable.Range(0, take).Select(_ => svarIds[random.Next(svarIds.Length)]).ToArray();
            var distinct = chosen.Distinct().ToArray();
            var svar = await db.Remissvar.AsNoTracking().Where(v => distinct.Contains(v.Id)).Select(v => new { v.Id, v.RemissId, v.InstansId, v.Dnr }).ToDictionaryAsync(v => v.Id, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await SearchIndexer.AppendAsync(db, chosen.Select(id =>
            {
                var v = svar[id];
                return new SearchDocument(Guid.CreateVersion7(), SearchTypes.Svarsfil, $"Yttrande {written + 1}.pdf", Text(random), RemissId: v.RemissId, RemissvarId: v.Id,
                    OrganisationId: v.InstansId, Datum: new DateOnly(2016, 1, 1).AddDays(random.Next(3650)), Dnr: v.Dnr);
            }).ToList(), ct);
            await tx.CommitAsync(ct);
            written += take;
            if (written % 50_000 == 0 || written == documents)
            {
                progress($"  {written} dokument, {written / watch.Elapsed.TotalSeconds:0} per s");
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var total = rebuilt + documents;
        var size = await IndexBytesAsync(provider, ct) - sizeBefore;
        lines.Add($"indexering: {total} poster på {seconds:0.0} s = {total / seconds:0} poster/s; indexets storlek {size / 1024.0 / 1024.0:0.0} MB");

        var queries = new (string Kind, string Q)[]
        {
            ("ett ord", "jämställdhet"), ("ett ord utan åäö", "tillganglighet"), ("flera ord", "handlingsplanen trygghet kvinnor"),
            ("fras", "\"mänskliga rättigheter\""), ("prefix", "digitalis*"), ("sammansättning", "handlingsplan"), ("dnr", dnr),
        };
        var ok = true;
        foreach (var (label, who) in new[] { ("KS-samordnare", ks), ("nämndens registrator", instans) })
        {
            foreach (var (kind, q) in queries)
            {
                var (cold, p50, p99, hits) = await TimeAsync(provider, q, new SearchPrincipal(who.Actor, who.OfKs), runs, ct);
                ok &= p99 < P99TargetMs;
                lines.Add($"{label} | {kind} «{q}» | {hits} träffar | kall {cold:0.0} ms | varm median {p50:0.0} ms | p99 {p99:0.0} ms");
            }
        }

        return new Figures(total, seconds, total / seconds, size, lines, ok);
    }

    private static async Task<(double Cold, double P50, double P99, int Hits)> TimeAsync(IServiceProvider provider, string q, SearchPrincipal who, int runs, CancellationToken ct)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        var times = new List<double>();
        var hits = 0;
        for (var i = 0; i <= runs; i++)
        {
            using var scope = provider.CreateScope();
            var searcher = scope.ServiceProvider.GetRequiredService<Searcher>();
            var start = Stopwatch.GetTimestamp();
            var result = await searcher.SearchAsync(new SearchRequest(q), who, ct);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            hits = result.Total;
        }

        var cold = times[0];
        var warm = times.Skip(1).Order().ToList();
        return (cold, warm[warm.Count / 2], warm[Math.Min(warm.Count - 1, (int)Math.Ceiling(warm.Count * 0.99) - 1)], hits);
    }

    private static async Task<(Actor, bool)> ActorAsync(RemissFlowDbContext db, Role role, OrganisationKind kind, CancellationToken ct)
    {
        var roleName = role.ToString();
        var user = await (from u in db.Users
                          join o in db.Organisationer on u.OrganisationId equals o.Id
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where r.Name == roleName && o.Kind == kind
                          select new { u.Id, u.DisplayName, u.OrganisationId }).FirstAsync(ct);
        return (new Actor(user.Id, user.DisplayName, user.OrganisationId, new HashSet<Role> { role }), kind == OrganisationKind.Kommunstyrelse);
    }

    private static async Task<long> IndexBytesAsync(IServiceProvider provider, CancellationToken ct)
    {
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
        var sql = db.IsPostgres
            ? "SELECT pg_total_relation_size('sok_dokument')"
            : "SELECT (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size())";
        await db.Database.OpenConnectionAsync(ct);
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>A few paragraphs of remiss prose: mostly the vocabulary, with the small words between as Swedish has them.</summary>
    private static string Text(Random random)
    {
        var sb = new StringBuilder();
        var words = 80 + random.Next(220);
        for (var i = 0; i < words; i++)
        {
            sb.Append(i % 3 == 1 ? Glue[random.Next(Glue.Length)] : Vocabulary[(int)(Math.Pow(random.NextDouble(), 2) * Vocabulary.Length)]);
            sb.Append(i % 17 == 16 ? ". " : " ");
        }

        return sb.ToString();
    }
}
