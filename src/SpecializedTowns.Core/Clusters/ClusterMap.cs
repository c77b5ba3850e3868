namespace SpecializedTowns.Core.Clusters;

/// <summary>Which figure a location quotient or a concentration is taken on.</summary>
public enum ClusterBasis { Output = 1, Employment = 2 }

/// <summary>
/// One enterprise's figures for a year, placed where it lies. <see cref="Industry"/> is null when nobody has said which
/// industry it is in: it still counts in its township's and regions' all-industry totals, but in no industry's cell.
/// </summary>
public sealed record ClusterEnterprise(
    int Id,
    string Name,
    int? TownshipId,
    int CountyId,
    int CityId,
    string? Industry,
    string? Category,
    bool IsLeading,
    decimal OutputWanYuan,
    int Employment)
{
    public IReadOnlyList<string> Designations { get; init; } = [];
}

/// <summary>
/// What <see cref="ClusterMap"/> works on: enterprises alike in everything the measures look at, added up. One
/// enterprise is a piece of one (<see cref="Of"/>); at province scale the database adds them up by place, industry,
/// category and town, so that 300,000 enterprises arrive as a few thousand sums.
/// </summary>
public sealed record ClusterPiece(
    int? TownshipId,
    int CountyId,
    int CityId,
    string? Industry,
    string? Category,
    int Enterprises,
    int LeadingEnterprises,
    decimal OutputWanYuan,
    int Employment,
    Spread OutputSpread,
    Spread EmploymentSpread)
{
    /// <summary>The designations any of the piece's enterprises hold.</summary>
    public IReadOnlyList<string> Designations { get; init; } = [];

    public decimal Figure(ClusterBasis basis) => basis == ClusterBasis.Output ? OutputWanYuan : Employment;

    public Spread SpreadOf(ClusterBasis basis) => basis == ClusterBasis.Output ? OutputSpread : EmploymentSpread;

    public static ClusterPiece Of(ClusterEnterprise e) => new(
        e.TownshipId, e.CountyId, e.CityId, e.Industry, e.Category, 1, e.IsLeading ? 1 : 0, e.OutputWanYuan, e.Employment,
        Spread.Of(e.OutputWanYuan), Spread.Of(e.Employment)) { Designations = e.Designations };
}

/// <summary>
/// What concentration needs of a group's positive figures (a zero or negative figure holds no share): their total, the
/// sum of their squares and the largest. Sums of groups add up to the sums of their union, so the database can add them.
/// </summary>
public readonly record struct Spread(decimal Total, decimal Squares, decimal Max)
{
    public static Spread Of(decimal figure) => figure > 0 ? new Spread(figure, figure * figure, figure) : default;

    public Spread Plus(Spread other) => new(Total + other.Total, Squares + other.Squares, Math.Max(Max, other.Max));
}

/// <summary>Location quotients of one cell against the county, the city and the province; null where a denominator is zero.</summary>
public sealed record LocationQuotients(decimal? County, decimal? City, decimal? Province);

/// <summary>How concentrated a cell is among its enterprises: the largest one's share (0–1) and the HHI (0–10 000).</summary>
public sealed record Concentration(decimal? TopShare, decimal? Hhi);

/// <summary>One township × industry for one year: the cluster-mapping measures.</summary>
public sealed record ClusterCell(
    int TownshipId,
    int CountyId,
    int CityId,
    string Industry,
    string? Category,
    int Enterprises,
    int LeadingEnterprises,
    decimal OutputWanYuan,
    int Employment,
    LocationQuotients OutputLq,
    LocationQuotients EmploymentLq,
    Concentration OutputConcentration,
    Concentration EmploymentConcentration,
    IReadOnlyList<string> Designations)
{
    public LocationQuotients Lq(ClusterBasis basis) => basis == ClusterBasis.Output ? OutputLq : EmploymentLq;
}

/// <summary>One county × industry for one year; its quotients are against the city and the province (<c>County</c> is null).</summary>
public sealed record CountyCell(
    int CountyId, int CityId, string Industry, int Enterprises, decimal OutputWanYuan, int Employment,
    LocationQuotients OutputLq, LocationQuotients EmploymentLq)
{
    public LocationQuotients Lq(ClusterBasis basis) => basis == ClusterBasis.Output ? OutputLq : EmploymentLq;
}

