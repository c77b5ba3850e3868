using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Tests.Recognition;

/// <summary>
/// qa110 6: the 出处 of an entered number must name its document (a 文号, perhaps with the clause), a “%” is refused for a number
/// that is not a percentage, an empty form is told so, and once a number is entered the 预检 cites its 出处, not “待办公室配置”.
/// </summary>
public class EnteredThresholdEntryTests
{
    private static readonly SpecializedTowns.Core.Policies.RecognitionStandard Province = Packs.Standard("shanxi-provincial");

    [Fact]
    public void The_source_must_hold_a_document_number_and_may_add_the_clause()
    {
        EnteredThresholds.Problems(Province, "leading-enterprise", null, 5, "随便写的")["Source"]
            .ShouldBe("出处应写明文号，可再加条款，如“晋政办发〔2022〕80号 三（一）”");
        EnteredThresholds.Problems(Province, "leading-enterprise", null, 5, "晋政办发(2022)80号 三（一）")["Source"]
            .ShouldStartWith("出处中的发文字号“晋政办发(2022)80号”年份应用六角括号“〔〕”括入");
        EnteredThresholds.Problems(Province, "leading-enterprise", null, 5, "晋政办发〔2022〕80号 附件1 二（一）").ShouldBeEmpty();
        EnteredThresholds.Problems(Province, "leading-enterprise", null, 5, "晋政办发〔2022〕80号").ShouldBeEmpty();

        // A document issued without a 文号 is cited by its title: 永济's plan, whose office enters its numbers too.
        var yongji = Packs.Standard("yongji-county");
        EnteredThresholds.Problems(yongji, "leading-enterprise", null, 1, "《永济市促进专业镇高质量发展行动计划（2024-2025年）》 三、一是").ContainsKey("Source").ShouldBeFalse();
        EnteredThresholds.Problems(yongji, "leading-enterprise", null, 1, "随便写的")["Source"]
            .ShouldBe("出处应写明文号或《文件名称》，可再加条款，如“《××市促进专业镇高质量发展行动计划》 三（一）”");
        EnteredThresholds.Problems(Province, "leading-enterprise", null, 5, "《随便》").ContainsKey("Source").ShouldBeTrue("a title of under four characters names no document");
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
        EnteredThresholds.Problems(Province, "employment", null, null, " ").ShouldBe(new Dictionary<string, string> { [""] = "没有填写任何数值：请在要录入的条件一行填写数值和出处（文号及条款），再点“录入”" });
        EnteredThresholds.Problems(Province, null, null, null, null).Keys.ShouldBe([""]);
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
