using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Problems;

namespace SpecializedTowns.Data.Problems;

/// <summary>
/// Demo problems for 垣曲县 and 新绛县 in every state, dated relative to the day they are loaded so that some are
/// overdue, some due soon and some on track. They are walked through the same state machine as real ones; as
/// entries kept before the platform they have no account behind them, so the office confirms them for the raiser.
/// Units, towns and enterprises are looked up by name: a missing one is an error in the demo, not a silent skip.
/// </summary>
public static class ProblemDemo
{
    private const string Yuanqu = "山西省/运城市/垣曲县";
    private const string Xinjiang = "山西省/运城市/新绛县";

    private sealed record Spec(
        string County, string Office, string Title, string Description, ProblemSource Source, ProblemKind Kind, ProblemCategory Category,
        string? Town, string? Enterprise, string RaisedBy, string RaiserRole, int RaisedDaysAgo, string? Lead, string[] Cooperating, int? DeadlineInDays,
        Step[] Steps);

    private sealed record Step(ProblemStep What, int DaysAgo, string? Text = null);

    private static readonly Spec[] Specs =
    [
        new(Yuanqu, "垣曲县专业镇办", "历山镇蜂蜜专业镇冷链仓储项目建设用地指标未落实",
            "历山镇蜂蜜专业镇拟在镇区东侧工业集中区建设 2000 吨蜂蜜冷链仓储库，约 15 亩建设用地指标尚未落实，影响项目年内开工。",
            ProblemSource.Survey, ProblemKind.Common, ProblemCategory.Land, "历山镇蜂蜜专业镇", null, "历山镇专业镇专干", Roles.Township, 25,
            "县自然资源局", ["县农业农村局", "历山镇"], 12,
            [new(ProblemStep.Accept, 23), new(ProblemStep.Handle, 15, "已会同历山镇现场踏勘选址，拟纳入本年度用地计划调整方案，报县政府研究。")]),
        new(Yuanqu, "垣曲县专业镇办", "垣曲县历山蜂业有限公司扩产缺少流动资金",
            "企业新上蜂蜜深加工生产线，需流动资金约 800 万元，因缺少足值抵押物，银行授信额度不足。",
            ProblemSource.EnterpriseReport, ProblemKind.Individual, ProblemCategory.Financing, "历山镇蜂蜜专业镇", "垣曲县历山蜂业有限公司", "垣曲县专业镇办", Roles.Office, 30,
            "县金融服务中心", ["人行垣曲支行"], 3,
            [new(ProblemStep.Accept, 28), new(ProblemStep.Handle, 10, "已组织县内 3 家银行上门对接，正在评估以蜂蜜存货质押方式授信。")]),
        new(Yuanqu, "垣曲县专业镇办", "古城黄河水产水域滩涂养殖证续期办理时间长",
            "企业养殖证将于年底到期，续期材料提交后需多个部门会签，企业担心影响明年投苗。",
            ProblemSource.EnterpriseReport, ProblemKind.Individual, ProblemCategory.Approval, "古城镇渔业专业镇", "垣曲县古城黄河水产有限公司", "垣曲县专业镇办", Roles.Office, 40,
            "县行政审批服务管理局", ["县农业农村局"], -5,
            [new(ProblemStep.Accept, 38)]),
        new(Yuanqu, "垣曲县专业镇办", "皋落乡食用菌专业镇菌种生产技术人员短缺",
            "全乡菌种场仅有专业技术人员 2 名，母种、原种生产依赖外地，菌种质量不稳定。",
            ProblemSource.Survey, ProblemKind.Common, ProblemCategory.Talent, "皋落乡食用菌专业镇", null, "垣曲县专业镇办", Roles.Office, 35,
            "县农业农村局", ["县人社局"], -2,
            [new(ProblemStep.Accept, 33), new(ProblemStep.Handle, 20, "已对接省农科院食用菌研究团队，拟于下月开展菌种生产技术培训。")]),
        new(Yuanqu, "垣曲县专业镇办", "历山蜂蜜线上销售渠道单一，品牌推广不足",
            "专业镇月报反映：蜂蜜销售以线下批发为主，线上销售占比不足一成，“历山蜂蜜”品牌知名度不高。",
            ProblemSource.MonthlyReport, ProblemKind.Common, ProblemCategory.Market, "历山镇蜂蜜专业镇", null, "历山镇专业镇专干", Roles.Township, 60,
            "县农业农村局", ["县工科局", "县市场监督管理局"], -20,
            [new(ProblemStep.Accept, 58), new(ProblemStep.Handle, 45, "已联系县电商服务中心，组织企业参加直播带货培训。"),
             new(ProblemStep.Answer, 35, "已组织 5 家企业入驻县电商直播基地，“历山蜂蜜”纳入县农产品推介目录，下月参加省农产品展销会。"),
             new(ProblemStep.Confirm, 30, "线上订单已明显增加，问题已解决。")]),
        new(Yuanqu, "垣曲县专业镇办", "古城冷链物流冷库扩建用电增容",
            "企业冷库扩建后用电负荷增加约 800 千伏安，现有线路容量不足，需协调增容。",
            ProblemSource.ProjectProgress, ProblemKind.Individual, ProblemCategory.Energy, "古城镇渔业专业镇", "垣曲县古城冷链物流有限公司", "垣曲县专业镇办", Roles.Office, 2,
            "县能源局", [], null, []),
        new(Yuanqu, "垣曲县专业镇办", "王家蜂场家庭农场申请蜂场扩建补贴",
            "家庭农场提出扩建蜂场 200 箱，希望给予资金补贴。",
            ProblemSource.EnterpriseReport, ProblemKind.Individual, ProblemCategory.Other, "历山镇蜂蜜专业镇", "垣曲县历山镇王家蜂场家庭农场", "历山镇专业镇专干", Roles.Township, 15,
            null, [], null,
            [new(ProblemStep.Decline, 13, "属资金奖补申报事项，请按年度奖补申报通知办理，不列入问题台账。")]),
        new(Yuanqu, "垣曲县专业镇办", "皋落菌业菌棒生产线扩建环评手续不清楚",
            "企业拟扩建菌棒生产线，不清楚应办理环评报告表还是登记表，担心影响开工。",
            ProblemSource.EnterpriseReport, ProblemKind.Individual, ProblemCategory.Environment, "皋落乡食用菌专业镇", "垣曲县皋落菌业有限公司", "垣曲县专业镇办", Roles.Office, 20,
            "市生态环境局垣曲分局", [], 10,
            [new(ProblemStep.Accept, 19), new(ProblemStep.Handle, 12, "已安排专人到企业核实扩建内容和产能。"),
             new(ProblemStep.Answer, 3, "经核实，该扩建项目属于环境影响登记表备案范围，已指导企业在网上完成备案，可以开工。")]),

        new(Xinjiang, "新绛县专业镇办", "万安钻石专业镇企业设备融资渠道少",
            "培育钻石压机单台价值高，中小企业扩产主要依靠自有资金，融资租赁、设备抵押贷款等渠道少。",
            ProblemSource.Survey, ProblemKind.Common, ProblemCategory.Financing, "万安钻石专业镇", null, "新绛县专业镇办", Roles.Office, 18,
            "县金融服务中心", ["中国人民银行新绛支行", "县工信科技局"], 5,
            [new(ProblemStep.Accept, 16)]),
        new(Xinjiang, "新绛县专业镇办", "绛药本草中药材初加工厂房用地",
            "企业中药材初加工厂房需扩建约 10 亩，所在地块用地性质需调整。",
            ProblemSource.EnterpriseReport, ProblemKind.Individual, ProblemCategory.Land, "新绛中药材专业镇", "山西绛药本草中药材有限公司", "新绛县专业镇办", Roles.Office, 70,
            "县自然资源局", [], -45,
            [new(ProblemStep.Accept, 68), new(ProblemStep.Handle, 50, "已完成地块规划核实，启动用地性质调整程序。"),
             new(ProblemStep.Answer, 40, "地块已调整为工业用地，企业可按程序申请供地。"),
             new(ProblemStep.Confirm, 38, "企业已取得用地，问题解决。")]),
        new(Xinjiang, "新绛县专业镇办", "澄泥砚烧制窑炉环保改造资金和技术不足",
            "专业镇内澄泥砚作坊多使用传统窑炉，需按环保要求改造，作坊规模小、改造资金和技术不足。",
            ProblemSource.ProjectProgress, ProblemKind.Common, ProblemCategory.Environment, "绛州非遗文创专业镇", null, "新绛县专业镇办", Roles.Office, 30,
            "市生态环境局新绛分局", ["县文旅局"], -10,
            [new(ProblemStep.Accept, 28)]),
        new(Xinjiang, "新绛县专业镇办", "绛州绿专业镇设施蔬菜种植技术人员不足",
            "专班月报反映：新建设施大棚缺少懂技术的种植能手，部分大棚产量偏低。",
            ProblemSource.MonthlyReport, ProblemKind.Common, ProblemCategory.Talent, "绛州绿专业镇", null, "新绛县专业镇办", Roles.Office, 1,
            null, [], null, []),
    ];

