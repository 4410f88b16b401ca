using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Access;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Search;

/// <summary>
/// Who searches. Each hit is checked by the same rule as the page it links to (RemissAccess,
/// ArendeAccess and the area policies), kept as keys in the index (SearchAccess).
/// </summary>
public sealed record SearchPrincipal(Actor Actor, bool OfKommunstyrelse, bool IsPublic = false)
{
    public static readonly SearchPrincipal Public = new(Actor.Anonymous, false, true);

    public Guid? OrganisationId => IsPublic ? null : Actor.OrganisationId;

    /// <summary>RemissAccess.Visible: a kommunstyrelse's registratorer and samordnare see every remiss not deleted.</summary>
    public bool SeesAllRemisser => !IsPublic && OfKommunstyrelse && ArendeAccess.WorksOnRemisser(Actor);

    /// <summary>ArendeAccess.CheckRead: the sender's registratorer and samordnare read an answer once it is handed in.</summary>
    public bool ReadsSentAnswers => !IsPublic && ArendeAccess.WorksOnRemisser(Actor);

    public bool Has(Role role) => !IsPublic && !Actor.IsSystem && Actor.Roles.Contains(role);
}

public sealed record SearchRequest(
    string Q,
    string? Typ = null,
    Guid? OrganisationId = null,
    DateOnly? Fran = null,
    DateOnly? Till = null,
    string? Status = null,
    Guid? HandlaggareId = null,
    DateOnly? SvarsdatumFran = null,
    DateOnly? SvarsdatumTill = null,
    bool SortByDate = false,
    int Skip = 0,
    int Take = 20,
    bool SortByTitle = false);

/// <summary>One hit: what the list shows and where it links; the snippet's marks are ranges of <see cref="Snippet"/>.</summary>
public sealed record SearchHit(string Type, Guid Id, string Title, string? Dnr, string Url, string Snippet, IReadOnlyList<(int Start, int Length)> Marks, DateOnly? Datum);

/// <summary>
/// The hits of a query. <see cref="Total"/> and <see cref="PerType"/> count at most <see cref="Searcher.Cap"/> hits;
/// <see cref="Capped"/> says there are more (the page shows "fler än 1 000").
/// </summary>
public sealed record SearchResult(int Total, IReadOnlyDictionary<string, int> PerType, IReadOnlyList<SearchHit> Hits, bool Capped = false);

/// <summary>
/// Runs a query as one index lookup: the words and the principal's access keys (SearchAccess) are one full-text
/// query, so no match is read, counted or checked that the principal may not see. The newest
/// <see cref="Cap"/> + 1 matches (by index row) are taken in index order, which the database can stop early;
/// they are ranked by relevance (or date) among themselves, counted per type, and only the page's rows are read
/// in full. Fewer matches than the cap are therefore ranked and counted exactly.
/// </summary>
public sealed class Searcher(RemissFlowDbContext db)
{
    public const int Cap = 1000;

    /// <summary>Titles in Swedish order (å, ä, ö after z), the same whichever database holds them, since the window is sorted here.</summary>
    private static readonly StringComparer TitleOrder = RemissFlow.Documents.Wording.SwedishText.Comparer;

