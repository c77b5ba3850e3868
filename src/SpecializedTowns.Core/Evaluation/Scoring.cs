using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Core.Evaluation;

/// <summary>
/// How an indicator turns a measured value into 0–100 points. The documents ask for an annual evaluation and a ranking
/// (朔政办发〔2023〕19号 五（五）, 阳政办发〔2023〕24号 六（五）) but name no indicators or formulas, so these are the
/// platform's methods, chosen per indicator in the pack's evaluation data and shown beside every score.
/// </summary>
public enum ScoringMethod
{
    /// <summary>Floor or below scores 0, ceiling or above 100, linear between (reversed when lower is better).</summary>
    Linear = 1,

    /// <summary>The best subject in the cohort scores 100, the others in proportion (brands, standards, projects).</summary>
    RelativeToBest = 2,

    /// <summary>Steps: the highest step whose threshold the value reaches gives its points.</summary>
    Steps = 3,

    /// <summary>Points given by a person, 0–100, with a reason.</summary>
    Manual = 4,
}

public sealed record ScoreStep(decimal AtLeast, decimal Points);

public sealed record IndicatorRule
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required decimal Weight { get; init; }
    public required ScoringMethod Method { get; init; }
    public decimal? Floor { get; init; }
    public decimal? Ceiling { get; init; }
    public bool LowerIsBetter { get; init; }
    public IReadOnlyList<ScoreStep> Steps { get; init; } = [];
    public string? Unit { get; init; }

    /// <summary>Where the indicator comes from: a clause, or "平台默认" when the text is silent.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// The area whose document the steps are (阳泉市 for 10/20/50/100亿级), with <see cref="Source"/> its clause: a shortfall then
    /// names the tier the subject was measured against (未达到阳泉市最低层级 10亿级（阳政办发〔2023〕24号 五（二））).
    /// </summary>
    public string? StepsOf { get; init; }
}

/// <summary>
/// A measured value with the records it came from, so that every score can be traced. Not applicable (no project
/// was due, the unit leads no task force) is not a zero: the indicator drops out and the others' weights fill 100.
/// </summary>
public sealed record Measurement(decimal? Value, IReadOnlyList<string> Evidence, string? ManualReason = null)
{
    public string? NotApplicable { get; init; }

    /// <summary>
    /// The indicator is missing from the subject's own rules (its document sets no revenue tiers), not merely idle for it this
    /// year: one ranking scores every subject on one indicator set, so the indicator drops out for all of them.
    /// </summary>
    public bool NotInRules { get; init; }

    /// <summary>What was measured in words (营业收入 9.05亿元) when <see cref="Value"/> is a level read from it.</summary>
    public string? Reading { get; init; }

    public static Measurement Absent(string why) => new(null, []) { NotApplicable = why };

    public static Measurement NotSetFor(string why) => new(null, []) { NotApplicable = why, NotInRules = true };
}

public sealed record IndicatorScore(IndicatorRule Rule, decimal? Value, decimal Points, decimal Weighted, string Explanation, IReadOnlyList<string> Evidence,
    string? Reading = null);

public sealed record SubjectScore(string Subject, decimal Total, IReadOnlyList<IndicatorScore> Indicators)
{
    public int Rank { get; init; }
    public string? Band { get; init; }
}

/// <summary>A band of the ranking (优秀, 良好…): by total points, or by the top share of the ranking when <see cref="TopShare"/> is set.</summary>
public sealed record BandRule(string Name, decimal? MinTotal = null, decimal? TopShare = null);

public static class Scoring
{
    /// <summary>The explanation's words when a relative indicator has nobody above zero: no one fell short of anyone.</summary>
    public const string NobodyScored = "参评对象均为 0";

    /// <summary>
    /// The explanation's words for the subjects whose own document does set an indicator that another subject's does not
    /// (营收规模层级 when 新绛's towns are ranked with 朔州's): dropped for them too, so that one ranking has one indicator set.
    /// </summary>
    public const string UnsetForOthers = "同一排名中有对象";

    public static decimal Points(IndicatorRule rule, decimal? value, decimal? bestInCohort) => Round(ExactPoints(rule, value, bestInCohort));

    /// <summary>
    /// Two decimals, a half rounded away from zero (66.665 → 66.67) as Chinese documents round, not to even as .NET does
    /// by default: a total of 59.995 is read as 60.00 by everyone who sees it, so it must be 60.00 for the bands too.
    /// </summary>
    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static decimal ExactPoints(IndicatorRule rule, decimal? value, decimal? bestInCohort) => rule.Method switch
    {
        _ when value is null => 0,
        ScoringMethod.Linear => Linear(rule, value.Value),
        ScoringMethod.RelativeToBest => bestInCohort is { } best && best > 0 ? Clamp(value.Value / best * 100) : 0,
        ScoringMethod.Steps => rule.Steps.Where(s => value.Value >= s.AtLeast).Select(s => s.Points).DefaultIfEmpty(0).Max(),
        ScoringMethod.Manual => Clamp(value.Value),
        _ => 0,
    };

