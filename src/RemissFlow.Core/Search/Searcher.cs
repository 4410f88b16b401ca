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
/// ArendeAccess and the area policies), expressed here as SQL over the live rows.
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
    int Take = 20);

/// <summary>One hit: what the list shows and where it links; the snippet's marks are ranges of <see cref="Snippet"/>.</summary>
public sealed record SearchHit(string Type, Guid Id, string Title, string? Dnr, string Url, string Snippet, IReadOnlyList<(int Start, int Length)> Marks, DateOnly? Datum);

public sealed record SearchResult(int Total, IReadOnlyDictionary<string, int> PerType, IReadOnlyList<SearchHit> Hits);

public sealed class Searcher(RemissFlowDbContext db)
{
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

        string from, rank;
        var where = new List<string>();
        if (query.Dnr is { } dnr)
        {
            from = "sok_dokument d";
            rank = "";
            where.Add(dnr.Prefix is null ? $"d.\"DnrNr\" = {P(dnr.Nr)}" : $"d.\"DnrNorm\" = {P(dnr.Prefix + dnr.Nr)}");
        }
        else if (pg)
        {
            var q = P(query.ToTsQuery());
            from = "sok_dokument d";
            rank = $"ts_rank_cd(d.\"Ord\", to_tsquery('swedish', {q}))";
            where.Add($"d.\"Ord\" @@ to_tsquery('swedish', {q})");
        }
        else
        {
            from = "sok_fts f JOIN sok_dokument d ON d.\"Nr\" = f.rowid";
            rank = "-bm25(sok_fts, 10.0, 1.0)";
            where.Add($"sok_fts MATCH {P(query.ToFts5())}");
        }

        from += " LEFT JOIN remissvar v ON v.\"Id\" = d.\"RemissvarId\" LEFT JOIN remisser r ON r.\"Id\" = d.\"RemissId\"";
        var org = P(Key(who.OrganisationId ?? Guid.Empty));
        where.Add("(" + Access(who, org, P) + ")");
        if (request.Typ is { } typ)
        {
            where.Add($"d.\"Typ\" = {P(typ)}");
        }

        if (request.OrganisationId is { } o)
        {
            where.Add($"d.\"OrganisationId\" = {P(Key(o))}");
        }

        if (request.Fran is { } fran)
        {
            where.Add($"d.\"Datum\" >= {P(fran.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}");
        }

        if (request.Till is { } till)
        {
            where.Add($"d.\"Datum\" <= {P(till.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}");
        }

        if (request.Status is { } status)
        {
            where.Add($"COALESCE(v.\"Status\", r.\"Status\") = {P(status)}");
        }

        if (request.HandlaggareId is { } h)
        {
            where.Add($"v.\"HandlaggareId\" = {P(Key(h))}");
        }

        if (request.SvarsdatumFran is { } sf)
        {
            where.Add($"COALESCE(v.\"Svarsdatum\", r.\"Svarsdatum\") >= {P(Day(sf))}");
        }

        if (request.SvarsdatumTill is { } st)
        {
            where.Add($"COALESCE(v.\"Svarsdatum\", r.\"Svarsdatum\") <= {P(Day(st))}");
        }

        var whereSql = string.Join(" AND ", where);
        var perType = new Dictionary<string, int>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using (var count = Command($"SELECT d.\"Typ\", COUNT(*) FROM {from} WHERE {whereSql} GROUP BY d.\"Typ\"", parameters))
            await using (var reader = await count.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    perType[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
                }
            }

