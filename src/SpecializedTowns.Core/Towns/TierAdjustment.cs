using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Towns;

/// <summary>The three findings of 动态调整 (docs/decisions/0013).</summary>
public enum AdjustmentKind
{
    /// <summary>升级候选: the latest year meets the standard of the next tier that applies where the town lies.</summary>
    Upgrade = 1,

    /// <summary>预警: the latest year fails the standard of the tier the town holds.</summary>
    Warning = 2,

    /// <summary>建议退出/降级: it has failed that standard in consecutive years, as many as the exit rule says.</summary>
    Removal = 3,
}

public static class AdjustmentKinds
{
    public static string Chinese(AdjustmentKind kind) => kind switch
    {
        AdjustmentKind.Upgrade => "升级候选",
        AdjustmentKind.Warning => "预警",
        _ => "建议退出/降级",
    };

    public static string Key(AdjustmentKind kind) => kind switch
    {
        AdjustmentKind.Upgrade => "upgrade",
        AdjustmentKind.Warning => "warning",
        _ => "removal",
    };
}

/// <summary>One year's figures of a town checked against one standard.</summary>
public sealed record YearResult(int Year, RecognitionResult Result)
{
    /// <summary>Fails = a criterion is not met (ineligible). Missing figures or criteria left to experts are not failures.</summary>
    public bool Fails => Result.Outcome == Results.Ineligible;

    public IReadOnlyList<CriterionResult> NotMet => Result.Criteria.Where(c => c.Result == Results.NotMet).ToList();
}

/// <summary>
/// After how many consecutive failing years a town is proposed for exit or a lower tier, and where that number comes
/// from: a pack's <c>mechanisms.dynamicAdjustment</c> with its citation, or the platform default when no text sets one.
/// </summary>
public sealed record ExitRule(int Years, string? Source, string? Text)
{
    public const int PlatformDefaultYears = 2;
    public const int MaxYears = 10;

    public bool IsPlatformDefault => Source is null;

    public static ExitRule PlatformDefault(int years = PlatformDefaultYears) => new(years, null, null);

    public static ExitRule Of(DynamicAdjustment? pack, int platformYears) =>
        pack?.ExitAfterYears is int years && !string.IsNullOrWhiteSpace(pack.Source) ? new(years, pack.Source, pack.Text) : PlatformDefault(platformYears);

    public string Description => IsPlatformDefault
        ? $"连续 {Years} 年不达标即建议退出或降级（平台默认：文件未规定退出年限，年限可由系统管理员调整）"
        : $"连续 {Years} 年不达标即建议退出或降级（{Source}）";
}

/// <summary>What the own-tier check found: a warning or a proposal to exit, with the failing years that caused it (oldest first).</summary>
public sealed record OwnTierVerdict(AdjustmentKind Kind, IReadOnlyList<YearResult> FailingRun);

/// <summary>Whether the latest year reaches a higher standard: fully met, or met on every figure with the rest for the experts.</summary>
public sealed record UpgradeVerdict(bool FullyMet, IReadOnlyList<CriterionResult> Met, IReadOnlyList<CriterionResult> ForExperts);

/// <summary>
/// The rules of 动态调整, pure: which years count, when a failure is a warning and when it is a proposal to exit,
/// and when a town is a candidate for the next tier. Data/Towns/TierReview gathers the figures.
/// </summary>
public static class TierAdjustmentRules
{
    /// <summary>
    /// The day a town reached the tier it holds: the first step of the last unbroken run of its tier history at that tier.
    /// Null when the history never records the tier (then every year counts).
    /// </summary>
    public static DateOnly? HeldSince(IEnumerable<(Tier Tier, DateOnly EffectiveOn)> history, Tier current)
    {
        DateOnly? since = null;
        foreach (var step in history.OrderBy(h => h.EffectiveOn))
            since = step.Tier == current ? since ?? step.EffectiveOn : null;
        return since;
    }

    /// <summary>
    /// Whether a year's figures count against the tier a town holds: from the year it reached the tier (<see cref="HeldSince"/>),
    /// every year when the history does not record it. The one rule for the 动态调整 findings and the 复核 tab, so that the two
    /// never disagree on whether a town fails.
    /// </summary>
    public static bool Counts(int year, int? countedFrom) => countedFrom is not { } from || year >= from;

