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
        new("每万元资金对应产值增量（万元）", l => l.OutputChangePerFund, 20),
        new("期末从业人员（人）", l => l.Employment, 14),
        new("就业增量（人）", l => l.EmploymentChange, 12),
        new("期内重点项目（个）", l => l.Projects, 14),
        new("重点项目总投资（万元）", l => l.ProjectInvestmentWanYuan, 18),
    ]);
}
