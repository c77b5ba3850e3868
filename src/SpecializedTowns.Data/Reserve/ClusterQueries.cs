using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Clusters;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Reserve;

/// <summary>
/// A cell with the names people read, and the specialized town it already is, if any. <see cref="TownshipOrder"/> is the
/// township's key in the official order of places (<see cref="PlaceOrder"/>).
/// </summary>
public sealed record ClusterCellView(ClusterCell Cell, string Township, string TownshipPath, string County, string CountyPath, int? TownId, string? TownName, Tier? TownTier,
    string TownshipOrder)
{
    public string Key => ReserveKeys.Of(Cell.TownshipId, Cell.Industry);
}

/// <summary>A candidate as the list and the export show it; <see cref="Rank"/> is its place in the whole ranked list.</summary>
public sealed record CandidateView(int Rank, ClusterCellView View, ReserveCandidate Candidate)
{
    public string Key => View.Key;

    public string Gaps => Candidate.Check is null
        ? Candidate.Target is null ? "所在地没有可对照的认定标准" : "企业未填写产业领域，无法对照标准"
        : Candidate.Check.Gaps.Count == 0 && Candidate.OpenCriteria == 0 ? "各项量化指标均已达到，可准备申报"
        : string.Join("；", Candidate.Check.Gaps.Select(g => g.Text)
            .Concat(Candidate.Check.Criteria.Where(c => c.Result == Results.NotMet && Candidate.Check.Gaps.All(g => g.Key != c.Key)).Select(c => c.Explanation)));
}

/// <summary>
/// The enterprises with figures in one year, grouped by province (each province its own reference region), and the cells
/// worked out from them, once: a year may be kept between requests (<see cref="ClusterYears"/>) and read by several at once.
/// </summary>
public sealed record ClusterYear(int Year, IReadOnlyList<IReadOnlyList<ClusterPiece>> Provinces)
{
    private readonly Lazy<IReadOnlyList<ClusterCell>> _cells = new(() => Provinces.SelectMany(ClusterMap.Compute).ToList());
    private readonly Lazy<IReadOnlyList<CountyCell>> _counties = new(() => Provinces.SelectMany(ClusterMap.Counties).ToList());

    // A cell checked against its target standard (the recognition engine, ~15 µs a cell: 70 ms for a province's 4,664
    // candidates). Keyed by reference — a cell record's own hash goes through every figure it holds — and by the
    // catalog's standard, not the TargetStandard wrapping it, which is made anew for each request. A number an office saves
    // makes the catalog's standards anew (decision 0021): the checks are kept for the entered numbers' latest version only,
    // or those against the old standards would stay with the year, a set for every number saved, never asked for again.
    private volatile Checks _checks = new(0);

    private sealed class Checks(long entered)
    {
        public long Entered { get; } = entered;
        public ConcurrentDictionary<(ClusterCell, RecognitionStandard?), ReserveCandidate> Done { get; } = new(ByReference.Instance);
    }

    public IReadOnlyList<ClusterCell> Cells => _cells.Value;

    public IReadOnlyList<CountyCell> CountyCells => _counties.Value;

    /// <summary>How many cells have been checked against a standard: at most the cells times the standards.</summary>
    public int CheckedCells => _checks.Done.Count;

    /// <summary>
    /// <see cref="ReserveCandidates.Check"/>, once per cell and standard for as long as the year is kept and the entered numbers'
    /// version (<see cref="PolicyCatalog.EnteredVersion"/>, read before the standards) is <paramref name="entered"/>.
    /// </summary>
    public Func<ClusterCell, TargetStandard?, ReserveCandidate> Checker(long entered)
    {
        var checks = _checks;
        // Two requests that see a new version at once may each start the set; one is kept, the other's checks made again.
        if (checks.Entered != entered) _checks = checks = new Checks(entered);
        return (cell, target) => checks.Done.GetOrAdd((cell, target?.Standard), _ => ReserveCandidates.Check(cell, target));
    }

    // Pages derive much from a year that stays the same until the data changes, and changes with this year (the places
    // and towns they read are marked in data_changes too). At province scale: placing the 20,000 cells for a scope and
    // area (the views, ~10 MB with what is derived from them) and ranking 4,700 candidates by a set of rules took 40 ms
    // of a 90 ms page. The views are kept per part of the province seen (a county office and its city's office looking
    // at that county share one), the rankings per rules on top; people look at a few areas and try a few thresholds, and
    // past these many the kept ones are dropped (the rankings with the placings they hold).
    private const int KeepPlaced = 8, KeepPictures = 16;

