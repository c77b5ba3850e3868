using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Core.Tests.Support;

public class FundPerformanceTests
{
    private static PerformanceInput Town(string name, string county, decimal town, decimal enterprises, int grants,
        decimal? output, decimal? before, int? jobs, int? jobsBefore, int projects = 0, decimal investment = 0m) =>
        new(name.GetHashCode(), name, county, Tier.County, town, enterprises, grants, output, before, jobs, jobsBefore, projects, investment);

    [Fact]
    public void Money_and_results_roll_up_from_towns_to_county_city_and_province_as_computed_by_hand()
    {
        var lines = FundPerformance.Lines([
            Town("甲镇", "山西省/运城市/垣曲县", 60m, 40m, 2, output: 18000m, before: 16000m, jobs: 2100, jobsBefore: 2000, projects: 2, investment: 15000m),
            Town("乙镇", "山西省/运城市/垣曲县", 35m, 0m, 1, output: 16000m, before: null, jobs: 1800, jobsBefore: 1750, projects: 1, investment: 25000m),
            new PerformanceInput(null, "（不属于专业镇的企业）", "山西省/运城市/垣曲县", null, 0m, 12.5m, 1, null, null, null, null, 0, 0m),
            Town("丙镇", "山西省/运城市/新绛县", 150m, 90m, 2, output: 85000m, before: 80000m, jobs: 2600, jobsBefore: 2500),
            Town("丁镇", "山西省/朔州市/怀仁市", 5000m, 300m, 2, output: 1_180_000m, before: 1_080_000m, jobs: null, jobsBefore: null, projects: 1, investment: 30000m),
        ]);

        lines.Select(l => (l.Level, l.Name)).ShouldBe([
            (PerformanceLevel.Province, "山西省"),
            (PerformanceLevel.City, "朔州市"), (PerformanceLevel.County, "怀仁市"), (PerformanceLevel.Town, "丁镇"),
            (PerformanceLevel.City, "运城市"), (PerformanceLevel.County, "垣曲县"), (PerformanceLevel.Town, "甲镇"), (PerformanceLevel.Town, "乙镇"),
            (PerformanceLevel.Town, "（不属于专业镇的企业）"),
            (PerformanceLevel.County, "新绛县"), (PerformanceLevel.Town, "丙镇"),
        ]);

        // 垣曲县: money 60+40 + 35 + 12.5 = 147.5; output 18000 + 16000 = 34000; growth only where both years are known: 2000.
        var yuanqu = lines.Single(l => l.Name == "垣曲县");
        yuanqu.FundsWanYuan.ShouldBe(147.5m);
        yuanqu.EnterpriseFundsWanYuan.ShouldBe(52.5m);
        yuanqu.Grants.ShouldBe(4);
        yuanqu.OutputValueWanYuan.ShouldBe(34000m);
        yuanqu.OutputChangeWanYuan.ShouldBe(2000m);
        yuanqu.Employment.ShouldBe(3900);
        yuanqu.EmploymentChange.ShouldBe(150);
        yuanqu.Projects.ShouldBe(3);
        yuanqu.ProjectInvestmentWanYuan.ShouldBe(40000m);
        yuanqu.OutputChangePerFund.ShouldBe(13.56m); // 2000 / 147.5 = 13.559…, a ratio of the sums

        // 运城市 = 垣曲县 + 新绛县: 147.5 + 240 = 387.5; growth 2000 + 5000.
        var yuncheng = lines.Single(l => l.Name == "运城市");
        yuncheng.FundsWanYuan.ShouldBe(387.5m);
        yuncheng.OutputChangeWanYuan.ShouldBe(7000m);
        yuncheng.Employment.ShouldBe(6500);

        // 山西省 = 运城市 + 朔州市: 387.5 + 5300; employment unknown in 怀仁 stays out of the sum rather than counting as 0.
        var province = lines[0];
        province.FundsWanYuan.ShouldBe(5687.5m);
        province.TownFundsWanYuan.ShouldBe(5245m);
        province.OutputValueWanYuan.ShouldBe(34000m + 85000m + 1_180_000m);
        province.OutputChangeWanYuan.ShouldBe(107000m);
        province.Employment.ShouldBe(6500);
        province.Grants.ShouldBe(8);
        province.Projects.ShouldBe(4);

        lines.Single(l => l.Name == "乙镇").OutputChangeWanYuan.ShouldBeNull();
        lines.Single(l => l.Name == "丁镇").EmploymentChange.ShouldBeNull();
    }

