using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace SpecializedTowns.Data.Reserve;

/// <summary>
/// The years 储备培育 has added up, kept by a web process while nothing they are made of changes. A province's year is
/// 300,000 yearly figures grouped in the database (0.6 s) and worked into cells (0.2 s), for data that changes a few
/// times a day. Whether it changed is read from <c>data_changes</c>, which triggers on the enterprises, their figures and
/// designations, the towns, the townships they cover and the jurisdictions write (schema versions 30, 34) — so a change
/// made through another web process, an import, the command line or psql is seen by the next request, not after a
/// timeout. What pages derive from a year (ranked candidates, the county map) is kept with it (<see cref="ClusterYear"/>).
/// </summary>
public sealed class ClusterYears
{
    // A province's year is tens of megabytes; a national deployment keeps the few its offices are looking at.
    private const int Keep = 4;

    private readonly ConcurrentDictionary<(int Year, string? Province), Kept> _kept = new();
    private readonly SemaphoreSlim _working = new(1, 1);
    private long _uses;

    private sealed class Kept(string mark, ClusterYear data, long used)
    {
        public string Mark { get; } = mark;
        public ClusterYear Data { get; } = data;
        public long Used { get; set; } = used;
    }

    /// <param name="province">The province worked out (each is its own reference region, <see cref="ClusterQueries.ProvinceOf(Accounts.UserScope)"/>); null for all of them.</param>
    public async Task<ClusterYear> GetAsync(TownsDbContext db, int year, string? province, CancellationToken ct = default)
    {
        var key = (year, province);
        // Read before the sums: a change committed in between is in the sums but not in the mark, so the next request
        // works the year out again; the other order could keep sums that miss it under a mark that includes it.
        var mark = await MarkAsync(db, ct);
        if (_kept.TryGetValue(key, out var kept) && kept.Mark == mark) return Use(kept);
        // One request works a year out at a time; those arriving meanwhile wait for it rather than each grouping again.
        await _working.WaitAsync(ct);
        try
        {
            if (_kept.TryGetValue(key, out kept) && kept.Mark == mark) return Use(kept);
            var data = await ClusterQueries.YearAsync(db, year, province, ct);
            _ = data.Cells;
            _kept[key] = new Kept(mark, data, Interlocked.Increment(ref _uses));
            while (_kept.Count > Keep && _kept.MinBy(k => k.Value.Used) is var oldest && !oldest.Key.Equals(key))
                _kept.TryRemove(oldest.Key, out _);
            return data;
        }
        finally { _working.Release(); }
    }

    private ClusterYear Use(Kept kept)
    {
        kept.Used = Interlocked.Increment(ref _uses);
        return kept.Data;
    }

    private string? _seenLast;

    /// <summary>
    /// Called every few seconds in the background (KeepReserveWarm), so that a person seldom waits for the grouping. With
    /// nothing kept yet and one province in the database, its latest year is worked out (a new process's first 储备培育
    /// took ~5 s at province scale); a national database waits for an office to ask for its province. A kept year whose
    /// data changed is worked out again once the data has stopped changing since the previous call — an import writing
    /// for a minute is grouped once after it, not at every call. A request never waits on this: it still works a stale
    /// year out itself. Returns the years worked out.
    /// </summary>
    public async Task<IReadOnlyList<(int Year, string? Province)>> RefreshAsync(TownsDbContext db, CancellationToken ct = default)
    {
        var mark = await MarkAsync(db, ct);
        var quiet = mark == _seenLast;
        _seenLast = mark;
        List<(int Year, string? Province)> due;
        if (_kept.IsEmpty)
        {
            var provinces = await db.Jurisdictions.Where(j => j.Level == Core.Jurisdictions.JurisdictionLevel.Province).Select(j => j.Path).Take(2).ToListAsync(ct);
            var latest = (await ClusterQueries.YearsAsync(db, ct)).Take(1);
            due = provinces.Count == 1 ? latest.Select(y => (y, (string?)provinces[0])).ToList() : [];
        }
        else due = quiet ? _kept.Where(k => k.Value.Mark != mark).Select(k => k.Key).Order().ToList() : [];
        foreach (var (year, province) in due) await GetAsync(db, year, province, ct);
        return due;
    }

    /// <summary>The change mark of what 储备培育 adds up (<see cref="ChangeMarks.Data"/>).</summary>
    public static Task<string> MarkAsync(TownsDbContext db, CancellationToken ct = default) => ChangeMarks.Data.ReadAsync(db, ct);
}

/// <summary>A row of <c>data_changes</c> (schema version 30): written by triggers only, read by <see cref="ClusterYears"/>.</summary>
public sealed class DataChange
{
    public long Id { get; set; }
}

internal sealed class DataChangeConfiguration() : ChangeMarkConfiguration<DataChange>(ChangeMarks.Data);
