using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Reports;

/// <summary>A month of 专班月报 (who reported, when, what stood out) as a clerk downloads it.</summary>
public static class ReportExport
{
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
