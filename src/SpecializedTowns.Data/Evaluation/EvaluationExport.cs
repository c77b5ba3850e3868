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
}
