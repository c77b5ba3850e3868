using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Tests.Recognition;

/// <summary>
/// 阳政办发〔2023〕24号 四（一）: 特优农业 below 2亿元 may be recognised “适当放宽……但年产值应不少于0.5亿元” with a traditional
/// feature (qa110 3, 10): what the 预检 says, which relaxation a recognition rests on, and how the yearly check then reads it.
/// </summary>
public class RelaxationTests
{
    private static TownFacts Yuxian(decimal output, bool? feature) => new()
    {
        Name = "盂县中药材专业镇", Category = IndustryCategories.SpecialtyAgriculture, AnnualOutputValueWanYuan = output,
        LeadingEnterprises = 1, SupportingEnterprises = 12, HistoricalOriginOrGeographicalIndication = feature, IndustryWithinOneCounty = true,
    };

    private static CriterionResult Output(TownFacts facts) =>
        RecognitionEngine.Evaluate(Packs.Standard("yangquan-municipal"), facts).Criteria.Single(c => c.Key == "output-value");

    [Fact]
    public void Left_unstated_the_feature_is_asked_for_not_denied()
    {
        var c = Output(Yuxian(6000, null));
        c.Result.ShouldBe(Results.MissingData);
        c.Explanation.ShouldContain("申报未说明是否具备“主导产品具有历史发源地、地理标志等传统特色”（如具备请在申报表中勾选并附证明）");
        c.Explanation.ShouldNotContain("申报表明不具备");
        Output(Yuxian(6000, false)).Explanation.ShouldContain("申报表明不具备");
    }

    [Fact]
    public void Above_the_floor_with_the_feature_the_relaxation_is_named_for_the_experts()
    {
        var c = Output(Yuxian(6000, true));
        c.Result.ShouldBe(Results.NeedsReview);
        c.Relaxation.ShouldBe("按放宽条件认定年产值（0.6亿元，不少于 0.5亿元，阳政办发〔2023〕24号 四（一）），由专家评审");
        Output(Yuxian(30000, true)).Relaxation.ShouldBeNull();
    }

    [Fact]
    public void A_recognition_rests_on_the_relaxation_the_panel_granted_and_the_yearly_check_holds_it_to_the_floor()
    {
        var standard = Packs.Standard("yangquan-municipal");
        Relaxations.Granted(standard, Yuxian(6000, true)).ShouldBeEmpty("no panel conclusion yet");
        var granted = Relaxations.Granted(standard, Yuxian(6000, true) with { ExpertConclusions = new Dictionary<string, bool> { ["output-value"] = true } }).Single();
        granted.Basis.ShouldBe("依据阳政办发〔2023〕24号 四（一）放宽认定（年产值 0.6亿元，不少于 0.5亿元）");
        Relaxations.Granted(standard, Yuxian(25000, true) with { ExpertConclusions = new Dictionary<string, bool> { ["output-value"] = true } })
            .ShouldBeEmpty("on the full standard");

        // Later years, the feature unticked in the register: held to 0.5亿元, not to 2亿元.
        var relaxed = new[] { "output-value" };
        var above = Output(Yuxian(5500, false) with { RelaxedCriteria = relaxed });
        above.Result.ShouldBe(Results.Met);
        above.Explanation.ShouldContain("认定时已按放宽条件认定（不少于 5,000万元）");
        var below = RecognitionEngine.Evaluate(standard, Yuxian(4000, false) with { RelaxedCriteria = relaxed });
        below.Outcome.ShouldBe(Results.Ineligible);
        below.Gaps.Single().Text.ShouldBe("年产值还差 1,000万元");
        Output(Yuxian(5500, false)).Result.ShouldBe(Results.NotMet, "without the relaxation granted");
    }
}