    public async Task<SearchResult> SearchAsync(SearchRequest request, SearchPrincipal who, CancellationToken ct)
    {
        var query = SearchQuery.Parse(request.Q);
        if (query.IsEmpty)
        {
            return new SearchResult(0, new Dictionary<string, int>(), []);
        }

        var pg = db.IsPostgres;
        var parameters = new List<(string Name, object? Value)>();
        string P(object? value)
        {
            var name = "@s" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add((name, value));
            return name;
        }

        object? Key(Guid? id) => id is null ? null : pg ? id.Value : id.Value.ToString().ToUpperInvariant();
        object Day(DateOnly d) => pg ? d : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var reads = SearchAccess.Reads(who);
        var (joins, filters) = Filters(request, P, Key, Day);
        var window = (Cap + 1).ToString(CultureInfo.InvariantCulture);
        string sql;
        if (query.Dnr is { } dnr)
        {
            // A dnr is one or a few rows by its own index; their keys are checked on the row's stored list.
            var access = string.Join(" OR ", reads.Select(t => $"(' ' || d.\"Atkomst\" || ' ') LIKE {P("% " + t + " %")}"));
            var match = dnr.Prefix is null ? $"d.\"DnrNr\" = {P(dnr.Nr)}" : $"d.\"DnrNorm\" = {P(dnr.Prefix + dnr.Nr)}";
            sql = $"SELECT d.\"Nr\", d.\"Typ\", d.\"Datum\", 0.0, d.\"Titel\" FROM sok_dokument d{joins} WHERE {match} AND ({access}){filters} ORDER BY d.\"Nr\" DESC LIMIT {window}";
        }
        else
        {
            sql = TextWindow(pg, query.ToTsQuery(), query.ToFts5(), reads, joins, filters, P);
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var matches = await MatchesAsync(sql, parameters, ct);
            if (!pg && query.Dnr is null)
            {
                var stems = query.HighlightStems;
                matches = matches.Select(m => (m.Nr, m.Typ, m.Datum, (double)TitleRank(m.Titel, stems, query.Prefixes), m.Titel)).ToList();
            }

            var capped = matches.Count > Cap;
            if (capped)
            {
                matches.RemoveAt(matches.Count - 1);
            }

            var perType = matches.GroupBy(m => m.Typ).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var ordered = request.SortByTitle
                ? matches.OrderBy(m => m.Titel, TitleOrder).ThenByDescending(m => m.Datum, StringComparer.Ordinal).ThenByDescending(m => m.Nr)
                : request.SortByDate || query.Dnr is not null
                ? matches.OrderByDescending(m => m.Datum, StringComparer.Ordinal).ThenByDescending(m => m.Nr)
                : matches.OrderByDescending(m => m.Rank).ThenByDescending(m => m.Datum, StringComparer.Ordinal).ThenByDescending(m => m.Nr);
            var page = ordered.Skip(request.Skip).Take(request.Take).Select(m => m.Nr).ToList();
            var hits = await PageAsync(page, who, query, ct);
            return new SearchResult(matches.Count, perType, hits, capped);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// "Liknande ärenden": the earlier ärenden and answers (of other remisser, dated before this ärende) closest in
    /// content to an ärende, best first and one per ärende. Its own index rows give their most frequent words, which are asked for as an OR
    /// query under the principal's access keys, as any search is.
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>> SimilarAsync(Guid remissvarId, SearchPrincipal who, int take, CancellationToken ct)
    {
        var pg = db.IsPostgres;
        object Key(Guid id) => pg ? id : id.ToString().ToUpperInvariant();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var text = new StringBuilder();
            Guid? remissId = null;
            string? since = null;
            await using (var own = Command("SELECT \"Titel\", \"Text\", \"RemissId\", \"Typ\", \"Datum\" FROM sok_dokument WHERE \"RemissvarId\" = @id", [("@id", Key(remissvarId))]))
            await using (var reader = await own.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct) && text.Length < 50_000)
                {
                    text.Append(reader.GetString(0)).Append('\n').Append(reader.GetString(1)).Append('\n');
                    remissId ??= ReadGuid(reader, 2);
                    if (reader.GetString(3) == SearchTypes.Arende && !reader.IsDBNull(4))
                    {
                        since = reader.GetString(4);
                    }
                }
            }

            // The words that say what the ärende is about: its most frequent stems, one written form each. The
            // instans's own name is on every ärende it has, so it says nothing.
            var instans = await db.Remissvar.AsNoTracking().Where(v => v.Id == remissvarId)
                .Join(db.Organisationer, v => v.InstansId, o => o.Id, (v, o) => o.Name).FirstOrDefaultAsync(ct);
            var common = SwedishAnalysis.Words(instans).Select(SwedishAnalysis.Stem).ToHashSet(StringComparer.Ordinal);
            var terms = SwedishAnalysis.Words(text.ToString())
                .Where(w => w.Length >= 4 && !SwedishAnalysis.IsStopWord(w) && w.All(char.IsAsciiLetter) && !common.Contains(SwedishAnalysis.Stem(w)))
                .GroupBy(SwedishAnalysis.Stem, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(8).Select(g => (Stem: g.Key, Word: g.Min(StringComparer.Ordinal)!)).ToList();
            if (terms.Count == 0 || remissId is null || since is null)
            {
                return [];
            }

            var parameters = new List<(string Name, object? Value)>();
            string P(object? value)
            {
                var name = "@s" + parameters.Count.ToString(CultureInfo.InvariantCulture);
                parameters.Add((name, value));
                return name;
            }

            var types = string.Join(", ", new[] { SearchTypes.Arende, SearchTypes.Tjansteutlatande, SearchTypes.Svarsfil }.Select(t => P(t)));
            // Earlier: dated before this ärende (registered, or arrived), as a handläggare looks back at what was answered before.
            var filters = $" AND d.\"RemissId\" <> {P(Key(remissId.Value))} AND d.\"Typ\" IN ({types}) AND d.\"Datum\" < {P(since)}";
            var sql = TextWindow(pg, string.Join(" | ", terms.Select(t => t.Word)), string.Join(" OR ", terms.Select(t => "\"" + t.Stem + "\"")), SearchAccess.Reads(who), "", filters, P, weighTerms: true);
            var matches = await MatchesAsync(sql, parameters, ct);
            var seen = new HashSet<Guid>();
            var rows = matches.OrderByDescending(m => m.Rank).ThenByDescending(m => m.Nr).Select(m => m.Nr).ToList();
            var hits = await PageAsync(rows.Take(take * 10).ToList(), who, SearchQuery.Parse(string.Join(' ', terms.Select(t => t.Word))), ct);
            return hits.Where(h => seen.Add(h.Url.StartsWith("/arenden/", StringComparison.Ordinal) ? Guid.Parse(h.Url.Split('/')[2]) : h.Id)).Take(take).ToList();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The window of a text query: the newest matches (up to the cap and one more) with their rank. The words and
    /// the principal's access keys are one full-text query, so the database walks only matches the principal may see.
    /// </summary>
    private static string TextWindow(bool pg, string tsQuery, string fts5, IReadOnlyList<string> reads, string joins, string filters, Func<object?, string> p, bool weighTerms = false)
    {
        var window = (Cap + 1).ToString(CultureInfo.InvariantCulture);
        if (pg)
        {
            var q = p(tsQuery);
            var keys = p(string.Join(" | ", reads.Select(t => "'" + t + "'")));
            return $"SELECT k.\"Nr\", k.\"Typ\", k.\"Datum\", ts_rank_cd(k.\"Ord\", to_tsquery('swedish', {q})), k.\"Titel\" FROM ("
                + $"SELECT d.\"Nr\", d.\"Typ\", d.\"Datum\", d.\"Ord\", d.\"Titel\" FROM sok_dokument d{joins} WHERE d.\"Ord\" @@ (to_tsquery('swedish', {q}) && {keys}::tsquery){filters} "
                + $"ORDER BY d.\"Nr\" DESC LIMIT {window}) k";
        }

        var m = p("{TitelOrd Ord} : (" + fts5 + ") AND Atkomst : (" + string.Join(" OR ", reads.Select(t => "\"" + t + "\"")) + ")");

        // bm25 first counts the rows holding each phrase of its query (its IDF), the access keys too: a pass over
        // whole doclists, up to every row of the index (227,687 rows for KS's key at 10 %), however early the window
        // stops — 170-330 ms against 1 ms without it. A search's window is ranked in code by its titles (TitleRank);
        // Liknande, an OR of eight words on one ärende's page, keeps bm25's weighing of the words.
        var rank = weighTerms ? "-bm25(sok_fts, 10.0, 1.0, 0.0)" : "0.0";

        // CROSS JOIN keeps FTS5 the outer loop, so it walks its matches newest first and stops at the window.
        return filters.Length == 0
            ? $"SELECT k.nr, d.\"Typ\", d.\"Datum\", k.s, d.\"Titel\" FROM (SELECT rowid AS nr, {rank} AS s FROM sok_fts WHERE sok_fts MATCH {m} ORDER BY rowid DESC LIMIT {window}) k JOIN sok_dokument d ON d.\"Nr\" = k.nr"
            : $"SELECT f.rowid, d.\"Typ\", d.\"Datum\", {rank}, d.\"Titel\" FROM sok_fts f CROSS JOIN sok_dokument d{joins} WHERE d.\"Nr\" = f.rowid AND sok_fts MATCH {m}{filters} ORDER BY f.rowid DESC LIMIT {window}";
    }

    /// <summary>
    /// SQLite's rank of a hit in the window: how many of the query's words its title holds (bm25's title weight,
    /// without its pass over whole doclists); ties go by date. PostgreSQL ranks by ts_rank_cd over the window.
    /// </summary>
    internal static int TitleRank(string title, IReadOnlySet<string> stems, IReadOnlyList<string> prefixes)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in SwedishAnalysis.Words(title))
        {
            var stem = SwedishAnalysis.Stem(word);
            foreach (var s in stems)
            {
                if (s == stem || (s.Length >= 4 && word.Contains(s, StringComparison.Ordinal)))
                {
                    found.Add(s);
                }
            }

            foreach (var prefix in prefixes)
            {
                if (word.StartsWith(prefix, StringComparison.Ordinal))
                {
                    found.Add("*" + prefix);
                }
            }
        }

        return found.Count;
    }

