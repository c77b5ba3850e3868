using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Targets;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Targets;
using SpecializedTowns.Data.Towns;

namespace SpecializedTowns.Data.Dashboard;

/// <summary>An item of 需要关注: a town (TownId &gt; 0), or a standard that cannot be checked (TownId 0, <see cref="DashboardQueries.NotConfigured"/>, with its <paramref name="StandardId"/>).</summary>
public sealed record Attention(int TownId, string Town, Tier Tier, string Kind, string Text, string? StandardId = null);

/// <param name="Year">The one year whose 年产值 and 营收 the cards and charts compare (<see cref="StatisticsYear.Compared"/>).</param>
/// <param name="OutputWanYuan">The towns' 年产值 of <paramref name="Year"/> only: figures of different years are never added.</param>
/// <param name="Unreported">Towns in scope without a 年产值 for <paramref name="Year"/>, shown as “—”, not with another year's figure.</param>
/// <param name="Newer">Towns that already reported a year after <paramref name="Year"/> (too few yet to compare on it).</param>
/// <param name="RevenueBands">营收规模梯次 of <paramref name="Year"/>: the towns at each level, then those without that year's 营收 and those whose document sets no levels.</param>
/// <param name="RevenueMissing">Towns whose document sets levels but that have no 营收 for <paramref name="Year"/>: counted apart, not placed by an older year.</param>
public sealed record DashboardView(
    int Towns, IReadOnlyDictionary<Tier, int> ByTier, int Enterprises, decimal OutputWanYuan, int? Year,
    IReadOnlyList<TargetItem> Targets, IReadOnlyList<(string Town, decimal OutputWanYuan)> OutputByTown,
    IReadOnlyList<(string Band, int Towns)> RevenueBands, IReadOnlyList<TownPlace> Places,
    IReadOnlyList<string> Unreported, int Newer, int RevenueMissing)
{
    /// <summary>The towns the 年产值 chart shows at most: the largest, so that 18 or 300 towns stay readable.</summary>
    public const int OutputShown = 15;

    /// <summary>The towns with a 年产值 of <see cref="Year"/>, of which <see cref="OutputByTown"/> holds the first <see cref="OutputShown"/>.</summary>
    public int OutputReported { get; init; }

    public bool OutputTruncated => OutputReported > OutputByTown.Count;
}

/// <summary>Where a town lies, for the dashboard's map.</summary>
public sealed record TownPlace(string Town, string County, string CountyPath);

/// <summary>工作台: the programme at a glance, within the person's scope.</summary>
public static class DashboardQueries
{
    /// <summary>The kind of a 需要关注 item that names a standard, not a town: it cannot be checked yet.</summary>
    public const string NotConfigured = "标准未配置";

