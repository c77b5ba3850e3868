using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Support;

namespace SpecializedTowns.Data.Support;

/// <summary>
/// Demo grants, white-list entries with their loans and guarantees, and listing-pool enterprises for the demo towns of
/// 朔州、阳泉 and the 运城 counties. Every grant cites a clause of the document that governs its recipient; amounts are
/// plausible for a county or city fund (tens to hundreds of 万元; the provincial town's 5000万元 follows the public reports
/// on the first provincial towns quoted in policies/README, and cites the provincial pack's clause for them). Towns and enterprises are looked up by name: a missing one is
/// an error in the demo, not a silent skip. Dates are fixed in 2023–2025, so the reviews of those years have money to show.
/// </summary>
public static class SupportDemo
{
    private const string Sz = "朔政办发〔2023〕19号 ";
    private const string Yq = "垣政办发〔2023〕19号 ";
    private const string Xj = "新政办发〔2023〕33号 ";
    private const string Yj = "《永济市促进专业镇高质量发展行动计划（2024-2025年）》 ";
    private const string Yang = "阳政办发〔2023〕24号 ";

    /// <summary>The provincial pack's clause for the 5000万元 of the first provincial towns (policies/shanxi-2022-80.yaml).</summary>
    private const string FirstProvincialTowns = "晋政办发〔2022〕81号（据公开报道）";

    private static readonly (string Prefix, string Pack)[] Packs =
        [(FirstProvincialTowns, "shanxi-2022-80"), (Sz, "shuozhou-2023-19"), (Yq, "yuanqu-2023-19"), (Xj, "xinjiang-2023-33"), (Yj, "yongji-2024-2025"), (Yang, "yangquan-2023-24")];

    private sealed record G(
        string Fund, FundKind Kind, FundLevel Level, string Clause, string? Town, string? Enterprise, decimal Amount, string On,
        string? DocumentNumber, string Purpose, string Outcome, decimal? Target = null, string? Unit = null);

