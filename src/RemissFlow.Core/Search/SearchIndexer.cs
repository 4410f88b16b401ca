using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Files;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Search;

/// <summary>What changed: the entity type and id whose index rows must be written again.</summary>
public readonly record struct SearchTarget(Type Entity, Guid Id);

/// <summary>
/// Writes the search index: builds the row of each changed item from the database (through the
/// caller's connection and transaction, so the index commits or rolls back with the data) and
/// replaces it, with its access keys (SearchAccess) read from the live rows in the same transaction.
/// </summary>
public sealed class SearchIndexer(FileStore? files)
{
    public async Task RefreshAsync(RemissFlowDbContext db, IReadOnlyCollection<SearchTarget> targets, CancellationToken ct)
    {
        var documents = new List<SearchDocument>();
        var gone = new List<Guid>();
        foreach (var group in targets.Distinct().Where(t => !SearchDependents.IsDependent(t.Entity)).GroupBy(t => t.Entity))
        {
            var ids = group.Select(t => t.Id).ToList();
            gone.AddRange(ids);
            documents.AddRange(await BuildAsync(db, group.Key, ids, ct));
        }

        await using var writer = await SearchIndexWriter.OpenAsync(db, ct);

        // Rows whose access keys (or title) come from what changed: written again from what they hold, or built
        // afresh where their title is the remiss's.
        var built = gone.ToHashSet();
        foreach (var t in targets.Distinct().Where(t => SearchDependents.IsDependent(t.Entity)))
        {
            foreach (var stored in await writer.StoredAsync(SearchDependents.Column(t.Entity), t.Id, SearchDependents.Types(t.Entity), ct))
            {
                if (!built.Add(stored.Id))
                {
                    continue;
                }

                gone.Add(stored.Id);
                if (t.Entity == typeof(SearchDependents.RemissTitel))
                {
                    documents.AddRange(await BuildAsync(db, stored.Typ == SearchTypes.Arende ? typeof(Domain.Remissvar) : typeof(Domain.Beslut), [stored.Id], ct));
                }
                else
                {
                    documents.Add(stored);
                }
            }
        }

        // A TU's versions are rows of their own: a changed version removes only itself, which the ids above cover.
        await writer.DeleteAsync(gone, ct);
        var tokens = await SearchAccess.TokensAsync(db, documents, ct);
        for (var i = 0; i < documents.Count; i++)
        {
            await writer.InsertAsync(documents[i], tokens[i], ct);
        }
    }

    /// <summary>Empties the index and builds it again from every row (the CLI's <c>search rebuild</c>). Returns the number of rows.</summary>
    public async Task<int> RebuildAsync(RemissFlowDbContext db, CancellationToken ct)
    {
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var count = 0;
        await using (var writer = await SearchIndexWriter.OpenAsync(db, ct))
        {
            await writer.ClearAsync(ct);
            foreach (var type in new[] { typeof(Remiss), typeof(Remissvar), typeof(TjansteutlatandeVersion), typeof(Bilaga), typeof(Beslut), typeof(Sammantrade), typeof(Organisation), typeof(AppUser) })
            {
                var all = await AllIdsAsync(db, type, ct);
                foreach (var chunk in all.Chunk(500))
                {
                    var documents = await BuildAsync(db, type, chunk, ct);
                    var tokens = await SearchAccess.TokensAsync(db, documents, ct);
                    for (var i = 0; i < documents.Count; i++)
                    {
                        await writer.InsertAsync(documents[i], tokens[i], ct);
                        count++;
                    }
                }
            }
        }

        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return count;
    }

    /// <summary>Adds ready-made rows in the caller's transaction (bulk loads such as <c>bench search</c>); the rows must not exist yet.</summary>
    public static async Task AppendAsync(RemissFlowDbContext db, IReadOnlyList<SearchDocument> documents, CancellationToken ct)
    {
        await using var writer = await SearchIndexWriter.OpenAsync(db, ct);
        var tokens = await SearchAccess.TokensAsync(db, documents, ct);
        for (var i = 0; i < documents.Count; i++)
        {
            await writer.InsertAsync(documents[i], tokens[i], ct);
        }
    }

