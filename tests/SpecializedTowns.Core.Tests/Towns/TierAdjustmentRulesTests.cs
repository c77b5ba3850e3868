using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Core.Tests.Towns;

public class TierAdjustmentRulesTests
{
    private static readonly ExitRule TwoYears = ExitRule.PlatformDefault();

    private static YearResult Passes(int year) =>
        new(year, new RecognitionResult("s", Results.NeedsReview, [new CriterionResult("output-value", Results.Met, "年产值达标", "src") { Title = "年产值" }]));

    private static YearResult Fails(int year) =>
        new(year, new RecognitionResult("s", Results.Ineligible, [new CriterionResult("supporting", Results.NotMet, $"{year}年配套企业不足", "阳政办发〔2023〕24号 四（五）") { Title = "配套企业" }]));

    [Fact]
    public void A_failure_in_the_latest_year_after_a_pass_is_a_warning_with_that_year()
    {
        var verdict = TierAdjustmentRules.ReviewOwnTier([Passes(2022), Passes(2023), Fails(2024)], null, TwoYears)!;
        verdict.Kind.ShouldBe(AdjustmentKind.Warning);
        verdict.FailingRun.Select(y => y.Year).ShouldBe([2024]);
        verdict.FailingRun[0].NotMet.Single().Explanation.ShouldBe("2024年配套企业不足");
    }

    [Fact]
    public void Two_consecutive_failing_years_propose_exit()
    {
        var verdict = TierAdjustmentRules.ReviewOwnTier([Passes(2022), Fails(2023), Fails(2024)], null, TwoYears)!;
        verdict.Kind.ShouldBe(AdjustmentKind.Removal);
        verdict.FailingRun.Select(y => y.Year).ShouldBe([2023, 2024]);
    }

    [Fact]
    public void A_failure_followed_by_a_pass_is_nothing_and_a_pass_between_two_failures_restarts_the_count()
    {
        TierAdjustmentRules.ReviewOwnTier([Fails(2022), Fails(2023), Passes(2024)], null, TwoYears).ShouldBeNull();
        var again = TierAdjustmentRules.ReviewOwnTier([Fails(2022), Passes(2023), Fails(2024)], null, TwoYears)!;
        again.Kind.ShouldBe(AdjustmentKind.Warning);
        again.FailingRun.Select(y => y.Year).ShouldBe([2024]);
    }

    [Fact]
    public void A_year_without_figures_breaks_the_chain()
    {
        var verdict = TierAdjustmentRules.ReviewOwnTier([Fails(2021), Fails(2023)], null, TwoYears)!;
        verdict.Kind.ShouldBe(AdjustmentKind.Warning);
        verdict.FailingRun.Select(y => y.Year).ShouldBe([2023]);
    }

    [Fact]
    public void Years_before_the_town_reached_its_tier_do_not_count()
    {
        TierAdjustmentRules.ReviewOwnTier([Fails(2022), Fails(2023), Fails(2024)], 2024, TwoYears)!.Kind.ShouldBe(AdjustmentKind.Warning);
        TierAdjustmentRules.ReviewOwnTier([Fails(2022), Fails(2023), Fails(2024)], 2023, TwoYears)!.Kind.ShouldBe(AdjustmentKind.Removal);
        // Recognised after its latest figures: nothing to hold it to yet.
        TierAdjustmentRules.ReviewOwnTier([Fails(2022), Fails(2023)], 2025, TwoYears).ShouldBeNull();
    }

    [Fact]
    public void The_exit_rule_sets_the_number_of_years_and_says_whether_it_is_the_platform_default()
    {
        var three = new ExitRule(3, "某政办发〔2025〕1号 五", "连续三年不达标的退出");
        TierAdjustmentRules.ReviewOwnTier([Fails(2023), Fails(2024)], null, three)!.Kind.ShouldBe(AdjustmentKind.Warning);
        TierAdjustmentRules.ReviewOwnTier([Fails(2022), Fails(2023), Fails(2024)], null, three)!.Kind.ShouldBe(AdjustmentKind.Removal);
        three.IsPlatformDefault.ShouldBeFalse();
        three.Description.ShouldContain("某政办发〔2025〕1号 五");
        TwoYears.IsPlatformDefault.ShouldBeTrue();
        TwoYears.Description.ShouldContain("平台默认");
        ExitRule.Of(new Core.Policies.DynamicAdjustment { ExitAfterYears = 3, Source = "某政办发〔2025〕1号 五" }, 2).Years.ShouldBe(3);
        ExitRule.Of(null, 4).ShouldBe(ExitRule.PlatformDefault(4));
    }

    [Fact]
    public void The_tier_is_held_from_the_first_step_of_its_last_unbroken_run()
    {
        var d = (int y, int m) => new DateOnly(y, m, 1);
        TierAdjustmentRules.HeldSince([(Tier.Reserve, d(2022, 1)), (Tier.Municipal, d(2022, 12)), (Tier.Municipal, d(2023, 5))], Tier.Municipal).ShouldBe(d(2022, 12));
        TierAdjustmentRules.HeldSince([(Tier.Municipal, d(2020, 1)), (Tier.County, d(2021, 1)), (Tier.Municipal, d(2023, 5))], Tier.Municipal).ShouldBe(d(2023, 5));
        TierAdjustmentRules.HeldSince([(Tier.Reserve, d(2022, 1))], Tier.County).ShouldBeNull();
    }

