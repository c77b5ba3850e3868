using System.Data.Common;
using System.Globalization;
using static SpecializedTowns.Data.RawCommands;

namespace SpecializedTowns.Data;

/// <summary>
/// The ranges of ids waiting for a name index on PostgreSQL (audit_label_pending, enterprise_name_pending; rows of id,
/// first_id, last_id): a trigger notes each writing statement's range in that statement's transaction, and the indexer takes
/// the oldest up to a batch of ids, indexes them, and removes what it took in its own transaction, a range taken in part
/// starting after the part. Both indexes keep that bookkeeping here, so that it cannot differ between them.
/// </summary>
internal sealed class PendingRanges(string table, bool intIds)
{
    /// <summary>The ids taken, as ranges (<see cref="Firsts"/>[i] to <see cref="Lasts"/>[i]), until <see cref="FinishAsync"/>.</summary>
    public sealed class Batch
    {
        public List<long> Firsts { get; } = [];
        public List<long> Lasts { get; } = [];
        internal List<long> Done { get; } = [];
        internal (long Range, long Next)? Shortened { get; set; }
        public bool IsEmpty => Firsts.Count == 0;
    }

    /// <summary>
    /// The oldest ranges, up to <paramref name="batch"/> ids in at most <paramref name="ranges"/> ranges. With
    /// <paramref name="skipLocked"/> each range read is locked until the transaction ends and skipped by the other indexers,
    /// so several may run at once; without it the caller lets one indexer at a time.
    /// </summary>
    public async Task<Batch> TakeAsync(DbConnection connection, DbTransaction transaction, int batch, int ranges, bool skipLocked, CancellationToken ct)
    {
        var taken = new Batch();
        var sql = $"SELECT id, first_id, last_id FROM {table} ORDER BY first_id, id LIMIT {ranges.ToString(CultureInfo.InvariantCulture)}"
            + (skipLocked ? " FOR UPDATE SKIP LOCKED" : "");
        await using var command = Command(connection, transaction, sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var budget = (long)batch;
        while (budget > 0 && await reader.ReadAsync(ct))
        {
            var (range, first, last) = (reader.GetInt64(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
            var upTo = Math.Min(last, first + budget - 1);
            taken.Firsts.Add(first);
            taken.Lasts.Add(upTo);
            budget -= upTo - first + 1;
            if (upTo < last) taken.Shortened = (range, upTo + 1);
            else taken.Done.Add(range);
        }
        return taken;
    }

    /// <summary>Removes the ranges taken whole and moves the start of the one taken in part past it, in the indexer's transaction.</summary>
    public async Task FinishAsync(DbConnection connection, DbTransaction transaction, Batch taken, CancellationToken ct)
    {
        if (taken.Done.Count > 0)
            await using (var done = Command(connection, transaction, $"DELETE FROM {table} WHERE id = ANY(@ranges)", ("ranges", taken.Done.ToArray())))
                await done.ExecuteNonQueryAsync(ct);
        if (taken.Shortened is { } s)
            await using (var rest = Command(connection, transaction, $"UPDATE {table} SET first_id = @next WHERE id = @range",
                ("next", intIds ? checked((int)s.Next) : s.Next), ("range", s.Range)))
                await rest.ExecuteNonQueryAsync(ct);
    }
}