    private static Task<List<Guid>> AllIdsAsync(RemissFlowDbContext db, Type type, CancellationToken ct) => type.Name switch
    {
        nameof(Remiss) => db.Remisser.Select(x => x.Id).ToListAsync(ct),
        nameof(Domain.Remissvar) => db.Remissvar.Select(x => x.Id).ToListAsync(ct),
        nameof(TjansteutlatandeVersion) => db.TjansteutlatandeVersioner.Select(x => x.Id).ToListAsync(ct),
        nameof(Bilaga) => db.Bilagor.Select(x => x.Id).ToListAsync(ct),
        nameof(Domain.Beslut) => db.Beslut.Select(x => x.Id).ToListAsync(ct),
        nameof(Sammantrade) => db.Sammantraden.Select(x => x.Id).ToListAsync(ct),
        nameof(Organisation) => db.Organisationer.Select(x => x.Id).ToListAsync(ct),
        nameof(AppUser) => db.Users.Select(x => x.Id).ToListAsync(ct),
        _ => Task.FromResult(new List<Guid>()),
    };

    private async Task<IReadOnlyList<SearchDocument>> BuildAsync(RemissFlowDbContext db, Type type, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        switch (type.Name)
        {
            case nameof(Remiss):
                return (await db.Remisser.AsNoTracking().Where(r => ids.Contains(r.Id) && r.Status != Remiss.Raderad).ToListAsync(ct))
                    .Select(r => new SearchDocument(r.Id, SearchTypes.Remiss, r.Title, Join(r.Title, r.Description, r.KontaktpersonNamn),
                        RemissId: r.Id, OrganisationId: r.AvsandareId, Datum: r.UtskickDatum ?? DateOnly.FromDateTime(r.CreatedAt.UtcDateTime), Dnr: r.Dnr))
                    .ToList();
            case nameof(Domain.Remissvar):
                return await (from v in db.Remissvar.AsNoTracking()
                              join r in db.Remisser on v.RemissId equals r.Id
                              join o in db.Organisationer on v.InstansId equals o.Id
                              where ids.Contains(v.Id)
                              select new { v, r.Title, Instans = o.Name }).ToListAsync(ct) is var arenden
                    ? arenden.Select(a => new SearchDocument(a.v.Id, SearchTypes.Arende, a.Title, Join(a.Title, a.Instans, a.v.AvsandareDnr, a.v.Nyckelpunkter, a.v.AvstarMotivering),
                        RemissId: a.v.RemissId, RemissvarId: a.v.Id, OrganisationId: a.v.InstansId,
                        Datum: a.v.RegistreradDatum ?? DateOnly.FromDateTime(a.v.CreatedAt.UtcDateTime), Dnr: a.v.Dnr)).ToList()
                    : [];
            case nameof(TjansteutlatandeVersion):
                return (await (from x in db.TjansteutlatandeVersioner.AsNoTracking()
                               join t in db.Tjansteutlatanden on x.TjansteutlatandeId equals t.Id
                               join v in db.Remissvar on t.RemissvarId equals v.Id
                               where ids.Contains(x.Id)
                               select new { x, t.Rubrik, v.RemissId, v.InstansId, v.Id, v.Dnr }).ToListAsync(ct))
                    .Select(a => new SearchDocument(a.x.Id, SearchTypes.Tjansteutlatande, a.x.Rubrik ?? a.Rubrik,
                        Join(a.x.Rubrik ?? a.Rubrik, a.x.Sammanfattning, a.x.ForslagTillBeslut, a.x.Bakgrund, a.x.Arendet, a.x.ArendetsBeredning, a.x.Synpunkter),
                        RemissId: a.RemissId, RemissvarId: a.Id, OrganisationId: a.InstansId, ForalderId: a.x.TjansteutlatandeId, Nummer: a.x.Nummer,
                        Datum: DateOnly.FromDateTime(a.x.SkapadAt.UtcDateTime), Dnr: a.Dnr)).ToList();
            case nameof(Bilaga):
                return await BilagorAsync(db, ids, ct);
            case nameof(Domain.Beslut):
                return (await (from b in db.Beslut.AsNoTracking()
                               join v in db.Remissvar on b.RemissvarId equals v.Id
                               join r in db.Remisser on v.RemissId equals r.Id
                               where ids.Contains(b.Id)
                               select new { b, v.RemissId, v.InstansId, v.Dnr, r.Title }).ToListAsync(ct))
                    .Select(a => new SearchDocument(a.b.Id, SearchTypes.Beslut, (a.b.Paragraf is { } p ? $"§ {p.ToString(CultureInfo.InvariantCulture)} " : "") + a.Title,
                        Join([a.Title, a.b.Beslutstext, a.b.Beslutsunderlag, a.b.Voteringsordning, a.b.Justerare,
                            .. a.b.Yrkanden.Concat(a.b.Reservationer).Concat(a.b.SarskildaUttalanden).Select(i => i.Ledamot + ": " + i.Text)]),
                        RemissId: a.RemissId, RemissvarId: a.b.RemissvarId, OrganisationId: a.InstansId, Datum: a.b.Datum, Dnr: a.Dnr)).ToList();
            case nameof(Sammantrade):
                var moten = await (from m in db.Sammantraden.AsNoTracking()
                                   join o in db.Organ on m.OrganId equals o.Id
                                   where ids.Contains(m.Id)
                                   select new { m.Id, m.Datum, m.Lokal, o.Name, o.OrganisationId, Punkter = m.Foredragningslista.OrderBy(p => p.Ordning).Select(p => p.Rubrik).ToList() }).ToListAsync(ct);
                return moten.Select(m => new SearchDocument(m.Id, SearchTypes.Sammantrade, $"{m.Name} {m.Datum.ToString("d MMMM yyyy", RemissFlow.Documents.Wording.SwedishText.Culture)}",
                    Join([m.Name, m.Lokal, .. m.Punkter]), OrganisationId: m.OrganisationId, Datum: m.Datum)).ToList();
            case nameof(Organisation):
                return (await db.Organisationer.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync(ct))
                    .Select(o => new SearchDocument(o.Id, SearchTypes.Organisation, o.Name, Join(o.Name, o.ForvaltningName, o.DnrPrefix, o.PostalAddress, o.VisitingAddress, o.ContactEmail),
                        OrganisationId: o.Id)).ToList();
            case nameof(AppUser):
                return (await (from u in db.Users.AsNoTracking()
                               join o in db.Organisationer on u.OrganisationId equals o.Id
                               where ids.Contains(u.Id)
                               select new { u.Id, u.DisplayName, u.Title, u.Email, u.OrganisationId, o.Name }).ToListAsync(ct))
                    .Select(u => new SearchDocument(u.Id, SearchTypes.Person, u.DisplayName, Join(u.DisplayName, u.Title, u.Email, u.Name), OrganisationId: u.OrganisationId)).ToList();
            default:
                return [];
        }
    }

