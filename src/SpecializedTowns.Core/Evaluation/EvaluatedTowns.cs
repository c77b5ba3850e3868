using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Evaluation;

/// <summary>
/// Who an evaluation of towns ranks: recognised towns (县级 and up), never 储备 ones. The texts evaluate a town once it is
/// recognised — “专业镇评定后，要组织开展专项检查” and “开展专业镇年度评估” (朔政办发〔2023〕19号 五（五）, 新政办发〔2023〕33号
/// 四（五）) — while a 储备 town is a candidate still being cultivated (“省级+市级+储备”, 朔政办发〔2023〕19号 三（一）).
/// 垣政办发〔2023〕19号 五（四） assesses 各乡镇和各相关部门 on their work for the towns, not the candidate towns themselves.
/// The 认定层级 indicator's 储备 step is for a town recognised only after the year evaluated.
/// </summary>
public static class EvaluatedTowns
{
    public const string Basis = "朔政办发〔2023〕19号 五（五）、新政办发〔2023〕33号 四（五）";

    /// <summary>
    /// What an evaluation with nobody to rank says, instead of a bare “没有可评估的专业镇”: an office whose towns are all 储备
    /// is told that this is why, on what text, and what its own document asks it to assess instead.
    /// </summary>
    public static string Nobody(SubjectKind kind, string area, int year, IReadOnlyList<string> reserveTowns, EvaluationRule? packRule)
    {
        var reserves = reserveTowns.Count == 0 ? "" : $"{reserveTowns.Count} 个：{string.Join("、", reserveTowns)}";
        var own = packRule?.Subjects is { Length: > 0 } subjects && !subjects.Contains("专业镇", StringComparison.Ordinal)
            ? $"本级文件要求考核的是{subjects}（{packRule.Source}），其中成员单位的工作可发起“成员单位”评估。"
            : "";
        return kind switch
        {
            SubjectKind.Town when reserves.Length > 0 =>
                $"{area}目前只有储备专业镇（{reserves}），还没有已认定的专业镇。本评估只评已认定的专业镇：文件要求“专业镇评定后”开展检查评估（{Basis}），" +
                $"储备专业镇在“储备培育”中跟踪，不参加排名。{own}",
            SubjectKind.Town => $"{area}还没有已认定的专业镇，没有可评估的专业镇。{own}",
            SubjectKind.Township when reserves.Length > 0 =>
                $"{area}目前只有储备专业镇（{reserves}），还没有已认定专业镇所在的乡镇。乡镇评估只评已认定专业镇所在的乡镇（{Basis}）。{own}",
            SubjectKind.Township => $"{area}还没有已认定的专业镇，没有可评估的乡镇。{own}",
            _ => $"{area}的成员单位在{year}年没有牵头到期的责任清单任务、问题、重点项目或专班月报，没有可评估的成员单位。",
        };
    }
}