/// <summary>
/// The cluster-mapping measures of 梯次培育 (永济 五（三）“梳理溯源、深入挖掘本地区具有比较优势的特色产品”; 朔政办发〔2023〕19号
/// 三（一）“省级+市级+储备”): for each township and industry, its enterprises, output, employment, location quotients and
/// concentration. Pure: the caller passes every enterprise of the province with figures for the year (as pieces, see
/// <see cref="ClusterPiece"/>), because a quotient against the city or the province needs their totals even when the
/// person sees one county.
/// </summary>
public static class ClusterMap
{
    /// <summary>
    /// LQ = (township's industry figure ÷ township's all-industry figure) ÷ (region's industry figure ÷ region's
    /// all-industry figure). Zero denominators: when the township's all-industry figure is 0, or the region's industry
    /// figure is 0 (then the township's is 0 too), or the region's all-industry figure is 0, the quotient is undefined
    /// and returned as null ("无法计算"), never as 0 or infinity: no figure is better than a made-up one.
    /// </summary>
    public static decimal? LocationQuotient(decimal townshipIndustry, decimal townshipAll, decimal regionIndustry, decimal regionAll)
    {
        if (townshipAll <= 0 || regionIndustry <= 0 || regionAll <= 0) return null;
        // One division instead of three: a province computes some 100,000 quotients for a page.
        return townshipIndustry * regionAll / (townshipAll * regionIndustry);
    }

    /// <summary>
    /// The largest enterprise's share and the Herfindahl–Hirschman index Σ(100 × sᵢ)² = 10 000 × Σfᵢ² ÷ (Σfᵢ)², so
    /// 10 000 is one enterprise holding everything. Null when the cell's total is 0 (nothing to share).
    /// </summary>
    public static Concentration ConcentrationOf(Spread spread) => spread.Total <= 0
        ? new Concentration(null, null)
        : new Concentration(spread.Max / spread.Total, 10000m * spread.Squares / (spread.Total * spread.Total));

    public static IReadOnlyList<ClusterCell> Compute(IReadOnlyList<ClusterPiece> province)
    {
        // All-industry totals include enterprises without an industry: they are part of the economy all the same. One pass
        // over the pieces adds every total.
        var totals = new Totals(province);
        var cells = new List<ClusterCell>(totals.Cells.Count);
        foreach (var ((township, industry), g) in totals.Cells)
        {
            var first = g[0];
            var own = new Sum();
            Spread outputSpread = default, employmentSpread = default;
            var (enterprises, leading) = (0, 0);
            foreach (var piece in g)
            {
                own.Add(piece);
                outputSpread = outputSpread.Plus(piece.OutputSpread);
                employmentSpread = employmentSpread.Plus(piece.EmploymentSpread);
                enterprises += piece.Enterprises;
                leading += piece.LeadingEnterprises;
            }
            LocationQuotients Lq(ClusterBasis b)
            {
                var (mine, all) = (own.Of(b), totals.Township[township].Of(b));
                return new LocationQuotients(
                    LocationQuotient(mine, all, totals.CountyIndustry[(first.CountyId, industry)].Of(b), totals.County[first.CountyId].Of(b)),
                    LocationQuotient(mine, all, totals.CityIndustry[(first.CityId, industry)].Of(b), totals.City[first.CityId].Of(b)),
                    LocationQuotient(mine, all, totals.ProvinceIndustry[industry].Of(b), totals.Province.Of(b)));
            }
            cells.Add(new ClusterCell(
                township, first.CountyId, first.CityId, industry, CategoryOf(g),
                enterprises, leading, own.Output, (int)own.Employment,
                Lq(ClusterBasis.Output), Lq(ClusterBasis.Employment),
                ConcentrationOf(outputSpread), ConcentrationOf(employmentSpread),
                g.All(e => e.Designations.Count == 0) ? [] : g.SelectMany(e => e.Designations).Distinct().Order(StringComparer.Ordinal).ToList()));
        }
        return cells;
    }

