using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Towns;

public sealed record TownFilter
{
    /// <summary>Jurisdiction path (山西省/运城市): towns of every county under it.</summary>
    public string? JurisdictionPath { get; init; }
    public Tier? Tier { get; init; }
    public string? Category { get; init; }
    public string? Search { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;

    /// <summary>name, tier, output (largest first); else by place.</summary>
    public string? Sort { get; init; }

    /// <summary>The columns <see cref="Sort"/> names (<see cref="ListSort"/>), each either way.</summary>
    public static readonly IReadOnlyList<string> SortKeys = ["name", "tier", "output"];

    /// <summary>
    /// The statistics year every row shows and the output sort compares (<see cref="StatisticsYear.Compared"/>): a town
    /// without it shows none rather than an older year's figure. Null: each town's newest year, named in its row.
    /// </summary>
    public int? Year { get; init; }
}

public sealed record TownListItem(
    int Id, string Name, string County, string CountyPath, IReadOnlyList<string> Townships, string Category,
    string LeadingIndustry, Tier Tier, int? Year, decimal? OutputValueWanYuan, int? Employment, bool IsDemo)
{
    /// <summary>For a town taken off the list: the 文号 and day of the step that took it off (decision 0024).</summary>
    public string? DelistedBy { get; init; }
    public DateOnly? DelistedOn { get; init; }
}

public static class TownQueries
{
    /// <remarks>
    /// A search over more than a county is planned for its values (<see cref="PlansPerRun"/>): PostgreSQL's one plan for all
    /// guessed a name search finds one town and read the province's 1,329 places again for each town found (the province's
    /// 铸造 towns: 2.2 ms to count 36 of 300, against 0.7).
    /// </remarks>
    public static Task<Paged<TownListItem>> ListAsync(TownsDbContext db, TownFilter filter, CancellationToken ct = default, UserScope? scope = null) =>
        db.PlannedPerRunAsync(!string.IsNullOrWhiteSpace(filter.Search) && (scope?.SpansCounties ?? true), () => ListInScopeAsync(db, filter, scope, ct), ct);

