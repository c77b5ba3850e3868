using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Problems;

/// <summary>问题台账 as a clerk downloads it.</summary>
public static class ProblemExport
{
    public static readonly ExportTable<ProblemListItem> Table = new("问题台账", [
        new("编号", p => p.Id, 8),
        new("问题", p => p.Title, 36),
        new("类别", p => ProblemNames.Chinese(p.Category), 12),
        new("共性/个性", p => ProblemNames.Chinese(p.Kind), 10),
        new("来源", p => ProblemNames.Chinese(p.Source), 12),
        new("县（市、区）", p => p.County, 12),
        new("专业镇", p => p.Town, 24),
        new("企业", p => p.Enterprise, 24),
        new("牵头单位", p => p.LeadUnit, 20),
        new("办理时限", p => p.Deadline, 14),
        new("逾期天数", p => p.DaysOverdue > 0 ? p.DaysOverdue : null, 10),
        new("状态", p => ProblemNames.Chinese(p.State), 10),
        new("提出人", p => p.RaisedBy, 12),
        new("登记日期", p => ProblemDeadline.ChinaDate(p.RaisedAtUtc), 14),
        new("演示数据", p => p.IsDemo ? "是" : null, 10),
    ]);
}
