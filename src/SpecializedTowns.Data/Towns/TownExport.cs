using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Towns;

/// <summary>专业镇名录 as a clerk downloads it.</summary>
public static class TownExport
{
    public const string City = "所在市";

    /// <summary>The list as the reader downloads it: with 所在市 for one who reads several cities, so that a sheet can be pivoted by city.</summary>
    public static ExportTable<TownListItem> For(bool spansCities) => spansCities ? Table : Table with { Columns = Table.Columns.Where(c => c.Header != City).ToList() };

    public static readonly ExportTable<TownListItem> Table = new("专业镇名录", [
        new("专业镇", t => t.Name, 28),
        new(City, t => Core.Jurisdictions.Jurisdiction.CityOf(t.CountyPath), 12),
        new("所在县（市、区）", t => t.County, 14),
        new("涉及乡镇", t => string.Join("、", t.Townships), 20),
        new("产业类别", t => IndustryCategories.NameOf(t.Category), 16),
        new("主导产业", t => t.LeadingIndustry, 20),
        new("梯次", t => Tiers.Chinese(t.Tier), 8),
        new("统计年度", t => t.Year, 10),
        new("年产值（万元）", t => t.OutputValueWanYuan, 16),
        new("就业（人）", t => t.Employment, 12),
        new("演示数据", t => t.IsDemo ? "是" : null, 10),
    ]);
}
