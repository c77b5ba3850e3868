using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Tests.Recognition;

public class RecognitionEngineTests
{
    // A town that meets every quantified criterion of every standard.
    private static TownFacts Strong(string category = IndustryCategories.SpecialtyAgriculture) => new()
    {
        Name = "测试专业镇",
        Category = category,
        AnnualOutputValueWanYuan = 200000,
        LeadingEnterprises = 2,
        SupportingEnterprises = 20,
        LocalEmployment = 3000,
        ProvincialMarketSharePercent = 60,
        CityMarketSharePercent = 60,
        LargeNationalMarketSpace = true,
        HistoricalOriginOrGeographicalIndication = true,
        IndustryWithinOneCounty = true,
    };

    private static CriterionResult Criterion(string standard, TownFacts facts, string key) =>
        RecognitionEngine.Evaluate(Packs.Standard(standard), facts).Criteria.Single(c => c.Key == key);

    private static string Result(string standard, TownFacts facts, string key) => Criterion(standard, facts, key).Result;

    [Theory]
    [InlineData("yuncheng-municipal", "category,leading-enterprise,supporting-enterprises,output-value,market-share,employment")]
    [InlineData("yongji-county", "category,leading-enterprise,supporting-enterprises,output-value,market-share,employment")]
    [InlineData("yangquan-municipal", "category,leading-enterprise,supporting-enterprises,output-value,employment,single-county,positioning,heritage,brand-standard,public-service,business-environment")]
    [InlineData("shuozhou-municipal", "category,leading-enterprise,supporting-enterprises,output-value,employment,single-county,heritage,market-demand,brand-standard,public-service,business-environment")]
    public void Each_standard_lists_exactly_the_contract_criteria(string standard, string keys)
    {
        var result = RecognitionEngine.Evaluate(Packs.Standard(standard), Strong());
        result.Criteria.Select(c => c.Key).Order().ShouldBe(keys.Split(',').Order());
        result.Criteria.ShouldAllBe(c => !string.IsNullOrEmpty(c.Source) && !string.IsNullOrEmpty(c.Explanation));
    }

    [Fact]
    public void Contract_example_is_eligible_under_the_yuncheng_standard()
    {
        var facts = Strong() with
        {
            AnnualOutputValueWanYuan = 25000, LeadingEnterprises = 1, SupportingEnterprises = 11, LocalEmployment = 2300,
            ProvincialMarketSharePercent = 12.5m, CityMarketSharePercent = 40,
            ExpertConclusions = new Dictionary<string, bool> { ["market-share"] = true },
        };
        var result = RecognitionEngine.Evaluate(Packs.Standard("yuncheng-municipal"), facts);
        result.Outcome.ShouldBe(Results.Eligible);
        var output = result.Criteria.Single(c => c.Key == "output-value");
        output.Explanation.ShouldBe("特优农业类年产值 2.5亿元，达到 2亿元 标准");
        output.Source.ShouldBe("垣政办发〔2023〕19号 三、二是");
    }

    // Rule 1: "以上" includes the number itself.
    [Theory]
    [InlineData("yuncheng-municipal", "manufacturing", 50000, "met")]
    [InlineData("yuncheng-municipal", "manufacturing", 49999, "not-met")]   // no traditional feature below: no relaxation
    [InlineData("yuncheng-municipal", "specialty-agriculture", 20000, "met")]
    [InlineData("yuncheng-municipal", "specialty-light-industry", 19999.99, "not-met")]
    [InlineData("yongji-county", "manufacturing", 20000, "met")]
    [InlineData("yongji-county", "culture-tourism-health", 10000, "met")]
    [InlineData("yongji-county", "culture-tourism-health", 9999, "not-met")]
    [InlineData("yangquan-municipal", "manufacturing", 100000, "met")]
    [InlineData("yangquan-municipal", "manufacturing", 99999, "not-met")]
    [InlineData("yangquan-municipal", "specialty-light-industry", 20000, "met")]
    [InlineData("shuozhou-municipal", "manufacturing", 10000, "met")]
    [InlineData("shuozhou-municipal", "manufacturing", 9999, "not-met")]
    [InlineData("shuozhou-municipal", "specialty-agriculture", 5000, "met")]
    [InlineData("shuozhou-municipal", "specialty-agriculture", 4999, "not-met")]
    public void Output_value_threshold_includes_the_number(string standard, string category, double output, string expected)
    {
        var facts = Strong(category) with { AnnualOutputValueWanYuan = (decimal)output, HistoricalOriginOrGeographicalIndication = false };
        Result(standard, facts, "output-value").ShouldBe(expected);
    }

