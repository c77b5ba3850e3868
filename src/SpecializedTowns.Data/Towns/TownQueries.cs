using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;

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
}

public sealed record TownListItem(
    int Id, string Name, string County, string CountyPath, IReadOnlyList<string> Townships, string Category,
    string LeadingIndustry, Tier Tier, int? Year, decimal? OutputValueWanYuan, int? Employment, bool IsDemo);

public static class TownQueries
{
    public static async Task<Paged<TownListItem>> ListAsync(TownsDbContext db, TownFilter filter, CancellationToken ct = default)
    {
        var (page, size) = Paged<TownListItem>.Normalize(filter.Page, filter.PageSize);
        var query = db.Towns.AsNoTracking().Under(filter.JurisdictionPath);
        if (filter.Tier is { } tier) query = query.Where(t => t.Tier == tier);
        if (!string.IsNullOrWhiteSpace(filter.Category)) query = query.Where(t => t.Category == filter.Category);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim();
            query = query.Where(t => t.Name.Contains(s) || t.LeadingIndustry.Contains(s));
        }

        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderBy(t => t.County!.Path).ThenBy(t => t.Name)
            .Skip((page - 1) * size).Take(size)
            .Select(t => new
            {
                t.Id, t.Name, County = t.County!.Name, CountyPath = t.County.Path, t.Category, t.LeadingIndustry, t.Tier, t.IsDemo,
                Townships = t.Townships.Select(x => x.Township!.Name).ToList(),
                Latest = t.Statistics.OrderByDescending(s => s.Year).Select(s => new { s.Year, s.OutputValueWanYuan, s.Employment }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new TownListItem(r.Id, r.Name, r.County, r.CountyPath, r.Townships, r.Category, r.LeadingIndustry, r.Tier,
            r.Latest?.Year, Quantity.Normalize(r.Latest?.OutputValueWanYuan), r.Latest?.Employment, r.IsDemo)).ToList();
        return new Paged<TownListItem>(items, total, page, size);
    }
}