    private static async Task<Paged<TownListItem>> ListInScopeAsync(TownsDbContext db, TownFilter filter, UserScope? scope, CancellationToken ct)
    {
        var (page, size) = Paged<TownListItem>.Normalize(filter.Page, filter.PageSize);
        var query = Filtered(db, filter, scope);
        var total = await query.CountAsync(ct);
        var year = filter.Year;
        var sort = ListSort.Parse(filter.Sort);
        var ordered = sort.Key switch
        {
            "name" => query.OrderBy(t => t.Name, sort.Descending()).ThenBy(t => t.Id, sort.Descending()),
            "tier" => query.OrderBy(t => t.Tier, sort.Descending(usuallyDescending: true)).ThenBy(t => t.Name),
            // Towns without a figure (for the year) last either way: PostgreSQL would put them first when sorting largest first.
            "output" => query.OrderBy(t => !t.Statistics.AsQueryable().Where(TownAnnualStatistics.IsReported).Any(s => year == null || s.Year == year))
                .ThenBy(t => t.Statistics.AsQueryable().Where(TownAnnualStatistics.IsReported).Where(s => year == null || s.Year == year)
                    .OrderByDescending(s => s.Year).Select(s => s.OutputValueWanYuan).FirstOrDefault(),
                sort.Descending(usuallyDescending: true)).ThenBy(t => t.Name),
            _ => query.OrderByCounty(t => t.County).ThenBy(t => t.Name),
        };
        var rows = await ordered
            .Skip((page - 1) * size).Take(size)
            .Select(t => new
            {
                t.Id, t.Name, County = t.County!.Name, CountyPath = t.County.Path, t.Category, t.LeadingIndustry, t.Tier, t.IsDemo,
                Townships = t.Townships.Select(x => x.Township!.Name).ToList(),
                Delisting = t.TierHistory.Where(h => h.Tier == Tier.Delisted).OrderByDescending(h => h.EffectiveOn).ThenByDescending(h => h.Id)
                    .Select(h => new { h.DocumentNumber, h.EffectiveOn }).FirstOrDefault(),
                Latest = t.Statistics.AsQueryable().Where(TownAnnualStatistics.IsReported).Where(s => year == null || s.Year == year)
                    .OrderByDescending(s => s.Year).Select(s => new { s.Year, s.OutputValueWanYuan, s.Employment }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new TownListItem(r.Id, r.Name, r.County, r.CountyPath, r.Townships, r.Category, r.LeadingIndustry, r.Tier,
            r.Latest?.Year, Quantity.Normalize(r.Latest?.OutputValueWanYuan), r.Latest?.Employment, r.IsDemo)
            {
                DelistedBy = r.Tier == Tier.Delisted ? r.Delisting?.DocumentNumber : null,
                DelistedOn = r.Tier == Tier.Delisted ? r.Delisting?.EffectiveOn : null,
            }).ToList();
        return new Paged<TownListItem>(items, total, page, size);
    }

    /// <summary>The towns the filter keeps that have no 年产值 for <paramref name="year"/> (their rows show “—”).</summary>
    public static Task<int> WithoutYearAsync(TownsDbContext db, TownFilter filter, int year, UserScope? scope, CancellationToken ct = default) =>
        Filtered(db, filter, scope).CountAsync(t => !t.Statistics.Any(s => s.Year == year && s.OutputValueWanYuan != null), ct);

    /// <summary>The year the list compares the towns in scope on, by the dashboard's rule (<see cref="StatisticsYear.Compared"/>).</summary>
    public static async Task<int?> ComparisonYearAsync(TownsDbContext db, UserScope scope, CancellationToken ct = default)
    {
        var towns = scope.Towns(db).Select(t => t.Id);
        var reported = await db.TownStatistics.AsNoTracking().Where(TownAnnualStatistics.IsReported).Where(s => towns.Contains(s.SpecializedTownId))
            .Select(s => new { s.SpecializedTownId, s.Year }).ToListAsync(ct);
        return StatisticsYear.Compared(reported.GroupBy(s => s.SpecializedTownId).Select(g => g.Select(s => s.Year)));
    }

    private static IQueryable<SpecializedTown> Filtered(TownsDbContext db, TownFilter filter, UserScope? scope)
    {
        var query = (scope?.Towns(db) ?? db.Towns).AsNoTracking().Under(db, filter.JurisdictionPath);
        // The 名录 is the towns on it; those taken off it are listed under their own filter (已退出), with the 文号 and day.
        query = filter.Tier is { } tier ? query.Where(t => t.Tier == tier) : query.Where(SpecializedTown.Listed);
        if (!string.IsNullOrWhiteSpace(filter.Category)) query = query.Where(t => t.Category == filter.Category);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim();
            query = query.Where(t => t.Name.Contains(s) || t.LeadingIndustry.Contains(s));
        }
        return query;
    }
}

public sealed record TownDetail(
    SpecializedTown Town, string CountyPath, IReadOnlyList<string> Townships,
    IReadOnlyList<TierChange> TierHistory, IReadOnlyList<TownAnnualStatistics> Statistics,
    IReadOnlyList<Brand> Brands, IReadOnlyList<IndustryStandardRecord> Standards, int Enterprises);

public static class TownDetails
{
    /// <summary>One town in the person's scope; null for one outside it, the same as one that does not exist.</summary>
    public static async Task<TownDetail?> FindAsync(TownsDbContext db, int id, UserScope? scope, CancellationToken ct = default)
    {
        // The town, then each of its lists by itself: EF's asynchronous split query of the same built a fresh set of
        // delegates for the town's row on every request (DynamicMethod.CreateDelegate, about a tenth of the page's CPU).
        var town = await (scope?.Towns(db) ?? db.Towns).AsNoTracking().Include(t => t.County).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (town is null) return null;
        town.Townships = await db.TownTownships.AsNoTracking().Include(x => x.Township).Where(x => x.SpecializedTownId == id).OrderBy(x => x.TownshipId).ToListAsync(ct);
        town.TierHistory = await db.TierChanges.AsNoTracking().Where(h => h.SpecializedTownId == id).OrderBy(h => h.Id).ToListAsync(ct);
        town.Statistics = await db.TownStatistics.AsNoTracking().Where(s => s.SpecializedTownId == id).OrderBy(s => s.Id).ToListAsync(ct);
        town.Brands = await db.Brands.AsNoTracking().Where(b => b.SpecializedTownId == id).OrderBy(b => b.Id).ToListAsync(ct);
        town.IndustryStandards = await db.IndustryStandards.AsNoTracking().Where(s => s.SpecializedTownId == id).OrderBy(s => s.Id).ToListAsync(ct);
        var enterprises = await db.EnterpriseTallies.Where(t => t.TownId == id).SumAsync(t => t.Enterprises, ct);
        return new TownDetail(town, town.County!.Path, town.Townships.Select(x => x.Township!.Name).ToList(),
            town.TierHistory.OrderBy(h => h.EffectiveOn).ToList(), town.Statistics.OrderBy(s => s.Year).ToList(),
            town.Brands, town.IndustryStandards, enterprises);
    }
}