    private async Task<IReadOnlyList<SearchDocument>> BilagorAsync(RemissFlowDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var rows = await (from b in db.Bilagor.AsNoTracking()
                          where ids.Contains(b.Id)
                          join v in db.Remissvar on b.RemissvarId equals v.Id into vs
                          from v in vs.DefaultIfEmpty()
                          join r in db.Remisser on (v != null ? v.RemissId : b.RemissId) equals r.Id into rs
                          from r in rs.DefaultIfEmpty()
                          select new { b, RemissId = r != null ? (Guid?)r.Id : null, AvsandareId = r != null ? (Guid?)r.AvsandareId : null, InstansId = v != null ? (Guid?)v.InstansId : null, Dnr = v != null ? v.Dnr : r != null ? r.Dnr : null })
            .ToListAsync(ct);
        var documents = new List<SearchDocument>();
        foreach (var a in rows)
        {
            var answer = a.b.RemissvarId is not null;
            var content = files?.Read(a.b.Sha256);
            var text = content is null ? "" : TextExtraction.Extract(content, a.b.MediaType, a.b.FileName);
            var title = a.b.Rubrik ?? a.b.FileName;
            documents.Add(new SearchDocument(a.b.Id, answer ? SearchTypes.Svarsfil : SearchTypes.Remisshandling, title, Join(title, a.b.FileName, text),
                RemissId: a.RemissId, RemissvarId: a.b.RemissvarId, OrganisationId: answer ? a.InstansId : a.AvsandareId,
                Datum: DateOnly.FromDateTime(a.b.UploadedAt.UtcDateTime), Dnr: a.Dnr));
        }

        return documents;
    }