    // Rule 4: relaxation floor, only with the traditional feature, only where the text states it.
    [Theory]
    [InlineData("yuncheng-municipal", "manufacturing", 10000, true, "needs-review")]
    [InlineData("yuncheng-municipal", "manufacturing", 9999, true, "not-met")]
    [InlineData("yuncheng-municipal", "specialty-agriculture", 15000, false, "not-met")]
    [InlineData("yongji-county", "manufacturing", 5000, true, "needs-review")]
    [InlineData("yongji-county", "manufacturing", 4999, true, "not-met")]
    [InlineData("yangquan-municipal", "manufacturing", 5000, true, "needs-review")]
    [InlineData("yangquan-municipal", "specialty-agriculture", 4999, true, "not-met")]
    [InlineData("shuozhou-municipal", "manufacturing", 9000, true, "not-met")]   // Shuozhou states no relaxation
    public void Relaxation_applies_only_as_the_text_states(string standard, string category, double output, bool traditional, string expected)
    {
        var facts = Strong(category) with { AnnualOutputValueWanYuan = (decimal)output, HistoricalOriginOrGeographicalIndication = traditional };
        Result(standard, facts, "output-value").ShouldBe(expected);
    }

    [Fact]
    public void Relaxation_band_without_the_traditional_feature_stated_is_missing_data()
    {
        // Rule 8: whether the relaxation applies turns on a fact the applicant has not given.
        var facts = Strong(IndustryCategories.Manufacturing) with { AnnualOutputValueWanYuan = 30000, HistoricalOriginOrGeographicalIndication = null };
        var c = Criterion("yuncheng-municipal", facts, "output-value");
        c.Result.ShouldBe(Results.MissingData);
        c.Explanation.ShouldContain("申报未说明");
        // Below the relaxed floor the missing feature no longer matters.
        Result("yuncheng-municipal", facts with { AnnualOutputValueWanYuan = 9000 }, "output-value").ShouldBe(Results.NotMet);
    }

    // Rule 2: "左右" — met at N, needs-review from ceil(0.8 N), not-met below.
    [Theory]
    [InlineData("yuncheng-municipal", 10, "met")]
    [InlineData("yuncheng-municipal", 9, "needs-review")]
    [InlineData("yuncheng-municipal", 8, "needs-review")]
    [InlineData("yuncheng-municipal", 7, "not-met")]
    [InlineData("yongji-county", 5, "met")]
    [InlineData("yongji-county", 4, "needs-review")]   // 0.8 × 5 = 4
    [InlineData("yongji-county", 3, "not-met")]
    [InlineData("yangquan-municipal", 10, "met")]       // "10 户以上" is a hard floor
    [InlineData("yangquan-municipal", 9, "not-met")]
    [InlineData("shuozhou-municipal", 10, "met")]
    [InlineData("shuozhou-municipal", 9, "not-met")]
    public void Supporting_enterprises_read_about_and_at_least(string standard, int count, string expected) =>
        Result(standard, Strong() with { SupportingEnterprises = count }, "supporting-enterprises").ShouldBe(expected);

    [Theory]
    [InlineData("yuncheng-municipal")]
    [InlineData("yongji-county")]
    [InlineData("yangquan-municipal")]
    [InlineData("shuozhou-municipal")]
    public void At_least_one_leading_enterprise(string standard)
    {
        Result(standard, Strong() with { LeadingEnterprises = 1 }, "leading-enterprise").ShouldBe(Results.Met);
        Result(standard, Strong() with { LeadingEnterprises = 0 }, "leading-enterprise").ShouldBe(Results.NotMet);
    }

    [Theory]
    [InlineData("yuncheng-municipal", 2000, "met")]
    [InlineData("yuncheng-municipal", 1999, "not-met")]
    [InlineData("yongji-county", 500, "met")]
    [InlineData("yongji-county", 499, "not-met")]
    [InlineData("yangquan-municipal", 100000, "needs-review")]  // qualitative in the text: rule 7
    [InlineData("shuozhou-municipal", 100000, "needs-review")]
    public void Employment(string standard, int people, string expected) =>
        Result(standard, Strong() with { LocalEmployment = people }, "employment").ShouldBe(expected);

