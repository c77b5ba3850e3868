using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using static SpecializedTowns.Data.RawCommands;

namespace SpecializedTowns.Data.Enterprises;

/// <summary>
/// On PostgreSQL, an index of the enterprises' names by their pairs of adjacent characters (<see cref="CharacterPairs"/>), so
/// that the enterprise list's name search finds its rows without testing every name in scope: a province's 300,000 took
/// p95 163 ms cold (54–57 ms warm) for “鑫盛”, two characters inside the names, which neither a B-tree nor pg_trgm (three
/// characters) can help. The enterprises holding all of a term's pairs are a superset of the matches; the list then applies
/// its own “名称包含” test and order to them, so a search returns the same rows, order and total as before.
/// <para>
/// Built after the enterprises are written (<see cref="IndexSomeAsync"/>, by a background service of the web process), like
/// the audit names (<see cref="Audit.AuditLabelIndex"/>): kept up as they are written it would slow the import of 100,000
/// enterprises below 20,000 rows a second. Every statement that inserts enterprises, and every rename, records the ids in
/// its own transaction (triggers of schema version 51: enterprise_name_pending), and a search tests those enterprises
/// directly until they are indexed (<see cref="CandidatesAsync"/>), so it is exact whatever the index holds.
/// </para>
/// <para>
/// SQLite has none (step 50 is empty there): it tests a province's names in ~100 ms, within a page's 150 ms.
/// </para>
/// </summary>
public static class EnterpriseNameIndex
{
    /// <summary>
    /// Whether a table is one of the index's: derived from enterprises, and written by the background indexer at any moment,
    /// not by the request or command that wrote the enterprises.
    /// </summary>
    public static bool IsIndexTable(string table) => table.StartsWith("enterprise_name_", StringComparison.Ordinal);

    /// <summary>One indexer at a time across processes (see <see cref="IndexSomeAsync"/>).</summary>
    private const long IndexLock = 0x454E_414D_4549_4458; // "ENAMEIDX"

    /// <summary>
    /// The candidates' query. The enterprises not yet indexed are read range by range through the primary key (a lateral
    /// subquery kept apart by OFFSET 0), whatever the waiting ranges' statistics say (see AuditLabelIndex.PostgreSqlCandidates).
    /// </summary>
    internal const string Candidates = """
        WITH pending AS MATERIALIZED (
            SELECT e.id FROM enterprise_name_pending p CROSS JOIN LATERAL (
                SELECT e.id FROM enterprises e WHERE e.id BETWEEN p.first_id AND p.last_id AND strpos(e.name, @term) > 0
                OFFSET 0) e
            LIMIT @limit)
        SELECT CASE WHEN (SELECT COALESCE(SUM(last_id::bigint - first_id + 1), 0) FROM enterprise_name_pending) >= @limit THEN NULL
        ELSE (SELECT COALESCE(array_agg(id), '{}') FROM (
            SELECT enterprise_id AS id FROM enterprise_name_grams WHERE grams @> @pairs
            UNION ALL
            SELECT id FROM pending
            LIMIT @limit) c) END
        """;