    private readonly ConcurrentDictionary<Seen, PlacedCells> _placed = new();
    // A ranking measures candidates against the standards as applied: under the entered numbers' version too, so that a number
    // an office saves changes 储备培育 on the next request although no figure changed (decision 0021).
    private readonly ConcurrentDictionary<(Seen, CandidateRules, PolicyCatalog, long), ClusterPicture> _pictures = new();

    /// <summary>How many placings and how many ranked pictures are kept with the year.</summary>
    public (int Placed, int Pictures) Kept => (_placed.Count, _pictures.Count);

    internal PlacedCells? KeptPlaced(Seen seen) => _placed.GetValueOrDefault(seen);

    internal PlacedCells Keep(Seen seen, PlacedCells placed)
    {
        // The rankings hold their placings: dropped together, or the dropped placings would stay in memory behind them.
        if (_placed.Count >= KeepPlaced) _pictures.Clear();
        return Keep(_placed, KeepPlaced, seen, placed);
    }

    internal ClusterPicture? KeptPicture(Seen seen, CandidateRules rules, PolicyCatalog catalog, long entered) =>
        _pictures.GetValueOrDefault((seen, rules, catalog, entered));

    internal ClusterPicture Keep(Seen seen, CandidateRules rules, PolicyCatalog catalog, long entered, ClusterPicture picture) =>
        Keep(_pictures, KeepPictures, (seen, rules, catalog, entered), picture);

    private static TValue Keep<TKey, TValue>(ConcurrentDictionary<TKey, TValue> kept, int most, TKey key, TValue value) where TKey : notnull
    {
        if (kept.Count >= most) kept.Clear();
        return kept.GetOrAdd(key, value);
    }

    // The county map's figures with their names, by the city looked at (null: the province) and industry: a few hundred
    // small rows, but read from the jurisdictions and sorted on every page otherwise.
    private readonly ConcurrentDictionary<(string? City, string Industry), IReadOnlyList<CountyFigure>> _countyFigures = new();

    internal IReadOnlyList<CountyFigure>? KeptCounties(string? city, string industry) => _countyFigures.GetValueOrDefault((city, industry));

    internal IReadOnlyList<CountyFigure> Keep(string? city, string industry, IReadOnlyList<CountyFigure> figures) =>
        Keep(_countyFigures, KeepPictures * 4, (city, industry), figures);

    private sealed class ByReference : IEqualityComparer<(ClusterCell, RecognitionStandard?)>
    {
        public static readonly ByReference Instance = new();

        public bool Equals((ClusterCell, RecognitionStandard?) x, (ClusterCell, RecognitionStandard?) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((ClusterCell, RecognitionStandard?) key) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(key.Item1), key.Item2 is null ? 0 : RuntimeHelpers.GetHashCode(key.Item2));
    }
}

/// <summary>A county's figures for one industry, with the names the map and its table show.</summary>
public sealed record CountyFigure(CountyCell Cell, string County, string City);

/// <summary>
/// The cells of one year a person sees within an area, with the names people read. Kept with the year and read by several
/// requests at once: what a page derives from every cell is worked out once, here.
/// </summary>
public sealed class PlacedCells(IReadOnlyList<ClusterCellView> cells)
{
    public static readonly PlacedCells None = new([]);

