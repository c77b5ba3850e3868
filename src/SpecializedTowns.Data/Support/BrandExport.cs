using SpecializedTowns.Core.Support;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Support;

/// <summary>品牌登记, 山西精品 quota per town and 地理标志 applications as a clerk downloads them.</summary>
public static class BrandExport
{
    public static readonly ExportTable<BrandItem> Brands = new("品牌", [
        new("品牌名称", b => b.Name, 24),
        new("类别", b => BrandNames.Of(b.Kind), 14),
        new("级别", b => BrandNames.Of(b.Level), 8),
        new("荣誉", b => b.Honour is { } h ? BrandNames.Of(h) : null, 12),
        new("年度", b => b.Year, 8),
        new("专业镇", b => b.Town, 22),
        new("所在县（市、区）", b => b.County, 14),
        new("企业", b => b.Enterprise, 28),
        new("来源", b => b.FromGeoIndication ? "地理标志获批" : null, 14),
    ]);

    public static readonly ExportTable<TownBrandQuota> Quota = new("山西精品品牌目标", [
        new("专业镇", q => q.Town, 22),
        new("所在县（市、区）", q => q.County, 14),
        new("梯次", q => Tiers.Chinese(q.Tier), 8),
        new("目标", q => q.Rule?.Requirement, 14),
        new("期限", q => q.Rule?.Deadline, 12),
        new("依据", q => q.Rule?.Source, 28),
        new("已有“山西精品”（个）", q => q.Count, 16),
        new("差额（个）", q => q.Rule is null ? null : q.Shortfall, 10),
        new("完成情况", q => BrandQuotas.Chinese(q.State), 12),
        new("品牌", q => string.Join("、", q.Brands), 30),
    ]);

    public static readonly ExportTable<GeoIndicationItem> GeoIndications = new("地理标志申请", [
        new("地理标志名称", g => g.Name, 20),
        new("产品", g => g.Product, 24),
        new("保护方式", g => GeoIndicationNames.Chinese(g.Kind), 16),
        new("受理部门", g => GeoIndicationNames.Authority(g.Kind), 14),
        new("申请人", g => g.Applicant, 24),
        new("专业镇", g => g.Town, 22),
        new("所在县（市、区）", g => g.County, 14),
        new("状态", g => GeoIndicationNames.Chinese(g.Status), 10),
        new("状态日期", g => g.StatusSince, 12),
        new("提交日期", g => g.SubmittedOn, 12),
        new("获批日期", g => g.ApprovedOn, 12),
        new("注册号/公告号", g => g.RegistrationNumber, 20),
        new("政策依据", g => g.ClauseSource, 26),
        new("备注", g => g.Note, 30),
        new("演示数据", g => g.IsDemo ? "是" : null, 10),
    ]);
}