    private static decimal Linear(IndicatorRule rule, decimal value)
    {
        var floor = rule.Floor ?? 0;
        var ceiling = rule.Ceiling ?? 100;
        if (ceiling == floor) return value >= ceiling ? 100 : 0;
        var share = (value - floor) / (ceiling - floor);
        return Clamp((rule.LowerIsBetter ? 1 - share : share) * 100);
    }

    private static decimal Clamp(decimal points) => Math.Clamp(points, 0, 100);

    /// <summary>
    /// Scores every subject on every indicator, totals by weight (out of 100 whatever the weights add up to), ranks with
    /// ties sharing a rank (1, 2, 2, 4) and assigns bands. Subjects with the same total are listed by name.
    /// </summary>
    public static IReadOnlyList<SubjectScore> Evaluate(IReadOnlyList<IndicatorRule> rules,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, Measurement>> measurements, IReadOnlyList<BandRule> bands)
    {
        if (rules.Count == 0) throw new ArgumentException("指标体系为空", nameof(rules));
        if (rules.Any(r => r.Weight < 0)) throw new ArgumentException("指标权重不能为负", nameof(rules));
        if (rules.Sum(r => r.Weight) <= 0) throw new ArgumentException("指标权重之和应大于 0", nameof(rules));

        var best = rules.ToDictionary(r => r.Key, r => measurements.Values
            .Select(m => m.TryGetValue(r.Key, out var x) && x.NotApplicable is null ? x.Value : null).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max());

        // A relative indicator on which nobody is above zero cannot tell the subjects apart: it drops out for all of them, as
        // it does for a subject it does not apply to. Kept at 0 points, it cost the subjects it was measured for its whole
        // weight against those it did not apply to (新绛's towns with task forces, none reporting 升规入统, against 永济's without).
        var voided = rules.Where(r => r.Method == ScoringMethod.RelativeToBest && best[r.Key] <= 0).Select(r => r.Key).ToHashSet();
        // An indicator some subject's own document does not set is dropped for every subject: scored for the others only, it
        // weighed on them alone (卿头镇 at 0 for 0亿级 against 新绛's towns, whose document has no tiers, 56.39 against 72.5).
        var notInRules = rules.Where(r => measurements.Values.Any(m => m.TryGetValue(r.Key, out var x) && x.NotInRules))
            .ToDictionary(r => r.Key, r => measurements.Values.Select(m => m.GetValueOrDefault(r.Key)).First(x => x is { NotInRules: true })!.NotApplicable!);
        voided.UnionWith(notInRules.Keys);

        var scored = measurements.Select(subject =>
        {
            bool Applies(IndicatorRule rule) => !voided.Contains(rule.Key) && !(subject.Value.TryGetValue(rule.Key, out var m) && m.NotApplicable is not null);
            var applicableWeight = rules.Where(Applies).Sum(r => r.Weight);
            var indicators = rules.Select((IndicatorScore Score, decimal Exact) (rule) =>
            {
                subject.Value.TryGetValue(rule.Key, out var m);
                if (m?.NotApplicable is { } why)
                    return (new IndicatorScore(rule, null, 0, 0, $"不适用（{why}），其权重按比例分摊到其余指标", m.Evidence), 0m);
                if (notInRules.TryGetValue(rule.Key, out var unset))
                    return (new IndicatorScore(rule, m?.Value, 0, 0, $"不适用（{UnsetForOthers}{unset}，各对象按同一指标体系计分，本项均不计），其权重按比例分摊到其余指标", m?.Evidence ?? []), 0m);
                if (voided.Contains(rule.Key))
                    return (new IndicatorScore(rule, m?.Value, 0, 0, $"不适用（{NobodyScored}，无从比较），其权重按比例分摊到其余指标", m?.Evidence ?? []), 0m);
                var exact = ExactPoints(rule, m?.Value, best[rule.Key]);
                var points = Round(exact);
                var weighted = applicableWeight > 0 ? exact * rule.Weight / applicableWeight : 0;
                return (new IndicatorScore(rule, m?.Value, points, Round(weighted), Explain(rule, m, points, best[rule.Key]), m?.Evidence ?? [], m?.Reading), weighted);
            }).ToList();
            // The parts are shown rounded; summing those would drift (33.33 + 33.33 = 66.66 for an exact 66.667), enough to
            // move a subject across the 60-point line, so the total is rounded once from the exact parts.
            return new SubjectScore(subject.Key, Round(indicators.Sum(i => i.Exact)), indicators.Select(i => i.Score).ToList());
        }).OrderByDescending(s => s.Total).ThenBy(s => s.Subject, StringComparer.Ordinal).ToList();

        var ranked = new List<SubjectScore>(scored.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            var rank = i > 0 && scored[i].Total == scored[i - 1].Total ? ranked[i - 1].Rank : i + 1;
            ranked.Add(scored[i] with { Rank = rank });
        }
        return ranked.Select(s => s with { Band = BandOf(s, ranked, bands) }).ToList();
    }