    private static readonly G[] Grants =
    [
        // A provincial fund rests on the provincial clause, not on 朔政办发〔2023〕19号 四（一）, which speaks of county funds (qa96 12).
        // The city's fund pays equipment upgrades and brand work under 四（十五） (“支持领军企业和骨干企业提升技术装备水平……以更多
        // 新品、精品、名品开拓国内外市场”), naming no level: 四（十）、（十二）、（十四） speak only of 省级 money the city helps to win.
        new("省级专业镇发展专项资金", FundKind.SpecialFund, FundLevel.Provincial, FirstProvincialTowns, "怀仁陶瓷专业镇", null, 5000m, "2023-08-15", null,
            "怀仁陶瓷专业镇公共窑炉节能改造、陶瓷产业园基础设施和公共服务平台建设",
            "陶瓷产业集群年产值突破 100 亿元，打造全国知名的省级专业镇", 1_000_000m, "万元（年产值）"),
        new("朔州市专业镇发展专项资金", FundKind.Subsidy, FundLevel.Municipal, Sz + "四（十五）", null, "山西怀仁云中陶瓷集团有限公司", 300m, "2023-11-20", null,
            "日用瓷智能化生产线（自动成型、机器人施釉）改造", "关键工序数控化率达到 80%，人均产值提高 20%", 80m, "%"),
        new("朔州市专业镇发展专项资金", FundKind.Subsidy, FundLevel.Municipal, Sz + "四（十五）", null, "怀仁市金沙滩日用瓷业有限公司", 180m, "2024-04-18", null,
            "骨质瓷隧道窑余热回收与绿色制造改造", "单位产品综合能耗下降 15%"),
        new("朔州市专业镇发展专项资金", FundKind.SpecialFund, FundLevel.Municipal, Sz + "四（四）", "怀仁陶瓷专业镇", null, 120m, "2024-06-10", null,
            "“朔州陶瓷”区域公用品牌宣传推广和“山西精品”公用品牌申报", "新增“山西精品”公用品牌 1 个", 1m, "个"),
        new("朔州市专业镇发展专项资金", FundKind.SpecialFund, FundLevel.Municipal, Sz + "四（五）", "怀仁陶瓷专业镇", null, 260m, "2025-03-12", null,
            "陶瓷产品质量检测公共服务平台设备购置", "为专业镇内 60 家以上中小企业提供检测服务", 60m, "家"),
        new("朔州市专业镇发展专项资金", FundKind.SpecialFund, FundLevel.Municipal, Sz + "四（十一）", "山阴乳品专业镇", null, 200m, "2023-09-26", null,
            "乳品工程研究中心中试基地建设", "攻克低温乳制品保鲜关键技术 2 项", 2m, "项"),
        new("朔州市专业镇发展专项资金", FundKind.Subsidy, FundLevel.Municipal, Sz + "四（十五）", null, "山西桑干河乳业有限公司", 150m, "2024-05-22", null,
            "液态奶数字化车间建设", "建成市级数字化车间 1 个，产能提高 30%"),
        new("山阴县专业镇发展专项资金", FundKind.SpecialFund, FundLevel.County, Sz + "四（八）", "山阴乳品专业镇", null, 45m, "2024-07-08", null,
            "奶牛养殖和乳品加工订单式技能培训", "培训 300 人，培训后就业率不低于 80%", 300m, "人"),
        new("怀仁市专业镇发展专项资金", FundKind.SpecialFund, FundLevel.County, Sz + "四（十六）", "怀仁羔羊肉专业镇", null, 80m, "2024-03-15", null,
            "羔羊肉产业化联合体“手拉手”产销对接活动", "带动 500 户养殖户入股龙头企业"),
        new("朔州市专业镇发展专项资金", FundKind.Award, FundLevel.Municipal, Sz + "四（十五）", null, "山西怀仁塞北羔羊肉业有限公司", 50m, "2025-01-20", null,
            "“怀仁羔羊肉”拳头产品品牌提升", "羔羊肉产品全国市场占有率提高 1 个百分点"),
        new("平鲁区专业镇发展专项资金", FundKind.SpecialFund, FundLevel.County, Sz + "四（十七）", "平鲁小杂粮专业镇", null, 30m, "2024-09-05", null,
            "组织企业参加中国国际农产品交易会", "签订采购意向 2000 万元", 2000m, "万元"),

        new("垣曲县特色专业镇发展专项资金", FundKind.SpecialFund, FundLevel.County, Yq + "四（一）", "历山镇蜂蜜专业镇", null, 60m, "2023-10-12", "垣财农〔2023〕41号",
            "历山蜂蜜标准化养殖基地和蜂产品追溯体系建设", "新增规范化养殖蜂群 3000 箱", 3000m, "箱"),
        new("垣曲县特色专业镇发展专项资金", FundKind.Subsidy, FundLevel.County, Yq + "四（一）", null, "垣曲县历山蜂业有限公司", 40m, "2024-04-25", "垣财农〔2024〕18号",
            "蜂蜜深加工生产线设备补助", "新增年产值 1500 万元", 1500m, "万元"),
        new("垣曲县特色专业镇发展专项资金", FundKind.SpecialFund, FundLevel.County, Yq + "四（三）", "皋落乡食用菌专业镇", null, 35m, "2024-06-18", "垣财农〔2024〕27号",
            "食用菌菌种繁育中心和技术培训", "菌种自给率提高到 60%", 60m, "%"),
        new("垣曲县特色专业镇发展专项资金", FundKind.InterestSubsidy, FundLevel.County, Yq + "四（九）", null, "垣曲县古城黄河水产有限公司", 12.5m, "2024-11-06", null,
            "冷链仓储项目贷款贴息", "项目按期投产"),

        new("新绛县专业镇发展资金", FundKind.SpecialFund, FundLevel.County, Xj + "三（一）1", "万安钻石专业镇", null, 150m, "2024-03-28", null,
            "万安钻石产业园标准化厂房配套", "新引进培育钻石企业 5 家", 5m, "家"),
        new("新绛县专业镇发展资金", FundKind.Subsidy, FundLevel.County, Xj + "三（二）6", null, "山西绛州晶钻科技有限公司", 90m, "2024-08-16", null,
            "六面顶压机智能监控系统改造", "压机单机产出提高 10%"),
        new("新绛县专业镇发展资金", FundKind.SpecialFund, FundLevel.County, Xj + "三（二）5", "绛州绿专业镇", null, 40m, "2025-04-09", null,
            "“绛州绿”区域公用品牌推广", "品牌蔬菜溢价 10%"),

        new("永济市专业镇发展资金", FundKind.Subsidy, FundLevel.County, Yj + "四（一）3", null, "山西蒲坂电气装备有限公司", 200m, "2024-10-22", null,
            "牵引电机扩能项目设备补助", "新增年产值 2 亿元", 20000m, "万元"),

        new("阳泉市专业镇发展专项资金", FundKind.SpecialFund, FundLevel.Municipal, Yang + "五（六）", "平定砂器刻花瓷专业镇", null, 70m, "2024-05-30", null,
            "平定砂器国家地理标志商标申报和非遗工坊建设", "取得国家地理标志商标 1 件", 1m, "件"),
        new("阳泉市专业镇发展专项资金", FundKind.Subsidy, FundLevel.Municipal, Yang + "五（三）", null, "山西泉耐新材料科技有限公司", 110m, "2025-02-14", null,
            "高性能耐火材料省级企业技术中心建设", "申请发明专利 5 项", 5m, "项"),
    ];

