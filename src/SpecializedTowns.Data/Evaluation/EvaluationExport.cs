using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Evaluation;

/// <summary>年度评估 (the list of evaluations) as a clerk downloads it; each evaluation's own tables come from EvaluationReport.</summary>
public static class EvaluationExport
{
    public static readonly ExportTable<EvaluationListItem> Table = new("年度评估", [
        new("年度", e => e.Year, 8),
        new("评估范围", e => e.Area, 14),
        new("评估对象", e => SubjectKinds.Chinese(e.Kind), 10),
        new("指标体系", e => e.SchemeIsPlatformDefault && !e.SchemeName.Contains("平台默认") ? e.SchemeName + "（平台默认）" : e.SchemeName, 30),
        new("对象数", e => e.Subjects, 8),
        new("拟表扬", e => e.Commended, 8),
        new("拟督办", e => e.Supervised, 8),
        new("状态", e => e.State == EvaluationState.Published ? "已发布" : "草稿", 8),
        new("计算时间", e => e.CalculatedAtUtc, 18),
        new("发布时间", e => e.PublishedAtUtc, 18),
    ]);

    /// <summary>年度评估表扬名单 as the 表扬 page lists it: the commended of every published evaluation the person may read.</summary>
    public static readonly ExportTable<CommendedItem> Commended = new("年度评估表扬名单", [
        new("年度", c => c.Year, 8),
        new("评估", c => $"{c.Area}{SubjectKinds.Chinese(c.Kind)}评估", 22),
        new("对象", c => c.Subject, 26),
        new("所在地", c => c.Place, 14),
        new("名次", c => c.Rank, 8),
        new("得分", c => c.Total, 10),
        new("等次", c => c.Band, 8),
        new("主送", c => c.Addressee?.Name, 24),
        new("主送依据", c => c.Addressee?.Basis, 40),
        new("发布时间", c => c.PublishedAtUtc, 18),
    ]);
}