    /// <summary>The first band the subject qualifies for, in the order given; a share band counts ranks, so ties stay together.</summary>
    private static string? BandOf(SubjectScore s, IReadOnlyList<SubjectScore> ranked, IReadOnlyList<BandRule> bands) => bands.FirstOrDefault(b =>
        (b.MinTotal is null || s.Total >= b.MinTotal) && (b.TopShare is null || InTopShare(s.Rank, ranked.Count, b.TopShare.Value)))?.Name;

    /// <summary>
    /// How many places a share of the ranking holds: “前 20%” is at most a fifth of those ranked, so rounded down (1 of 6, none of 4),
    /// but never fewer than <paramref name="minPlaces"/> (the scheme's minPlaces) nor more than are ranked. Rounded down alone, a
    /// city with three or four towns (阳泉, 朔州) could never commend one, though its text commends “评价排名靠前、成效突出的”.
    /// </summary>
    public static int Places(int count, decimal share, int minPlaces = 0) => Math.Max((int)Math.Floor(count * share), Math.Min(minPlaces, count));

    /// <summary>
    /// Whether a rank lies in the top share (排名前 20%): its place is within the share's places (<see cref="Places"/>). A tie is
    /// one rank, so a tied group whose shared rank is within the share is in as a whole even when it holds more subjects than
    /// the share has places: the texts commend “评价排名靠前、成效突出的” (新政办发〔2023〕33号 四（五）, 朔政办发〔2023〕19号 五（五）),
    /// and nothing in the figures tells tied subjects apart. Leaving the whole group out (as until 12-07) named nobody when three
    /// townships shared first place with full marks (“没有达到表扬条件”); cutting it would pick by name. The page and the report
    /// say when a tie overfills the share (<see cref="LineRule.TieAtCut"/>), and the office decides whom it commends.
    /// </summary>
    public static bool InTopShare(int rank, int count, decimal share, int minPlaces = 0) => rank <= Places(count, share, minPlaces);

    /// <summary>
    /// Whether a rank lies in the bottom share (排名后 10%), counted as the top share is: at most that share of those ranked,
    /// rounded down (1 of 10, none of 6), never up to "at least the last one". The texts name no share — 新政办发〔2023〕33号
    /// 四（五）、永济行动计划 五（四）、朔政办发〔2023〕19号 五（五） say only “对评价排名靠后或建设进度较慢的……发出督办通知书”,
    /// 阳政办发〔2023〕24号 六（五） “排名靠后、建设进度较慢的……予以督办” — so the share is the scheme's, and is read as written:
    /// the last of six stands in the last sixth, not the last tenth. A tie is treated as at the top: ranks are shared from the top,
    /// so a tied group holds the places from its rank to its rank + tied − 1, and a group reaching into the share is in as a whole
    /// (two tied last of twenty are both 排名后 10%); the page says when the share is overfilled, and the office decides.
    /// </summary>
    public static bool InBottomShare(int rank, int count, decimal share, int tied = 1, int minPlaces = 0) =>
        rank + Math.Max(1, tied) - 1 > count - Places(count, share, minPlaces);

    /// <summary>The unit of 认定层级 (tier-level: 储备 0, 县级 1, 市级 2, 省级 3), whose values are said by their tier names.</summary>
    private const string TierLevelUnit = "级";

    /// <summary>A value as its readers say it: a 认定层级 by its tier (县级), anything else as number and unit.</summary>
    public static string Show(IndicatorRule rule, decimal value) => Show(rule.Unit, value);

    public static string Show(string? unit, decimal value) =>
        unit == TierLevelUnit && value == decimal.Truncate(value) && value is >= 0 and <= 3
            ? Tiers.Chinese((Tier)(int)(value + 1))
            : $"{value:0.##}{unit}";

    /// <summary>A step of a stepped indicator: a tier is its own step (县级 得 60 分), a number a threshold (≥20亿级 得 70 分).</summary>
    public static string Step(IndicatorRule rule, ScoreStep step) =>
        rule.Unit == TierLevelUnit ? $"{Show(rule, step.AtLeast)} 得 {step.Points:0.##} 分" : $"≥{step.AtLeast:0.##}{rule.Unit} 得 {step.Points:0.##} 分";

