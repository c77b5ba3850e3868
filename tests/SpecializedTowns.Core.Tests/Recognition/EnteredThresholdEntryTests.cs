using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Tests.Recognition;

/// <summary>
/// qa110 6: the 出处 of an entered number must name its document (a 文号, perhaps with the clause), a “%” is refused for a number
/// that is not a percentage, an empty form is told so, and once a number is entered the 预检 cites its 出处, not “待办公室配置”.
/// </summary>
public class EnteredThresholdEntryTests
{
    private static readonly SpecializedTowns.Core.Policies.RecognitionStandard Province = Packs.Standard("shanxi-provincial");

    private static EnteredThresholds.SourceRules Rules(SpecializedTowns.Core.Policies.RecognitionStandard pack, int thisYear = 2026) =>
        EnteredThresholds.RulesFor(Packs.Catalog, pack, SpecializedTowns.Data.Jurisdictions.OfficeShortNames.Of(Packs.Catalog.Packs), thisYear);

    private static string? Source(SpecializedTowns.Core.Policies.RecognitionStandard pack, string source) =>
        EnteredThresholds.Problems(pack, Rules(pack), "leading-enterprise", null, 3, source).GetValueOrDefault("Source");

    /// <summary>
    /// qa120 4: the 出处 is the standard's own document or one of its place or a place above — not 阳泉's for the province's
    /// number, not any text in 书名号, not a year to come, and what follows the 文号 is a clause.
    /// </summary>
    [Fact]
    public void The_source_is_the_standards_own_document_or_one_of_the_same_or_a_higher_place()
    {
        const string accepted = "出处应为本标准的文件（晋政办发〔2022〕80号）或同级、上级文件的文号";
        Source(Province, "《随便写的》").ShouldBe($"“《随便写的》”不是已知的政策文件名称；{accepted}");
        Source(Province, "《山西省专业镇认定管理办法》第三条").ShouldBe($"“《山西省专业镇认定管理办法》”不是已知的政策文件名称；{accepted}");
        Source(Province, "《山西省促进专业镇高质量发展实施方案》 三（一）").ShouldBe("《山西省促进专业镇高质量发展实施方案》有文号，出处请写明文号（晋政办发〔2022〕80号），可再加条款");
        Source(Province, "晋政办发〔2099〕80号 三（一）").ShouldBe("出处中的文号“晋政办发〔2099〕80号”年份为 2099 年，晚于今年（2026年），请核对");
        Source(Province, "晋政办发〔2022〕80号 随便写的条款").ShouldBe("文号之后应写条款，如“三（一）”“第五条”或“附件1 二（一）”；“随便写的条款”不是条款，不写条款可留空");
        Source(Province, "阳政办发〔2023〕24号 四（五）").ShouldBe($"{accepted}；“阳政办发〔2023〕24号”是阳泉市的文件（《阳泉市促进专业镇高质量发展实施方案》），不是本级或上级文件");
        Source(Province, "晋中政办发〔2024〕3号 二").ShouldStartWith($"{accepted}；“晋中政办发〔2024〕3号”是");
        Source(Province, "某某办发〔2024〕3号").ShouldBe($"{accepted}；看不出“某某办发〔2024〕3号”是本级或上级的文件");

        // Accepted: its own 文号 with a clause (full-width digits too), another provincial or a State Council document.
        Source(Province, "晋政办发〔２０２２〕８０号 三（一）").ShouldBeNull();
        Source(Province, "晋政办发〔2022〕80号 第五条").ShouldBeNull();
        Source(Province, "《山西省促进专业镇高质量发展实施方案》（晋政办发〔2022〕80号）附件1 二（一）").ShouldBeNull();
        Source(Province, "晋政发〔2021〕15号").ShouldBeNull();
        Source(Province, "国办发〔2023〕12号 三").ShouldBeNull();
        Source(Province, "晋政办发〔2026〕80号").ShouldBeNull();

        // A city's standard may cite the province's document; a county's its city's; not a sister county's.
        var yuncheng = Packs.Standard("yuncheng-municipal");
        Source(yuncheng, "晋政办发〔2022〕80号 三（一）").ShouldBeNull();
        Source(yuncheng, "运政办发〔2023〕8号 三").ShouldBeNull();
        Source(yuncheng, "垣政办发〔2023〕19号 三").ShouldStartWith("出处应为本标准的文件（运政办发〔2023〕8号）或同级、上级文件的文号；“垣政办发〔2023〕19号”是垣曲县的文件");

        // 永济's plan has no 文号: its own title (as printed, or as its pack's sources shorten it), not another.
        var yongji = Packs.Standard("yongji-county");
        Source(yongji, "《永济市促进专业镇高质量发展行动计划（2024-2025年）（征求意见稿）》 三、一是").ShouldBeNull();
        Source(yongji, "《永济市促进专业镇高质量发展行动计划》 三").ShouldStartWith("“《永济市促进专业镇高质量发展行动计划》”不是已知的政策文件名称；出处应为本标准的文件（《永济市促进专业镇高质量发展行动计划（2024-2025年）（征求意见稿）》）");
        Source(yongji, "新政办发〔2023〕33号 三").ShouldStartWith("出处应为本标准的文件（《永济市");
    }

