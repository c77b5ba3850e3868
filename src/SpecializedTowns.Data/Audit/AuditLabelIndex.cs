using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using static SpecializedTowns.Data.RawCommands;

namespace SpecializedTowns.Data.Audit;

/// <summary>
/// An index of the audit entries' record names (<see cref="AuditEntry.EntityLabel"/>) by the pairs of adjacent characters they
/// hold, so that the audit page's name search (“包含”) finds its entries without testing every one: a province's 1,140,000
/// entries took PostgreSQL 0.45 s and SQLite 0.8 s to test. A name containing the term holds every pair of the term, so the
/// entries holding all of them are a superset of the matches, which the search then tests as before. Pairs, not the
/// trigrams of pg_trgm or SQLite's FTS5: most Chinese terms are two characters.
/// <para>
/// The index is built after the entries are written (<see cref="IndexSomeAsync"/>, by a background service of the web
/// process), never as they are written: indexing 100,000 entries as an import wrote them cost it 1.3–1.8 s, a fifth of the
/// import. The entries not yet indexed are tested directly (<see cref="CandidatesAsync"/>), so a search is exact whatever the
/// index holds. Which those are depends on the database. SQLite has a single writer, so entries are committed in id order:
/// the index notes the time of every entry it has passed (audit_label_times), and every entry above the highest is pending.
/// On PostgreSQL
/// transactions commit in any order, so every statement that inserts entries also records their range of ids, in its own
/// transaction (a trigger, schema version 43: audit_label_pending); indexing a range and removing it commit together.
/// </para>
/// </summary>
public static class AuditLabelIndex
{
    /// <summary>
    /// Whether a table is one of the index's (with SQLite's FTS5 shadow tables): derived from audit_entries, and written by
    /// the background indexer at any moment, not by the request or command that wrote the entries.
    /// </summary>
    public static bool IsIndexTable(string table) => table.StartsWith("audit_label_", StringComparison.Ordinal);

    /// <summary>The pairs of adjacent characters (UTF-16 code units) of a text, each as one number, each once.</summary>
    public static int[] Pairs(string text) => CharacterPairs.Of(text);

    /// <summary>A pair as a word SQLite's FTS5 reads whole (letters and digits only): g and its hexadecimal digits.</summary>
    private static string Word(int pair) => "g" + ((uint)pair).ToString("x", CultureInfo.InvariantCulture);

    /// <summary>
    /// <see cref="CandidatesAsync"/> on PostgreSQL. The entries not yet indexed are read range by range through the primary
    /// key (a lateral subquery kept apart by OFFSET 0): joined plainly, the planner went by the waiting ranges' statistics,
    /// and once those were taken while a backlog waited (the bench's ANALYZE right after generating a province) it tested
    /// every entry's name with the backlog long gone: 皋落 0.3 → 508 ms.
    /// </summary>
    internal const string PostgreSqlCandidates = """
        WITH pending AS MATERIALIZED (
            SELECT e.id, e.at_utc FROM audit_label_pending p CROSS JOIN LATERAL (
                SELECT e.id, e.at_utc FROM audit_entries e WHERE e.id BETWEEN p.first_id AND p.last_id AND strpos(e.entity_label, @term) > 0
                OFFSET 0) e
            LIMIT @limit)
        SELECT COALESCE(array_agg(id ORDER BY at DESC, id DESC), '{}') FROM (
            SELECT entry_id AS id, at_utc AS at FROM audit_label_grams WHERE grams @> @pairs
            UNION ALL
            SELECT id, at_utc FROM pending
            LIMIT @limit) c
        """;

