namespace SpecializedTowns.Core.Evaluation;

/// <summary>An indicator that did not count for some or all subjects, with why (as the first of them was told).</summary>
/// <param name="ForOthers">Dropped for all because some subjects' own documents do not set it (<see cref="Why"/> then names them).</param>
public sealed record UncountedIndicator(string Name, decimal Weight, string Why, int Subjects, bool ForAll, bool ForOthers = false)
{
    public string Describe() => ForOthers
        ? $"{Name}（权重 {Weight:0.##}，{Why}）"
        : $"{Name}（权重 {Weight:0.##}，{(ForAll ? "全部对象" : $"{Subjects} 个对象")}不计分：{Why}）";

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
/// before it publishes or issues notices: a ranking on one growth figure cannot be all the office goes on. Where the area's own
/// document says what the results are used with (新政办发〔2023〕33号 四（五）“结合各单位工作职责”), the warning quotes it
/// (<see cref="ResultsUse"/>); another area's words are never the reader's (12-07: the province was quoted 新绛's clause).
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

    /// <summary>
    /// What the evaluation area's own documents say the results are used with, by the platform's one rule for citations
    /// (<see cref="SpecializedTowns.Core.Policies.PolicyBasis"/>: its own document, else the nearest above; never a county's for a
    /// city or the province); null when they say nothing.
    /// </summary>
    public SpecializedTowns.Core.Policies.BasisQuote? ResultsUse { get; init; }

    /// <summary>使用评估结果时请“结合各单位工作职责”（新政办发〔2023〕33号 四（五））, or null when the area's documents say nothing of it.</summary>
    public string? UseAdvice => ResultsUse is { } use ? $"使用评估结果时请“{use.Text}”（{use.Source}）" : null;

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
          "排名和拟表扬、拟督办取决于少数指标，不能全面反映各单位的工作。" + (UseAdvice is { } advice ? advice + "；" : "") +
          "发布评估、下发督办通知书须由办公室写明确认理由，记入修改记录。"
        : null;

    /// <summary>
    /// 全部 3 个参评对象均拟督办，含第 1 名；计分指标仅 45/110（权重）: the whole ranking, or its first, under supervision — a 督办通知书
    /// to the best town of a city under a clause on those “排名靠后” (qa110 2). Null when neither; set by <see cref="WithSweep"/>.
    /// </summary>
    public string? Sweep { get; init; }

    /// <summary>Whether publishing and issuing need the office's written confirmation: low coverage, or a sweep.</summary>
    public bool NeedsReason => IsLow || Sweep is not null;

    /// <summary>The coverage with <see cref="Sweep"/> read from the ranking (each subject's rank and whether it is 拟督办).</summary>
    public EvaluationCoverage WithSweep(IReadOnlyList<(int Rank, bool Supervised)> ranked)
    {
        var supervised = ranked.Count(r => r.Supervised);
        var first = ranked.Any(r => r.Rank == 1 && r.Supervised);
        if (supervised == 0 || !first && supervised < ranked.Count) return this with { Sweep = null };
        // A ranking of one: “全部 1 个……均拟督办，含第 1 名” counts a first and an all where there is one town.
        var who = ranked.Count == 1 ? "参评对象仅 1 个，拟督办" : supervised == ranked.Count ? $"全部 {ranked.Count} 个参评对象均拟督办" : $"拟督办 {supervised} 个参评对象";
        return this with
        {
            Sweep = who + (first && ranked.Count > 1 ? "，含第 1 名" : "") + (CountedWeight < TotalWeight ? $"；计分指标仅 {CountedWeight:0.##}/{TotalWeight:0.##}（权重）" : ""),
        };
    }

    /// <summary>Why a confirmation is asked for, in one sentence: the low coverage, the sweep, or both.</summary>
    private string ReasonWhy => string.Join("；", new[] { IsLow ? $"{Summary}，计分指标的权重不足一半" : null, Sweep }.OfType<string>());

    /// <summary>An example reason that fits what is being confirmed: the uncounted indicators, or the supervision of the whole ranking.</summary>
    public string ReasonExample => IsLow ? "如：未计分的指标已逐项核对，本年度确无相应记录" : "如：已逐项核对各对象的得分和问题，督办确有依据";

    /// <summary>The label of the confirmation field on the page.</summary>
    public string ReasonLabel => $"确认理由（{ReasonWhy}）";

