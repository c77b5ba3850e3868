using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Towns;

namespace SpecializedTowns.Data.Support;

/// <summary>The period of a fund-performance review, in whole years.</summary>
public sealed record PerformancePeriod(int FromYear, int ToYear)
{
    public string Label => FromYear == ToYear ? $"{FromYear}年" : $"{FromYear}—{ToYear}年";
}

public sealed record FundPerformanceView(PerformancePeriod Period, IReadOnlyList<PerformanceLine> Lines)
{
    /// <summary>The top line: everything in the view (the province, or the person's city or county when that is all they see).</summary>
    public PerformanceLine? Total => Lines.FirstOrDefault();
}

/// <summary>
/// 资金绩效: for each town in scope, the grants of the period (to the town and to its enterprises) beside its results from
/// the statistics and the key-project library the platform already keeps. Output and employment are the town's latest
/// statistics year within the period, compared with its latest year before the period, and set against the money granted
/// by the end of that year (QA 96: 2025's grants were set against 2023→2024's growth); projects are the key projects
/// planned in the period.
/// </summary>
public static class FundPerformanceQueries
{
    public const string OutsideTowns = "（不属于专业镇的企业）";

    public static async Task<FundPerformanceView> ComputeAsync(
        TownsDbContext db, UserScope scope, PerformancePeriod period, string? jurisdictionPath = null, CancellationToken ct = default)
    {
        var towns = scope.Towns(db).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(jurisdictionPath)) towns = towns.Under(db, jurisdictionPath);
        var townRows = await towns.Select(t => new { t.Id, t.Name, t.Tier, Path = t.County!.Path }).ToListAsync(ct);
        var townIds = townRows.Select(t => t.Id).ToList();

        var (from, to) = (new DateOnly(period.FromYear, 1, 1), new DateOnly(period.ToYear, 12, 31));
        var grants = SupportScope.Grants(db, scope).AsNoTracking().Where(g => g.GrantedOn >= from && g.GrantedOn <= to);
        if (!string.IsNullOrWhiteSpace(jurisdictionPath))
        {
            var counties = UserScope.CountiesUnder(db, jurisdictionPath.Trim());
            grants = grants.Where(g => counties.Contains(g.CountyId));
        }
        var grantRows = await grants.Select(g => new
        {
            g.SpecializedTownId, g.RecipientKind, g.AmountWanYuan, g.GrantedOn, CountyPath = db.Jurisdictions.Where(j => j.Id == g.CountyId).Select(j => j.Path).FirstOrDefault(),
        }).ToListAsync(ct);

        var statistics = await db.TownStatistics.AsNoTracking()
            .Where(s => townIds.Contains(s.SpecializedTownId) && s.Year <= period.ToYear)
            .Select(s => new { s.SpecializedTownId, s.Year, s.OutputValueWanYuan, s.Employment }).ToListAsync(ct);
        var projects = await db.Projects.AsNoTracking()
            .Where(p => townIds.Contains(p.SpecializedTownId) && p.PlanYear >= period.FromYear && p.PlanYear <= period.ToYear)
            .Select(p => new { p.SpecializedTownId, p.TotalInvestmentWanYuan }).ToListAsync(ct);

        var inputs = new List<PerformanceInput>();
        foreach (var t in townRows)
        {
            var own = grantRows.Where(g => g.SpecializedTownId == t.Id).ToList();
            var stats = statistics.Where(s => s.SpecializedTownId == t.Id).ToList();
            var end = stats.Where(s => s.Year >= period.FromYear).MaxBy(s => s.Year);
            var before = stats.Where(s => s.Year < period.FromYear).MaxBy(s => s.Year);
            var townProjects = projects.Where(p => p.SpecializedTownId == t.Id).ToList();
            inputs.Add(new PerformanceInput(t.Id, t.Name, t.Path, t.Tier,
                Sum(own.Where(g => g.RecipientKind == RecipientKind.Town).Select(g => g.AmountWanYuan)),
                Sum(own.Where(g => g.RecipientKind == RecipientKind.Enterprise).Select(g => g.AmountWanYuan)),
                own.Count,
                Quantity.Normalize(end?.OutputValueWanYuan), Quantity.Normalize(before?.OutputValueWanYuan), end?.Employment, before?.Employment,
                townProjects.Count, Sum(townProjects.Select(p => p.TotalInvestmentWanYuan)),
                before?.Year, end?.Year,
                end is null ? (decimal?)null : Sum(own.Where(g => g.GrantedOn.Year <= end.Year).Select(g => g.AmountWanYuan))));
        }
        // Money granted to enterprises outside any town (or to a town the person does not see) still counts in the county's total.
        var known = townIds.ToHashSet();
        foreach (var county in grantRows.Where(g => g.SpecializedTownId is not { } id || !known.Contains(id)).GroupBy(g => g.CountyPath ?? ""))
            inputs.Add(new PerformanceInput(null, OutsideTowns, county.Key, null,
                Sum(county.Where(g => g.RecipientKind == RecipientKind.Town).Select(g => g.AmountWanYuan)),
                Sum(county.Where(g => g.RecipientKind == RecipientKind.Enterprise).Select(g => g.AmountWanYuan)),
                county.Count(), null, null, null, null, 0, 0m));
        var areas = await PlaceOrder.OfPathsAsync(db, inputs.Select(i => i.CountyPath), ct);
        return new FundPerformanceView(period, AreaLines.From(FundPerformance.Lines(inputs, areas), jurisdictionPath, scope, l => l.IsTotal, l => l.Path));
    }

    private static decimal Sum(IEnumerable<decimal> values) => Quantity.Normalize(values.Sum());
}
