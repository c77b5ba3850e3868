using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Projects;

/// <summary>重点项目库 and 招商引资 as a clerk downloads them.</summary>
public static class ProjectExport
{
    /// <summary>The library as the reader downloads it: with 所在市 for one who reads several cities, so that a sheet can be pivoted by city.</summary>
    public static ExportTable<ProjectListItem> ProjectsFor(bool spansCities) =>
        spansCities ? Projects : Projects with { Columns = Projects.Columns.Where(c => c.Header != Towns.TownExport.City).ToList() };

    public static readonly ExportTable<ProjectListItem> Projects = new("重点项目库", [
        new("项目名称", p => p.Name, 30),
        new("项目业主", p => p.Owner, 24),
        new("专业镇", p => p.Town, 24),
        new(Towns.TownExport.City, p => Core.Jurisdictions.Jurisdiction.CityOf(p.CountyPath), 12),
        new("所在县（市、区）", p => p.County, 14),
        new("建设性质", p => ProjectTerms.Chinese(p.Kind), 10),
        new("类别", p => ProjectTerms.Chinese(p.Role), 14),
        new("阶段", p => ProjectTerms.Chinese(p.Stage), 8),
        new("下一节点计划日期", p => p.NextPlannedOn, 16),
        new("招商落地日期", p => p.LandedOn, 14),
        new("总投资（万元）", p => p.TotalInvestmentWanYuan, 16),
        new("计划年度", p => p.PlanYear, 10),
        new("年度计划投资（万元）", p => p.AnnualPlannedInvestmentWanYuan, 18),
        new("年度完成投资（万元）", p => p.CompletedInPlanYearWanYuan, 18),
        new("预警", p => ProjectWarnings.Chinese(p.Warning), 8),
        new("预警说明", p => string.Join("；", p.Warnings.Select(w => w.Text)), 40),
        new("责任单位", p => p.Unit, 20),
    ]);

    public static readonly ExportTable<LeadListItem> Leads = new("招商引资项目", [
        new("项目名称", l => l.Name, 30),
        new("目标企业", l => l.TargetEnterprise, 24),
        new("专业镇", l => l.Town, 24),
        new("链条", l => LeadTerms.Chinese(l.ChainLink), 8),
        new("产业链环节", l => l.ChainPosition, 16),
        new("招商方式", l => LeadTerms.Chinese(l.Channel), 12),
        new("意向投资（万元）", l => l.IntendedInvestmentWanYuan, 16),
        new("阶段", l => LeadTerms.Chinese(l.Stage), 8),
        new("首次接洽", l => l.FirstContactOn, 14),
        new("签约日期", l => l.SignedOn, 14),
        new("落地日期", l => l.LandedOn, 14),
        new("责任单位", l => l.Unit, 20),
    ]);

    public static readonly ExportTable<BatchListItem> Batches = new("三个一批活动", [
        new("活动日期", b => b.HeldOn, 12),
        new("活动名称", b => b.Title, 36),
        new("类型", b => ProjectBatch.Chinese(b.Kind), 10),
        new("所在地", b => b.Place, 14),
        new("地点", b => b.Location, 20),
        new("项目数", b => b.Projects.Count, 8),
        new("项目", b => string.Join("；", b.Projects.Select(p => p.Name)), 50),
        new("总投资（万元）", b => b.Projects.Sum(p => p.TotalInvestmentWanYuan), 16),
    ]);
}