    /// <summary>A cell's category is the one most of its enterprises give; ties go to the larger output.</summary>
    private static string? CategoryOf(List<ClusterPiece> pieces)
    {
        if (pieces.Count == 1) return string.IsNullOrWhiteSpace(pieces[0].Category) ? null : pieces[0].Category;
        return pieces.Where(e => !string.IsNullOrWhiteSpace(e.Category)).GroupBy(e => e.Category!)
            .OrderByDescending(c => c.Sum(e => e.Enterprises)).ThenByDescending(c => c.Sum(e => e.OutputWanYuan)).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key).FirstOrDefault();
    }

    /// <summary>
    /// The same measures one level up, for the county map: each county × industry with its enterprises, output,
    /// employment and location quotients against its city and the province (against itself it would always be 1).
    /// Every enterprise counts, with or without a township.
    /// </summary>
    public static IReadOnlyList<CountyCell> Counties(IReadOnlyList<ClusterPiece> province)
    {
        var totals = new Totals(province);
        return totals.CountyCells.Select(pair =>
        {
            var ((county, city, industry), g) = pair;
            LocationQuotients Lq(ClusterBasis b)
            {
                var own = g.Sum(e => e.Figure(b));
                var all = totals.County[county].Of(b);
                return new LocationQuotients(null,
                    LocationQuotient(own, all, totals.CityIndustry[(city, industry)].Of(b), totals.City[city].Of(b)),
                    LocationQuotient(own, all, totals.ProvinceIndustry[industry].Of(b), totals.Province.Of(b)));
            }
            return new CountyCell(county, city, industry, g.Sum(e => e.Enterprises), g.Sum(e => e.OutputWanYuan), g.Sum(e => e.Employment),
                Lq(ClusterBasis.Output), Lq(ClusterBasis.Employment));
        }).ToList();
    }

    /// <summary>Output and employment added up.</summary>
    private sealed class Sum
    {
        public decimal Output;
        public decimal Employment;

        public void Add(ClusterPiece e)
        {
            Output += e.Figure(ClusterBasis.Output);
            Employment += e.Figure(ClusterBasis.Employment);
        }

        public decimal Of(ClusterBasis basis) => basis == ClusterBasis.Output ? Output : Employment;
    }

    /// <summary>Every total a quotient needs, and the pieces of each cell in the order they first appear.</summary>
    private sealed class Totals
    {
        public readonly Dictionary<int, Sum> Township = [], County = [], City = [];
        public readonly Sum Province = new();
        public readonly Dictionary<(int, string), Sum> CountyIndustry = [], CityIndustry = [];
        public readonly Dictionary<string, Sum> ProvinceIndustry = [];
        public readonly List<((int Township, string Industry) Key, List<ClusterPiece> Pieces)> Cells = [];
        public readonly List<((int County, int City, string Industry) Key, List<ClusterPiece> Pieces)> CountyCells = [];

        public Totals(IReadOnlyList<ClusterPiece> province)
        {
            var cellAt = new Dictionary<(int, string), List<ClusterPiece>>();
            var countyCellAt = new Dictionary<(int, int, string), List<ClusterPiece>>();
            foreach (var e in province)
            {
                At(County, e.CountyId).Add(e);
                At(City, e.CityId).Add(e);
                Province.Add(e);
                if (e.TownshipId is { } township) At(Township, township).Add(e);
                if (string.IsNullOrWhiteSpace(e.Industry)) continue;
                var industry = Key(e.Industry);
                At(CountyIndustry, (e.CountyId, industry)).Add(e);
                At(CityIndustry, (e.CityId, industry)).Add(e);
                At(ProvinceIndustry, industry).Add(e);
                Member(countyCellAt, CountyCells, (e.CountyId, e.CityId, industry), e);
                if (e.TownshipId is { } t) Member(cellAt, Cells, (t, industry), e);
            }
        }

        private static Sum At<TKey>(Dictionary<TKey, Sum> sums, TKey key) where TKey : notnull
        {
            if (!sums.TryGetValue(key, out var sum)) sums[key] = sum = new Sum();
            return sum;
        }

        private static void Member<TKey>(Dictionary<TKey, List<ClusterPiece>> at, List<(TKey, List<ClusterPiece>)> ordered, TKey key, ClusterPiece e)
            where TKey : notnull
        {
            if (!at.TryGetValue(key, out var list))
            {
                at[key] = list = [];
                ordered.Add((key, list));
            }
            list.Add(e);
        }
    }

    /// <summary>Industries are free text typed by people: "电机 " and "电机" are one industry.</summary>
    public static string Key(string? industry) => (industry ?? "").Trim();
}
