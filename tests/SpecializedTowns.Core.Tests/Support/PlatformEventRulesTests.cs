using SpecializedTowns.Core.Support;

namespace SpecializedTowns.Core.Tests.Support;

public class PlatformCoverageTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    [Fact]
    public void The_criterion_is_the_eight_functions_of_二七_in_the_document_s_order()
    {
        PlatformFunctions.Criterion.Select(PlatformFunctions.Chinese).ShouldBe(
            ["研发设计", "检验检测", "业务培训（人才培养）", "信息咨询", "知识产权保护", "融资担保", "产品展销", "物流服务"]);
        PlatformFunctions.CriterionClause.ShouldBe("朔政办发〔2023〕19号 二（七）");
    }

    [Fact]
    public void Every_function_the_three_Shuozhou_clauses_name_is_on_the_list_in_the_clause_s_own_words()
    {
        string[] Words(string clause) => PlatformFunctions.All.SelectMany(f => f.Mentions).Where(m => m.Clause == clause).Select(m => m.Wording).ToArray();
        Words("朔政办发〔2023〕19号 二（七）").ShouldBe(["研发设计", "检验检测", "业务培训", "信息咨询", "知识产权保护", "融资担保", "产品展销", "物流服务"]);
        Words("朔政办发〔2023〕19号 三（十一）").ShouldBe(["技术研发", "检验检测", "人才培养", "物流配送", "工业设计", "标准推广", "成果转化", "企业孵化", "电商平台"], ignoreOrder: true);
        Words("朔政办发〔2023〕19号 四（五）").ShouldBe(
            ["现代物流", "技术研发", "工业设计", "质量检测", "海关", "电子商务", "文化创意", "融资服务", "信息服务", "报税服务", "商贸会展", "人才培养"], ignoreOrder: true);
        PlatformFunctions.All.Select(f => f.Function).ShouldBe(Enum.GetValues<PlatformFunction>(), ignoreOrder: true);
        PlatformFunctions.Info(PlatformFunction.ResearchDesign).Citations.ShouldBe([
            "朔政办发〔2023〕19号 二（七）“研发设计”，三（十一）、四（五）“技术研发”", "阳政办发〔2023〕24号 四（七）“研发设计”，五（十）“技术研发”"]);
        PlatformFunctions.Info(PlatformFunction.Logistics).Tags.ShouldBe("朔政办发〔2023〕19号 二（七）、三（十一）、四（五）；阳政办发〔2023〕24号 四（七）、五（十）");
    }

    [Fact]
    public void A_town_covers_a_function_when_any_of_its_platforms_offers_it_and_only_the_criterion_s_functions_count()
    {
        var coverage = FunctionCoverage.Of([
            ("检测中心", [PlatformFunction.Testing, PlatformFunction.Training, PlatformFunction.StandardPromotion]),
            ("研究院", [PlatformFunction.ResearchDesign, PlatformFunction.IndustrialDesign, PlatformFunction.Testing]),
            ("物流园", [PlatformFunction.Logistics, PlatformFunction.ECommerce, PlatformFunction.ProductExhibition]),
        ]);
        coverage.Covered.ShouldBe([PlatformFunction.ResearchDesign, PlatformFunction.Testing, PlatformFunction.Training, PlatformFunction.ProductExhibition, PlatformFunction.Logistics]);
        coverage.Missing.ShouldBe([PlatformFunction.InformationConsulting, PlatformFunction.IntellectualProperty, PlatformFunction.FinancingGuarantee]);
        coverage.Complete.ShouldBeFalse();
        coverage.By(PlatformFunction.Testing).ShouldBe(["检测中心", "研究院"]);
        coverage.By(PlatformFunction.FinancingGuarantee).ShouldBeEmpty();
        coverage.Functions.Count.ShouldBe(8, "工业设计、电子商务 are welcome but are not the criterion's");

        var none = FunctionCoverage.Of([]);
        none.Covered.ShouldBeEmpty();
        none.Missing.Count.ShouldBe(8);

        var all = FunctionCoverage.Of([("综合服务中心", PlatformFunctions.Criterion)]);
        all.Complete.ShouldBeTrue();
    }

    private static PlatformInput Valid => new()
    {
        Name = "怀仁市陶瓷产品质量检验检测中心", SpecializedTownId = 1, Operator = "怀仁市陶瓷产品检测服务有限公司", OperatorKind = PlatformOperatorKind.Intermediary,
        Level = PlatformLevel.Provincial, EstablishedYear = 2016, Mode = PlatformMode.Both, Functions = [PlatformFunction.Testing], ServedYear = 2024, EnterprisesServed = 420,
    };

    [Fact]
    public void A_platform_needs_its_name_town_operator_kind_level_year_mode_and_a_function_and_the_service_figure_its_year()
    {
        PlatformRules.Check(Valid, Today).ShouldBeEmpty();
        var empty = PlatformRules.Check(new PlatformInput(), Today);
        empty.Keys.ShouldBe(["Name", "SpecializedTownId", "Operator", "OperatorKind", "Level", "Mode", "EstablishedYear", "Functions"], ignoreOrder: true);
        empty["Functions"].ShouldBe("请至少选择一项平台功能");
        PlatformRules.Check(Valid with { EstablishedYear = 2026 }, Today)["EstablishedYear"].ShouldBe("建成年份应在 1949 年到 2025 年之间");
        PlatformRules.Check(Valid with { ServedYear = null }, Today)["ServedYear"].ShouldBe("填写服务企业家次时，请注明统计年度");
        PlatformRules.Check(Valid with { ServedYear = 2015 }, Today)["ServedYear"].ShouldBe("统计年度不能早于建成年份");
        PlatformRules.Check(Valid with { EnterprisesServed = null }, Today)["EnterprisesServed"].ShouldBe("已填统计年度，请填写服务企业家次");
        PlatformRules.Check(Valid with { EnterprisesServed = -1 }, Today).ShouldContainKey("EnterprisesServed");
        PlatformRules.Check(Valid with { Functions = [(PlatformFunction)99] }, Today)["Functions"].ShouldBe("所选功能不在功能清单中");
    }

    [Fact]
    public void Changing_the_functions_keeps_the_rows_that_stay()
    {
        var platform = new ServicePlatform();
        platform.SetFunctions([PlatformFunction.Testing, PlatformFunction.Training]);
        var kept = platform.Functions.Single(f => f.Function == PlatformFunction.Testing);
        platform.SetFunctions([PlatformFunction.Testing, PlatformFunction.Logistics, PlatformFunction.Logistics]);
        platform.Functions.Select(f => f.Function).ShouldBe([PlatformFunction.Testing, PlatformFunction.Logistics]);
        platform.Functions[0].ShouldBeSameAs(kept);
    }
}