    /// <summary>
    /// An indicator a subject fell short on, as a 督办通知书 states a problem: what was measured against what earns full marks
    /// (从业人员增长 4.75%，低于满分线 10%，得 47.5 分), not the scoring formula the ranking's detail explains.
    /// </summary>
    public static string Shortfall(IndicatorRule rule, IndicatorDetail scored)
    {
        var points = $"得 {scored.Points:0.##} 分";
        if (scored.Value is not { } v) return $"{rule.Name}无数据，按 0 分计";
        var value = Show(rule, v);
        return rule.Method switch
        {
            ScoringMethod.Linear when rule.LowerIsBetter => $"{rule.Name} {value}，高于满分线 {rule.Floor ?? 0:0.##}{rule.Unit}，{points}",
            ScoringMethod.Linear => $"{rule.Name} {value}，低于满分线 {rule.Ceiling ?? 100:0.##}{rule.Unit}，{points}",
            ScoringMethod.RelativeToBest => $"{rule.Name} {value}，为参评对象最高值的 {scored.Points:0.##}%，{points}",
            // The next step up: a tier by its name (未达到市级), a number as a threshold (未达到 20亿级).
            // Below every step the value says nothing a reader can use (0亿级): the lowest step is what was missed, and where the
            // steps are an area's own tiers, whose tier and clause, beside the figure it was measured on.
            ScoringMethod.Steps => rule.Steps.Where(s => s.AtLeast > v).MinBy(s => s.AtLeast) is { } next
                ? rule.Steps.All(s => s.AtLeast > v)
                    ? rule.StepsOf is { } area
                        ? $"{scored.Reading ?? rule.Name}，未达到{area}最低层级 {next.AtLeast:0.##}{rule.Unit}{(rule.Source is { } clause ? $"（{clause}）" : "")}，{points}"
                        : $"{rule.Name}未达到最低档{StepName(rule, next)}，{points}"
                    : rule.StepsOf is { } own && scored.Reading is { } reading
                        ? $"{reading}，为{own} {value}，未达到{StepName(rule, next)}，{points}"
                        : $"{rule.Name} {value}，未达到{StepName(rule, next)}，{points}"
                : $"{rule.Name} {value}，{points}",
            _ => $"{rule.Name}{scored.Explanation}",
        };
    }

    /// <summary>A step as the next one to reach: a tier by its name (市级), a number as a threshold ( 20亿级), with its points.</summary>
    private static string StepName(IndicatorRule rule, ScoreStep step) =>
        $"{(rule.Unit == TierLevelUnit ? Show(rule, step.AtLeast) : $" {step.AtLeast:0.##}{rule.Unit}")}（该档 {step.Points:0.##} 分）";

    private static string Explain(IndicatorRule rule, Measurement? m, decimal points, decimal best)
    {
        if (m?.Value is not { } v) return "无数据，按 0 分计";
        var value = Show(rule, v);
        var (floor, ceiling) = (rule.Floor ?? 0, rule.Ceiling ?? 100);
        // Outside the scale the value is not “between” its ends: it is at full marks or at none.
        var (full, none) = rule.LowerIsBetter ? (v <= floor, v >= ceiling) : (v >= ceiling, v <= floor);
        return rule.Method switch
        {
            ScoringMethod.Linear when full && floor != ceiling =>
                $"{value}，{(rule.LowerIsBetter ? "不高于" : "达到")}满分线 {(rule.LowerIsBetter ? floor : ceiling):0.##}{rule.Unit}，得 {points:0.##} 分",
            ScoringMethod.Linear when none && floor != ceiling =>
                $"{value}，{(rule.LowerIsBetter ? "不低于" : "不高于")} 0 分线 {(rule.LowerIsBetter ? ceiling : floor):0.##}{rule.Unit}，得 {points:0.##} 分",
            ScoringMethod.Linear => $"{value}，在 {floor:0.##}{rule.Unit}（{(rule.LowerIsBetter ? 100 : 0)} 分）与 {ceiling:0.##}{rule.Unit}（{(rule.LowerIsBetter ? 0 : 100)} 分）之间按比例得 {points:0.##} 分",
            ScoringMethod.RelativeToBest => $"{value}，最高者 {best:0.##}{rule.Unit} 为 100 分，按比例得 {points:0.##} 分",
            ScoringMethod.Steps => $"{value}，按分档得 {points:0.##} 分",
            _ => $"人工评分 {points:0.##} 分：{m.ManualReason}",
        };
    }
}