    [Fact]
    public void Money_granted_after_the_statistics_compared_is_left_out_of_the_ratio_and_the_years_are_told()
    {
        // 甲镇: 2023→2024 output +1,000; 300 of its 500 granted by the end of 2024, 200 in 2025. 乙镇: 2023→2025, all 100 counts.
        var lines = FundPerformance.Lines([
            new PerformanceInput(1, "甲镇", "山西省/朔州市/怀仁市", Tier.County, 500m, 0m, 2, 11000m, 10000m, null, null, 0, 0m,
                OutputBeforeYear: 2023, OutputYear: 2024, FundsByOutputYearWanYuan: 300m),
            new PerformanceInput(2, "乙镇", "山西省/朔州市/怀仁市", Tier.County, 100m, 0m, 1, 5500m, 5000m, null, null, 0, 0m,
                OutputBeforeYear: 2023, OutputYear: 2025, FundsByOutputYearWanYuan: 100m),
        ]);
        var jia = lines.Single(l => l.Name == "甲镇");
        jia.FundsWanYuan.ShouldBe(500m);
        jia.FundsInRatioWanYuan.ShouldBe(300m);
        jia.FundsAfterOutputWanYuan.ShouldBe(200m);
        jia.OutputChangePerFund.ShouldBe(3.33m); // 1,000 / 300, not 1,000 / 500
        jia.OutputYears.ShouldBe("2023→2024");

        var county = lines.Single(l => l.Name == "怀仁市");
        county.FundsInRatioWanYuan.ShouldBe(400m);
        county.OutputChangePerFund.ShouldBe(3.75m); // (1,000 + 500) / (300 + 100)
        county.OutputYears.ShouldBeNull("the towns compared different years");
        lines.Single(l => l.Name == "乙镇").OutputYears.ShouldBe("2023→2025");
    }

    [Fact]
    public void Areas_come_in_the_order_given_for_their_paths_the_official_one_and_by_name_without_it()
    {
        PerformanceInput[] inputs =
        [
            Town("甲镇", "山西省/临汾市/尧都区", 10m, 0m, 1, output: null, before: null, jobs: null, jobsBefore: null),
            Town("乙镇", "山西省/太原市/清徐县", 10m, 0m, 1, output: null, before: null, jobs: null, jobsBefore: null),
            Town("丙镇", "山西省/太原市/迎泽区", 10m, 0m, 1, output: null, before: null, jobs: null, jobsBefore: null),
        ];
        // The division codes, as the Data layer reads them for these paths (PlaceOrder.OfPathsAsync).
        var codes = new Dictionary<string, string>
        {
            ["山西省"] = "140000", ["山西省/太原市"] = "140100", ["山西省/太原市/迎泽区"] = "140106", ["山西省/太原市/清徐县"] = "140121",
            ["山西省/临汾市"] = "141000", ["山西省/临汾市/尧都区"] = "141002",
        };
        var official = Comparer<string>.Create((a, b) => string.CompareOrdinal(codes[a], codes[b]));

        FundPerformance.Lines(inputs, official).Where(l => l.IsTotal).Select(l => l.Name)
            .ShouldBe(["山西省", "太原市", "迎泽区", "清徐县", "临汾市", "尧都区"]);
        FundPerformance.Lines(inputs).Where(l => l.IsTotal).Select(l => l.Name)
            .ShouldBe(["山西省", "临汾市", "尧都区", "太原市", "清徐县", "迎泽区"]);
    }

    [Fact]
    public void A_town_without_money_has_no_ratio_and_an_area_without_any_figure_keeps_it_unknown()
    {
        var lines = FundPerformance.Lines([Town("戊镇", "山西省/阳泉市/盂县", 0m, 0m, 0, output: null, before: null, jobs: null, jobsBefore: null)]);
        lines.Count.ShouldBe(4);
        lines.ShouldAllBe(l => l.OutputValueWanYuan == null && l.Employment == null && l.OutputChangePerFund == null && l.FundsWanYuan == 0m);
    }
}