    // Rule 5: share or a claim an expert must confirm.
    [Theory]
    [InlineData("yuncheng-municipal", 50, null, "met")]
    [InlineData("yuncheng-municipal", 49.9, true, "needs-review")]
    [InlineData("yuncheng-municipal", 49.9, false, "not-met")]
    [InlineData("yuncheng-municipal", 49.9, null, "missing-data")]
    [InlineData("yongji-county", 10, false, "met")]
    [InlineData("yongji-county", 9.99, true, "needs-review")]
    [InlineData("yongji-county", 9.99, false, "not-met")]
    [InlineData("yongji-county", 9.99, null, "missing-data")]
    public void Market_share_or_large_national_space(string standard, double share, bool? claim, string expected)
    {
        // Yuncheng counts the provincial share, Yongji the share in 运城市.
        var facts = Strong() with
        {
            ProvincialMarketSharePercent = standard == "yuncheng-municipal" ? (decimal)share : 0,
            CityMarketSharePercent = standard == "yongji-county" ? (decimal)share : 0,
            LargeNationalMarketSpace = claim,
        };
        Result(standard, facts, "market-share").ShouldBe(expected);
    }

    [Fact]
    public void Market_share_without_a_share_figure_follows_the_claim()
    {
        Result("yuncheng-municipal", Strong() with { ProvincialMarketSharePercent = null, LargeNationalMarketSpace = true }, "market-share").ShouldBe(Results.NeedsReview);
        Result("yuncheng-municipal", Strong() with { ProvincialMarketSharePercent = null, LargeNationalMarketSpace = null }, "market-share").ShouldBe(Results.MissingData);
        // Rule 8: with the share unknown, a denied claim leaves the criterion open rather than failed.
        Result("yuncheng-municipal", Strong() with { ProvincialMarketSharePercent = null, LargeNationalMarketSpace = false }, "market-share").ShouldBe(Results.MissingData);
    }

    // Rule 3: "原则上" — false is needs-review, not not-met.
    [Theory]
    [InlineData("yangquan-municipal")]
    [InlineData("shuozhou-municipal")]
    public void Single_county_is_a_principle(string standard)
    {
        Result(standard, Strong() with { IndustryWithinOneCounty = true }, "single-county").ShouldBe(Results.Met);
        Result(standard, Strong() with { IndustryWithinOneCounty = false }, "single-county").ShouldBe(Results.NeedsReview);
        Result(standard, Strong() with { IndustryWithinOneCounty = null }, "single-county").ShouldBe(Results.MissingData);
    }

    // Rule 6.
    [Theory]
    [InlineData("yuncheng-municipal", "culture-tourism-health", "not-met")]
    [InlineData("yongji-county", "specialty-light-industry", "not-met")]
    [InlineData("yongji-county", "culture-tourism-health", "met")]
    [InlineData("yangquan-municipal", "culture-tourism-health", "not-met")]
    [InlineData("shuozhou-municipal", "specialty-light-industry", "met")]
    public void Category_not_named_is_not_met(string standard, string category, string expected)
    {
        Result(standard, Strong(category), "category").ShouldBe(expected);
        if (expected == Results.NotMet)
            RecognitionEngine.Evaluate(Packs.Standard(standard), Strong(category)).Outcome.ShouldBe(Results.Ineligible);
    }

    // Rule 8.
    [Fact]
    public void Missing_fact_is_missing_data_and_the_outcome_needs_review()
    {
        var result = RecognitionEngine.Evaluate(Packs.Standard("yuncheng-municipal"), Strong() with { LocalEmployment = null });
        result.Criteria.Single(c => c.Key == "employment").Result.ShouldBe(Results.MissingData);
        result.Outcome.ShouldBe(Results.NeedsReview);
    }

    // Rule 9.
    [Fact]
    public void Expert_conclusions_settle_only_open_criteria()
    {
        var open = Strong() with { SupportingEnterprises = 8 };
        Result("yuncheng-municipal", open with { ExpertConclusions = new Dictionary<string, bool> { ["supporting-enterprises"] = true } }, "supporting-enterprises").ShouldBe(Results.Met);
        Result("yuncheng-municipal", open with { ExpertConclusions = new Dictionary<string, bool> { ["supporting-enterprises"] = false } }, "supporting-enterprises").ShouldBe(Results.NotMet);
        Result("yuncheng-municipal", Strong() with { LocalEmployment = null, ExpertConclusions = new Dictionary<string, bool> { ["employment"] = true } }, "employment").ShouldBe(Results.Met);

        var failed = Strong() with { SupportingEnterprises = 3, ExpertConclusions = new Dictionary<string, bool> { ["supporting-enterprises"] = true } };
        Result("yuncheng-municipal", failed, "supporting-enterprises").ShouldBe(Results.NotMet);
    }

