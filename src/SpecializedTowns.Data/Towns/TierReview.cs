using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Recognition;

namespace SpecializedTowns.Data.Towns;

public sealed record TierReviewItem(int TownId, string Town, string County, Tier Tier, RecognitionStandard Standard, int? Year, RecognitionResult Result, bool IsDemo)
{
    /// <summary>The relaxations the town was recognised under, which the review held it to (按放宽条件复核（四（一））).</summary>
    public IReadOnlyList<GrantedRelaxation> Relaxed { get; init; } = [];

    /// <summary>
    /// The day the town reached its tier when its latest figures are of a year before it (<see cref="Year"/>): they do not count
    /// against the tier (<see cref="TierAdjustmentRules.Counts"/>), so the town is not reviewed until a year it held the tier is in.
    /// </summary>
    public DateOnly? NotYetCountedSince { get; init; }
}

/// <summary>
/// 动态调整: each recognised town checked against the standard of the tier it holds where it lies — on its latest
/// figures for the dashboard (<see cref="Review"/>), and over every year on record for the 动态调整 page and API
/// (<see cref="AdjustmentsAsync"/>: 升级候选, 预警, 建议退出/降级).
/// </summary>
public static class TierReview
{
    public static async Task<IReadOnlyList<TierReviewItem>> ReviewAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, CancellationToken ct = default)
    {
        var checks = await CheckVisibleAsync(db, catalog, scope, ct);
        var ids = checks.SelectMany(c => c.Towns.Select(t => t.TownId)).Distinct().ToList();
        var history = (await db.TierChanges.AsNoTracking().Where(h => ids.Contains(h.SpecializedTownId))
                .Select(h => new { h.SpecializedTownId, h.Tier, h.EffectiveOn }).ToListAsync(ct))
            .ToLookup(h => h.SpecializedTownId, h => (h.Tier, h.EffectiveOn));
        return Review(checks, (town, tier) => TierAdjustmentRules.HeldSince(history[town], tier));
    }

    /// <summary>Every visible town checked against every standard that applies where it lies: one pass for the review and the dashboard.</summary>
    public static async Task<IReadOnlyList<StandardCheck>> CheckVisibleAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, CancellationToken ct = default)
    {
        // Read once: each standard then takes the visible towns that lie where it applies.
        var visible = await StoredTownRecognition.LoadAsync(db, scope.Towns(db).Where(SpecializedTown.Listed), ct);
        // Held to the relaxation granted at recognition, as 动态调整's findings are (qa110 3): the 复核 tab and the dashboard agree with them.
        var relaxed = await Applications.RecognitionRelaxations.ForTownsAsync(db, catalog, visible.Select(t => t.Town.Id).ToList(), ct);
        var checks = new List<StandardCheck>();
        foreach (var standard in catalog.Standards)
        {
            if (Tiers.Parse(standard.Tier) is not { } tier) continue;
            var towns = StoredTownRecognition.Evaluate(visible, standard, catalog.AreaOf(standard), relaxed).ToList();
            if (towns.Count > 0) checks.Add(new StandardCheck(standard, tier, towns));
        }
        return checks;
    }

    /// <summary>
    /// 动态调整 over every year on record: each visible town against the standard of the tier it holds (预警, 建议退出/降级)
    /// and against the next tier's standard (升级候选). docs/decisions/0013-dynamic-adjustment-and-triggers.md.
    /// </summary>
    /// <param name="notPreChecked">Given the towns whose next tier's standard has no numbers to check against yet
    /// (<see cref="TierAdjustmentRules.CannotPreCheck"/>): the dashboard names the standard instead of its towns.</param>
    public static async Task<IReadOnlyList<AdjustmentItem>> AdjustmentsAsync(
        TownsDbContext db, PolicyCatalog catalog, UserScope scope, AdjustmentSettings settings, CancellationToken ct = default,
        ICollection<(RecognitionStandard Standard, Tier Tier, TownRef Town)>? notPreChecked = null)
    {
        var towns = await scope.Towns(db).AsNoTracking().Where(SpecializedTown.Listed).OrderByCounty(t => t.County).ThenBy(t => t.Name).ThenBy(t => t.Id)
            .Include(t => t.County).Include(t => t.Statistics).Include(t => t.TierHistory)
            .AsSplitQuery()
            .ToListAsync(ct);
        var ids = towns.Select(t => t.Id).ToList();
        var registry = await StoredTownRecognition.RegistryAsync(db, ids, ct);
        var relaxed = await Applications.RecognitionRelaxations.ForTownsAsync(db, catalog, ids, ct);

        var standards = catalog.Standards
            .Select(s => (Standard: s, Tier: Tiers.Parse(s.Tier), Area: catalog.AreaOf(s)))
            .Where(s => s.Tier is not null && s.Tier != Tier.Reserve)
            .Select(s => new Applicable(s.Standard, s.Tier!.Value, s.Area))
            .ToList();

        var items = new List<AdjustmentItem>();
        foreach (var town in towns)
        {
            // Only the years whose figures are in (TownAnnualStatistics.IsReported): a year begun with its 营收 alone is not checked.
            var years = town.Statistics.Where(s => s.OutputValueWanYuan != null).OrderBy(s => s.Year).ToList();
            if (years.Count == 0) continue;
            var path = town.County!.Path;
            var here = standards.Where(s => s.Area.Length > 0 && (path == s.Area || path.StartsWith(s.Area + "/", StringComparison.Ordinal))).ToList();
            var own = registry.GetValueOrDefault(town.Id, TownRegistryFigures.None);
            var (leading, supporting, designations) = (own.Leading, own.Supporting, own.Designations);
            var latest = years[^1];
            // A town recognised under a relaxation (阳政办发〔2023〕24号 四（一）) is held to the relaxed floor of that standard.
            RecognitionResult Check(RecognitionStandard standard, TownAnnualStatistics year) =>
                RecognitionEngine.Evaluate(standard, relaxed.HoldTo(town.Id, standard, StoredTownRecognition.FactsOf(town, year, leading, supporting, designations)));
            TownRef Ref() => new(town.Id, town.Name, town.County.Name, path, town.Tier, latest.Year, town.IsDemo);

            // The standard of the tier it holds: the one it was recognised under, else the nearest that applies where it lies.
            var failsOwnTier = false;
            if (Tiers.IsRecognised(town.Tier) && OwnStandard(catalog, town, here) is { } mine)
            {
                var results = years.Select(y => new YearResult(y.Year, Check(mine.Standard, y))).ToList();
                failsOwnTier = results[^1].Result.Outcome == Results.Ineligible;
                var since = TierAdjustmentRules.HeldSince(town.TierHistory.Select(h => (h.Tier, h.EffectiveOn)), town.Tier);
                var rule = ExitRule.Of(catalog.FindPack(mine.Standard.PackId)?.Mechanisms.DynamicAdjustment, settings.ExitAfterYears);
                if (TierAdjustmentRules.ReviewOwnTier(results, since?.Year, rule) is { } verdict)
                {
                    Applicable? lower = null;
                    if (verdict.Kind == AdjustmentKind.Removal)
                        lower = here.Where(s => s.Tier < town.Tier).OrderByDescending(s => s.Tier).ThenByDescending(s => s.Area.Length)
                            .FirstOrDefault(s => TierAdjustmentRules.ReviewNextTier(s.Standard, Check(s.Standard, latest)) is not null);
                    items.Add(new AdjustmentItem(Ref(), verdict.Kind, mine.Standard, mine.Tier, since, results, verdict.FailingRun, null, rule,
                        lower?.Tier, lower?.Standard));
                }
            }

            // The next tier up that has a standard here.
            if (TierAdjustmentRules.NextTier(town.Tier, here.Select(s => s.Tier)) is { } next)
            {
                var target = here.Where(s => s.Tier == next).OrderByDescending(s => s.Area.Length).ThenBy(s => s.Standard.Id, StringComparer.Ordinal).First();
                if (TierAdjustmentRules.CannotPreCheck(target.Standard)) notPreChecked?.Add((target.Standard, next, Ref()));
                var result = Check(target.Standard, latest);
                if (TierAdjustmentRules.SuggestNextTier(target.Standard, result, failsOwnTier) is { } upgrade)
                    items.Add(new AdjustmentItem(Ref(), AdjustmentKind.Upgrade, target.Standard, next, null,
                        [new YearResult(latest.Year, result)], [], upgrade, null, null, null));
            }
        }
        // A stable sort: within a kind, the towns stay in the official order they were read in.
        return items.OrderByDescending(i => i.Kind).ToList();
    }

    private sealed record Applicable(RecognitionStandard Standard, Tier Tier, string Area);

    /// <summary>
    /// The standard of the tier a town holds, as 动态调整 checks it: the one it was recognised under, else the nearest that
    /// applies where it lies; null when none applies. Also whose office may record the town's exit or lower tier.
    /// </summary>
    public static RecognitionStandard? OwnStandardOf(PolicyCatalog catalog, SpecializedTown town, string countyPath) =>
        OwnStandard(catalog, town, catalog.Standards
            .Select(s => (Standard: s, Tier: Tiers.Parse(s.Tier), Area: catalog.AreaOf(s)))
            .Where(s => s.Tier is not null && s.Tier != Tier.Reserve && s.Area.Length > 0
                && (countyPath == s.Area || countyPath.StartsWith(s.Area + "/", StringComparison.Ordinal)))
            .Select(s => new Applicable(s.Standard, s.Tier!.Value, s.Area)).ToList())?.Standard;

    private static Applicable? OwnStandard(PolicyCatalog catalog, SpecializedTown town, List<Applicable> here)
    {
        var recorded = town.TierHistory.Where(h => h.Tier == town.Tier && h.StandardId != null)
            .OrderBy(h => h.EffectiveOn).ThenBy(h => h.Id).LastOrDefault()?.StandardId;
        if (recorded is not null && catalog.FindStandard(recorded) is { } standard && Tiers.Parse(standard.Tier) == town.Tier)
            return new Applicable(standard, town.Tier, catalog.AreaOf(standard));
        return here.Where(s => s.Tier == town.Tier).OrderByDescending(s => s.Area.Length).ThenBy(s => s.Standard.Id, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>A page of the findings, filtered as the page and the API filter them.</summary>
    public static Paged<AdjustmentItem> Filter(IReadOnlyList<AdjustmentItem> all, AdjustmentFilter filter)
    {
        var (page, size) = Paged<AdjustmentItem>.Normalize(filter.Page, filter.PageSize);
        var shown = Matching(all, filter).ToList();
        return new Paged<AdjustmentItem>(shown.Skip((page - 1) * size).Take(size).ToList(), shown.Count, page, size);
    }

    public static IEnumerable<AdjustmentItem> Matching(IEnumerable<AdjustmentItem> all, AdjustmentFilter filter) =>
        all.Where(i => (filter.Kind is null || i.Kind == filter.Kind)
            && (string.IsNullOrWhiteSpace(filter.Town) || i.Town.Name.Contains(filter.Town.Trim(), StringComparison.Ordinal))
            && (filter.Tier is null || i.Town.Tier == filter.Tier));

    public static byte[] ToCsv(IEnumerable<AdjustmentItem> items) => CsvFile.Write(
        ["类别", "专业镇", "所在县（市、区）", "现梯次", "对照标准", "标准梯次", "统计年度", "结论", "依据（年度、条件、说明）", "条款", "退出规则", "演示数据"],
        items.Select(i => new[]
        {
            AdjustmentKinds.Chinese(i.Kind), i.Town.Name, i.Town.County, Tiers.Chinese(i.Town.Tier), i.Standard.Name, Tiers.Chinese(i.StandardTier),
            string.Join("、", i.CausingYears.Select(y => $"{y}年")), i.Summary,
            string.Join("；", i.Reasons.Select(r => $"{r.Year}年 {r.Criterion}：{r.Explanation}")),
            string.Join("；", i.Clauses), i.Rule?.Description ?? "", i.Town.IsDemo ? "是" : "",
        }));

    /// <param name="heldSince">The day each town reached the tier it holds (<see cref="TierAdjustmentRules.HeldSince"/>), as
    /// 动态调整 reads it: a latest year before it is not held against the town (QA: a town recognised in 2025 read 不再符合 on
    /// its 2024 figures here, while 动态调整 rightly said nothing).</param>
    public static IReadOnlyList<TierReviewItem> Review(IReadOnlyList<StandardCheck> checks, Func<int, Tier, DateOnly?> heldSince) =>
        checks.Where(c => c.Tier != Tier.Reserve)
            .SelectMany(c => c.Towns.Where(r => r.Tier == c.Tier)
                .Select(r => new TierReviewItem(r.TownId, r.TownName, r.County, r.Tier, c.Standard, r.Year, r.Result, r.IsDemo)
                {
                    Relaxed = r.Relaxed,
                    NotYetCountedSince = r.Year is { } year && heldSince(r.TownId, r.Tier) is { } since && !TierAdjustmentRules.Counts(year, since.Year) ? since : null,
                }))
            .OrderBy(i => i.NotYetCountedSince is not null ? 3 : i.Result.Outcome switch { Results.Ineligible => 0, Results.NeedsReview => 1, _ => 2 })
            .ThenBy(i => i.Town).ToList();
}

public sealed record StandardCheck(RecognitionStandard Standard, Tier Tier, IReadOnlyList<TownRecognition> Towns);

public sealed record AdjustmentFilter
{
    public AdjustmentKind? Kind { get; init; }
    public string? Town { get; init; }
    public Tier? Tier { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record TownRef(int Id, string Name, string County, string CountyPath, Tier Tier, int LatestYear, bool IsDemo);

/// <summary>A criterion of a year that caused a finding, with the clause it comes from.</summary>
public sealed record AdjustmentReason(int Year, string Criterion, string Result, string Explanation, string? Source);

/// <summary>
/// One finding of 动态调整. <see cref="Years"/> holds every year checked against <see cref="Standard"/> (for an upgrade, the
/// latest only); <see cref="FailingRun"/> the years that caused a warning or a proposal to exit.
/// </summary>
public sealed record AdjustmentItem(
    TownRef Town, AdjustmentKind Kind, RecognitionStandard Standard, Tier StandardTier, DateOnly? HeldSince,
    IReadOnlyList<YearResult> Years, IReadOnlyList<YearResult> FailingRun, UpgradeVerdict? Upgrade, ExitRule? Rule,
    Tier? LowerTier, RecognitionStandard? LowerStandard)
{
    public string Key => $"{Town.Id}-{AdjustmentKinds.Key(Kind)}";

    /// <summary>Whether a year counts for the own-tier check (from the year the town reached its tier).</summary>
    public bool Counts(int year) => TierAdjustmentRules.Counts(year, HeldSince?.Year);

    public IReadOnlyList<int> CausingYears => Kind == AdjustmentKind.Upgrade ? [Years[^1].Year] : FailingRun.Select(y => y.Year).ToList();

    public string Summary => Kind switch
    {
        AdjustmentKind.Upgrade when Upgrade!.FullyMet =>
            $"{Town.LatestYear}年统计已符合《{Standard.Name}》的全部条件，可组织申报{Tiers.Chinese(StandardTier)}专业镇",
        AdjustmentKind.Upgrade =>
            $"{Town.LatestYear}年统计已达到《{Standard.Name}》的量化条件，无不符合项；另有 {Upgrade!.ForExperts.Count} 项需专家评审，可组织申报{Tiers.Chinese(StandardTier)}专业镇",
        AdjustmentKind.Warning =>
            (FailingRun.Count == 1
                ? $"{Town.LatestYear}年统计不符合本级（{Tiers.Chinese(StandardTier)}）认定标准；"
                : $"{FailingRun[0].Year}—{Town.LatestYear}年已连续 {FailingRun.Count} 年不符合本级（{Tiers.Chinese(StandardTier)}）认定标准；")
            + (Rule!.Years - FailingRun.Count == 1
                ? $"下一年度仍不达标即连续 {Rule.Years} 年，将建议退出或降级"
                : $"再有 {Rule.Years - FailingRun.Count} 个年度连续不达标，将建议退出或降级"),
        _ => $"{FailingRun[0].Year}—{FailingRun[^1].Year}年连续 {FailingRun.Count} 年不符合本级（{Tiers.Chinese(StandardTier)}）认定标准，"
            + (LowerTier is { } lower
                ? $"建议降为{Tiers.Chinese(lower)}专业镇（{Town.LatestYear}年统计符合《{LowerStandard!.Name}》的量化条件）"
                : $"建议退出{Tiers.Chinese(StandardTier)}专业镇名单（可转入储备培育）"),
    };

    /// <summary>The criteria and years that caused the finding: the failed criteria of each failing year, or the met criteria of an upgrade.</summary>
    public IReadOnlyList<AdjustmentReason> Reasons => Kind == AdjustmentKind.Upgrade
        ? Upgrade!.Met.Select(c => Reason(Years[^1].Year, c))
            .Concat(Upgrade.ForExperts.Select(c => Reason(Years[^1].Year, c))).ToList()
        : FailingRun.SelectMany(y => y.NotMet.Select(c => Reason(y.Year, c))).ToList();

    /// <summary>The clauses the finding rests on: the standard, each criterion that decided it, and the exit rule.</summary>
    public IReadOnlyList<string> Clauses =>
        new[] { Standard.Citation }.Concat(Reasons.Select(r => r.Source)).Append(Rule?.Source)
            .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).Distinct().ToList();

    // A criterion's clause under the standard's own document, as the standard's (RecognitionStandard.Cite).
    private AdjustmentReason Reason(int year, CriterionResult c) =>
        new(year, c.Title, Results.Chinese.GetValueOrDefault(c.Result, c.Result), c.Explanation, Standard.Cite(c.Source));
}

/// <summary>动态调整 as a clerk downloads it (.xlsx or .csv): the columns of <see cref="TierReview.ToCsv"/>.</summary>
public static class AdjustmentExport
{
    /// <summary>What a ticked row names: the town, the kind of finding and the standard it was checked against.</summary>
    public static string Key(AdjustmentItem i) => $"{i.Town.Id}-{i.Kind}-{i.StandardTier}";

    public static readonly Exports.ExportTable<AdjustmentItem> Table = new("动态调整", [
        new("类别", i => AdjustmentKinds.Chinese(i.Kind), 12),
        new("专业镇", i => i.Town.Name, 26),
        new("所在县（市、区）", i => i.Town.County, 14),
        new("现梯次", i => Tiers.Chinese(i.Town.Tier), 8),
        new("对照标准", i => i.Standard.Name, 30),
        new("标准梯次", i => Tiers.Chinese(i.StandardTier), 8),
        new("统计年度", i => string.Join("、", i.CausingYears.Select(y => $"{y}年")), 14),
        new("结论", i => i.Summary, 30),
        new("依据（年度、条件、说明）", i => string.Join("；", i.Reasons.Select(r => $"{r.Year}年 {r.Criterion}：{r.Explanation}")), 50),
        new("条款", i => string.Join("；", i.Clauses), 30),
        new("退出规则", i => i.Rule?.Description, 30),
        new("演示数据", i => i.Town.IsDemo ? "是" : null, 10),
    ]);
}
