using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Enterprises;

/// <summary>企业名录 as a clerk downloads it.</summary>
public static class EnterpriseExport
{
    public static readonly ExportTable<EnterpriseListItem> Table = new("企业名录", [
        new("企业名称", e => e.Name, 30),
        new("统一社会信用代码", e => e.Uscc, 22),
        new("所在县（市、区）", e => e.County, 14),
        new("乡镇", e => e.Township, 12),
        new("专业镇", e => e.Town, 24),
        new("类型", e => Enterprise.RoleName(e.Role), 12),
        new("规上企业", e => e.IsAboveScale ? "是" : "否", 10),
        new("认定称号", e => string.Join("、", e.Designations.Select(Designations.Name)), 24),
        new("统计年度", e => e.Year, 10),
        new("年产值（万元）", e => e.OutputValueWanYuan, 16),
        new("就业（人）", e => e.Employment, 12),
        new("所属产业", e => e.Industry, 14),
        new("产业领域", e => e.IndustryCategory is { } c ? Core.Recognition.IndustryCategories.NameOf(c) : null, 12),
        new("演示数据", e => e.IsDemo ? "是" : null, 10),
    ]);
}
