using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpecializedTowns.Data.Reserve;

/// <summary>
/// The years 储备培育 has added up, kept by a web process while nothing they are made of changes. A province's year is
/// 300,000 yearly figures grouped in the database (0.6 s) and worked into cells (0.2 s), for data that changes a few
/// times a day. Whether it changed is read from <c>data_changes</c>, which triggers on the enterprises, their figures and
/// designations, the towns and the jurisdictions write (schema version 30) — so a change made through another web
/// process, an import, the command line or psql is seen by the next request, not after a timeout.
/// </summary>
public sealed class ClusterYears
{
    // Past this many rows (PostgreSQL appends one per write statement) the marks are cleared by the next reader.
    private const int ClearAfter = 1000;

    private readonly ConcurrentDictionary<int, (string Mark, ClusterYear Data)> _kept = new();
    private readonly SemaphoreSlim _working = new(1, 1);

    public async Task<ClusterYear> GetAsync(TownsDbContext db, int year, CancellationToken ct = default)
    {
        // Read before the sums: a change committed in between is in the sums but not in the mark, so the next request
        // works the year out again; the other order could keep sums that miss it under a mark that includes it.
        var mark = await MarkAsync(db, ct);
        if (_kept.TryGetValue(year, out var kept) && kept.Mark == mark) return kept.Data;
        // One request works a year out at a time; those arriving meanwhile wait for it rather than each grouping again.
        await _working.WaitAsync(ct);
        try
        {
            if (_kept.TryGetValue(year, out kept) && kept.Mark == mark) return kept.Data;
            var data = await ClusterQueries.YearAsync(db, year, ct);
            _ = data.Cells;
            _kept[year] = (mark, data);
            return data;
        }
        finally { _working.Release(); }
    }

    /// <summary>
    /// The change mark as this moment's snapshot sees it: count and highest id of <c>data_changes</c>. Every write statement
    /// on those tables commits a row with it (PostgreSQL) or moves the one row's id on (SQLite), so any committed change
    /// moves the count or the id. Clearing keeps one new row, so that the id moves even if the count comes back.
    /// </summary>
    public static async Task<string> MarkAsync(TownsDbContext db, CancellationToken ct = default)
    {
        var mark = (await db.Database.SqlQueryRaw<Mark>("SELECT COUNT(*) AS \"Count\", COALESCE(MAX(id), 0) AS \"Last\" FROM data_changes").ToListAsync(ct)).Single();
        if (mark.Count > ClearAfter)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.DataChanges.Where(c => c.Id <= mark.Last).ExecuteDeleteAsync(ct);
            await db.Database.ExecuteSqlRawAsync("INSERT INTO data_changes DEFAULT VALUES", ct);
            await tx.CommitAsync(ct);
        }
        return $"{mark.Count}:{mark.Last}";
    }

    private sealed record Mark(long Count, long Last);
}

/// <summary>A row of <c>data_changes</c> (schema version 30): written by triggers only, read by <see cref="ClusterYears"/>.</summary>
public sealed class DataChange
{
    public long Id { get; set; }
}

internal sealed class DataChangeConfiguration : IEntityTypeConfiguration<DataChange>
{
    public void Configure(EntityTypeBuilder<DataChange> e)
    {
        e.ToTable("data_changes");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
    }
}
