using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Core.Evaluation;

/// <summary>
/// Who an evaluation of towns ranks: recognised towns (县级 and up), never 储备 ones. The texts evaluate a town once it is
/// recognised — “专业镇评定后，要组织开展专项检查” and “开展专业镇年度评估” (朔政办发〔2023〕19号 五（五）, 新政办发〔2023〕33号
/// 四（五）) — while a 储备 town is a candidate still being cultivated (“省级+市级+储备”, 朔政办发〔2023〕19号 三（一）).
/// Recognised in the year evaluated, by the tier held at its end (TierStanding.HeldOn), not today's: a town
/// recognised in 2026 is no object of the 2024 evaluation (qa110 4; decision 0023).
/// <para>
/// An evaluation of townships is another matter: the county texts assess every township on its work for the towns —
/// “加强对各乡镇和各相关部门落实专业镇工作的监督考核” (垣政办发〔2023〕19号 五（四）), “强化对各镇、各部门的工作考核”
/// (新政办发〔2023〕33号 四（五）), “强化对各镇（街道）……的工作考核” (永济行动计划 五（四）) — and cultivating a candidate town is
/// such work (“各乡镇……制定出台专业镇培育方案”, 垣政办发〔2023〕19号 五（三）; “其他镇（街道）……制定出台培育方案”, 永济行动计划 五（三）).
/// So a township is measured on all its towns, 储备 included. The township indicators read the records of those towns
/// (statistics, projects, 专班, problems), so a township with no town, or whose towns had nothing due in the year, has
/// nothing to be ranked on and is left out, as a member unit that led nothing is.
/// </para>
/// </summary>
public static class EvaluatedTowns
{
    public const string Basis = "朔政办发〔2023〕19号 五（五）、新政办发〔2023〕33号 四（五）";

    /// <summary>The clauses that assess every township on its work for the towns, 储备 towns included.</summary>
    public const string TownshipBasis = "垣政办发〔2023〕19号 五（三）（四）、新政办发〔2023〕33号 四（五）";

    /// <summary>
    /// What an evaluation with nobody to rank says, instead of a bare “没有可评估的专业镇”: an office whose towns were all 储备 at the
    /// end of the year is told that this is why, on what text, and what its own document asks it to assess instead. The towns are
    /// named as they stood then (<see cref="TownAtYearEnd"/>), not as they stand today: “目前只有储备专业镇” for 2022 named the towns
    /// 储备 now, and left out those recognised since, which were the reason an office would expect a ranking.
    /// </summary>
    public static string Nobody(SubjectKind kind, string area, int year, IReadOnlyList<TownAtYearEnd> towns, EvaluationRule? packRule)
    {
        var reserves = towns.Where(t => t.Listed).Select(t => t.Name).ToList();
        var later = towns.Where(t => t.RecognisedOn is not null)
            .Select(t => $"{t.Name}于{t.RecognisedOn!.Value.Year}年{t.RecognisedOn.Value.Month}月{t.RecognisedOn.Value.Day}日认定为{Tiers.Chinese(t.RecognisedAs!.Value)}").ToList();
        var held = string.Join("；", new[]
        {
            reserves.Count == 0 ? null : $"当时储备专业镇 {reserves.Count} 个：{string.Join("、", reserves)}",
            later.Count == 0 ? null : $"{string.Join("、", later)}，不参加{year}年度评估",
        }.OfType<string>());
        var own = packRule?.Subjects is { Length: > 0 } subjects && !subjects.Contains("专业镇", StringComparison.Ordinal)
            ? $"本级文件要求考核的是{subjects}（{packRule.Source}），可分别发起“乡镇”评估（含储备专业镇所在乡镇）和“成员单位”评估。"
            : "";
        return kind switch
        {
            SubjectKind.Town when held.Length > 0 =>
                $"{year}年末{area}没有已认定的专业镇（{held}）。本评估只评当年年末已认定的专业镇：文件要求“专业镇评定后”开展检查评估（{Basis}），" +
                $"储备专业镇在“储备培育”中跟踪，不参加排名。{own}",
            SubjectKind.Town => $"{year}年末{area}没有已认定的专业镇，没有可评估的专业镇。{own}",
            SubjectKind.Township =>
                $"{area}没有乡镇在{year}年有可计量的专业镇工作记录（辖区内专业镇（含储备）的年度统计、重点项目、专班月报、问题台账），没有可评估的乡镇。" +
                $"乡镇评估按所含专业镇（含储备）的记录计分（{TownshipBasis}）。",
            _ => $"{area}的成员单位在{year}年没有牵头到期的责任清单任务、问题、重点项目或专班月报，没有可评估的成员单位。",
        };
    }

    /// <summary>
    /// A town of the area as it stood at the end of the year evaluated, by its tier history (<see cref="TierStanding.HeldOn"/>, the rule
    /// that picks the year's objects): <paramref name="history"/> of the town, <paramref name="present"/> its tier today. Null for a town
    /// recognised then (an object of the year).
    /// </summary>
    public static TownAtYearEnd? AtYearEnd(string name, IReadOnlyCollection<TierChange> history, Tier present, int year)
    {
        var yearEnd = new DateOnly(year, 12, 31);
        if (TierStanding.HeldOn(history, present, yearEnd) != Tier.Reserve) return null;
        // On the list by then: a step by the year's end, or no history at all (a town whose tier was never recorded is read as it is).
        var listed = history.Count == 0 || history.Any(c => c.EffectiveOn <= yearEnd);
        var recognised = history.Where(c => c.EffectiveOn > yearEnd && c.Tier != Tier.Reserve).OrderBy(c => c.EffectiveOn).ThenBy(c => c.Id).FirstOrDefault();
        return new TownAtYearEnd(name, listed, recognised?.EffectiveOn, recognised?.Tier);
    }
}

/// <summary>A town of the area at the end of a year in which it was not recognised: 储备 then (<paramref name="Listed"/>), and when it was recognised since, if it was.</summary>
public sealed record TownAtYearEnd(string Name, bool Listed, DateOnly? RecognisedOn, Tier? RecognisedAs);
