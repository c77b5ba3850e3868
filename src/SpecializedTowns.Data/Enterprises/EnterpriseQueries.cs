using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Enterprises;

public sealed record EnterpriseFilter
{
    public string? JurisdictionPath { get; init; }
    public int? TownId { get; init; }
    public EnterpriseRole? Role { get; init; }
    public bool? AboveScale { get; init; }
    public string? Search { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;

    /// <summary>name, output (largest first); else by place and role.</summary>
    public string? Sort { get; init; }

    /// <summary>The columns <see cref="Sort"/> names (<see cref="ListSort"/>), each either way.</summary>
    public static readonly IReadOnlyList<string> SortKeys = ["name", "output"];
}

public sealed record EnterpriseListItem(
    int Id, string Name, string Uscc, string County, string? Township, int? TownId, string? Town, EnterpriseRole Role,
    bool IsAboveScale, IReadOnlyList<string> Designations, int? Year, decimal? OutputValueWanYuan, int? Employment, bool IsDemo,
    string? Industry = null, string? IndustryCategory = null);

public static class EnterpriseQueries
{
    public static Task<Paged<EnterpriseListItem>> ListAsync(TownsDbContext db, EnterpriseFilter filter, UserScope? scope, CancellationToken ct = default) =>
        ListAsync(db, filter, scope, JumpFrom, ct);

    /// <param name="jumpFrom">Rows skipped from which a page in place order is found from the tallies (<see cref="JumpedAsync"/>).</param>
    internal static async Task<Paged<EnterpriseListItem>> ListAsync(TownsDbContext db, EnterpriseFilter filter, UserScope? scope, int jumpFrom, CancellationToken ct = default)
    {
        var (page, size) = Paged<EnterpriseListItem>.Normalize(filter.Page, filter.PageSize);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var named = await NamedAsync(db, filter, ct);
            // A name search reads every row in scope whatever is asked of it: the matching ids are read in order once, and
            // counted here, instead of one scan for the count and another for the page. A term that matches more than that
            // ("有限公司") is counted by the database; its page still comes from the ids read, if it lies among them.
            var matched = await Ordered(Filtered(db, filter, scope, named: named), filter).Select(e => e.Id).Take(SearchReadAtOnce + 1).ToListAsync(ct);
            var slice = matched.Skip((page - 1) * size).Take(size).ToList();
            var count = matched.Count <= SearchReadAtOnce ? matched.Count : await Filtered(db, filter, scope, toCount: true, named).CountAsync(ct);
            if (matched.Count <= SearchReadAtOnce || (long)page * size <= SearchReadAtOnce)
                return new Paged<EnterpriseListItem>(await ItemsAsync(db, slice, ct), count, page, size);
            var beyond = await Ordered(Filtered(db, filter, scope, named: named), filter).Skip((page - 1) * size).Take(size).Select(e => e.Id).ToListAsync(ct);
            return new Paged<EnterpriseListItem>(await ItemsAsync(db, beyond, ct), count, page, size);
        }
        var total = await CountAsync(db, filter, scope, ct);
        if ((long)(page - 1) * size >= jumpFrom && (page - 1) * size < total && InPlaceOrder(filter))
            return new Paged<EnterpriseListItem>(await ItemsAsync(db, await JumpedAsync(db, filter, scope, (page - 1) * size, size, ct), ct), total, page, size);
        var (backwards, skip, take) = Slice(total, page, size);
        List<int> ids = take == 0 ? []
            : await Ordered(Filtered(db, filter, scope), filter, backwards).Skip(skip).Take(take).Select(e => e.Id).ToListAsync(ct);
        if (backwards) ids.Reverse();
        return new Paged<EnterpriseListItem>(await ItemsAsync(db, ids, ct), total, page, size);
    }

    private const int SearchReadAtOnce = 5_000;