public class EventRulesTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    private static EventInput Valid => new()
    {
        Name = "2024朔州专业镇特色产品博览会", Kind = EventKind.Expo, Role = EventRole.Organised, Level = EventLevel.Municipal,
        StartOn = new DateOnly(2024, 9, 20), EndOn = new DateOnly(2024, 9, 22), Place = "朔州市", Organiser = "朔州市人民政府", TownIds = [1, 2],
        Participants = [new() { EnterpriseId = 10, IntendedWanYuan = 3000m, DealWanYuan = 1200m }, new() { EnterpriseId = 11 }],
    };

    [Fact]
    public void An_event_needs_its_name_kind_role_level_dates_place_organiser_and_a_town()
    {
        EventRules.Check(Valid, Today).ShouldBeEmpty();
        var empty = EventRules.Check(new EventInput(), Today);
        empty.Keys.ShouldBe(["Name", "Kind", "Role", "Level", "StartOn", "EndOn", "Place", "Organiser", "TownIds"], ignoreOrder: true);
        empty["TownIds"].ShouldBe("请至少选择一个相关专业镇");
        EventRules.Check(Valid with { EndOn = new DateOnly(2024, 9, 19) }, Today)["EndOn"].ShouldBe("结束日期不能早于开始日期");
        EventRules.Check(Valid with { EndOn = new DateOnly(2025, 9, 22) }, Today)["EndOn"].ShouldBe("活动不能超过一年，请分次登记");
        EventRules.Check(Valid with { Kind = EventKind.OverseasExhibition, Place = " " }, Today)["Place"].ShouldBe("请填写举办国家（地区）");
    }

    [Fact]
    public void Each_participant_is_one_enterprise_once_with_amounts_in_wan_yuan_and_no_deal_before_the_event()
    {
        var twice = EventRules.Check(Valid with { Participants = [new() { EnterpriseId = 10 }, new() { EnterpriseId = 10 }] }, Today);
        twice["Participants[1].EnterpriseId"].ShouldBe("该企业已在参展企业中");
        var negative = EventRules.Check(Valid with { Participants = [new() { EnterpriseId = 10, IntendedWanYuan = -5m, DealWanYuan = 2_000_000m }] }, Today);
        negative["Participants[0].IntendedWanYuan"].ShouldBe("意向签约额不能为负数（单位：万元）");
        negative["Participants[0].DealWanYuan"].ShouldBe("成交额超过 100 亿元，请核对单位是否为万元");
        var planned = Valid with { StartOn = new DateOnly(2025, 9, 1), EndOn = new DateOnly(2025, 9, 3), Participants = [new() { EnterpriseId = 10, IntendedWanYuan = 100m, DealWanYuan = 50m }] };
        var early = EventRules.Check(planned, Today);
        early["Participants[0].DealWanYuan"].ShouldBe("活动尚未举办，不能填写成交额");
        early.ShouldNotContainKey("Participants[0].IntendedWanYuan");
    }

    [Fact]
    public void Changing_the_participants_updates_amounts_adds_and_removes()
    {
        var ev = new TradeEvent();
        ev.SetParticipants([new() { EnterpriseId = 1, IntendedWanYuan = 10m }, new() { EnterpriseId = 2 }]);
        var first = ev.Participants[0];
        ev.SetParticipants([new() { EnterpriseId = 1, IntendedWanYuan = 20m, DealWanYuan = 5m }, new() { EnterpriseId = 3 }]);
        ev.Participants.Select(p => p.EnterpriseId).ShouldBe([1, 3]);
        ev.Participants[0].ShouldBeSameAs(first);
        (first.IntendedWanYuan, first.DealWanYuan).ShouldBe((20m, 5m));
        ev.SetTowns([5, 4, 5]);
        ev.Towns.Select(t => t.SpecializedTownId).ShouldBe([4, 5]);
    }
}
