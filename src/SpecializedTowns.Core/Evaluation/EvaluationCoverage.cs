namespace SpecializedTowns.Core.Evaluation;

/// <summary>An indicator that did not count for some or all subjects, with why (as the first of them was told).</summary>
public sealed record UncountedIndicator(string Name, decimal Weight, string Why, int Subjects, bool ForAll)
{
    public string Describe() => $"{Name}（权重 {Weight:0.##}，{(ForAll ? "全部对象" : $"{Subjects} 个对象")}不计分：{Why}）";

    /// <summary>The indicator under its reason (<see cref="EvaluationCoverage.ByReason"/>): 营收规模层级（权重 10，全部对象）.</summary>
    public string Label => $"{Name}（权重 {Weight:0.##}，{(ForAll ? "全部对象" : $"{Subjects} 个对象")}）";
}

/// <summary>Indicators that did not count for one reason, in the order <see cref="EvaluationCoverage.Uncounted"/> lists them.</summary>
public sealed record UncountedReason(string Why, IReadOnlyList<UncountedIndicator> Indicators);

/// <summary>
/// How much of the indicator system an evaluation actually scored. An indicator that does not apply drops out and the others'
/// weights fill the 100 (decision 0011), so a ranking may rest on one growth figure while the page, the report and the
/// 督办通知书 read as if the whole scheme had been applied (12-07: 运城's township ranking on 1 of 6 indicators, its towns on
/// 35 of the 100 weight points). The reader is told what counted, and a low coverage asks the office to confirm in writing
/// before it publishes or issues notices: 新政办发〔2023〕33号 四（五） bases praise and 督办通知书 on “评估结果，结合各单位工作职责”.
/// </summary>
/// <param name="Counted">Indicators that scored for at least one subject.</param>
/// <param name="CountedWeight">Their weight.</param>
/// <param name="ThinnestWeight">The weight scored for the subject scored on the least (what its place rests on).</param>
/// <param name="ThinnestSubjects">How many subjects were scored on that least weight.</param>
public sealed record EvaluationCoverage(int Counted, int Indicators, decimal CountedWeight, decimal TotalWeight,
    decimal ThinnestWeight, int ThinnestSubjects, int SubjectCount, IReadOnlyList<UncountedIndicator> Uncounted)
{
    /// <summary>
    /// Low below half the weight: then more of what the scheme says makes a good town (or township, or unit) is missing from the
    /// ranking than is in it, and the scheme's own weighting calls what was scored the minor part. Measured on the subject scored
    /// on the least, since a 拟督办 falls on a single subject and must rest on its own figures.
    /// </summary>
    public const decimal LowShare = 0.5m;

    /// <summary>The field that carries the office's written confirmation (page and API).</summary>
    public const string ReasonField = "coverageReason";

    public const int MaxReason = AnnualEvaluation.MaxReason;

    /// <summary>The words <see cref="Scoring.Evaluate"/> opens an indicator's explanation with when it did not count.</summary>
    private const string NotApplicable = "不适用";

    public static bool Counts(IndicatorDetail i) => !i.Explanation.StartsWith(NotApplicable, StringComparison.Ordinal);

    public bool IsLow => SubjectCount > 0 && TotalWeight > 0 && ThinnestWeight < TotalWeight * LowShare;

    /// <summary>本次计分指标 5/15 项，权重 35/100 — with the subjects scored on less, when they differ.</summary>
    public string Summary => $"本次计分指标 {Counted}/{Indicators} 项，权重 {CountedWeight:0.##}/{TotalWeight:0.##}"
        + (ThinnestWeight < CountedWeight ? $"（其中 {ThinnestSubjects} 个对象只按权重 {ThinnestWeight:0.##} 计分）" : "");

    /// <summary>未计分：each indicator that did not count, with its weight and why; null when every indicator counted for everyone.</summary>
    public string? UncountedSummary => Uncounted.Count == 0 ? null : "未计分：" + string.Join("；", Uncounted.Select(u => u.Describe()));

    /// <summary>
    /// The uncounted indicators grouped by why (several rates drop out for one missing record: no 2024 projects, no task force),
    /// so a reader sees the few missing facts rather than a long list of indicators.
    /// </summary>
    public IReadOnlyList<UncountedReason> ByReason => Uncounted.GroupBy(u => u.Why).Select(g => new UncountedReason(g.Key, g.ToList())).ToList();

    public string? Warning => IsLow
        ? $"计分指标的权重不足一半（{(ThinnestWeight < CountedWeight ? $"最少的只有 {ThinnestWeight:0.##}" : $"{CountedWeight:0.##}")}/{TotalWeight:0.##}），" +
          "排名和拟表扬、拟督办取决于少数指标，不能全面反映各单位的工作。使用评估结果时请“结合各单位工作职责”（新政办发〔2023〕33号 四（五））；" +
          "发布评估、下发督办通知书须由办公室写明确认理由，记入修改记录。"
        : null;

    /// <summary>What is wrong with the office's confirmation: required when coverage is low, at most <see cref="MaxReason"/> characters.</summary>
    public string? ReasonProblem(string? reason, string step)
    {
        if (!IsLow) return null;
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text)) return $"{Summary}，计分指标的权重不足一半：{step}前请写明确认理由（如：已结合各单位工作职责核实）";
        return text.Length > MaxReason ? $"确认理由不能超过 {MaxReason} 字" : null;
    }

    /// <summary>The sentence kept in the evaluation's history when the office confirms a low coverage.</summary>
    public string Confirmation(string step, string reason) => $"{step}（{Summary}，计分指标的权重不足一半），办公室确认理由：{reason.Trim()}";

    public static EvaluationCoverage Of(IEnumerable<IReadOnlyList<IndicatorDetail>> subjects)
    {
        var all = subjects.ToList();
        if (all.Count == 0) return new EvaluationCoverage(0, 0, 0, 0, 0, 0, 0, []);
        var indicators = all[0];
        var total = indicators.Sum(i => i.Weight);
        var counted = indicators.Where(i => all.Any(s => s.Any(x => x.Key == i.Key && Counts(x)))).ToList();
        var weights = all.Select(s => s.Where(Counts).Sum(i => i.Weight)).ToList();
        var thinnest = weights.Min();
        var uncounted = indicators
            .Select(i => (Indicator: i, Missing: all.Select(s => s.FirstOrDefault(x => x.Key == i.Key)).Where(x => x is not null && !Counts(x)).ToList()))
            .Where(x => x.Missing.Count > 0)
            .OrderByDescending(x => x.Missing.Count == all.Count).ThenByDescending(x => x.Indicator.Weight)
            .Select(x => new UncountedIndicator(x.Indicator.Name, x.Indicator.Weight, Why(x.Missing[0]!.Explanation), x.Missing.Count, x.Missing.Count == all.Count))
            .ToList();
        return new EvaluationCoverage(counted.Count, indicators.Count, counted.Sum(i => i.Weight), total, thinnest, weights.Count(w => w == thinnest), all.Count, uncounted);
    }

    /// <summary>“不适用（2024年无计划开工的重点项目），其权重按比例分摊到其余指标” → 2024年无计划开工的重点项目.</summary>
    private static string Why(string explanation)
    {
        var open = explanation.IndexOf('（');
        var close = explanation.LastIndexOf("），其权重", StringComparison.Ordinal);
        return open >= 0 && close > open ? explanation[(open + 1)..close] : explanation;
    }
}