    private readonly Lazy<IReadOnlyList<string>> _industries = new(() => cells.GroupBy(c => c.Cell.Industry)
        .OrderByDescending(g => g.Sum(c => c.Cell.OutputWanYuan)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList());

    private readonly Lazy<IReadOnlyList<(int Id, string Name, string County)>> _townships = new(() => cells
        .GroupBy(c => c.Cell.TownshipId).Select(g => g.First()).OrderBy(c => c.TownshipOrder, StringComparer.Ordinal)
        .Select(c => (c.Cell.TownshipId, c.Township, c.County)).ToList());

    private readonly Lazy<Dictionary<(int, string), ClusterCellView>> _byPair = new(() => cells.ToDictionary(c => (c.Cell.TownshipId, c.Cell.Industry)));
    private readonly Lazy<ILookup<string, ClusterCellView>> _byIndustry = new(() => cells.ToLookup(c => c.Cell.Industry, StringComparer.Ordinal));
    private readonly ConcurrentDictionary<string, decimal> _largest = new(StringComparer.Ordinal);

    public IReadOnlyList<ClusterCellView> Cells => cells;

    /// <summary>The industries, largest output first.</summary>
    public IReadOnlyList<string> Industries => _industries.Value;

    /// <summary>The townships with a cell, in the official order (county by county).</summary>
    public IReadOnlyList<(int Id, string Name, string County)> Townships => _townships.Value;

    public ClusterCellView? At(int townshipId, string industry) => _byPair.Value.GetValueOrDefault((townshipId, industry));

    /// <summary>The cells of one industry.</summary>
    public IEnumerable<ClusterCellView> Of(string industry) => _byIndustry.Value[industry];

    /// <summary>The largest of a measure over every cell (0 when none is positive); <paramref name="measure"/> names <paramref name="value"/>.</summary>
    public decimal Largest(string measure, Func<ClusterCell, decimal?> value) =>
        _largest.GetOrAdd(measure, _ => cells.Select(c => value(c.Cell) ?? 0m).DefaultIfEmpty(0m).Max());
}

/// <summary>
/// The part of the province whose cells a person sees in an area: where the scope (<see cref="UserScope.Covers"/>) and the
/// area meet, which in a tree of places is the deeper of the two, or nothing. <see cref="Path"/> null is everything.
/// </summary>
internal readonly record struct Seen(string? Path, bool Nothing)
{
    public static Seen Of(UserScope scope, string? area)
    {
        var own = scope.IsAdmin ? null : scope.JurisdictionPath;
        if (area is null || own is not null && Jurisdiction.IsWithin(own, area)) return new(own, false);
        return own is null || Jurisdiction.IsWithin(area, own) ? new(area, false) : new(null, true);
    }

    public bool Holds(string path) => !Nothing && (Path is null || Jurisdiction.IsWithin(path, Path));
}

/// <summary>The township × industry picture of one year within an area, and the candidates in it, ranked.</summary>
public sealed class ClusterPicture(int year, PlacedCells placed, IReadOnlyList<CandidateView> candidates)
{
    public static ClusterPicture Empty(int year) => new(year, PlacedCells.None, []);

    private readonly Lazy<HashSet<ClusterCellView>> _candidates = new(() => candidates.Select(c => c.View).ToHashSet<ClusterCellView>(ReferenceEqualityComparer.Instance));

    public int Year => year;

    public PlacedCells Placed => placed;

    public IReadOnlyList<CandidateView> Candidates => candidates;

    public IReadOnlyList<ClusterCellView> Cells => placed.Cells;

    public bool IsCandidate(ClusterCellView view) => _candidates.Value.Contains(view);
}

public static class ReserveKeys
{
    /// <summary>A township–industry pair in a URL or a ticked row: "12|电机".</summary>
    public static string Of(int townshipId, string industry) => $"{townshipId}|{industry}";

    public static (int TownshipId, string Industry)? Parse(string? key)
    {
        var bar = key?.IndexOf('|') ?? -1;
        if (bar <= 0 || !int.TryParse(key![..bar], out var id)) return null;
        var industry = ClusterMap.Key(key[(bar + 1)..]);
        return industry.Length == 0 ? null : (id, industry);
    }
}

/// <summary>
/// 储备培育: the cluster-mapping measures of every township × industry from the enterprise registry and its annual
/// statistics, and the candidates for the 储备 list. An enterprise of a specialized town that names no industry of its
/// own is in the town's leading industry. The quotients against the city and the province use their totals even when
/// the person sees one county: only sums leave the query, never another county's enterprises.
/// </summary>
public static class ClusterQueries
{
    public static bool HasAccess(UserScope scope) => scope.Role != Roles.Expert;

    /// <summary>The years with enterprise statistics, latest first: from one year to the next down the year index.</summary>
    public static async Task<IReadOnlyList<int>> YearsAsync(TownsDbContext db, CancellationToken ct = default) =>
        await db.Database.SqlQueryRaw<int>("""
            WITH RECURSIVE y(year) AS (
                SELECT MAX(year) FROM enterprise_annual_statistics
                UNION ALL
                SELECT (SELECT MAX(s.year) FROM enterprise_annual_statistics AS s WHERE s.year < y.year) FROM y WHERE y.year IS NOT NULL)
            SELECT year AS "Value" FROM y WHERE year IS NOT NULL
            """).ToListAsync(ct);

