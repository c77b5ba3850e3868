using System.Text.RegularExpressions;
using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Evaluation;

/// <summary>Checks an indicator system the way the pack validator checks a pack: every problem in Chinese, with file and line.</summary>
public static partial class EvaluationSchemeValidator
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    public static IReadOnlyList<PackProblem> Validate(IReadOnlyList<EvaluationScheme> schemes, IReadOnlyList<PolicyPack> packs)
    {
        var problems = new List<PackProblem>();
        foreach (var duplicate in schemes.GroupBy(s => s.Id).Where(g => g.Count() > 1))
            foreach (var s in duplicate.Skip(1))
                problems.Add(new PackProblem(s.FileName, s.Line, $"指标体系编号“{s.Id}”与 {duplicate.First().FileName} 重复"));
        foreach (var scheme in schemes) Check(scheme, problems);

        var ids = schemes.Select(s => s.Id).ToHashSet();
        foreach (var pack in packs)
            foreach (var rule in pack.Mechanisms.Evaluation.Where(r => r.Scheme is not null && !ids.Contains(r.Scheme)))
                problems.Add(new PackProblem(pack.FileName, rule.Line, $"考核评估引用的指标体系“{rule.Scheme}”不存在（policies/schemes/ 下应有 id 为它的文件）"));
        return problems;
    }

    private static void Check(EvaluationScheme s, List<PackProblem> problems)
    {
        void Problem(PackNode node, string message) => problems.Add(new PackProblem(s.FileName, node.Line, message));

        if (!KebabCase().IsMatch(s.Id)) Problem(s, $"指标体系编号（id）“{s.Id}”只能用小写字母、数字和连字符");
        if (string.IsNullOrWhiteSpace(s.Name)) Problem(s, "缺少指标体系名称（name）");
        if (!EvaluationVocabulary.Bases.ContainsKey(s.Basis))
            Problem(s, $"依据（basis）应为 {string.Join("、", EvaluationVocabulary.Bases.Keys)} 之一，现为“{s.Basis}”");
        if (s.Kinds.Count == 0) Problem(s.Subjects.Line > 0 ? s.Subjects : s, "没有任何评估对象的指标（subjects.town / township / unit 至少一项）");
        if (s.RectificationDays is < 1 or > 365) Problem(s, $"整改期限（rectificationDays）应在 1 到 365 天之间，现为 {s.RectificationDays}");

        foreach (var kind in Enum.GetValues<SubjectKind>())
        {
            var indicators = s.IndicatorsFor(kind);
            foreach (var duplicate in indicators.GroupBy(i => i.Key).Where(g => g.Count() > 1))
                foreach (var i in duplicate.Skip(1)) Problem(i, $"{SubjectKinds.Chinese(kind)}指标编号“{i.Key}”重复");
            foreach (var i in indicators) CheckIndicator(i, kind, Problem);
        }

        foreach (var b in s.Bands)
        {
            if (string.IsNullOrWhiteSpace(b.Name)) Problem(b, "等次缺少名称（bands.name）");
            if (b.MinTotal is < 0 or > 100) Problem(b, $"等次“{b.Name}”的分数线（minTotal）应在 0 到 100 之间");
            if (b.TopShare is <= 0 or > 1) Problem(b, $"等次“{b.Name}”的比例（topShare）应大于 0 且不超过 1（如 0.2 表示前 20%）");
        }
        foreach (var (rule, what) in new[] { (s.Commendation, "表扬（commendation）"), (s.Supervision, "督办（supervision）") })
        {
            if (rule is null) continue;
            if (rule.TopShare is <= 0 or > 1 || rule.BottomShare is <= 0 or > 1) Problem(rule, $"{what}的比例应大于 0 且不超过 1");
            if (rule.MinTotal is < 0 or > 100 || rule.BelowTotal is < 0 or > 100) Problem(rule, $"{what}的分数线应在 0 到 100 之间");
            if (rule.MinPlaces is < 1 or > 100) Problem(rule, $"{what}的最少名额（minPlaces）应为 1 到 100 之间的整数");
            else if (rule.MinPlaces is not null && rule.TopShare is null && rule.BottomShare is null)
                Problem(rule, $"{what}的最少名额（minPlaces）只对比例（topShare / bottomShare）起作用，请同时写明比例或删去 minPlaces");
            if (rule.TopShare is null && rule.BottomShare is null && rule.MinTotal is null && rule.BelowTotal is null)
                Problem(rule, $"{what}没有写名单怎样产生（topShare / bottomShare / minTotal / belowTotal）");
        }
    }

    private static void CheckIndicator(SchemeIndicator i, SubjectKind kind, Action<PackNode, string> problem)
    {
        var label = $"指标“{(string.IsNullOrWhiteSpace(i.Name) ? i.Key : i.Name)}”";
        if (!KebabCase().IsMatch(i.Key)) problem(i, $"{label}的编号（key）只能用小写字母、数字和连字符");
        if (string.IsNullOrWhiteSpace(i.Name)) problem(i, $"{label}缺少名称（name）");
        if (!EvaluationVocabulary.Measures.TryGetValue(i.Measure, out var measure))
            problem(i, $"{label}的计量（measure）“{i.Measure}”不在平台能计算的范围内，可用：{string.Join("、", EvaluationVocabulary.Measures.Keys)}");
        else if (!measure.Subjects.Contains(kind))
            problem(i, $"{label}的计量“{i.Measure}”（{measure.Name}）不适用于{SubjectKinds.Chinese(kind)}");
        if (i.Weight is <= 0 or > 100) problem(i, $"{label}的权重（weight）应大于 0 且不超过 100");
        if (!EvaluationVocabulary.Methods.TryGetValue(i.Method, out var method))
        {
            problem(i, $"{label}的计分方法（method）应为 {string.Join("、", EvaluationVocabulary.Methods.Keys)} 之一");
            return;
        }
        if ((method == ScoringMethod.Manual) != (i.Measure == "manual"))
            problem(i, $"{label}：人工评分（measure: manual）与计分方法 manual 须同时使用");
        if (method == ScoringMethod.Linear && (i.Floor ?? 0) == (i.Ceiling ?? 100))
            problem(i, $"{label}的 0 分线（floor）与满分线（ceiling）不能相同");
        if (method == ScoringMethod.Steps)
        {
            if (i.Steps.Count == 0) problem(i, $"{label}按分档计分，但没有写分档（steps）");
            foreach (var step in i.Steps.Where(x => x.Points is < 0 or > 100)) problem(step, $"{label}的分档得分应在 0 到 100 之间");
        }
    }
}