    public static async Task<DashboardView> LoadAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, DateOnly today, CancellationToken ct = default)
    {
        // Every town in scope with its history, statistics and brands, read once: the cards below and 目标监测's targets.
        var rows = await TargetQueries.TownsAsync(db, scope, ct);
        var enterprises = await scope.EnterpriseTallies(db).SumAsync(t => t.Enterprises, ct);
        var byTier = Tiers.OnList.ToDictionary(t => t, t => rows.Count(x => x.Tier == t));
        var year = StatisticsYear.Compared(rows.Select(t => t.Statistics.Where(s => s.Output is not null).Select(s => s.Year)));
        var ofYear = rows.Select(t => (t.Name, Output: t.Statistics.Where(s => s.Year == year && s.Output is not null).Select(s => s.Output).FirstOrDefault(),
            Newer: t.Statistics.Any(s => s.Output is not null && s.Year > year))).ToList();

        // Targets of the documents that govern the person's jurisdiction or lie within it, under the one rule of 目标监测.
        var targets = await TargetQueries.AllAsync(db, catalog, scope, today, rows, ct);

        var outputByTown = ofYear.Where(t => t.Output is not null)
            .OrderByDescending(t => t.Output).Take(DashboardView.OutputShown)
            .Select(t => (t.Name, Quantity.Normalize(t.Output!.Value))).ToList();

        // 营收规模梯次 of the same year as 年产值: each town at the level of its own pack (朔州 10/20/30/50/100亿级, 阳泉
        // 10/20/50/100, 永济 5/10/20), the same rule as 目标监测's tier page. A town without that year's 营收 is counted apart,
        // not placed by an older year's figure (nor a newer one's); a town whose pack sets no levels is not forced into another's.
        var placed = rows.Select(t => catalog.FindPack(t.PolicyId ?? "") is { Mechanisms.RevenueTiers.Count: > 0 } pack
                ? (Levelled: true, Level: t.Statistics.FirstOrDefault(s => s.Year == year && s.Revenue is not null)?.Revenue is { } r
                    ? RevenueTiers.LevelOf(r, pack.Mechanisms.RevenueTiers) : (decimal?)null)
                : (Levelled: false, Level: null))
            .ToList();
        var bands = placed.Where(p => p.Level is not null).GroupBy(p => p.Level!.Value).OrderBy(g => g.Key)
            .Select(g => (RevenueTiers.Name(g.Key), g.Count())).ToList();
        var revenueMissing = placed.Count(p => p.Levelled && p.Level is null);
        if (revenueMissing > 0) bands.Add((year is { } y ? $"无{y}年营收数据" : "无营收数据", revenueMissing));
        if (placed.Count(p => !p.Levelled) is > 0 and var unset) bands.Add(("文件未设层级", unset));

        return new DashboardView(rows.Count, byTier, enterprises, Quantity.Normalize(ofYear.Sum(t => t.Output ?? 0)), year,
            targets, outputByTown, bands, rows.Select(t => new TownPlace(t.Name, t.County, t.CountyPath)).ToList(),
            year is null ? [] : ofYear.Where(t => t.Output is null).Select(t => t.Name).ToList(), ofYear.Count(t => t.Newer), revenueMissing)
        {
            OutputReported = ofYear.Count(t => t.Output is not null),
        };
    }

    /// <summary>
    /// What needs the person: 动态调整's findings (<see cref="TierReview.AdjustmentsAsync"/>), so that the card and the page it
    /// links to name the same towns by one rule (qa110 3): towns failing their own tier (预警, 建议退出/降级, with any relaxation
    /// granted at recognition), and towns that meet the next tier up where they lie (可申报, 待评审). A next standard without its
    /// numbers is named once, not its towns. One read of the towns: until 12-08 the card also checked every town against every
    /// standard (a second read of the towns, their enterprises and designations, a province p50 25 ms).
    /// </summary>
    public static async Task<IReadOnlyList<Attention>> AttentionAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, CancellationToken ct = default,
        AdjustmentSettings? settings = null)
    {
        var notPreChecked = new List<(RecognitionStandard Standard, Tier Tier, TownRef Town)>();
        var found = await TierReview.AdjustmentsAsync(db, catalog, scope, settings ?? new AdjustmentSettings(), ct, notPreChecked);
        var unconfigured = notPreChecked.GroupBy(n => n.Standard.Id).Select(g =>
        {
            var (standard, tier, _) = g.First();
            var held = g.Select(n => n.Town.Tier).Distinct().ToList();
            var towns = held.Count == 1 ? $"{g.Count()} 个{Tiers.Chinese(held[0])}专业镇" : $"{g.Count()} 个专业镇";
            return new Attention(0, "", tier, NotConfigured,
                $"{TierAdjustmentRules.NotConfigured(standard)}：各项条件的数值标准待办公室录入，{towns}暂不能对照预检", standard.Id);
        }).ToList();
        var items = found.Select(i => i.Kind switch
        {
            AdjustmentKind.Upgrade when i.Upgrade!.FullyMet =>
                new Attention(i.Town.Id, i.Town.Name, i.Town.Tier, "可申报", $"最新统计已达到{i.Standard.Name}，可组织申报"),
            AdjustmentKind.Upgrade =>
                new Attention(i.Town.Id, i.Town.Name, i.Town.Tier, "待评审", $"对照{i.Standard.Name}，量化条件均已达到、无不符合项，另有 {i.Upgrade!.ForExperts.Count} 项需专家评审"),
            _ => new Attention(i.Town.Id, i.Town.Name, i.Town.Tier, "动态调整",
                $"最新统计已不满足{i.Standard.Name}：{string.Join("，", i.FailingRun[^1].Result.Gaps.Select(g => g.Text))}"),
        });
        return [.. unconfigured, .. items.OrderBy(i => i.Kind).ThenBy(i => i.Town)];
    }
}