    private async Task<List<(long Nr, string Typ, string? Datum, double Rank, string Titel)>> MatchesAsync(string sql, List<(string Name, object? Value)> parameters, CancellationToken ct)
    {
        var matches = new List<(long Nr, string Typ, string? Datum, double Rank, string Titel)>();
        await using var cmd = Command(sql, parameters);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            matches.Add((Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                Convert.ToDouble(reader.GetValue(3), CultureInfo.InvariantCulture), reader.GetString(4)));
        }

        return matches;
    }

    /// <summary>The hits of one page, read in full (text for the snippet, the principal's own ärende for the link).</summary>
    private async Task<List<SearchHit>> PageAsync(List<long> page, SearchPrincipal who, SearchQuery query, CancellationToken ct)
    {
        if (page.Count == 0)
        {
            return [];
        }

        var pg = db.IsPostgres;
        var parameters = new List<(string Name, object? Value)> { ("@org", who.OrganisationId is { } o ? pg ? o : o.ToString().ToUpperInvariant() : (pg ? Guid.Empty : Guid.Empty.ToString().ToUpperInvariant())) };
        var nrs = string.Join(", ", page.Select(n => n.ToString(CultureInfo.InvariantCulture)));
        var own = "(SELECT v2.\"Id\" FROM remissvar v2 WHERE v2.\"RemissId\" = d.\"RemissId\" AND v2.\"InstansId\" = @org)";
        var sql = $"SELECT d.\"Nr\", d.\"Typ\", d.\"Id\", d.\"Titel\", d.\"Dnr\", d.\"Text\", d.\"Datum\", d.\"RemissId\", d.\"RemissvarId\", {own} FROM sok_dokument d WHERE d.\"Nr\" IN ({nrs})";
        var byNr = new Dictionary<long, SearchHit>();
        await using (var cmd = Command(sql, parameters))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            var stems = query.HighlightStems;
            while (await reader.ReadAsync(ct))
            {
                var type = reader.GetString(1);
                var id = ReadGuid(reader, 2)!.Value;
                var (snippet, marks) = Snippets.Make(reader.GetString(5), stems, query.Prefixes);
                var datum = reader.IsDBNull(6) ? (DateOnly?)null : DateOnly.ParseExact(reader.GetString(6), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var url = Url(who, type, id, ReadGuid(reader, 7), ReadGuid(reader, 8), ReadGuid(reader, 9));
                byNr[Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)] = new SearchHit(type, id, reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), url, snippet, marks, datum);
            }
        }

        return page.Where(byNr.ContainsKey).Select(n => byNr[n]).ToList();
    }

    /// <summary>The filters as SQL over d (the index row), with the live ärende (v) and remiss (r) joined only when a filter needs them.</summary>
    private static (string Joins, string Where) Filters(SearchRequest request, Func<object?, string> p, Func<Guid?, object?> key, Func<DateOnly, object> day)
    {
        var where = new List<string>();
        var live = false;
        if (request.Typ is { } typ)
        {
            where.Add($"d.\"Typ\" = {p(typ)}");
        }

        if (request.OrganisationId is { } o)
        {
            where.Add($"d.\"OrganisationId\" = {p(key(o))}");
        }

        if (request.Fran is { } fran)
        {
            where.Add($"d.\"Datum\" >= {p(fran.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}");
        }

        if (request.Till is { } till)
        {
            where.Add($"d.\"Datum\" <= {p(till.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}");
        }

        if (request.Status is { } status)
        {
            live = true;
            where.Add($"COALESCE(v.\"Status\", r.\"Status\") = {p(status)}");
        }

        if (request.HandlaggareId is { } h)
        {
            live = true;
            where.Add($"v.\"HandlaggareId\" = {p(key(h))}");
        }

        if (request.SvarsdatumFran is { } sf)
        {
            live = true;
            where.Add($"COALESCE(v.\"Svarsdatum\", r.\"Svarsdatum\") >= {p(day(sf))}");
        }

        if (request.SvarsdatumTill is { } st)
        {
            live = true;
            where.Add($"COALESCE(v.\"Svarsdatum\", r.\"Svarsdatum\") <= {p(day(st))}");
        }

        var joins = live ? " LEFT JOIN remissvar v ON v.\"Id\" = d.\"RemissvarId\" LEFT JOIN remisser r ON r.\"Id\" = d.\"RemissId\"" : "";
        return (joins, string.Concat(where.Select(w => " AND " + w)));
    }

    private static string Url(SearchPrincipal who, string type, Guid id, Guid? remissId, Guid? svarId, Guid? ownArende) => type switch
    {
        SearchTypes.Remiss when who.IsPublic => $"/publikt/remisser/{remissId}",
        SearchTypes.Remiss when who.SeesAllRemisser || ownArende is null => $"/remisser/{remissId}",
        SearchTypes.Remiss => $"/arenden/{ownArende}",
        SearchTypes.Remisshandling when who.SeesAllRemisser || ownArende is null => $"/remisser/{remissId}/handlingar",
        SearchTypes.Remisshandling => $"/arenden/{ownArende}/remisshandlingar/{id}",
        SearchTypes.Svarsfil => $"/arenden/{svarId}/bilagor/{id}",
        SearchTypes.Tjansteutlatande when who.Has(Role.Handlaggare) && ownArende == svarId => $"/arenden/{svarId}/tu",
        SearchTypes.Arende or SearchTypes.Tjansteutlatande or SearchTypes.Beslut => $"/arenden/{svarId}",
        SearchTypes.Sammantrade => $"/sammantraden/{id}",
        SearchTypes.Organisation => $"/admin/organisationer/{id}",
        SearchTypes.Person => $"/admin/anvandare/{id}",
        _ => "/",
    };

    private static Guid? ReadGuid(DbDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : reader.GetValue(i) is Guid g ? g : Guid.Parse(reader.GetString(i));

    private DbCommand Command(string sql, List<(string Name, object? Value)> parameters)
    {
        var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = db.Database.CurrentTransaction is { } tx ? Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(tx) : null;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }

        return cmd;
    }
}