    /// <summary>
    /// The province a person's 储备培育 is worked out for: each province is its own reference region, so an office needs
    /// only its own (a national database holds 4.7 million enterprises); all of them (null) for the administrator.
    /// </summary>
    public static string? ProvinceOf(UserScope scope) => scope.IsAdmin ? null : ProvinceOf(scope.JurisdictionPath);

    public static string ProvinceOf(string path) => path.Split('/')[0];

    /// <summary>Every township × industry cell of the year across the province (null: all), before any scope is applied.</summary>
    public static async Task<IReadOnlyList<ClusterCell>> CellsAsync(TownsDbContext db, int year, string? province, CancellationToken ct = default) =>
        (await YearAsync(db, year, province, ct)).Cells;

    /// <summary>
    /// Each county's figures for one industry in the year, for the county map: the counties of the person's city (the
    /// whole province for a province user), with their names. Only sums of other counties are shown, as on the heat map.
    /// </summary>
    public static async Task<IReadOnlyList<CountyFigure>> CountiesAsync(TownsDbContext db, UserScope scope, int year, string industry, CancellationToken ct = default) =>
        HasAccess(scope) ? await CountiesAsync(db, scope, await YearAsync(db, year, ProvinceOf(scope), ct), industry, ct) : [];

    /// <inheritdoc cref="CountiesAsync(TownsDbContext, UserScope, int, string, CancellationToken)"/>
    public static async Task<IReadOnlyList<CountyFigure>> CountiesAsync(TownsDbContext db, UserScope scope, ClusterYear data, string industry, CancellationToken ct = default)
    {
        if (!HasAccess(scope)) return [];
        var key = ClusterMap.Key(industry);
        // The province's counties for an administrator or a province user, else those of the person's city.
        string? city = scope.IsAdmin || !scope.JurisdictionPath.Contains('/') ? null : string.Join("/", scope.JurisdictionPath.Split('/').Take(2));
        if (data.KeptCounties(city, key) is { } kept) return kept;
        var cells = data.CountyCells.Where(c => c.Industry == key).ToList();
        var ids = cells.Select(c => c.CountyId).Concat(cells.Select(c => c.CityId)).Distinct().ToList();
        var names = await db.Jurisdictions.AsNoTracking().Where(j => ids.Contains(j.Id)).Select(j => new { j.Id, j.Name, j.Path, j.Code }).ToDictionaryAsync(j => j.Id, ct);
        return data.Keep(city, key, cells.Where(c => names.ContainsKey(c.CountyId) && names.ContainsKey(c.CityId))
            .Where(c => city is null || names[c.CountyId].Path.StartsWith(city + "/", StringComparison.Ordinal))
            .OrderBy(c => PlaceOrder.KeyOf(names[c.CountyId].Code, names[c.CountyId].Path), StringComparer.Ordinal)
            .Select(c => new CountyFigure(c, names[c.CountyId].Name, names[c.CityId].Name)).ToList());
    }