    [Fact]
    public void A_town_failing_its_own_tier_or_a_standard_without_numbers_is_not_suggested_for_the_next_tier()
    {
        // The provincial standard sets no number (待办公室配置): it cannot pre-check anyone, and says so.
        var province = Packs.Standard("shanxi-provincial");
        TierAdjustmentRules.CannotPreCheck(province).ShouldBeTrue();
        TierAdjustmentRules.NotConfigured(province).ShouldBe($"{province.Name}尚未配置，无法预检");
        TierAdjustmentRules.CannotPreCheck(Packs.Standard("yongji-county")).ShouldBeFalse();

        // 蒲州 meets 永济's county standard in full; it is suggested, unless it fails the standard of the tier it holds.
        var standard = Packs.Standard("yongji-county");
        var latest = RecognitionEngine.Evaluate(standard, Puzhou(15000));
        TierAdjustmentRules.SuggestNextTier(standard, latest, failsOwnTier: false)!.FullyMet.ShouldBeTrue();
        TierAdjustmentRules.SuggestNextTier(standard, latest, failsOwnTier: true).ShouldBeNull();
    }

    private static TownFacts Puzhou(decimal output) => new()
    {
        Category = "culture-tourism-health", AnnualOutputValueWanYuan = output, LeadingEnterprises = 1, SupportingEnterprises = 10,
        LocalEmployment = 1800, CityMarketSharePercent = 15, LargeNationalMarketSpace = false, HistoricalOriginOrGeographicalIndication = false,
        IndustryWithinOneCounty = true,
    };

    [Fact]
    public void A_town_meeting_every_criterion_of_the_next_standard_is_a_candidate()
    {
        var standard = Packs.Standard("yongji-county");
        var verdict = TierAdjustmentRules.ReviewNextTier(standard, RecognitionEngine.Evaluate(standard, Puzhou(15000)))!;
        verdict.FullyMet.ShouldBeTrue();
        verdict.ForExperts.ShouldBeEmpty();
        verdict.Met.Select(c => c.Key).ShouldContain("output-value");

        // 0.9亿 is below 永济's 1亿 for 文旅康养 and, without a traditional feature, not relaxed: no candidate.
        TierAdjustmentRules.ReviewNextTier(standard, RecognitionEngine.Evaluate(standard, Puzhou(9000))).ShouldBeNull();
        // A figure nobody gave is not a reason to propose the town.
        TierAdjustmentRules.ReviewNextTier(standard, RecognitionEngine.Evaluate(standard, Puzhou(15000) with { LocalEmployment = null })).ShouldBeNull();
    }

    [Fact]
    public void Qualitative_criteria_leave_a_candidate_for_the_experts_but_a_standard_without_numbers_makes_none()
    {
        var shuozhou = Packs.Standard("shuozhou-municipal");
        var dairy = new TownFacts
        {
            Category = "specialty-agriculture", AnnualOutputValueWanYuan = 350000, LeadingEnterprises = 2, SupportingEnterprises = 233,
            LocalEmployment = 9000, ProvincialMarketSharePercent = 40, HistoricalOriginOrGeographicalIndication = true, IndustryWithinOneCounty = true,
        };
        var verdict = TierAdjustmentRules.ReviewNextTier(shuozhou, RecognitionEngine.Evaluate(shuozhou, dairy))!;
        verdict.FullyMet.ShouldBeFalse();
        verdict.ForExperts.ShouldNotBeEmpty();
        verdict.ForExperts.ShouldAllBe(c => c.Result == Results.NeedsReview);

        var province = Packs.Standard("shanxi-provincial");
        TierAdjustmentRules.ReviewNextTier(province, RecognitionEngine.Evaluate(province, dairy)).ShouldBeNull();
    }

    [Fact]
    public void The_next_tier_is_the_lowest_higher_one_that_has_a_standard_where_the_town_lies()
    {
        TierAdjustmentRules.NextTier(Tier.Reserve, [Tier.County, Tier.Municipal, Tier.Provincial]).ShouldBe(Tier.County);
        TierAdjustmentRules.NextTier(Tier.Reserve, [Tier.Municipal, Tier.Provincial]).ShouldBe(Tier.Municipal);
        TierAdjustmentRules.NextTier(Tier.County, [Tier.County, Tier.Provincial]).ShouldBe(Tier.Provincial);
        TierAdjustmentRules.NextTier(Tier.Provincial, [Tier.County, Tier.Municipal, Tier.Provincial]).ShouldBeNull();
    }

    [Fact]
    public void The_platform_default_is_configurable_within_bounds()
    {
        new AdjustmentSettings().ExitAfterYears.ShouldBe(2);
        new AdjustmentSettings { ExitAfterYears = 3 }.Problems().ShouldBeEmpty();
        new AdjustmentSettings { ExitAfterYears = 0 }.Problems().Single().ShouldContain("Adjustments:ExitAfterYears");
    }
}