    [Fact]
    public void Qualitative_criteria_become_met_only_by_expert_conclusion()
    {
        var keys = new[] { "employment", "positioning", "heritage", "brand-standard", "public-service", "business-environment" };
        var facts = Strong() with { ExpertConclusions = keys.ToDictionary(k => k, _ => true) };
        RecognitionEngine.Evaluate(Packs.Standard("yangquan-municipal"), Strong()).Outcome.ShouldBe(Results.NeedsReview);
        RecognitionEngine.Evaluate(Packs.Standard("yangquan-municipal"), facts).Outcome.ShouldBe(Results.Eligible);
    }

    [Fact]
    public void Provincial_standard_is_all_needs_review_until_configured()
    {
        var result = RecognitionEngine.Evaluate(Packs.Standard("shanxi-provincial"), Strong());
        result.Criteria.ShouldNotBeEmpty();
        result.Criteria.ShouldAllBe(c => c.Result == Results.NeedsReview);
        result.Outcome.ShouldBe(Results.NeedsReview);
    }

    [Fact]
    public void Gap_analysis_names_the_shortfall_in_the_units_people_use()
    {
        var facts = Strong(IndustryCategories.Manufacturing) with { AnnualOutputValueWanYuan = 46000, SupportingEnterprises = 7, HistoricalOriginOrGeographicalIndication = false };
        var result = RecognitionEngine.Evaluate(Packs.Standard("yuncheng-municipal"), facts);
        result.Outcome.ShouldBe(Results.Ineligible);
        result.Gaps.Select(g => g.Text).ShouldBe(["配套企业还差 3 家", "年产值还差 4,000万元"]);
        RecognitionEngine.Evaluate(Packs.Standard("yuncheng-municipal"), facts with { AnnualOutputValueWanYuan = 46000 - 36000 })
            .Gaps.Single(g => g.Key == "output-value").Text.ShouldBe("年产值还差 4亿元");
    }

    [Fact]
    public void Figures_just_below_a_threshold_are_never_rounded_up_to_it()
    {
        var facts = Strong(IndustryCategories.Manufacturing) with { AnnualOutputValueWanYuan = 49999, HistoricalOriginOrGeographicalIndication = false };
        Criterion("yuncheng-municipal", facts, "output-value").Explanation.ShouldStartWith("制造业类年产值 4.9999亿元，未达到 5亿元 标准");
        var small = Strong(IndustryCategories.SpecialtyAgriculture) with { AnnualOutputValueWanYuan = 25000 };
        // Figure and threshold in one unit: 2.5亿元 against 0.5亿元, not against 5,000万元.
        Criterion("shuozhou-municipal", small, "output-value").Explanation.ShouldBe("特优农业类年产值 2.5亿元，达到 0.5亿元 标准");
    }

    [Fact]
    public void A_gap_settled_by_the_experts_is_not_listed_and_shares_fall_short_in_points()
    {
        var facts = Strong() with { ProvincialMarketSharePercent = 12.5m, LargeNationalMarketSpace = true };
        var open = RecognitionEngine.Evaluate(Packs.Standard("yuncheng-municipal"), facts);
        open.Gaps.Single(g => g.Key == "market-share").Text.ShouldBe("全省市场占有率还差 37.5 个百分点");

        var settled = RecognitionEngine.Evaluate(Packs.Standard("yuncheng-municipal"), facts with { ExpertConclusions = new Dictionary<string, bool> { ["market-share"] = true } });
        settled.Criteria.Single(c => c.Key == "market-share").Result.ShouldBe(Results.Met);
        settled.Gaps.ShouldNotContain(g => g.Key == "market-share");
    }

    [Fact]
    public void Priority_factors_the_town_holds_are_listed()
    {
        var facts = Strong() with { Designations = ["little-giant", "national-enterprise-technology-center"] };
        var hits = RecognitionEngine.Evaluate(Packs.Standard("yangquan-municipal"), facts).PriorityFactors.Select(p => p.Key);
        hits.ShouldBe(["national-enterprise-technology-center", "little-giant"], ignoreOrder: true);
    }

    [Fact]
    public void Explanations_name_the_figure_and_the_threshold()
    {
        var c = Criterion("yongji-county", Strong() with { LocalEmployment = 450 }, "employment");
        c.Explanation.ShouldContain("450");
        c.Explanation.ShouldContain("500");
    }
}
