using SpecializedTowns.Core.Support;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Support;

/// <summary>资金奖补 and 资金绩效 as a clerk downloads them; money stays a number in 万元 so it can be added up.</summary>
public static class SupportExport
{
    public static readonly ExportTable<FundGrantListItem> Grants = new("资金奖补", [
        new("拨付日期", g => g.GrantedOn, 12),
        new("资金名称", g => g.FundName, 26),
        new("资金类型", g => FundNames.Chinese(g.Kind), 10),
        new("资金级次", g => FundNames.Chinese(g.Level), 8),
        new("政策依据", g => g.ClauseSource, 32),
        new("支持对象类型", g => FundNames.Chinese(g.RecipientKind), 10),
        new("支持对象", g => g.Recipient, 28),
        new("所属专业镇", g => g.Town, 22),
        new("所在县（市、区）", g => g.County, 14),
        new("金额（万元）", g => g.AmountWanYuan, 14),
        new("资金用途", g => g.Purpose, 40),
        new("预期成效", g => g.ExpectedOutcome, 40),
        new("目标值", g => g.TargetValue, 12),
        new("目标单位", g => g.TargetUnit, 12),
        new("拨付文号", g => g.DocumentNumber, 20),
        new("演示数据", g => g.IsDemo ? "是" : null, 10),
    ]);

    public static readonly ExportTable<PerformanceLine> Performance = new("资金绩效", [
        new("层级", l => l.Level switch { PerformanceLevel.Province => "省", PerformanceLevel.City => "市", PerformanceLevel.County => "县", _ => "专业镇" }, 8),
        new("名称", l => l.Name, 26),
        new("梯次", l => l.Tier is { } t ? Tiers.Chinese(t) : null, 8),
        new("资金合计（万元）", l => l.FundsWanYuan, 16),
        new("其中：拨付专业镇（万元）", l => l.TownFundsWanYuan, 18),
        new("其中：拨付企业（万元）", l => l.EnterpriseFundsWanYuan, 18),
        new("资金笔数", l => l.Grants, 10),
        new("期末年产值（万元）", l => l.OutputValueWanYuan, 16),
        new("产值增量（万元）", l => l.OutputChangeWanYuan, 16),
        new("产值比较年度", l => l.OutputYears, 12),
        new("计入比值的资金（万元）", l => l.FundsInRatioWanYuan, 16),
        new("每万元资金对应产值增量（万元）", l => l.OutputChangePerFund, 20),
        new("期末从业人员（人）", l => l.Employment, 14),
        new("就业增量（人）", l => l.EmploymentChange, 12),
        new("期内重点项目（个）", l => l.Projects, 14),
        new("重点项目总投资（万元）", l => l.ProjectInvestmentWanYuan, 18),
    ]);
}

/// <summary>融资白名单 and 上市后备 as a clerk downloads them.</summary>
public static class SupportRegisterExport
{
    public static readonly ExportTable<WhiteListItem> WhiteList = new("融资白名单", [
        new("年度", w => w.Year, 8),
        new("企业名称", w => w.Enterprise, 30),
        new("统一社会信用代码", w => w.Uscc, 22),
        new("所在县（市、区）", w => w.County, 14),
        new("专业镇", w => w.Town, 22),
        new("推荐单位", w => w.RecommendedBy, 18),
        new("推荐日期", w => w.RecommendedOn, 12),
        new("状态", w => WhiteListNames.Chinese(w.Status), 8),
        new("融资需求（万元）", w => w.FinancingNeedWanYuan, 14),
        new("贷款（万元）", w => w.LoansWanYuan, 12),
        new("担保（万元）", w => w.GuaranteesWanYuan, 12),
        new("贷款/担保明细", w => string.Join("；", w.Financings.Select(f => $"{WhiteListNames.Chinese(f.Kind)} {f.Institution} {f.AmountWanYuan:0.####}万元 {f.GrantedOn:yyyy-MM-dd} {f.TermMonths}个月")), 50),
        new("备注", w => w.Note, 24),
        new("演示数据", w => w.IsDemo ? "是" : null, 10),
    ]);

    public static readonly ExportTable<ListingItem> Listing = new("上市后备企业", [
        new("企业名称", c => c.Enterprise, 30),
        new("所在县（市、区）", c => c.County, 14),
        new("专业镇", c => c.Town, 22),
        new("当前阶段", c => ListingStages.Chinese(c.Stage), 12),
        new("进入本阶段日期", c => c.StageSince, 14),
        new("入库日期", c => c.AdmittedOn, 12),
        new("拟上市板块", c => c.TargetBoard, 16),
        new("规上企业", c => c.IsAboveScale ? "是" : "否", 10),
        new("备注", c => c.Note, 24),
        new("演示数据", c => c.IsDemo ? "是" : null, 10),
    ]);
}