            var order = request.SortByDate || rank.Length == 0 ? "d.\"Datum\" DESC, d.\"Nr\" DESC" : $"{rank} DESC, d.\"Datum\" DESC, d.\"Nr\" DESC";
            var own = $"(SELECT v2.\"Id\" FROM remissvar v2 WHERE v2.\"RemissId\" = d.\"RemissId\" AND v2.\"InstansId\" = {org})";
            var sql = $"SELECT d.\"Typ\", d.\"Id\", d.\"Titel\", d.\"Dnr\", d.\"Text\", d.\"Datum\", d.\"RemissId\", d.\"RemissvarId\", {own} FROM {from} WHERE {whereSql} ORDER BY {order} LIMIT {request.Take.ToString(CultureInfo.InvariantCulture)} OFFSET {request.Skip.ToString(CultureInfo.InvariantCulture)}";
            var hits = new List<SearchHit>();
            await using (var page = Command(sql, parameters))
            await using (var reader = await page.ExecuteReaderAsync(ct))
            {
                var stems = query.HighlightStems;
                while (await reader.ReadAsync(ct))
                {
                    var type = reader.GetString(0);
                    var id = ReadGuid(reader, 1)!.Value;
                    var text = reader.GetString(4);
                    var (snippet, marks) = Snippets.Make(text, stems, query.Prefixes);
                    var datum = reader.IsDBNull(5) ? (DateOnly?)null : DateOnly.ParseExact(reader.GetString(5), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    var url = Url(who, type, id, ReadGuid(reader, 6), ReadGuid(reader, 7), ReadGuid(reader, 8));
                    hits.Add(new SearchHit(type, id, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), url, snippet, marks, datum));
                }
            }

            return new SearchResult(perType.Values.Sum(), perType, hits);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The read rule of each kind's page, as SQL over d (index), v (its ärende) and r (its remiss).</summary>
    private static string Access(SearchPrincipal who, string org, Func<object?, string> p)
    {
        if (who.IsPublic)
        {
            // Publikt/Visa: a remiss once it is sent out, never a deleted one; nothing else is public.
            return $"d.\"Typ\" = '{SearchTypes.Remiss}' AND r.\"UtskickDatum\" IS NOT NULL AND r.\"Status\" <> '{Remiss.Raderad}'";
        }

        var rules = new List<string>();
        var remiss = who.SeesAllRemisser
            ? $"r.\"Status\" <> '{Remiss.Raderad}'"
            : $"r.\"Status\" <> '{Remiss.Raderad}' AND EXISTS (SELECT 1 FROM remissvar v2 WHERE v2.\"RemissId\" = d.\"RemissId\" AND v2.\"InstansId\" = {org})";
        rules.Add($"(d.\"Typ\" IN ('{SearchTypes.Remiss}', '{SearchTypes.Remisshandling}') AND {remiss})");

        var sent = string.Join(", ", ArendeAccess.SentToSender.Order(StringComparer.Ordinal).Select(s => p(s)));
        var arende = who.ReadsSentAnswers
            ? $"(v.\"InstansId\" = {org} OR (r.\"AvsandareId\" = {org} AND v.\"Status\" IN ({sent})))"
            : $"v.\"InstansId\" = {org}";
        rules.Add($"(d.\"Typ\" IN ('{SearchTypes.Arende}', '{SearchTypes.Svarsfil}', '{SearchTypes.Beslut}') AND {arende})");

        // A TU draft is the instans's own until it is approved; the sender reads only the approved version of a handed-in answer.
        var tu = who.ReadsSentAnswers
            ? $"(v.\"InstansId\" = {org} OR (r.\"AvsandareId\" = {org} AND v.\"Status\" IN ({sent}) AND EXISTS (SELECT 1 FROM tjansteutlatanden t WHERE t.\"Id\" = d.\"ForalderId\" AND t.\"GodkandVersion\" = d.\"Nummer\")))"
            : $"v.\"InstansId\" = {org}";
        rules.Add($"(d.\"Typ\" = '{SearchTypes.Tjansteutlatande}' AND {tu})");

        if (who.Has(Role.Namndsekreterare))
        {
            rules.Add($"(d.\"Typ\" = '{SearchTypes.Sammantrade}' AND d.\"OrganisationId\" = {org})");
        }

        if (who.Has(Role.Administrator))
        {
            rules.Add($"d.\"Typ\" IN ('{SearchTypes.Organisation}', '{SearchTypes.Person}')");
        }

        return string.Join(" OR ", rules);
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
