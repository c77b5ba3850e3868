using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Problems;

/// <summary>问题台账 as a clerk downloads it and an office reports it to leaders: what each problem is, who handles it, what was answered, when.</summary>
public static class ProblemExport
{
    public static readonly ExportTable<ProblemExportRow> Table = new("问题台账", [
        new("编号", r => r.Item.Id, 8),
        new("问题", r => r.Item.Title, 36),
        new("问题描述", r => r.Description, 60),
        new("类别", r => ProblemNames.Chinese(r.Item.Category), 12),
        new("共性/个性", r => ProblemNames.Chinese(r.Item.Kind), 10),
        new("来源", r => ProblemNames.Chinese(r.Item.Source), 12),
        new("县（市、区）", r => r.Item.County, 12),
        new("专业镇", r => r.Item.Town, 24),
        new("企业", r => r.Item.Enterprise, 24),
        new("牵头单位", r => r.Item.LeadUnit, 20),
        new("配合单位", r => r.CooperatingUnits, 30),
        new("办理时限", r => r.Item.Deadline, 14),
        // Days past the limit until the answer, or until today while unanswered: the time limit runs until the lead unit answers.
        new("逾期天数", r => r.Item.DaysOverdue > 0 ? r.Item.DaysOverdue : r.Item.DaysLateAtAnswer > 0 ? r.Item.DaysLateAtAnswer : null, 10),
        new("状态", r => ProblemNames.Chinese(r.Item.State), 10),
        new("提出人", r => r.Item.RaisedBy, 12),
        new("登记日期", r => ProblemDeadline.ChinaDate(r.Item.RaisedAtUtc), 14),
        new("受理日期", r => r.AcceptedOn, 14),
        new("答复日期", r => r.Item.AnsweredOn, 14),
        new("答复内容", r => r.LatestAnswer, 60),
        new("办结日期", r => r.ClosedOn, 14),
        new("演示数据", r => r.Item.IsDemo ? "是" : null, 10),
    ]);
}
