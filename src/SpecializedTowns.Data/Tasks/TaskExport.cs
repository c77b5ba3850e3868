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

    /// <summary>The tasks themselves: what the office sends to the member units (序号 in the file, the text's own number with the task).</summary>
    public static readonly ExportTable<TaskExportRow> Tasks = new("责任清单任务", [
        new("序号", t => t.Seq, 6),
        new("行动计划", t => t.Plan, 30),
        new("分组", t => t.Group, 24),
        new("任务", t => string.IsNullOrWhiteSpace(t.Number) ? t.Title : $"{t.Number} {t.Title}", 36),
        new("依据条款", t => t.Source, 26),
        new("牵头单位", t => t.LeadUnits, 24),
        new("配合单位", t => t.CooperatingUnits, 40),
        new("期限", t => t.Deadline, 14),
        new("进度（%）", t => SpecializedTowns.Core.Tasks.ProgressMath.Percent(t.Progress), 10),
        new("状态", t => SpecializedTowns.Core.Tasks.TaskLights.Chinese(t.Light) + (t.PendingExtension ? "（延期待审批）" : ""), 14),
        new("里程碑", t => t.Milestones.Length == 0 ? null : t.Milestones, 60),
    ]);

    public static readonly ExportTable<OverdueExportRow> Overdue = new("逾期清单", [
        new("牵头单位", o => o.Unit, 22),
        new("所在地", o => o.Place, 12),
        new("行动计划", o => o.Plan, 30),
        new("任务", o => string.IsNullOrWhiteSpace(o.Number) ? o.Task : $"{o.Number} {o.Task}", 36),
        new("逾期事项", o => o.Milestone is null ? "任务本身" : $"里程碑：{o.Milestone}", 30),
        new("期限", o => o.Deadline, 14),
        new("逾期天数", o => o.DaysOverdue, 10),
    ]);
}