    /// <summary>
    /// The latest year decides. When it fails, the failing run is the unbroken chain of calendar years before it that
    /// failed too; a year without figures, or a year that passed, ends the chain. Years before <paramref name="countedFrom"/>
    /// (the year the town reached its tier) do not count: a town is not held to a tier it did not yet hold.
    /// </summary>
    public static OwnTierVerdict? ReviewOwnTier(IEnumerable<YearResult> years, int? countedFrom, ExitRule rule)
    {
        var counted = years.Where(y => Counts(y.Year, countedFrom)).OrderBy(y => y.Year).ToList();
        if (counted.Count == 0 || !counted[^1].Fails) return null;
        var run = new List<YearResult> { counted[^1] };
        for (var i = counted.Count - 2; i >= 0 && counted[i].Year == run[0].Year - 1 && counted[i].Fails; i--)
            run.Insert(0, counted[i]);
        return new OwnTierVerdict(run.Count >= rule.Years ? AdjustmentKind.Removal : AdjustmentKind.Warning, run);
    }

    /// <summary>
    /// A candidate for a higher tier: every criterion met; or none failed and no figure missing, with at least one
    /// quantified threshold met and the rest (qualitative or unset in the text) for the experts. A standard whose
    /// thresholds are all unset (the provincial one) makes nobody a candidate: there is nothing the figures show.
    /// </summary>
    public static UpgradeVerdict? ReviewNextTier(RecognitionStandard standard, RecognitionResult latest)
    {
        var met = latest.Criteria.Where(c => c.Result == Results.Met).ToList();
        if (latest.Outcome == Results.Eligible) return new UpgradeVerdict(true, met, []);
        if (latest.Criteria.Any(c => c.Result is Results.NotMet or Results.MissingData)) return null;
        var thresholds = standard.Criteria.Where(c => c.Kind == "threshold").Select(c => c.Key).ToHashSet();
        if (!met.Any(c => thresholds.Contains(c.Key))) return null;
        return new UpgradeVerdict(false, met, latest.Criteria.Where(c => c.Result == Results.NeedsReview).ToList());
    }

    /// <summary>
    /// Whether a standard can pre-check anyone: it needs at least one threshold with a value. Every criterion of the provincial
    /// standard is unset until an office enters it (晋政办发〔2022〕80号's thresholds are not in the texts; policies/shanxi-2022-80.yaml),
    /// and a check against it finds nothing wrong because it checks nothing — which read as “无不符合项” (12-07).
    /// </summary>
    public static bool CannotPreCheck(RecognitionStandard standard) => !standard.Criteria.Any(c => c.Kind == "threshold"
        && (c.Value is not null || c.ByCategory?.Values.Any(v => v is not null) == true));

    /// <summary>The words for a standard that cannot pre-check (<see cref="CannotPreCheck"/>), one for the dashboard and the API.</summary>
    public static string NotConfigured(RecognitionStandard standard) => $"{standard.Name}尚未配置，无法预检";

    /// <summary>
    /// Whether to suggest a town for the next tier, on the dashboard and in 动态调整: <see cref="ReviewNextTier"/>, but never for a
    /// town whose latest figures fail the standard of the tier it holds — it is to be warned or adjusted at its own tier first,
    /// not sent to a higher review (12-07: 平定砂器 short of 阳泉's 市级 standard, and in the same card 待评审 for 省级).
    /// </summary>
    public static UpgradeVerdict? SuggestNextTier(RecognitionStandard next, RecognitionResult latest, bool failsOwnTier) =>
        failsOwnTier || CannotPreCheck(next) ? null : ReviewNextTier(next, latest);

    /// <summary>The next tier up that has a standard where the town lies (储备 → 县级 where a county standard exists, else 市级 …).</summary>
    public static Tier? NextTier(Tier current, IEnumerable<Tier> tiersWithStandard) =>
        tiersWithStandard.Where(t => t > current && t != Tier.Reserve).Select(t => (Tier?)t).Min();
}

/// <summary>Configuration <c>Adjustments:ExitAfterYears</c>: the platform default of the exit rule where no pack sets one.</summary>
public sealed record AdjustmentSettings
{
    public int ExitAfterYears { get; init; } = ExitRule.PlatformDefaultYears;

    public IReadOnlyList<string> Problems() =>
        ExitAfterYears is >= 1 and <= ExitRule.MaxYears ? [] : [$"Adjustments:ExitAfterYears 应在 1 到 {ExitRule.MaxYears} 之间（现为 {ExitAfterYears}）"];
}