    private static string Join(params string?[] parts) => string.Join("\n", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
}

/// <summary>The provider-specific SQL that writes index rows, on the context's connection and transaction.</summary>
internal sealed class SearchIndexWriter : IAsyncDisposable
{
    private readonly bool _postgres;
    private readonly DbCommand _insert;
    private readonly DbCommand? _fts;
    private readonly DbConnection _connection;
    private readonly DbTransaction? _tx;

    private SearchIndexWriter(RemissFlowDbContext db)
    {
        _postgres = db.IsPostgres;
        _connection = db.Database.GetDbConnection();
        _tx = db.Database.CurrentTransaction?.GetDbTransaction();
        const string columns = "\"Id\", \"Typ\", \"RemissId\", \"RemissvarId\", \"OrganisationId\", \"ForalderId\", \"Nummer\", \"Datum\", \"Titel\", \"Dnr\", \"DnrNorm\", \"DnrNr\", \"Text\"";
        const string values = "@id, @typ, @remiss, @svar, @org, @foralder, @nummer, @datum, @titel, @dnr, @dnrnorm, @dnrnr, @text";
        _insert = Command(_postgres
            ? $"INSERT INTO sok_dokument ({columns}, \"Atkomst\", \"Ord\") VALUES ({values}, @atkomst, setweight(to_tsvector('swedish', @titelord), 'A') || to_tsvector('swedish', @ord) || array_to_tsvector(@nycklar::text[]))"
            : $"INSERT INTO sok_dokument ({columns}, \"Atkomst\") VALUES ({values}, @atkomst) RETURNING \"Nr\"");
        foreach (var name in new[] { "id", "typ", "remiss", "svar", "org", "foralder", "nummer", "datum", "titel", "dnr", "dnrnorm", "dnrnr", "text", "atkomst", "titelord", "ord", "nycklar" })
        {
            if (_postgres || name is not ("titelord" or "ord" or "nycklar"))
            {
                AddParameter(_insert, name);
            }
        }

        if (!_postgres)
        {
            _fts = Command("INSERT INTO sok_fts (rowid, \"TitelOrd\", \"Ord\", \"Atkomst\") VALUES (@nr, @titelord, @ord, @atkomst)");
            AddParameter(_fts, "nr");
            AddParameter(_fts, "titelord");
            AddParameter(_fts, "ord");
            AddParameter(_fts, "atkomst");
        }
    }

    public static async Task<SearchIndexWriter> OpenAsync(RemissFlowDbContext db, CancellationToken ct)
    {
        await db.BeginWritingAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        return new SearchIndexWriter(db);
    }