public class FundGrantRulesTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    private static FundGrantInput Valid => new()
    {
        FundName = "朔州市专业镇发展专项资金", Kind = FundKind.SpecialFund, Level = FundLevel.Municipal, ClauseSource = "朔政办发〔2023〕19号 四（一）",
        RecipientKind = RecipientKind.Town, SpecializedTownId = 1, AmountWanYuan = 120m, GrantedOn = new DateOnly(2024, 6, 10),
        Purpose = "公用品牌推广", ExpectedOutcome = "新增山西精品公用品牌 1 个",
    };

    [Fact]
    public void A_complete_grant_passes() => FundGrantRules.Check(Valid, Today).ShouldBeEmpty();

    [Fact]
    public void Each_missing_or_wrong_field_is_named_in_chinese()
    {
        var errors = FundGrantRules.Check(new FundGrantInput { RecipientKind = RecipientKind.Enterprise }, Today);
        errors.Keys.ShouldBe(["FundName", "Kind", "Level", "ClauseSource", "EnterpriseId", "AmountWanYuan", "GrantedOn", "Purpose", "ExpectedOutcome"], ignoreOrder: true);
        errors["EnterpriseId"].ShouldBe("请选择受支持的企业");

        FundGrantRules.Check(Valid with { AmountWanYuan = 0m }, Today)["AmountWanYuan"].ShouldBe("金额应大于 0 万元");
        FundGrantRules.Check(Valid with { AmountWanYuan = 500_000m }, Today)["AmountWanYuan"].ShouldContain("请核对单位是否为万元");
        FundGrantRules.Check(Valid with { GrantedOn = Today.AddDays(1) }, Today)["GrantedOn"].ShouldBe("拨付日期不能晚于今天");
        FundGrantRules.Check(Valid with { TargetValue = 5m }, Today)["TargetUnit"].ShouldContain("请同时填写单位");
        FundGrantRules.Check(Valid with { TargetUnit = "个" }, Today)["TargetValue"].ShouldContain("请同时填写目标值");
        FundGrantRules.Check(Valid with { Purpose = new string('字', FundGrant.MaxPurpose + 1) }, Today)["Purpose"].ShouldContain("不超过 500 字");
        // 拨付文号 is held to GB/T 9704 as every 文号 the platform records is.
        FundGrantRules.Check(Valid with { DocumentNumber = "朔财农(2024)18号" }, Today)["DocumentNumber"].ShouldBe("发文字号“朔财农(2024)18号”年份应用六角括号“〔〕”括入，不用“()”。应写作：朔财农〔2024〕18号");
        FundGrantRules.Check(Valid with { DocumentNumber = "朔财农〔2024〕18号" }, Today).ShouldBeEmpty();
    }
}

public class SupportClauseTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(Path.Combine(AppContext.BaseDirectory, "policies"));

    [Fact]
    public void Shuozhou_s_seventeen_support_policies_and_the_other_documents_key_tasks_are_citable()
    {
        var clauses = SupportClauses.All(Catalog);
        clauses.Count(c => c.PackId == "shuozhou-2023-19" && c.KindName == SupportClauses.SupportPolicy).ShouldBe(17);
        clauses.ShouldContain(c => c.Source == SupportClauses.FinancingWhiteList && c.Title == "为专业镇提供融资服务保障");
        clauses.ShouldContain(c => c.Source == SupportClauses.ListingStages && c.Title == "实施专业镇主导产业提质工程");
        clauses.ShouldContain(c => c.Source == "垣政办发〔2023〕19号 四（一）" && c.KindName == SupportClauses.KeyTask);
        clauses.Select(c => c.Source).ShouldBeUnique();
    }

    [Fact]
    public void A_clause_governs_only_recipients_in_its_document_s_area()
    {
        var shuozhou = SupportClauses.Find(Catalog, "朔政办发〔2023〕19号 四（一）")!;
        SupportClauses.Governs(shuozhou, "山西省/朔州市/怀仁市").ShouldBeTrue();
        SupportClauses.Governs(shuozhou, "山西省/运城市/垣曲县").ShouldBeFalse();
        SupportClauses.Governs(shuozhou, "山西省/朔州").ShouldBeFalse();
        var yuanqu = SupportClauses.Find(Catalog, "垣政办发〔2023〕19号 四（一）")!;
        SupportClauses.Concerns(yuanqu, "山西省/运城市").ShouldBeTrue("a city office sees its counties' clauses");
        SupportClauses.Concerns(shuozhou, "山西省/运城市").ShouldBeFalse();
    }

    [Fact]
    public void A_clause_about_county_funds_is_no_basis_for_a_provincial_grant_and_the_provincial_pack_offers_one()
    {
        // qa96 12: 朔政办发〔2023〕19号 四（一） "鼓励各县（市、区）设立专业镇发展专项资金" carried the demo's 省级 5000万元.
        var countyFunds = SupportClauses.Find(Catalog, "朔政办发〔2023〕19号 四（一）")!;
        countyFunds.FundLevels.ShouldBe([FundLevel.County]);
        SupportClauses.LevelProblem(countyFunds, FundLevel.Provincial)!.ShouldStartWith("朔政办发〔2023〕19号 四（一）所说的是县级资金，不能作为省级资金的依据");
        SupportClauses.LevelProblem(countyFunds, FundLevel.County).ShouldBeNull();

        var provincial = SupportClauses.Find(Catalog, "晋政办发〔2022〕81号（据公开报道）")!;
        provincial.PackId.ShouldBe("shanxi-2022-80");
        SupportClauses.Governs(provincial, "山西省/朔州市/怀仁市").ShouldBeTrue();
        SupportClauses.LevelProblem(provincial, FundLevel.Provincial).ShouldBeNull();
        SupportClauses.LevelProblem(provincial, FundLevel.County).ShouldNotBeNull();
        // A clause naming no level takes any grant.
        SupportClauses.LevelProblem(SupportClauses.Find(Catalog, "朔政办发〔2023〕19号 四（十五）")!, FundLevel.Provincial).ShouldBeNull();
        SupportClauses.LevelProblem(SupportClauses.Find(Catalog, "朔政办发〔2023〕19号 四（十五）")!, FundLevel.County).ShouldBeNull();
    }

    [Theory]
    // “支持申请省级奖补资金”, “积极争取省级技术改造专项资金支持”, “帮助争取省级奖励”: the province's money only.
    [InlineData("朔政办发〔2023〕19号 四（十）", new[] { FundLevel.Provincial })]
    [InlineData("朔政办发〔2023〕19号 四（十二）", new[] { FundLevel.Provincial })]
    [InlineData("朔政办发〔2023〕19号 四（十四）", new[] { FundLevel.Provincial })]
    // “市级层面加大对科技研发和创新平台建设的支持力度……积极帮助争取省级层面奖励补助”.
    [InlineData("朔政办发〔2023〕19号 四（十一）", new[] { FundLevel.Provincial, FundLevel.Municipal })]
    // “充分发挥省、市两级专项资金引领示范作用”; 永济's “充分发挥各项上级奖补资金的引领示范作用” (上级: 运城市 and the province).
    [InlineData("阳政办发〔2023〕24号 五（一）", new[] { FundLevel.Provincial, FundLevel.Municipal })]
    [InlineData("《永济市促进专业镇高质量发展行动计划（2024-2025年）》 四（一）1", new[] { FundLevel.Provincial, FundLevel.Municipal })]
    public void A_clause_about_higher_levels_money_is_no_basis_for_a_lower_levels_grant(string source, FundLevel[] levels)
    {
        var clause = SupportClauses.Find(Catalog, source)!;
        clause.FundLevels.Order().ShouldBe(levels.Order());
        foreach (var level in Enum.GetValues<FundLevel>())
            if (levels.Contains(level)) SupportClauses.LevelProblem(clause, level).ShouldBeNull();
            else SupportClauses.LevelProblem(clause, level)!.ShouldStartWith($"{source}所说的是");
        SupportClauses.LevelProblem(clause, FundLevel.County)!.ShouldContain("不能作为县级资金的依据");
    }

    [Fact]
    public void The_validator_names_an_unknown_fund_level()
    {
        var text = File.ReadAllText(Path.Combine(Packs.Directory, "shuozhou-2023-19.yaml"));
        text.ShouldContain("fundLevels: [county]");
        var (pack, problem) = PolicyPackReader.Read("shuozhou-2023-19.yaml", text.Replace("fundLevels: [county]", "fundLevels: [city]"));
        problem.ShouldBeNull();
        PolicyPackValidator.Validate([pack!]).ShouldContain(p => p.Message.Contains("资金级次（fundLevels）“city”不是可用的取值"));
    }
}