    /// <summary>
    /// Every enterprise with figures for the year, grouped by province, each placed where it lies: what the heat map, the
    /// candidates and the county map are all worked out from, read once for a page. The database adds the enterprises up
    /// by place, industry, category and town (a province: 300,000 enterprises, a few thousand sums); which industry an
    /// enterprise without one of its own is in is decided here, as people type it, not by the database's idea of a blank.
    /// </summary>
    /// <param name="province">A province's path, or null for every province.</param>
    public static async Task<ClusterYear> YearAsync(TownsDbContext db, int year, string? province, CancellationToken ct = default)
    {
        var registry = db.Enterprises.AsNoTracking();
        if (province is not null)
        {
            var inProvince = UserScope.CountiesUnder(db, province);
            registry = registry.Where(e => inProvince.Contains(e.CountyId));
        }
        // Ids only in the grouping: the town's industry and the county's city and province come from the few towns and
        // counties afterwards, not from joins on every row.
        var enterprises =
            from s in db.EnterpriseStatistics.AsNoTracking()
            where s.Year == year
            join e in registry on s.EnterpriseId equals e.Id
            select new
            {
                Key = new { e.TownshipId, e.CountyId, e.Industry, Category = e.IndustryCategory, TownId = e.SpecializedTownId },
                e.Role, Output = s.OutputValueWanYuan ?? 0m, Employment = s.Employment ?? 0,
            };
        var sums = await enterprises.GroupBy(x => x.Key).Select(g => new
        {
            g.Key,
            Enterprises = g.Count(),
            Leading = g.Sum(x => x.Role == EnterpriseRole.Leading ? 1 : 0),
            Output = g.Sum(x => x.Output),
            Employment = g.Sum(x => x.Employment),
            PositiveOutput = g.Sum(x => x.Output > 0 ? x.Output : 0m),
            OutputSquares = g.Sum(x => x.Output > 0 ? x.Output * x.Output : 0m),
            MaxOutput = g.Max(x => x.Output),
            PositiveEmployment = g.Sum(x => x.Employment > 0 ? (long)x.Employment : 0L),
            EmploymentSquares = g.Sum(x => x.Employment > 0 ? (long)x.Employment * x.Employment : 0L),
            MaxEmployment = g.Max(x => x.Employment),
        }).ToListAsync(ct);
        // From the few designations to their enterprises' figures of the year, not the other way round.
        var designations = (await (
            from d in db.EnterpriseDesignations.AsNoTracking()
            join e in registry on d.EnterpriseId equals e.Id
            where db.EnterpriseStatistics.Any(s => s.EnterpriseId == e.Id && s.Year == year)
            select new
            {
                Piece = new { e.TownshipId, e.CountyId, e.Industry, Category = e.IndustryCategory, TownId = e.SpecializedTownId },
                Designation = d.Key,
            }).Distinct().ToListAsync(ct))
            .ToLookup(d => d.Piece, d => d.Designation);
        var towns = await db.Towns.AsNoTracking().Select(t => new { t.Id, t.LeadingIndustry, t.Category }).ToDictionaryAsync(t => t.Id, ct);
        var countyIds = sums.Select(r => r.Key.CountyId).Distinct().ToList();
        var counties = await db.Jurisdictions.AsNoTracking().Where(j => countyIds.Contains(j.Id)).Select(j => new { j.Id, j.ParentId, j.Path })
            .ToDictionaryAsync(j => j.Id, ct);

        var provinces = sums.Select(r =>
        {
            var county = counties[r.Key.CountyId];
            var town = r.Key.TownId is { } id ? towns.GetValueOrDefault(id) : null;
            return (Province: county.Path.Split('/')[0], Piece: new ClusterPiece(
                r.Key.TownshipId, county.Id, county.ParentId ?? county.Id,
                string.IsNullOrWhiteSpace(r.Key.Industry) ? town?.LeadingIndustry : r.Key.Industry,
                string.IsNullOrWhiteSpace(r.Key.Category) ? town?.Category : r.Key.Category,
                r.Enterprises, r.Leading, r.Output, r.Employment,
                new Spread(r.PositiveOutput, r.OutputSquares, r.MaxOutput),
                new Spread(r.PositiveEmployment, r.EmploymentSquares, r.MaxEmployment))
            {
                Designations = designations[r.Key].ToList(),
            });
        }).GroupBy(e => e.Province, e => e.Piece).Select(g => (IReadOnlyList<ClusterPiece>)g.ToList()).ToList();
        return new ClusterYear(year, provinces);
    }

    /// <summary>
    /// The cells of the year whose township lies in the area (a city or county path; null for all) and in the person's
    /// scope, with the candidates among them ranked by <see cref="ReserveCandidates.Rank"/>.
    /// </summary>
    public static async Task<ClusterPicture> PictureAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, int year, string? areaPath, CandidateRules rules, CancellationToken ct = default) =>
        HasAccess(scope) ? await PictureAsync(db, catalog, scope, await YearAsync(db, year, ProvinceOf(scope), ct), areaPath, rules, ct) : ClusterPicture.Empty(year);