/// <summary>The passage shown under a hit: around the first word that matches, with every matching word marked.</summary>
public static class Snippets
{
    private const int Before = 60;
    private const int Length = 220;

    public static (string Text, IReadOnlyList<(int Start, int Length)> Marks) Make(string text, IReadOnlySet<string> stems, IReadOnlyList<string> prefixes)
    {
        var words = WordSpans(text).ToList();
        bool Matches((int Start, int Length) w)
        {
            var folded = SwedishAnalysis.Fold(text.Substring(w.Start, w.Length));
            var stem = SwedishAnalysis.Stem(folded);
            return stems.Contains(stem) || prefixes.Any(p => folded.StartsWith(p, StringComparison.Ordinal))
                || stems.Any(s => s.Length >= 4 && folded.Contains(s, StringComparison.Ordinal));
        }

        var first = words.FindIndex(w => Matches(w));
        var start = first < 0 ? 0 : Math.Max(0, words[first].Start - Before);
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        var end = Math.Min(text.Length, start + Length);
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        var sb = new StringBuilder();
        if (start > 0)
        {
            sb.Append('…');
        }

        var offset = sb.Length - start;
        sb.Append(text.AsSpan(start, end - start));
        if (end < text.Length)
        {
            sb.Append('…');
        }

        var marks = words.Where(w => w.Start >= start && w.Start + w.Length <= end && Matches(w)).Select(w => (w.Start + offset, w.Length)).ToList();
        var snippet = sb.ToString().Replace('\n', ' ');
        return (snippet, marks);
    }

    private static IEnumerable<(int Start, int Length)> WordSpans(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }
}