    /// <summary>From page 51 of 20: nearer the start, walking the order is as quick as reading the tallies first.</summary>
    private const int JumpFrom = 1_000;

    /// <summary>The list in place order (county, role, name), which the kept tallies count group by group: no search, no above-scale filter.</summary>
    private static bool InPlaceOrder(EnterpriseFilter filter) =>
        string.IsNullOrWhiteSpace(filter.Search) && filter.AboveScale is null && ListSort.Parse(filter.Sort).Key is null;

    /// <summary>
    /// A page in place order found from the tallies the database keeps (<see cref="EnterpriseTally"/>): they say how many rows
    /// each county holds of each role, in the list's order, so the page starts in a known county and role, that many rows into
    /// it, read from the index by county, role and name (step 22). OFFSET walked every row before the page: the province's
    /// middle page (page 7,500 of 20) 150,000 rows, 0.3–0.4 s quiet and 6.4 s on a loaded PostgreSQL. The tallies are the
    /// same ones the total is summed from, so the rows are those of the walk (EnterpriseScopeCountTests).
    /// </summary>
    private static async Task<List<int>> JumpedAsync(TownsDbContext db, EnterpriseFilter filter, UserScope? scope, int skip, int size, CancellationToken ct)
    {
        var groups = await Tallies(db, filter, scope).GroupBy(t => new { t.CountyId, t.Role })
            .Select(g => new { g.Key.CountyId, g.Key.Role, Rows = g.Sum(t => t.Enterprises) }).Where(g => g.Rows > 0).ToListAsync(ct);
        // The order of Ordered: the county's official key (compared byte by byte, as the databases compare it), its id, the
        // role. One town's list is in role order alone (its enterprises could lie in two counties after a move, decision 0022).
        var byTown = filter.TownId is not null;
        var countyIds = groups.Select(g => g.CountyId).Distinct().ToList();
        var keys = byTown ? [] : await db.Jurisdictions.AsNoTracking().Where(j => countyIds.Contains(j.Id))
            .Select(j => new { j.Id, Key = EF.Property<string>(j, PlaceOrder.Column) }).ToDictionaryAsync(j => j.Id, j => j.Key, ct);
        var ordered = byTown
            ? groups.GroupBy(g => g.Role).Select(r => (County: (int?)null, Role: r.Key, Rows: r.Sum(g => g.Rows))).OrderBy(g => g.Role).ToList()
            : groups.OrderBy(g => keys.GetValueOrDefault(g.CountyId), StringComparer.Ordinal).ThenBy(g => g.CountyId).ThenBy(g => g.Role)
                .Select(g => (County: (int?)g.CountyId, g.Role, g.Rows)).ToList();
        var ids = new List<int>(size);
        foreach (var (county, role, rows) in ordered)
        {
            if (skip >= rows) { skip -= rows; continue; }
            var query = Filtered(db, filter, scope).Where(e => e.Role == role);
            if (county is { } c) query = query.Where(e => e.CountyId == c);
            ids.AddRange(await query.OrderBy(e => e.Name).ThenBy(e => e.Id).Skip(skip).Take(size - ids.Count).Select(e => e.Id).ToListAsync(ct));
            skip = 0;
            if (ids.Count >= size) break;
        }
        return ids;
    }

    /// <summary>
    /// Where a page's rows are read: a page in the latter half from the other end of the same order (the indexes read
    /// backwards), then reversed. OFFSET walks every row it skips, so the province's last page walked 300,000 rows (SQLite
    /// 1.1–1.9 s) to show 50. The count is exact (the kept tallies, EnterpriseScopeCountTests), so the rows are the same.
    /// </summary>
    internal static (bool Backwards, int Skip, int Take) Slice(int total, int page, int size)
    {
        var skip = (page - 1) * size;
        if (skip >= total) return (false, 0, 0);
        if (skip <= total / 2) return (false, skip, size);
        var after = total - skip - size;
        return after >= 0 ? (true, after, size) : (true, 0, size + after);
    }