public class ListingStageTests
{
    [Fact]
    public void Moving_through_the_stages_keeps_dates_in_order_and_a_step_back_needs_a_reason()
    {
        var today = new DateOnly(2025, 6, 30);
        var c = new ListingCandidate { Stage = ListingStage.SmallToAboveScale, AdmittedOn = new DateOnly(2024, 1, 10) };
        c.Move(ListingStage.AboveScaleToJointStock, new DateOnly(2024, 1, 5), today, null, "办公室").ShouldBe("变更日期不能早于上一次变更（2024年1月10日）");
        c.Move(ListingStage.AboveScaleToJointStock, today.AddDays(1), today, null, "办公室").ShouldBe("变更日期不能晚于今天");
        c.Move(ListingStage.AboveScaleToJointStock, new DateOnly(2024, 12, 1), today, null, "办公室").ShouldBeNull();
        c.Move(ListingStage.AboveScaleToJointStock, new DateOnly(2024, 12, 2), today, null, "办公室")!.ShouldContain("已处于");
        c.Move(ListingStage.SmallToAboveScale, new DateOnly(2025, 1, 2), today, null, "办公室").ShouldBe("退回前一阶段，请说明原因");
        c.Move(ListingStage.SmallToAboveScale, new DateOnly(2025, 1, 2), today, "股改中止", "办公室").ShouldBeNull();
        c.Stage.ShouldBe(ListingStage.SmallToAboveScale);
        c.History.Select(h => (h.From, h.To)).ShouldBe([
            (ListingStage.SmallToAboveScale, ListingStage.AboveScaleToJointStock),
            (ListingStage.AboveScaleToJointStock, ListingStage.SmallToAboveScale),
        ]);
        ListingStages.All.Take(4).Select(ListingStages.Chinese).ShouldBe(["个转企", "小升规", "规改股", "股上市"]);
    }
}
