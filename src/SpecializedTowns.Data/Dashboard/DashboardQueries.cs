using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Towns;

namespace SpecializedTowns.Data.Dashboard;

public sealed record TargetProgress(string Document, string Metric, string? Scope, string Requirement, string? Deadline, string? Source, decimal? Current, string? CurrentText, bool? Reached);

public sealed record Attention(int TownId, string Town, Tier Tier, string Kind, string Text);

public sealed record DashboardView(
    int Towns, IReadOnlyDictionary<Tier, int> ByTier, int Enterprises, decimal OutputWanYuan, int? Year,
    IReadOnlyList<TargetProgress> Targets, IReadOnlyList<(string Town, decimal OutputWanYuan)> OutputByTown,
    IReadOnlyList<(string Band, int Towns)> RevenueBands, IReadOnlyList<Attention> Attention);

/// <summary>工作台: the programme at a glance, within the person's scope.</summary>
public static class DashboardQueries
{
    public static async Task<DashboardView> LoadAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, CancellationToken ct = default)
    {
        var towns = await scope.Towns(db.Towns).AsNoTracking()
            .Select(t => new
            {
                t.Id, t.Name, t.Tier, CountyPath = t.County!.Path,
                Latest = t.Statistics.OrderByDescending(s => s.Year).Select(s => new { s.Year, s.OutputValueWanYuan, s.RevenueWanYuan }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var enterprises = await scope.Enterprises(db.Enterprises, db.Towns).CountAsync(ct);
        var byTier = Enum.GetValues<Tier>().ToDictionary(t => t, t => towns.Count(x => x.Tier == t));
        var year = towns.Max(t => t.Latest?.Year);

        // Targets of the documents that govern the person's jurisdiction or lie within it.
        var targets = new List<TargetProgress>();
        foreach (var pack in catalog.Packs.Where(p => p.Targets.Count > 0))
        {
            var area = string.Join("/", pack.Document.JurisdictionPath);
            if (!(scope.IsAdmin || area == scope.JurisdictionPath || area.StartsWith(scope.JurisdictionPath + "/") || scope.JurisdictionPath.StartsWith(area + "/"))) continue;
            var inArea = towns.Where(t => t.CountyPath == area || t.CountyPath.StartsWith(area + "/")).ToList();
            // Progress on a wider area's target (the province's, seen from a city) would count only what this person sees.
            var seesWholeArea = scope.IsAdmin || area == scope.JurisdictionPath || area.StartsWith(scope.JurisdictionPath + "/");
            foreach (var target in pack.Targets)
            {
                decimal? current = null;
                string? currentText = null;
                var tier = TierOf(target.Metric);
                var wholeArea = seesWholeArea && (string.IsNullOrEmpty(target.Scope) || target.Scope == pack.Document.Jurisdiction);
                if (tier is not null && wholeArea)
                {
                    current = inArea.Count(t => t.Tier >= tier);
                    currentText = $"{current} {target.Unit}";
                }
                else if (target.Metric.Contains("产值") && target.Unit == "亿元" && wholeArea)
                {
                    current = Math.Round(inArea.Sum(t => t.Latest?.OutputValueWanYuan ?? 0) / 10000m, 2);
                    currentText = $"{current}亿元（专业镇合计）";
                }
                var requirement = target.Comparison switch
                {
                    "between" => $"{target.Value}–{target.MaxValue} {target.Unit}",
                    ">=" => $"不少于 {target.Value} {target.Unit}",
                    ">" => $"超过 {target.Value} {target.Unit}",
                    _ => $"{target.Value} {target.Unit}",
                };
                bool? reached = current is null ? null : target.Comparison switch
                {
                    ">" => current > target.Value,
                    "between" => current >= target.Value,
                    _ => current >= target.Value,
                };
                targets.Add(new TargetProgress(pack.Document.Number ?? pack.Document.Title, target.Metric, target.Scope, requirement, target.Deadline, target.Source, current, currentText, reached));
            }
        }

        var outputByTown = towns.Where(t => t.Latest?.OutputValueWanYuan is not null)
            .OrderByDescending(t => t.Latest!.OutputValueWanYuan).Take(15)
            .Select(t => (t.Name, Quantity.Normalize(t.Latest!.OutputValueWanYuan!.Value))).ToList();

        // 营收规模 bands (朔政办发〔2023〕19号 uses 10/20/30/50/100亿级).
        decimal[] bounds = [10, 20, 30, 50, 100];
        var bands = new List<(string, int)> { ("10亿以下", towns.Count(t => (t.Latest?.RevenueWanYuan ?? 0) < 100000)) };
        for (var i = 0; i < bounds.Length; i++)
        {
            var low = bounds[i] * 10000;
            var high = i + 1 < bounds.Length ? bounds[i + 1] * 10000 : decimal.MaxValue;
            bands.Add(($"{bounds[i]}亿级", towns.Count(t => t.Latest?.RevenueWanYuan is { } r && r >= low && r < high)));
        }

        var attention = await AttentionAsync(db, catalog, scope, ct);
        return new DashboardView(towns.Count, byTier, enterprises, Quantity.Normalize(towns.Sum(t => t.Latest?.OutputValueWanYuan ?? 0)), year,
            targets, outputByTown, bands, attention);
    }

    /// <summary>What needs the person: towns that now meet the next tier's standard, and recognised towns that no longer meet theirs.</summary>
    private static async Task<IReadOnlyList<Attention>> AttentionAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, CancellationToken ct)
    {
        var checks = await TierReview.CheckVisibleAsync(db, catalog, scope, ct);
        var items = TierReview.Review(checks)
            .Where(r => r.Result.Outcome == Results.Ineligible)
            .Select(r => new Attention(r.TownId, r.Town, r.Tier, "动态调整", $"最新统计已不满足{r.Standard.Name}：{string.Join("，", r.Result.Gaps.Select(g => g.Text))}"))
            .ToList();
        foreach (var check in checks)
            foreach (var r in check.Towns.Where(r => r.Tier == check.Tier - 1))
            {
                if (r.Result.Outcome == Results.Eligible)
                    items.Add(new Attention(r.TownId, r.TownName, r.Tier, "可申报", $"最新统计已达到{check.Standard.Name}，可组织申报"));
                else if (r.Result.Outcome == Results.NeedsReview && r.Result.Criteria.All(c => c.Result != Results.NotMet))
                    items.Add(new Attention(r.TownId, r.TownName, r.Tier, "待评审", $"对照{check.Standard.Name}无不符合项，有需专家评审或缺数据的条件"));
            }
        return items.OrderBy(i => i.Kind).ThenBy(i => i.Town).ToList();
    }

    private static Tier? TierOf(string metric) =>
        metric.Contains("省级专业镇") ? Tier.Provincial
        : metric.Contains("市级专业镇") ? Tier.Municipal
        : metric.Contains("县级专业镇") && !metric.Contains("覆盖") ? Tier.County
        : null;
}