    private sealed record W(string Enterprise, int Year, string By, string On, WhiteListStatus Status, decimal? Need, F[] Deals, string? Note = null);

    private sealed record F(FinancingKind Kind, string Institution, decimal Amount, string On, int Months, string? Note = null);

    private static readonly W[] WhiteList =
    [
        new("山西怀仁云中陶瓷集团有限公司", 2024, "怀仁市工信局", "2024-02-20", WhiteListStatus.Admitted, 5000m,
            [new(FinancingKind.Loan, "中国工商银行怀仁支行", 3000m, "2024-04-10", 36), new(FinancingKind.Loan, "晋商银行朔州分行", 1500m, "2024-09-02", 12)]),
        new("怀仁市吴家窑陶瓷原料有限公司", 2024, "怀仁市工信局", "2024-02-20", WhiteListStatus.Admitted, 800m,
            [new(FinancingKind.Guarantee, "朔州市融资担保有限公司", 500m, "2024-05-16", 12, "银担“二八风险分担”，免收反担保物"),
             new(FinancingKind.Loan, "山西怀仁农村商业银行", 500m, "2024-05-20", 12)]),
        new("怀仁市瓷都窑炉装备有限公司", 2025, "怀仁市工信局", "2025-02-18", WhiteListStatus.Recommended, 600m, []),
        new("山西桑干河乳业有限公司", 2024, "山阴县工信局", "2024-03-05", WhiteListStatus.Admitted, 3000m,
            [new(FinancingKind.Loan, "中国农业银行山阴县支行", 2000m, "2024-06-28", 24)]),
        new("山阴县古城镇奶牛养殖专业合作社", 2024, "山阴县农业农村局", "2024-03-05", WhiteListStatus.Admitted, 300m,
            [new(FinancingKind.Guarantee, "山西省农业信贷融资担保有限公司朔州分公司", 200m, "2024-07-11", 12)]),
        new("山西怀仁塞北羔羊肉业有限公司", 2025, "怀仁市农业农村局", "2025-03-01", WhiteListStatus.Admitted, 1200m,
            [new(FinancingKind.Loan, "邮储银行怀仁市支行", 800m, "2025-04-15", 12)]),
        new("朔州市平鲁区凤凰城杂粮开发有限公司", 2024, "平鲁区工信局", "2024-04-02", WhiteListStatus.Removed, 400m, [], "企业暂无融资需求，本年度移出名单"),
        new("垣曲县历山蜂业有限公司", 2024, "垣曲县金融服务中心", "2024-03-18", WhiteListStatus.Admitted, 800m,
            [new(FinancingKind.Loan, "山西垣曲农村商业银行", 500m, "2024-06-05", 12, "蜂蜜存货质押")]),
        new("山西绛州晶钻科技有限公司", 2024, "新绛县金融服务中心", "2024-04-12", WhiteListStatus.Admitted, 2000m,
            [new(FinancingKind.Loan, "中国建设银行新绛支行", 1500m, "2024-07-19", 36, "设备按揭贷款")]),
    ];

    private sealed record L(string Enterprise, ListingStage Stage, string Admitted, string? Board, (ListingStage To, string On, string? Note)[] Moves, string? Note = null);

    private static readonly L[] Listing =
    [
        new("山西怀仁云中陶瓷集团有限公司", ListingStage.AboveScaleToJointStock, "2023-07-01", "北交所",
            [(ListingStage.JointStockToListed, "2024-12-18", "完成股份制改造，进入辅导备案")]),
        new("怀仁市金沙滩日用瓷业有限公司", ListingStage.AboveScaleToJointStock, "2023-07-01", "新三板", []),
        new("怀仁市陶瓷产品检测服务有限公司", ListingStage.SmallToAboveScale, "2024-03-15", "山西股权交易中心", []),
        new("山西桑干河乳业有限公司", ListingStage.SmallToAboveScale, "2023-07-01", "创业板",
            [(ListingStage.AboveScaleToJointStock, "2024-01-20", "2023年主营业务收入超过 2000 万元，纳入规上企业")]),
        new("山西怀仁塞北羔羊肉业有限公司", ListingStage.AboveScaleToJointStock, "2024-05-10", "新三板", []),
        new("怀仁市海北头乡肉羊养殖专业合作社", ListingStage.IndividualToEnterprise, "2024-05-10", null,
            [(ListingStage.SmallToAboveScale, "2025-03-08", "登记为有限责任公司")]),
        new("山西泉耐新材料科技有限公司", ListingStage.SmallToAboveScale, "2024-06-01", "北交所", []),
    ];