    /// <summary>
    /// How many enterprises the name index may point a search to (<see cref="EnterpriseNameIndex.CandidatesAsync"/>). A term
    /// held by more (“有限”, “铸造”) is searched as before: its matches are dense, and the list's order finds a page of them
    /// within its first rows, where probing tens of thousands of candidates one by one would cost more.
    /// </summary>
    private const int SearchCandidates = 20_000;

    /// <summary>
    /// The enterprises the name index points the search to, or null to test every name in scope: SQLite (no index), a
    /// term of one character, a common term, or one that may be part of a credit code (the codes are not indexed).
    /// </summary>
    private static async Task<int[]?> NamedAsync(TownsDbContext db, EnterpriseFilter filter, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(filter.Search) || !db.Database.IsNpgsql()) return null;
        var s = filter.Search.Trim();
        return MayBeInCreditCode(s) ? null : await EnterpriseNameIndex.CandidatesAsync(db, s, SearchCandidates, ct);
    }

    /// <summary>
    /// A credit code holds only digits and capital letters: a term with anything else (a Chinese name) is not looked for
    /// in the codes, which would double the rows a search compares.
    /// </summary>
    private static bool MayBeInCreditCode(string term) => term.All(char.IsAsciiLetterOrDigit);

    /// <summary>
    /// Every matching enterprise in the list's order, for an export: the ordered ids are read once (a few bytes a row), then
    /// the rows a thousand at a time by id. Paging with OFFSET would sort the province again for every page.
    /// </summary>
    /// <param name="counted">Told how many rows will follow, before the first.</param>
    public static async IAsyncEnumerable<EnterpriseListItem> AllAsync(TownsDbContext db, EnterpriseFilter filter, UserScope? scope,
        IReadOnlyCollection<int>? only = null, Action<int>? counted = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var ids = await Ordered(Filtered(db, filter, scope, named: await NamedAsync(db, filter, ct)), filter).Select(e => e.Id).ToListAsync(ct);
        if (only is not null) ids = ids.Where(only.Contains).ToList();
        counted?.Invoke(ids.Count);
        foreach (var chunk in ids.Chunk(1000))
            foreach (var item in await ItemsAsync(db, chunk, ct))
                yield return item;
    }

    /// <summary>
    /// Without a search: the sum of the tallies the database keeps by county, town and role (<see cref="EnterpriseTally"/>),
    /// instead of counting the enterprises (a province's 300,000 took 40–70 ms on every page of the list). Above-scale is
    /// not tallied, so that filter is counted.
    /// </summary>
    private static Task<int> CountAsync(TownsDbContext db, EnterpriseFilter filter, UserScope? scope, CancellationToken ct) =>
        filter.AboveScale is not null ? Filtered(db, filter, scope, toCount: true).CountAsync(ct) : Tallies(db, filter, scope).SumAsync(t => t.Enterprises, ct);

    /// <summary>The kept tallies of the enterprises in scope that the filter names (no search, no above-scale filter).</summary>
    private static IQueryable<EnterpriseTally> Tallies(TownsDbContext db, EnterpriseFilter filter, UserScope? scope)
    {
        var tallies = (scope?.EnterpriseTallies(db) ?? db.EnterpriseTallies).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.JurisdictionPath))
        {
            var counties = UserScope.CountiesUnder(db, filter.JurisdictionPath);
            tallies = tallies.Where(t => counties.Contains(t.CountyId));
        }
        if (filter.TownId is { } town) tallies = tallies.Where(t => t.TownId == town);
        if (filter.Role is { } role) tallies = tallies.Where(t => t.Role == role);
        return tallies;
    }

    /// <param name="toCount">
    /// For the count, places are selected by county id unless a name search reads every row anyway
    /// (<see cref="UserScope.EnterprisesByCountyIds"/>). So they are in output or name order below a province or with a
    /// search: the index by county and output gives a county's last page from its own range (SQLite 1.2 s → 13–45 ms), a
    /// city's from a sort of its tens of thousands, and a search's matches from the counties' rows rather than from a walk
    /// of the whole output order joined to each row's county (SQLite, 垣曲县: 1 s → 12 ms); by name, a county's rows come
    /// from the index by county and are sorted. A whole province without a search walks the province-wide output index,
    /// which SQLite would otherwise leave for a sort of all 300,000 on every page. A province by name sorts them all, but
    /// by county ids it sorts the names of the index by county, role and name (SQLite 260 → 60 ms), where joined to the
    /// counties SQLite walked the output index and read every row (an index on the name would cost the import a third
    /// more writing).
    /// </param>
    /// <param name="named">The enterprises the name index points the search to (<see cref="NamedAsync"/>): the same test of
    /// the name is applied to them, so the rows, order and count are those of the search without the index.</param>
    private static IQueryable<Enterprise> Filtered(TownsDbContext db, EnterpriseFilter filter, UserScope? scope, bool toCount = false, int[]? named = null)
    {
        var area = string.IsNullOrWhiteSpace(filter.JurisdictionPath) ? scope?.JurisdictionPath : filter.JurisdictionPath;
        var searching = !string.IsNullOrWhiteSpace(filter.Search);
        var sort = ListSort.Parse(filter.Sort).Key;
        var byCountyIds = toCount && !searching || sort is "name" || sort is "output" && (searching || area is not null && area.Contains('/'));
        var placeAlone = scope is null || !string.IsNullOrWhiteSpace(filter.JurisdictionPath) && scope.SeesAllUnder(filter.JurisdictionPath);
        var query = (placeAlone ? db.Enterprises : byCountyIds ? scope!.EnterprisesByCountyIds(db) : scope!.Enterprises(db)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.JurisdictionPath))
        {
            var (path, under) = (filter.JurisdictionPath, filter.JurisdictionPath + "/");
            var counties = UserScope.CountiesUnder(db, path);
            query = byCountyIds
                ? query.Where(e => counties.Contains(e.CountyId))
                : query.Where(e => e.County!.Path == path || e.County.Path.StartsWith(under));
        }
        if (filter.TownId is { } town) query = query.Where(e => e.SpecializedTownId == town);
        if (filter.Role is { } role) query = query.Where(e => e.Role == role);
        if (filter.AboveScale is { } above) query = query.Where(e => e.IsAboveScale == above);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim();
            var code = s.ToUpperInvariant();
            if (named is not null)
            {
                var candidates = EnterpriseNameIndex.AsQuery(db, named);
                query = query.Where(e => candidates.Contains(e.Id));
            }
            query = MayBeInCreditCode(s) ? query.Where(e => e.Name.Contains(s) || e.Uscc.Contains(code)) : query.Where(e => e.Name.Contains(s));
        }
        return query;
    }

    /// <summary>
    /// By name, by latest output (largest first, those without a figure last; <see cref="OutputOrder"/>), else by place (the
    /// official order, <see cref="PlaceOrder"/>), role and name: the counties are walked in the index of step 46 and each
    /// county's enterprises in that of step 22, so a page is read without sorting the province.
    /// A town's enterprises all lie in its county, so for one town the place is left out of the order: the database then reads
    /// them from the town's index instead of walking every county of the country.
    /// </summary>
    /// <param name="backwards">The same order from its last row to its first (every key reversed, ties too).</param>
    private static IQueryable<Enterprise> Ordered(IQueryable<Enterprise> query, EnterpriseFilter filter, bool backwards = false) => ListSort.Parse(filter.Sort) switch
    {
        { Key: "name" } sort => query.OrderBy(e => e.Name, sort.Descending() != backwards).ThenBy(e => e.Id, sort.Descending() != backwards),
        { Key: "output" } sort => sort.Reversed != backwards ? OutputOrder.SmallestFirst(query) : OutputOrder.LargestFirst(query),
        _ when filter.TownId is not null => query.OrderBy(e => e.Role, backwards).ThenBy(e => e.Name, backwards).ThenBy(e => e.Id, backwards),
        _ => query.OrderByCounty(e => e.County, backwards).ThenBy(e => e.Role, backwards).ThenBy(e => e.Name, backwards).ThenBy(e => e.Id, backwards),
    };

    /// <summary>
    /// The rows of these enterprises in the order given, with their designations and latest figures read by id: as part of
    /// the page query, EF numbers every statistics row of every enterprise (ROW_NUMBER over the whole table).
    /// </summary>
    private static async Task<List<EnterpriseListItem>> ItemsAsync(TownsDbContext db, IReadOnlyList<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = (await db.Enterprises.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new
            {
                e.Id, e.Name, e.Uscc, County = e.County!.Name, e.SpecializedTownId, e.Role, e.IsAboveScale, e.IsDemo, e.Industry, e.IndustryCategory,
                Township = db.Jurisdictions.Where(j => j.Id == e.TownshipId).Select(j => j.Name).FirstOrDefault(),
                Town = db.Towns.Where(t => t.Id == e.SpecializedTownId).Select(t => t.Name).FirstOrDefault(),
            })
            .ToListAsync(ct)).ToDictionary(r => r.Id);
        var designations = (await db.EnterpriseDesignations.AsNoTracking().Where(d => ids.Contains(d.EnterpriseId))
            .OrderBy(d => d.Id).Select(d => new { d.EnterpriseId, d.Key }).ToListAsync(ct)).ToLookup(d => d.EnterpriseId, d => d.Key);
        var latest = (await db.EnterpriseStatistics.AsNoTracking().Where(x => ids.Contains(x.EnterpriseId))
                .Select(x => new { x.EnterpriseId, x.Year, x.OutputValueWanYuan, x.Employment }).ToListAsync(ct))
            .GroupBy(x => x.EnterpriseId).ToDictionary(g => g.Key, g => g.MaxBy(x => x.Year)!);
        return ids.Where(rows.ContainsKey).Select(id =>
        {
            var r = rows[id];
            var l = latest.GetValueOrDefault(r.Id);
            return new EnterpriseListItem(r.Id, r.Name, r.Uscc, r.County, r.Township, r.SpecializedTownId, r.Town, r.Role,
                r.IsAboveScale, designations[r.Id].ToList(), l?.Year, Quantity.Normalize(l?.OutputValueWanYuan), l?.Employment, r.IsDemo,
                r.Industry, r.IndustryCategory);
        }).ToList();
    }
}

public sealed record EnterpriseDetail(Enterprise Enterprise, string CountyPath, string? Township, string? Town, IReadOnlyList<EnterpriseAnnualStatistics> Statistics);

public static class EnterpriseDetails
{
    /// <summary>One enterprise in the person's scope; null for one outside it, the same as one that does not exist.</summary>
    public static async Task<EnterpriseDetail?> FindAsync(TownsDbContext db, int id, UserScope scope, CancellationToken ct = default)
    {
        var e = await scope.Enterprises(db).AsNoTracking()
            .Include(x => x.County).Include(x => x.Designations).Include(x => x.Statistics)
            .AsSplitQuery().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return null;
        var township = e.TownshipId is { } tid ? await db.Jurisdictions.Where(j => j.Id == tid).Select(j => j.Name).SingleOrDefaultAsync(ct) : null;
        var town = e.SpecializedTownId is { } sid ? await db.Towns.Where(t => t.Id == sid).Select(t => t.Name).SingleOrDefaultAsync(ct) : null;
        return new EnterpriseDetail(e, e.County!.Path, township, town, e.Statistics.OrderBy(s => s.Year).ToList());
    }
}