    public async Task DeleteAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        foreach (var chunk in ids.Chunk(200))
        {
            var names = string.Join(", ", chunk.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)));
            var sql = _postgres
                ? $"DELETE FROM sok_dokument WHERE \"Id\" IN ({names})"
                : $"DELETE FROM sok_fts WHERE rowid IN (SELECT \"Nr\" FROM sok_dokument WHERE \"Id\" IN ({names})); DELETE FROM sok_dokument WHERE \"Id\" IN ({names})";
            await using var cmd = Command(sql);
            for (var i = 0; i < chunk.Length; i++)
            {
                AddParameter(cmd, "p" + i.ToString(CultureInfo.InvariantCulture), Key(chunk[i]));
            }

            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task ClearAsync(CancellationToken ct)
    {
        await using var cmd = Command(_postgres ? "DELETE FROM sok_dokument" : "DELETE FROM sok_fts; DELETE FROM sok_dokument");
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The rows held for <paramref name="column"/> = <paramref name="id"/> of the given kinds, as they were written.</summary>
    public async Task<List<SearchDocument>> StoredAsync(string column, Guid id, IReadOnlyList<string> types, CancellationToken ct)
    {
        var names = string.Join(", ", types.Select((_, i) => "@t" + i.ToString(CultureInfo.InvariantCulture)));
        await using var cmd = Command($"SELECT \"Id\", \"Typ\", \"Titel\", \"Text\", \"RemissId\", \"RemissvarId\", \"OrganisationId\", \"ForalderId\", \"Nummer\", \"Datum\", \"Dnr\" FROM sok_dokument WHERE \"{column}\" = @id AND \"Typ\" IN ({names})");
        AddParameter(cmd, "id", Key(id));
        for (var i = 0; i < types.Count; i++)
        {
            AddParameter(cmd, "t" + i.ToString(CultureInfo.InvariantCulture), types[i]);
        }

        var rows = new List<SearchDocument>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            Guid? G(int i) => reader.IsDBNull(i) ? null : reader.GetValue(i) is Guid g ? g : Guid.Parse(reader.GetString(i));
            rows.Add(new SearchDocument(G(0)!.Value, reader.GetString(1), reader.GetString(2), reader.GetString(3), G(4), G(5), G(6), G(7),
                reader.IsDBNull(8) ? null : Convert.ToInt32(reader.GetValue(8), CultureInfo.InvariantCulture),
                reader.IsDBNull(9) ? null : DateOnly.ParseExact(reader.GetString(9), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.IsDBNull(10) ? null : reader.GetString(10)));
        }

        return rows;
    }

    public async Task InsertAsync(SearchDocument d, IReadOnlyList<string> access, CancellationToken ct)
    {
        // A dnr finds its own item: the remiss or the ärende it numbers, not every file and version shown with it.
        var (norm, nr) = d.Typ is SearchTypes.Remiss or SearchTypes.Arende ? DnrQuery.Normalize(d.Dnr) : (null, null);
        var titleWords = SwedishAnalysis.IndexWords(d.Titel);
        var words = SwedishAnalysis.IndexWords(d.Text);
        Set(_insert, "id", Key(d.Id));
        Set(_insert, "typ", d.Typ);
        Set(_insert, "remiss", Key(d.RemissId));
        Set(_insert, "svar", Key(d.RemissvarId));
        Set(_insert, "org", Key(d.OrganisationId));
        Set(_insert, "foralder", Key(d.ForalderId));
        Set(_insert, "nummer", d.Nummer);
        Set(_insert, "datum", d.Datum?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Set(_insert, "titel", d.Titel);
        Set(_insert, "dnr", d.Dnr);
        Set(_insert, "dnrnorm", norm);
        Set(_insert, "dnrnr", nr);
        Set(_insert, "text", d.Text.Length <= TextExtraction.MaxChars ? d.Text : d.Text[..TextExtraction.MaxChars]);
        var atkomst = string.Join(' ', access);
        Set(_insert, "atkomst", atkomst);
        if (_postgres)
        {
            Set(_insert, "nycklar", access.ToArray());
            Set(_insert, "titelord", SwedishAnalysis.PlacedText(titleWords));
            Set(_insert, "ord", SwedishAnalysis.PlacedText(words));
            await _insert.ExecuteNonQueryAsync(ct);
            return;
        }

        var rowid = Convert.ToInt64(await _insert.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        Set(_fts!, "nr", rowid);
        Set(_fts!, "titelord", SwedishAnalysis.StemmedText(titleWords));
        Set(_fts!, "ord", SwedishAnalysis.StemmedText(words));
        Set(_fts!, "atkomst", atkomst);
        await _fts!.ExecuteNonQueryAsync(ct);
    }

    /// <summary>EF keeps Guids as upper-case text on SQLite; the index's keys must compare equal to them.</summary>
    private object? Key(Guid? id) => id is null ? null : _postgres ? id.Value : id.Value.ToString().ToUpperInvariant();

    private DbCommand Command(string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _tx;
        return cmd;
    }

    private static void AddParameter(DbCommand cmd, string name, object? value = null)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }

    private static void Set(DbCommand cmd, string name, object? value) => cmd.Parameters[name].Value = value ?? DBNull.Value;

    public async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        if (_fts is not null)
        {
            await _fts.DisposeAsync();
        }
    }
}
