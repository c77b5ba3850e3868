using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Applications;

/// <summary>认定申报 as a clerk downloads it.</summary>
public static class ApplicationExport
{
    /// <summary>The columns, with each standard by the name the list shows (运城市级专业镇认定标准), not its key.</summary>
    public static ExportTable<ApplicationListItem> Table(Core.Policies.PolicyCatalog catalog) => new("认定申报", [
        new("编号", a => a.Id, 8),
        new("专业镇", a => a.Town, 26),
        new("所在县（市、区）", a => a.County, 14),
        new("申报梯次", a => Tiers.Chinese(a.TargetTier), 10),
        new("认定标准", a => catalog.StandardName(a.StandardId), 24),
        new("预检结果", a => a.PreCheckOutcome is null ? null : Results.Chinese.GetValueOrDefault(a.PreCheckOutcome, a.PreCheckOutcome), 12),
        new("状态", a => ApplicationStates.Chinese(a.State), 10),
        new("创建时间", a => a.CreatedAtUtc, 18),
        new("提交时间", a => a.SubmittedAtUtc, 18),
    ]);
}