    /// <inheritdoc cref="PictureAsync(TownsDbContext, PolicyCatalog, UserScope, int, string?, CandidateRules, CancellationToken)"/>
    public static async Task<ClusterPicture> PictureAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, ClusterYear data, string? areaPath, CandidateRules rules, CancellationToken ct = default)
    {
        var year = data.Year;
        if (!HasAccess(scope)) return ClusterPicture.Empty(year);
        var seen = Seen.Of(scope, areaPath);
        // Read once, before the standards: a number saved meanwhile makes the next request rank again, never the reverse.
        var entered = catalog.EnteredVersion;
        if (data.KeptPicture(seen, rules, catalog, entered) is { } kept) return kept;
        var placed = data.KeptPlaced(seen) ?? data.Keep(seen, await PlaceAsync(db, data, seen, ct));
        var views = placed.Cells;

        // By reference: a cell record's own hash goes through every figure it holds.
        var byCell = views.ToDictionary<ClusterCellView, ClusterCell>(v => v.Cell, ReferenceEqualityComparer.Instance);
        var targets = new Dictionary<string, TargetStandard?>();
        var ranked = ReserveCandidates.Select(views.Select(v => v.Cell), rules, c => byCell[c].TownId is not null,
            c => targets.TryGetValue(byCell[c].CountyPath, out var t) ? t : targets[byCell[c].CountyPath] = TargetFor(catalog, byCell[c].CountyPath),
            c => byCell[c].TownshipOrder, data.Checker(entered));
        return data.Keep(seen, rules, catalog, entered, new ClusterPicture(year, placed, ranked.Select((c, i) => new CandidateView(i + 1, byCell[c.Cell], c)).ToList()));
    }

    /// <summary>The year's cells whose township the person sees in the area, with names and the town each pair already is.</summary>
    private static async Task<PlacedCells> PlaceAsync(TownsDbContext db, ClusterYear data, Seen seen, CancellationToken ct)
    {
        if (seen.Nothing) return PlacedCells.None;
        var cells = data.Cells;
        var places = await PlacesAsync(db, cells.Select(c => c.TownshipId).Distinct().ToList(), ct);
        var towns = await TownsByPairAsync(db, ct);
        var views = new List<ClusterCellView>();
        foreach (var cell in cells)
        {
            if (!places.TryGetValue(cell.TownshipId, out var place)) continue;
            if (!seen.Holds(place.Path)) continue;
            var town = towns.GetValueOrDefault((cell.TownshipId, cell.Industry));
            views.Add(new ClusterCellView(cell, place.Name, place.Path, place.County, place.CountyPath, town?.Id, town?.Name, town?.Tier, place.Order));
        }
        return new PlacedCells(views);
    }

    /// <summary>
    /// The standard a candidate is measured against: of the standards that apply where its county lies, the lowest tier
    /// above 储备 (the county-level one where the county has one, as 永济 does), the most local document first.
    /// </summary>
    public static TargetStandard? TargetFor(PolicyCatalog catalog, string countyPath) => catalog.Standards
        .Select(s => (Standard: s, Tier: Tiers.Parse(s.Tier), Area: catalog.AreaOf(s)))
        .Where(s => s.Tier is { } t && t != Tier.Reserve && s.Area.Length > 0 && (countyPath == s.Area || countyPath.StartsWith(s.Area + "/", StringComparison.Ordinal)))
        .OrderBy(s => s.Tier).ThenByDescending(s => s.Area.Length).ThenBy(s => s.Standard.Id, StringComparer.Ordinal)
        .Select(s => new TargetStandard(s.Standard, s.Tier!.Value)).FirstOrDefault();

    internal sealed record Place(string Name, string Path, string County, string CountyPath, int CountyId, string Order);

    internal static async Task<Dictionary<int, Place>> PlacesAsync(TownsDbContext db, IReadOnlyCollection<int> townshipIds, CancellationToken ct)
    {
        var rows = await (
            from t in db.Jurisdictions.AsNoTracking()
            where townshipIds.Contains(t.Id) && t.Level == JurisdictionLevel.Township
            join c in db.Jurisdictions.AsNoTracking() on t.ParentId equals (int?)c.Id
            select new { t.Id, t.Name, t.Path, t.Code, County = c.Name, CountyPath = c.Path, CountyId = c.Id, CountyCode = c.Code }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new Place(r.Name, r.Path, r.County, r.CountyPath, r.CountyId,
            PlaceOrder.TownshipKeyOf(r.Code, r.Name, PlaceOrder.KeyOf(r.CountyCode, r.CountyPath))));
    }

    internal sealed record TownRef(int Id, string Name, Tier Tier);

    /// <summary>Every specialized town by (township, leading industry): the pair is a town already, whatever its tier.</summary>
    internal static async Task<Dictionary<(int, string), TownRef>> TownsByPairAsync(TownsDbContext db, CancellationToken ct)
    {
        var rows = await (
            from x in db.TownTownships.AsNoTracking()
            join t in db.Towns.AsNoTracking() on x.SpecializedTownId equals t.Id
            select new { x.TownshipId, t.Id, t.Name, t.LeadingIndustry, t.Tier }).ToListAsync(ct);
        var map = new Dictionary<(int, string), TownRef>();
        foreach (var r in rows.OrderByDescending(r => r.Tier))
            map.TryAdd((r.TownshipId, ClusterMap.Key(r.LeadingIndustry)), new TownRef(r.Id, r.Name, r.Tier));
        return map;
    }
}