    /// <summary>What is wrong with the office's confirmation: required when <see cref="NeedsReason"/>, at most <see cref="MaxReason"/> characters.</summary>
    public string? ReasonProblem(string? reason, string step)
    {
        if (!NeedsReason) return null;
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text)) return $"{ReasonWhy}：{step}前请写明确认理由（{ReasonExample}）";
        return text.Length > MaxReason ? $"确认理由不能超过 {MaxReason} 字" : null;
    }

    /// <summary>The sentence kept in the evaluation's history when the office confirms a low coverage or a sweep.</summary>
    public string Confirmation(string step, string reason) => $"{step}（{ReasonWhy}），办公室确认理由：{reason.Trim()}";

    /// <param name="names">The subjects' names, in the order of <paramref name="subjects"/>: an indicator dropped for all because some
    /// subjects' documents do not set it names those subjects.</param>
    public static EvaluationCoverage Of(IEnumerable<IReadOnlyList<IndicatorDetail>> subjects, IReadOnlyList<string>? names = null)
    {
        var all = subjects.ToList();
        if (all.Count == 0) return new EvaluationCoverage(0, 0, 0, 0, 0, 0, 0, []);
        var indicators = all[0];
        var total = indicators.Sum(i => i.Weight);
        var counted = indicators.Where(i => all.Any(s => s.Any(x => x.Key == i.Key && Counts(x)))).ToList();
        var weights = all.Select(s => s.Where(Counts).Sum(i => i.Weight)).ToList();
        var thinnest = weights.Min();
        var uncounted = indicators
            .Select(i => (Indicator: i, Missing: all.Select((s, n) => (Detail: s.FirstOrDefault(x => x.Key == i.Key), Subject: names?.ElementAtOrDefault(n)))
                .Where(x => x.Detail is not null && !Counts(x.Detail)).ToList()))
            .Where(x => x.Missing.Count > 0)
            .OrderByDescending(x => x.Missing.Count == all.Count).ThenByDescending(x => x.Indicator.Weight)
            .Select(x => UncountedOf(x.Indicator, x.Missing.Select(m => (m.Detail!, m.Subject)).ToList(), all.Count))
            .ToList();
        return new EvaluationCoverage(counted.Count, indicators.Count, counted.Sum(i => i.Weight), total, thinnest, weights.Count(w => w == thinnest), all.Count, uncounted);
    }

    /// <summary>
    /// The indicator left out, with why as the first subject was told — except when it dropped for all because only some subjects'
    /// documents do not set it: then the others were told “同一排名中有对象…”, and the first subject's reason alone (所属文件未设营收
    /// 规模层级, 12-07 on the province's ranking, where 朔州's and 阳泉's towns have tiers) said wrongly that none had them.
    /// </summary>
    private static UncountedIndicator UncountedOf(IndicatorDetail indicator, IReadOnlyList<(IndicatorDetail Detail, string? Subject)> missing, int subjects)
    {
        var forAll = missing.Count == subjects;
        var unset = missing.Where(m => !Why(m.Detail.Explanation).StartsWith(Scoring.UnsetForOthers, StringComparison.Ordinal)).ToList();
        if (!forAll || unset.Count == 0 || unset.Count == missing.Count || unset.Select(m => Why(m.Detail.Explanation)).Distinct().Count() > 1)
            return new UncountedIndicator(indicator.Name, indicator.Weight, Why(missing[0].Detail.Explanation), missing.Count, forAll);
        var named = unset.Select(m => m.Subject).OfType<string>().ToList();
        var which = named.Count == 0 ? $"（{unset.Count} 个）"
            : named.Count <= MaxNamed ? $"（{string.Join("、", named)}）"
            : $"（{string.Join("、", named.Take(MaxNamed))}等 {named.Count} 个）";
        return new UncountedIndicator(indicator.Name, indicator.Weight,
            $"部分对象{which}{Why(unset[0].Detail.Explanation)}，为同一口径均不计分", missing.Count, forAll, ForOthers: true);
    }

    /// <summary>How many subjects a reason names before it folds to 等 N 个 (a province ranks dozens of towns).</summary>
    private const int MaxNamed = 3;

    /// <summary>“不适用（2024年无计划开工的重点项目），其权重按比例分摊到其余指标” → 2024年无计划开工的重点项目.</summary>
    private static string Why(string explanation)
    {
        var open = explanation.IndexOf('（');
        var close = explanation.LastIndexOf("），其权重", StringComparison.Ordinal);
        return open >= 0 && close > open ? explanation[(open + 1)..close] : explanation;
    }
}