    /// <summary>
    /// The ids of the entries that may contain the term in their names, newest first (by time, then id): those indexed under
    /// all of its pairs and those not yet indexed that contain it. Null when the index cannot narrow the search: a term of
    /// one character, or more than <paramref name="limit"/> entries (a common term, which the newest entries hold anyway).
    /// </summary>
    public static async Task<List<long>?> CandidatesAsync(TownsDbContext db, string term, int limit, CancellationToken ct = default)
    {
        var pairs = Pairs(term);
        if (pairs.Length == 0) return null;
        long[] found;
        if (db.Database.IsNpgsql())
        {
            // Ordered by the database and read as one array: read as 25,000 rows (铸造), the candidates took Npgsql 80–90 ms
            // to receive, against 8–14 ms for the database to find them. The entries not yet indexed are read apart (a
            // materialized CTE cannot be shared with parallel workers): as one branch of the union, estimated at 60,000
            // rows whatever the ranges hold, they had the planner run the two branches in two worker processes, which on
            // two cores took 53–114 ms against 17–25.
            found = await ScalarAsync<long[]>(db, PostgreSqlCandidates, ct, ("pairs", pairs), ("term", term), ("limit", limit + 1));
        }
        else
        {
            var words = string.Join(" AND ", pairs.Select(Word));
            // Counted in the index alone first: a common term (有限, 600,000 entries) had its first 50,001 looked up with
            // their times before the search gave up on it (SQLite 130 ms more than without the index).
            var indexed = await ScalarAsync<long>(db,
                "SELECT COUNT(*) FROM (SELECT 1 FROM audit_label_grams WHERE audit_label_grams MATCH @words LIMIT @limit)", ct, ("words", words), ("limit", limit + 1));
            if (indexed > limit) return null;
            // Sorted here: ordered in the query, SQLite merged the two parts in time order, walking the whole trail's time
            // index for the entries not yet indexed (鑫盛 7 → 62 ms).
            var rows = new List<(long Id, DateTime At)>();
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var command = Command(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), """
                    SELECT id, at_utc FROM audit_label_times WHERE id IN (SELECT rowid FROM audit_label_grams WHERE audit_label_grams MATCH @words)
                    UNION ALL
                    SELECT id, at_utc FROM audit_entries WHERE id > (SELECT COALESCE(MAX(id), 0) FROM audit_label_times) AND instr(entity_label, @term) > 0
                    LIMIT @limit
                    """, ("words", words), ("term", term), ("limit", limit + 1));
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) rows.Add((reader.GetInt64(0), reader.GetDateTime(1)));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            rows.Sort((a, b) => a.At != b.At ? b.At.CompareTo(a.At) : b.Id.CompareTo(a.Id));
            found = [.. rows.Select(r => r.Id)];
        }
        if (found.Length > limit) return null;
        // An entry of a range that overlaps another (ids given out to two statements at once) may come from both parts.
        var seen = new HashSet<long>(found.Length);
        return [.. found.Where(seen.Add)];
    }

    /// <summary>
    /// Indexes a batch of the entries not yet indexed (up to <paramref name="batch"/> ids), in one transaction: how many
    /// entries it indexed, or null when none was waiting. Several processes may call it at once: PostgreSQL hands each a
    /// different range, SQLite lets one at a time.
    /// </summary>
    public static async Task<int?> IndexSomeAsync(TownsDbContext db, int batch, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            var transaction = tx.GetDbTransaction();
            var read = db.Database.IsNpgsql()
                ? await IndexPostgresAsync(connection, transaction, batch, ct)
                : await IndexSqliteAsync(connection, transaction, batch, ct);
            await tx.CommitAsync(ct);
            return read;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static readonly PendingRanges Pending = new("audit_label_pending", intIds: false);

    private static async Task<int?> IndexPostgresAsync(DbConnection connection, DbTransaction transaction, int batch, CancellationToken ct)
    {
        // The oldest range no other process is indexing: locked until this transaction ends, skipped by the others.
        var taken = await Pending.TakeAsync(connection, transaction, batch, ranges: 1, skipLocked: true, ct);
        if (taken.IsEmpty) return null;
        var (first, upTo) = (taken.Firsts[0], taken.Lasts[0]);
        var (ids, times, pairs) = (new List<long>(), new List<DateTime>(), new List<string>());
        await using (var entries = Command(connection, transaction, "SELECT id, at_utc, entity_label FROM audit_entries WHERE id BETWEEN @first AND @upTo AND entity_label IS NOT NULL",
            ("first", first), ("upTo", upTo)))
        await using (var reader = await entries.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                // Counted as the search counts them (UTF-16), not as the database does (a character outside the BMP is two).
                if (Pairs(reader.GetString(2)) is not { Length: > 0 } found) continue;
                ids.Add(reader.GetInt64(0));
                times.Add(reader.GetDateTime(1));
                pairs.Add("{" + string.Join(',', found) + "}");
            }
        // An entry of this range may be another statement's (ids given out to two at once): it may be indexed already, or
        // not yet committed, in which case its own statement's range brings it later.
        if (ids.Count > 0)
            await using (var insert = Command(connection, transaction, """
                INSERT INTO audit_label_grams (entry_id, at_utc, grams) SELECT id, at, g::integer[] FROM unnest(@ids, @times, @pairs) AS x(id, at, g)
                ON CONFLICT (entry_id) DO NOTHING
                """, ("ids", ids.ToArray()), ("times", times.ToArray()), ("pairs", pairs.ToArray())))
                await insert.ExecuteNonQueryAsync(ct);
        await Pending.FinishAsync(connection, transaction, taken, ct);
        return ids.Count;
    }

    private static async Task<int?> IndexSqliteAsync(DbConnection connection, DbTransaction transaction, int batch, CancellationToken ct)
    {
        // The transaction holds SQLite's write lock from its start (Microsoft.Data.Sqlite begins IMMEDIATE), so no entry is
        // committed between reading how far the index has come and moving it on.
        long mark;
        await using (var read = Command(connection, transaction, "SELECT COALESCE(MAX(id), 0) FROM audit_label_times"))
            mark = Convert.ToInt64(await read.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        var entries = new List<(long Id, string At, string? Label)>();
        // The time as stored (text), copied as it is.
        await using (var select = Command(connection, transaction, "SELECT id, at_utc, entity_label FROM audit_entries WHERE id > @mark ORDER BY id LIMIT @batch",
            ("mark", mark), ("batch", batch)))
        await using (var reader = await select.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) entries.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        if (entries.Count == 0) return null;
        var indexed = 0;
        await using (var insert = Command(connection, transaction, "INSERT INTO audit_label_grams (rowid, grams) VALUES (@id, @words)", ("id", 0L), ("words", "")))
        await using (var time = Command(connection, transaction, "INSERT INTO audit_label_times (id, at_utc) VALUES (@id, @at)", ("id", 0L), ("at", "")))
        {
            insert.Prepare();
            time.Prepare();
            foreach (var (id, at, label) in entries)
            {
                // Every entry passed has its time noted, with a name or not: the highest marks how far the index has come.
                time.Parameters[0].Value = id;
                time.Parameters[1].Value = at;
                await time.ExecuteNonQueryAsync(ct);
                if (label is null || Pairs(label) is not { Length: > 0 } pairs) continue;
                insert.Parameters[0].Value = id;
                insert.Parameters[1].Value = string.Join(' ', pairs.Select(Word));
                await insert.ExecuteNonQueryAsync(ct);
                indexed++;
            }
        }
        return indexed;
    }

    /// <summary>The index's tables as the model knows them (each provider's, see the class).</summary>
    internal static void Configure(ModelBuilder b, bool postgres)
    {
        if (postgres)
        {
            b.Entity<AuditLabelPairs>(e =>
            {
                e.ToTable("audit_label_grams");
                e.HasKey(x => x.EntryId);
                e.Property(x => x.EntryId).HasColumnName("entry_id").ValueGeneratedNever();
                e.Property(x => x.AtUtc).HasColumnName("at_utc");
                e.Property(x => x.Grams).HasColumnName("grams");
                // Written to directly: with GIN's list of pending entries, every search read through the entries of the last
                // batches indexed (up to 4 MB) until a vacuum merged them.
                e.HasIndex(x => x.Grams).HasMethod("gin").HasStorageParameter("fastupdate", false).HasDatabaseName("ix_audit_label_grams_grams");
            });
            b.Entity<AuditLabelPending>(e =>
            {
                e.ToTable("audit_label_pending");
                e.Property(x => x.Id).HasColumnName("id");
                e.Property(x => x.FirstId).HasColumnName("first_id");
                e.Property(x => x.LastId).HasColumnName("last_id");
            });
        }
        else
        {
            // The pairs themselves are an FTS5 table, which the model cannot describe (created by step 0043 only).
            b.Entity<AuditLabelTime>(e =>
            {
                e.ToTable("audit_label_times");
                e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
                e.Property(x => x.AtUtc).HasColumnName("at_utc");
            });
        }
    }
}

/// <summary>A row of audit_label_grams on PostgreSQL: an entry's pairs (<see cref="AuditLabelIndex.Pairs"/>).</summary>
internal sealed class AuditLabelPairs
{
    public long EntryId { get; set; }
    public DateTime AtUtc { get; set; }
    public int[] Grams { get; set; } = [];
}

/// <summary>A row of audit_label_pending on PostgreSQL: the ids one statement gave its entries, not yet indexed.</summary>
internal sealed class AuditLabelPending
{
    public long Id { get; set; }
    public long FirstId { get; set; }
    public long LastId { get; set; }
}

/// <summary>A row of audit_label_times on SQLite: the time of an entry the index has passed, so that candidates are ordered without reading the entries.</summary>
internal sealed class AuditLabelTime
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
}
