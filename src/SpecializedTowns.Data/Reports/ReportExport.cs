using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Reports;

/// <summary>A month of 专班月报 (who reported, when, what stood out) as a clerk downloads it.</summary>
public static class ReportExport
{
    /// <summary>专班名录, the roster an office sends out with the county's document.</summary>
    public static readonly ExportTable<TaskForceListItem> TaskForces = new("专班名录", [
        new("专业镇", f => f.Town, 26),
        new("所在县（市、区）", f => f.County, 14),
        new("牵头单位", f => string.Join("、", f.LeadUnits.Select(u => u.Name)), 26),
        new("配合单位", f => string.Join("、", f.SupportingUnits.Select(u => u.Name)), 30),
        new("助推乡镇", f => string.Join("、", f.Townships.Select(u => u.Name)), 20),
        new("分管县（市、区）领导", f => f.ResponsibleLeader, 12),
        new("起报月份", f => f.ReportsFrom.Chinese, 12),
        new("依据", f => f.Source, 30),
        new("演示数据", f => f.IsDemo ? "是" : null, 10),
    ]);

    public static ExportTable<MonthRow> Month(ReportMonth month) => new($"专班月报{month.Chinese}", [
        new("专业镇", r => r.Town, 26),
        new("所在县（市、区）", r => r.County, 14),
        new("牵头单位", r => string.Join("、", r.LeadUnits), 24),
        new("报送截止日", r => r.DueOn, 14),
        new("月报状态", r => r.StateName, 10),
        new("报送情况", r => ReportDeadline.Chinese(r.Timeliness), 10),
        new("首次报送时间", r => r.FirstSubmittedAtUtc, 18),
        new("报送时间", r => r.SubmittedAtUtc, 18),
        new("审核时间", r => r.AcceptedAtUtc, 18),
        new("异常指标", r => string.Join("；", r.Flags.Select(f => f.Text)), 40),
    ]);
}
