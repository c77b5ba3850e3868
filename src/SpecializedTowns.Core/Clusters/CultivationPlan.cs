using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Core.Clusters;

/// <summary>One task of a 培育方案: a criterion of the target standard still to close, with its target figure where it has one.</summary>
public sealed record CultivationTask(string CriterionKey, string Title, string? Source, string Measures, decimal? TargetValue, string? TargetUnit, decimal? CurrentValue);

/// <summary>
/// 培育方案 started from the gap (永济 五（三）“其他镇（街道）结合实际，制定出台培育方案”): one task per criterion of the target
/// standard that the figures do not yet meet — short of a threshold, not met, or lacking the figure — with the
/// threshold as the task's target value and today's figure as its current value. Criteria the text leaves to the
/// experts (qualitative ones) are not tasks here: there is nothing to measure progress by.
/// </summary>
public static class CultivationPlan
{
    /// <summary>
    /// The tasks, each citing its criterion under the standard's own document (<see cref="Policies.RecognitionStandard.Cite"/>):
    /// a 新绛 town's plan toward 运城's standard cites 运政办发〔2023〕8号（据垣政办发〔2023〕19号 三、二是）, not 垣曲's text.
    /// </summary>
    public static IReadOnlyList<CultivationTask> TasksFrom(TargetStandard target, TownFacts facts, RecognitionResult check)
    {
        var tasks = new List<CultivationTask>();
        foreach (var criterion in target.Standard.Criteria)
        {
            var result = check.Criteria.FirstOrDefault(c => c.Key == criterion.Key);
            if (result is null) continue;
            var gap = check.Gaps.FirstOrDefault(g => g.Key == criterion.Key);
            var open = result.Result is Results.NotMet or Results.MissingData || gap is not null;
            if (!open) continue;

            var tier = Tiers.Chinese(target.Tier);
            if (criterion.Kind == "threshold" && criterion.Fact is { } fact && ReserveCandidates.Threshold(criterion, facts.Category) is { } threshold)
            {
                var reading = criterion.Reading == "about" ? "左右" : "";
                var current = facts.Number(fact);
                var measures = current is null
                    ? $"对照{target.Standard.Name}：{result.Explanation}。摸清并按年填报{criterion.Title}数据。"
                    : $"对照{target.Standard.Name}：{result.Explanation}。{gap?.Text ?? ""}";
                // A criterion met either way (主导产品在全省占有率50%以上或全国拥有较大市场空间) is quoted whole: its figure alone
                // would set the town a target the text does not require of it.
                var title = criterion.OrClaim is not null && !string.IsNullOrWhiteSpace(criterion.Text)
                    ? $"{criterion.Title}：{criterion.Text.Trim().TrimEnd('。')}（{tier}标准）"
                    : $"{criterion.Title}达到{Quantity.Exact(threshold, criterion.Unit)}{reading}（{tier}标准）";
                if (criterion.OrClaim is { } alt)
                    measures = measures.TrimEnd('。') + $"。或提供“{alt.Text}”的证明材料，经专家评审认定。";
                tasks.Add(new CultivationTask(criterion.Key, title, target.Standard.Cite(criterion.Source), measures.TrimEnd('。') + "。", threshold, criterion.Unit, current));
            }
            else
            {
                tasks.Add(new CultivationTask(criterion.Key, $"{criterion.Title}符合{tier}标准", target.Standard.Cite(criterion.Source),
                    $"对照{target.Standard.Name}：{result.Explanation}。", null, null, null));
            }
        }
        return tasks;
    }
}
