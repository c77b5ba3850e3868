using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Support;

namespace SpecializedTowns.Data.Support;

/// <summary>
/// Demo training programmes and talents for the 朔州 towns and two 运城 counties. The programmes show each case of the 80%
/// of 朔政办发〔2023〕19号 四（八）: above it (山阴乳品 84%), below it (怀仁陶瓷's kiln course, 70%), exactly on it (怀仁陶瓷's
/// 2025 courses together, 144 of 180), one whose outcome is not yet entered, an in-service course the rate does not count,
/// and one still running (dated from the day the demo is loaded, so it is running whenever someone looks). The 运城 ones cite
/// their own county's 就业富民 task, which sets no figure. Finished courses are fixed in 2024–2025, as the other support demo
/// data. People are fictitious; towns and enterprises are looked up by name.
/// </summary>
public static class TrainingDemo
{
    private const string Sz = "朔政办发〔2023〕19号 ";

    private sealed record P(
        string Town, string Title, TrainingMode Mode, string Organiser, TrainingProviderKind Kind, string Start, string End,
        int Trainees, int? Employed, decimal? Subsidy, string Clause, string? Note = null);

    private static readonly P[] Programmes =
    [
        new("山阴乳品专业镇", "奶牛养殖和乳品加工订单式技能培训", TrainingMode.OrderBased, "朔州职业技术学院", TrainingProviderKind.VocationalCollege,
            "2024-07-15", "2024-10-31", 300, 252, 45m, Sz + "四（八）", "与山西桑干河乳业有限公司等 6 家企业签订用工订单"),
        new("平鲁小杂粮专业镇", "杂粮加工与电商营销定向式培训", TrainingMode.Directed, "朔州市平鲁区职业技术学校", TrainingProviderKind.VocationalCollege,
            "2025-04-07", "2025-05-30", 50, null, 8m, Sz + "四（八）", "就业协议正在收集"),
        new("怀仁羔羊肉专业镇", "羔羊屠宰分割在岗职工技能提升培训", TrainingMode.OnTheJob, "山西怀仁塞北羔羊肉业有限公司", TrainingProviderKind.Enterprise,
            "2025-03-10", "2025-03-28", 150, null, null, Sz + "四（八）"),
        new("怀仁陶瓷专业镇", "日用陶瓷成型与施釉订单式培训班", TrainingMode.OrderBased, "朔州职业技术学院", TrainingProviderKind.VocationalCollege,
            "2025-02-17", "2025-04-30", 120, 102, 36m, Sz + "四（八）", "学员结业后由云中陶瓷、金沙滩日用瓷等企业录用"),
        new("怀仁陶瓷专业镇", "陶瓷窑炉智能控制项目制培训", TrainingMode.ProjectBased, "山西工程职业学院", TrainingProviderKind.VocationalCollege,
            "2025-03-10", "2025-06-13", 60, 42, 18m, Sz + "四（八）", "部分学员返乡务农，未签订就业协议"),
        new("历山镇蜂蜜专业镇", "中蜂标准化养殖项目制培训", TrainingMode.ProjectBased, "运城职业技术大学", TrainingProviderKind.VocationalCollege,
            "2025-04-14", "2025-06-20", 45, 39, 6m, "垣政办发〔2023〕19号 四（五）"),
        new("万安钻石专业镇", "人造金刚石合成压机操作订单式培训", TrainingMode.OrderBased, "新绛县职业中学", TrainingProviderKind.VocationalCollege,
            "2025-03-03", "2025-05-23", 80, 58, 12m, "新政办发〔2023〕33号 三（四）12"),
    ];

    private sealed record T(
        string Name, TalentCategory Category, string County, string? Town, string? Enterprise, string? Employer, string? JobTitle, string? Honours, int Year);