    public static async Task<int> LoadAsync(TownsDbContext db, TimeProvider time, CancellationToken ct = default)
    {
        if (await db.Problems.AnyAsync(p => p.IsDemo, ct)) return 0;
        var now = time.GetUtcNow().UtcDateTime;
        var today = ProblemDeadline.ChinaDate(now);
        foreach (var s in Specs)
        {
            var county = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Path == s.County, ct);
            var units = await db.Units.AsNoTracking().Where(u => u.JurisdictionId == county.Id).ToDictionaryAsync(u => u.Name, u => u.Id, ct);
            UnitRef Unit(string name) => units.TryGetValue(name, out var id) ? new UnitRef(id, name)
                : throw new InvalidDataException($"demo problem “{s.Title}”: no unit {name} in {s.County}");
            var townId = s.Town is null ? null : (int?)await db.Towns.Where(t => t.Name == s.Town && t.CountyId == county.Id).Select(t => t.Id).SingleAsync(ct);
            var enterpriseId = s.Enterprise is null ? null : (int?)await db.Enterprises.Where(e => e.Name == s.Enterprise && e.CountyId == county.Id).Select(e => e.Id).SingleAsync(ct);
            var lead = s.Lead is null ? null : Unit(s.Lead);
            var deadline = s.DeadlineInDays is { } d ? today.AddDays(d) : (DateOnly?)null;
            var office = new ProblemActor(null, s.Office, Roles.Office, null, Oversees: true);
            var handler = lead is null ? office : new ProblemActor(null, lead.Name, Roles.MemberUnit, lead.Id, Oversees: false);

            // Accepted problems carry their time limit from acceptance; those still waiting may have none yet.
            var accepted = s.Steps.Any(x => x.What == ProblemStep.Accept);
            var problem = Problem.Raise(new ProblemActor(null, s.RaisedBy, s.RaiserRole, null, false), now.AddDays(-s.RaisedDaysAgo),
                s.Title, s.Description, s.Source, s.Kind, s.Category, county.Id, townId, enterpriseId,
                accepted ? null : lead, accepted ? [] : s.Cooperating.Select(Unit).ToList(), accepted ? null : deadline);
            problem.IsDemo = true;
            foreach (var step in s.Steps)
            {
                var at = now.AddDays(-step.DaysAgo);
                switch (step.What)
                {
                    case ProblemStep.Accept: problem.Accept(office, at, lead, s.Cooperating.Select(Unit).ToList(), deadline, null); break;
                    case ProblemStep.Decline: problem.Decline(office, at, step.Text); break;
                    case ProblemStep.Handle: problem.Handle(handler, at, step.Text); break;
                    case ProblemStep.Answer: problem.Answer(handler, at, step.Text); break;
                    case ProblemStep.Confirm: problem.Confirm(office, at, step.Text); break;
                    default: problem.Reopen(office, at, step.Text); break;
                }
            }
            db.Problems.Add(problem);
        }
        await db.SaveChangesAsync(ct);
        return Specs.Length;
    }
}