    public static async Task LoadAsync(TownsDbContext db, CancellationToken ct = default)
    {
        if (await db.FundGrants.AnyAsync(g => g.IsDemo, ct)) return;
        var created = new DateTime(2025, 6, 30, 0, 0, 0, DateTimeKind.Utc);
        foreach (var g in Grants)
        {
            var town = g.Town is null ? null : await db.Towns.AsNoTracking().Where(t => t.Name == g.Town).Select(t => new { t.Id, t.CountyId }).SingleAsync(ct);
            var enterprise = g.Enterprise is null ? null
                : await db.Enterprises.AsNoTracking().Where(e => e.Name == g.Enterprise).Select(e => new { e.Id, e.CountyId, e.SpecializedTownId }).SingleAsync(ct);
            db.FundGrants.Add(new FundGrant
            {
                FundName = g.Fund, Kind = g.Kind, Level = g.Level, PolicyPackId = PackOf(g.Clause), ClauseSource = g.Clause,
                RecipientKind = town is null ? RecipientKind.Enterprise : RecipientKind.Town,
                CountyId = town?.CountyId ?? enterprise!.CountyId, SpecializedTownId = town?.Id ?? enterprise!.SpecializedTownId, EnterpriseId = enterprise?.Id,
                AmountWanYuan = g.Amount, GrantedOn = DateOnly.Parse(g.On), DocumentNumber = g.DocumentNumber, Purpose = g.Purpose, ExpectedOutcome = g.Outcome,
                TargetValue = g.Target, TargetUnit = g.Unit, CreatedBy = "演示数据", CreatedAtUtc = created, IsDemo = true,
            });
        }
        foreach (var w in WhiteList)
        {
            var enterprise = await db.Enterprises.AsNoTracking().Where(e => e.Name == w.Enterprise).Select(e => new { e.Id, e.CountyId }).SingleAsync(ct);
            db.WhiteListEntries.Add(new WhiteListEntry
            {
                EnterpriseId = enterprise.Id, CountyId = enterprise.CountyId, Year = w.Year, RecommendedBy = w.By, RecommendedOn = DateOnly.Parse(w.On),
                Status = w.Status, FinancingNeedWanYuan = w.Need, Note = w.Note, CreatedBy = "演示数据", CreatedAtUtc = created, IsDemo = true,
                Financings = w.Deals.Select(d => new Financing
                {
                    Kind = d.Kind, Institution = d.Institution, AmountWanYuan = d.Amount, GrantedOn = DateOnly.Parse(d.On), TermMonths = d.Months, Note = d.Note,
                }).ToList(),
            });
        }
        foreach (var l in Listing)
        {
            var enterprise = await db.Enterprises.AsNoTracking().Where(e => e.Name == l.Enterprise).Select(e => new { e.Id, e.CountyId, e.SpecializedTownId }).SingleAsync(ct);
            var admitted = DateOnly.Parse(l.Admitted);
            var candidate = new ListingCandidate
            {
                EnterpriseId = enterprise.Id, CountyId = enterprise.CountyId, SpecializedTownId = enterprise.SpecializedTownId, Stage = l.Stage,
                AdmittedOn = admitted, TargetBoard = l.Board, Note = l.Note, CreatedBy = "演示数据", CreatedAtUtc = created, IsDemo = true,
                History = [new ListingStageChange { From = null, To = l.Stage, On = admitted, Note = "纳入上市后备企业资源库", By = "演示数据" }],
            };
            foreach (var (to, on, note) in l.Moves)
            {
                var problem = candidate.Move(to, DateOnly.Parse(on), DateOnly.Parse(on), note, "演示数据");
                if (problem is not null) throw new InvalidDataException($"demo listing {l.Enterprise}: {problem}");
            }
            db.ListingCandidates.Add(candidate);
        }
        await db.SaveChangesAsync(ct);

        static string PackOf(string clause) =>
            Packs.FirstOrDefault(p => clause.StartsWith(p.Prefix, StringComparison.Ordinal)).Pack
            ?? throw new InvalidDataException($"demo grant: no policy document for clause {clause}");
    }
}
