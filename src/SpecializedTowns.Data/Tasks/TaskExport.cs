using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Tasks;

/// <summary>责任清单 (the annual action plans with their tasks' state) as a clerk downloads it.</summary>
public static class TaskExport
{
    public static readonly ExportTable<PlanListItem> Plans = new("责任清单", [
        new("计划名称", p => p.Title, 36),
        new("年度", p => p.Year, 8),
        new("地区", p => p.Place, 12),
        new("专业镇", p => p.Town, 24),
        new("依据文件", p => p.PolicyCited, 22),
        new("任务数", p => p.Tasks, 8),
        new("加权进度（%）", p => SpecializedTowns.Core.Tasks.ProgressMath.Percent(p.Progress), 14),
        new("逾期", p => p.Overdue, 8),
        new("临期", p => p.DueSoon, 8),
        new("已完成", p => p.Done, 8),
        new("演示数据", p => p.IsDemo ? "是" : null, 10),
    ]);
}