    [Fact]
    public void The_source_must_hold_a_document_number_and_may_add_the_clause()
    {
        EnteredThresholds.Problems(Province, Rules(Province), "leading-enterprise", null, 5, "随便写的")["Source"]
            .ShouldBe("出处应写明文号，可再加条款，如“晋政办发〔2022〕80号 三（一）”");
        EnteredThresholds.Problems(Province, Rules(Province), "leading-enterprise", null, 5, "晋政办发(2022)80号 三（一）")["Source"]
            .ShouldStartWith("出处中的发文字号“晋政办发(2022)80号”年份应用六角括号“〔〕”括入");
        EnteredThresholds.Problems(Province, Rules(Province), "leading-enterprise", null, 5, "晋政办发〔2022〕80号 附件1 二（一）").ShouldBeEmpty();
        EnteredThresholds.Problems(Province, Rules(Province), "leading-enterprise", null, 5, "晋政办发〔2022〕80号").ShouldBeEmpty();

        // A document issued without a 文号 is cited by its title: 永济's plan, whose office enters its numbers too.
        var yongji = Packs.Standard("yongji-county");
        EnteredThresholds.Problems(yongji, Rules(yongji), "leading-enterprise", null, 1, "《永济市促进专业镇高质量发展行动计划（2024-2025年）》 三、一是").ContainsKey("Source").ShouldBeFalse();
        EnteredThresholds.Problems(yongji, Rules(yongji), "leading-enterprise", null, 1, "随便写的")["Source"]
            .ShouldBe("出处应写明《文件名称》或文号，可再加条款，如“《永济市促进专业镇高质量发展行动计划（2024-2025年）（征求意见稿）》 三（一）”");
        EnteredThresholds.Problems(Province, Rules(Province), "leading-enterprise", null, 5, "《随便》").ContainsKey("Source").ShouldBeTrue("a title of under four characters names no document");
    }

    [Fact]
    public void A_percent_sign_is_read_only_for_a_percentage()
    {
        var employment = Province.Criteria.Single(c => c.Key == "employment");
        var share = Province.Criteria.Single(c => c.Key == "market-share");
        EnteredThresholds.ReadValue("30%", employment, out var refused).ShouldBe("“带动就业”以人计，不是百分比，请去掉“%”后填写人数");
        refused.ShouldBeNull();
        EnteredThresholds.ReadValue("30%", share, out var percent).ShouldBeNull();
        percent.ShouldBe(30m);
        EnteredThresholds.ReadValue("１０,０００", employment, out var people).ShouldBeNull();
        people.ShouldBe(10000m);
        EnteredThresholds.ReadValue("很多", employment, out _).ShouldBe("数值应为数字，如 2、30 或 500000");
    }

    [Fact]
    public void An_empty_form_is_told_it_holds_nothing()
    {
        EnteredThresholds.Problems(Province, Rules(Province), "employment", null, null, " ").ShouldBe(new Dictionary<string, string> { [""] = "没有填写任何数值：请在要录入的条件一行填写数值和出处（文号及条款），再点“录入”" });
        EnteredThresholds.Problems(Province, Rules(Province), null, null, null, null).Keys.ShouldBe([""]);
    }

    [Fact]
    public void Once_a_number_is_entered_the_check_cites_its_source_not_the_pending_note()
    {
        const string source = "晋政办发〔2022〕80号 附件1 二（一）";
        var applied = EnteredThresholds.Apply(Province, [new ThresholdValue
        {
            Id = 1, StandardId = Province.Id, CriterionKey = "leading-enterprise", Value = 2, Unit = "家", Source = source,
        }]);
        var result = RecognitionEngine.Evaluate(applied, new TownFacts
        {
            Name = "永济机电制造专业镇", Category = IndustryCategories.Manufacturing, LeadingEnterprises = 3, SupportingEnterprises = 40,
        });
        result.Criteria.Single(c => c.Key == "leading-enterprise").Citation.ShouldBe(source);
        // The numbers not yet entered still say they wait for the office.
        result.Criteria.Single(c => c.Key == "employment").Citation!.ShouldContain("待办公室配置");
    }
}