    private static readonly T[] People =
    [
        new("王建华", TalentCategory.LeadingEntrepreneur, "怀仁市", "怀仁陶瓷专业镇", "山西怀仁云中陶瓷集团有限公司", null, "董事长",
            "带动上下游配套企业 30 余家；2024年由怀仁市人民政府推荐，提请市委、市政府表彰", 2024),
        new("李秀梅", TalentCategory.CraftMaster, "怀仁市", "怀仁陶瓷专业镇", "怀仁市金沙滩日用瓷业有限公司", null, "山西省工艺美术大师", "支持学历提升：2025年就读朔州职业技术学院陶瓷设计专业", 2025),
        new("赵国平", TalentCategory.Technical, "怀仁市", "怀仁陶瓷专业镇", "怀仁市瓷都窑炉装备有限公司", null, "高级工程师", "主持隧道窑余热回收改造", 2025),
        new("刘志强", TalentCategory.ExpertServiceMember, "怀仁市", "怀仁陶瓷专业镇", null, "太原理工大学材料科学与工程学院", "教授", "科技专家服务团“一对一”帮扶怀仁陶瓷专业镇", 2024),
        new("孙丽娟", TalentCategory.Management, "山阴县", "山阴乳品专业镇", "山西桑干河乳业有限公司", null, "生产总监", null, 2025),
        new("陈向东", TalentCategory.ExpertServiceMember, "山阴县", "山阴乳品专业镇", null, "山西农业大学动物科学学院", "研究员", "科技专家服务团“一对一”帮扶山阴乳品专业镇", 2024),
        new("高振业", TalentCategory.Marketing, "怀仁市", "怀仁羔羊肉专业镇", "山西怀仁塞北羔羊肉业有限公司", null, "营销总监", "开拓京津冀商超渠道", 2025),
        new("张海燕", TalentCategory.HeritageInheritor, "新绛县", "绛州非遗文创专业镇", "新绛县古绛澄泥砚文化发展有限公司", null, "澄泥砚制作技艺省级代表性传承人", null, 2023),
        new("韩宏伟", TalentCategory.HighLevel, "垣曲县", "历山镇蜂蜜专业镇", "垣曲县历山蜂业有限公司", null, "博士、技术副总", null, 2025),
    ];

    public static async Task LoadAsync(TownsDbContext db, DateOnly today, CancellationToken ct = default)
    {
        if (await db.TrainingProgrammes.AnyAsync(p => p.IsDemo, ct)) return;
        var created = new DateTime(2025, 6, 30, 0, 0, 0, DateTimeKind.Utc);
        var packs = new Dictionary<string, string>
        {
            ["朔政办发"] = "shuozhou-2023-19", ["垣政办发"] = "yuanqu-2023-19", ["新政办发"] = "xinjiang-2023-33",
        };
        var running = new P("怀仁陶瓷专业镇", "陶瓷彩绘与花纸设计定向式培训", TrainingMode.Directed, "朔州职业技术学院", TrainingProviderKind.VocationalCollege,
            today.AddDays(-60).ToString("yyyy-MM-dd"), today.AddDays(60).ToString("yyyy-MM-dd"), 40, null, 10m, Sz + "四（八）", "定向培养陶瓷花纸设计人员");
        foreach (var p in Programmes.Append(running))
        {
            var town = await db.Towns.AsNoTracking().Where(t => t.Name == p.Town).Select(t => new { t.Id, t.CountyId }).SingleAsync(ct);
            db.TrainingProgrammes.Add(new TrainingProgramme
            {
                CountyId = town.CountyId, SpecializedTownId = town.Id, Title = p.Title, Mode = p.Mode, Organiser = p.Organiser, OrganiserKind = p.Kind,
                StartOn = DateOnly.Parse(p.Start), EndOn = DateOnly.Parse(p.End), Trainees = p.Trainees, Employed = p.Employed, SubsidyWanYuan = p.Subsidy,
                PolicyPackId = packs.First(k => p.Clause.StartsWith(k.Key, StringComparison.Ordinal)).Value, ClauseSource = p.Clause, Note = p.Note,
                CreatedBy = "演示数据", CreatedAtUtc = created, IsDemo = true,
            });
        }
        foreach (var t in People)
        {
            var county = await db.Jurisdictions.AsNoTracking().Where(j => j.Name == t.County && j.Level == Core.Jurisdictions.JurisdictionLevel.County).Select(j => j.Id).SingleAsync(ct);
            int? town = t.Town is null ? null : await db.Towns.AsNoTracking().Where(x => x.Name == t.Town).Select(x => x.Id).SingleAsync(ct);
            int? enterprise = t.Enterprise is null ? null : await db.Enterprises.AsNoTracking().Where(e => e.Name == t.Enterprise).Select(e => e.Id).SingleAsync(ct);
            db.Talents.Add(new Talent
            {
                Name = t.Name, Kind = t.Category, CountyId = county, SpecializedTownId = town, EnterpriseId = enterprise, Employer = t.Employer, JobTitle = t.JobTitle,
                Honours = t.Honours, Year = t.Year, CreatedBy = "演示数据", CreatedAtUtc = created, IsDemo = true,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