    /// <summary>
    /// The ids of the enterprises whose names may contain the term, in no order: those indexed under all of its pairs and
    /// those not yet indexed that contain it. Null when the index cannot narrow the search: SQLite, a term of one character,
    /// more than <paramref name="limit"/> enterprises (a common term such as “有限”, whose matches the list's own order
    /// reaches within its first rows anyway), or more than <paramref name="limit"/> ids waiting to be indexed (right after an
    /// upgrade or a large import): read through the primary key, 255,000 waiting took 0.9–1.3 s, four times the plain scan.
    /// </summary>
    public static async Task<int[]?> CandidatesAsync(TownsDbContext db, string term, int limit, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql()) return null;
        var pairs = CharacterPairs.Of(term);
        if (pairs.Length == 0) return null;
        // Read as one array: a few hundred to some thousands of ids, one row to receive. The enterprises not yet indexed
        // are read apart (materialized), as for the audit names: right after an upgrade they are the whole table.
        // The ELSE branch (and the CTE it reads) runs only when few enough are waiting.
        var found = await ScalarAsync<object>(db, Candidates, ct, ("pairs", pairs), ("term", term), ("limit", limit + 1));
        if (found is not int[] ids || ids.Length > limit) return null;
        // A renamed enterprise is both indexed (under its old name) and waiting.
        return [.. ids.Distinct()];
    }

    /// <summary>
    /// The candidates as a subquery to match with <c>Contains</c>: "IN (SELECT unnest(@ids))", each id probed in the primary
    /// key (see <see cref="Imports.ImportLookups.Codes"/> for why not EF's own "= ANY").
    /// </summary>
    internal static IQueryable<int> AsQuery(TownsDbContext db, int[] candidates) =>
        db.Database.SqlQueryRaw<int>("SELECT unnest(@name_candidates) AS \"Value\"", new Npgsql.NpgsqlParameter("name_candidates", candidates));

    /// <summary>
    /// Indexes some of the enterprises waiting (up to <paramref name="batch"/> ids of their ranges), in one transaction: how
    /// many names it indexed, or null when none was waiting (always on SQLite) or another process is indexing.
    /// One process at a time: two indexing the same renamed enterprise at once could leave the older name's pairs last.
    /// Alone, a batch that read the name before a rename committed is followed by the batch of the rename's own range.
    /// </summary>
    public static async Task<int?> IndexSomeAsync(TownsDbContext db, int batch, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql()) return null;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var read = await IndexAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), batch, ct);
            await tx.CommitAsync(ct);
            return read;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static readonly PendingRanges Pending = new("enterprise_name_pending", intIds: true);

    private static async Task<int?> IndexAsync(DbConnection connection, DbTransaction transaction, int batch, CancellationToken ct)
    {
        await using (var locking = Command(connection, transaction, "SELECT pg_try_advisory_xact_lock(@key)", ("key", IndexLock)))
            if (await locking.ExecuteScalarAsync(ct) is not true) return null;
        // The oldest ranges, up to the batch: an upgrade's one range of the whole table a part at a time, renames (one id
        // each) many at once.
        var taken = await Pending.TakeAsync(connection, transaction, batch, ranges: 1000, skipLocked: false, ct);
        if (taken.IsEmpty) return null;
        var names = new Dictionary<int, string>();
        await using (var select = Command(connection, transaction,
            "SELECT e.id, e.name FROM unnest(@firsts, @lasts) AS r(f, l) JOIN enterprises e ON e.id BETWEEN r.f AND r.l",
            ("firsts", taken.Firsts.Select(f => (int)f).ToArray()), ("lasts", taken.Lasts.Select(l => (int)l).ToArray())))
        await using (var reader = await select.ExecuteReaderAsync(ct))
            // Ranges may overlap (a rename inside an import's range): each enterprise once.
            while (await reader.ReadAsync(ct)) names[reader.GetInt32(0)] = reader.GetString(1);
        var (ids, pairs, unpaired) = (new List<int>(), new List<string>(), new List<int>());
        foreach (var (id, name) in names)
        {
            // Counted as the search counts them (UTF-16), not as the database does.
            if (CharacterPairs.Of(name) is { Length: > 0 } found)
            {
                ids.Add(id);
                pairs.Add("{" + string.Join(',', found) + "}");
            }
            else unpaired.Add(id);
        }
        // Not for an enterprise deleted since it was read: the deletion's trigger took away what was indexed before it, and
        // pairs written after it would stay (harmless, a search reads the enterprises, but never cleared). 100,000 imported
        // and deleted at once left two batches of them before this test.
        if (ids.Count > 0)
            await using (var upsert = Command(connection, transaction, """
                INSERT INTO enterprise_name_grams (enterprise_id, grams) SELECT id, g::integer[] FROM unnest(@ids, @pairs) AS x(id, g)
                WHERE EXISTS (SELECT 1 FROM enterprises e WHERE e.id = x.id)
                ON CONFLICT (enterprise_id) DO UPDATE SET grams = EXCLUDED.grams WHERE enterprise_name_grams.grams <> EXCLUDED.grams
                """, ("ids", ids.ToArray()), ("pairs", pairs.ToArray())))
                await upsert.ExecuteNonQueryAsync(ct);
        // Renamed to a single character: the pairs of its former name go.
        if (unpaired.Count > 0)
            await using (var clear = Command(connection, transaction, "DELETE FROM enterprise_name_grams WHERE enterprise_id = ANY(@ids)", ("ids", unpaired.ToArray())))
                await clear.ExecuteNonQueryAsync(ct);
        await Pending.FinishAsync(connection, transaction, taken, ct);
        return ids.Count;
    }

    /// <summary>The index's tables as the model knows them, on PostgreSQL only (see the class).</summary>
    internal static void Configure(ModelBuilder b, bool postgres)
    {
        if (!postgres) return;
        b.Entity<EnterpriseNamePairs>(e =>
        {
            e.ToTable("enterprise_name_grams");
            e.HasKey(x => x.EnterpriseId);
            e.Property(x => x.EnterpriseId).HasColumnName("enterprise_id").ValueGeneratedNever();
            e.Property(x => x.Grams).HasColumnName("grams");
            e.HasIndex(x => x.Grams).HasMethod("gin").HasStorageParameter("fastupdate", false).HasDatabaseName("ix_enterprise_name_grams_grams");
        });
        b.Entity<EnterpriseNamePending>(e =>
        {
            e.ToTable("enterprise_name_pending");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.FirstId).HasColumnName("first_id");
            e.Property(x => x.LastId).HasColumnName("last_id");
        });
    }
}

/// <summary>A row of enterprise_name_grams: an enterprise's pairs (<see cref="CharacterPairs"/>).</summary>
internal sealed class EnterpriseNamePairs
{
    public int EnterpriseId { get; set; }
    public int[] Grams { get; set; } = [];
}

/// <summary>A row of enterprise_name_pending: ids inserted or renamed by one statement, not yet indexed.</summary>
internal sealed class EnterpriseNamePending
{
    public long Id { get; set; }
    public int FirstId { get; set; }
    public int LastId { get; set; }
}
