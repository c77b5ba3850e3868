using SpecializedTowns.Core.Commendations;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Tests.Commendations;

public class CommendationRulesTests
{
    private const decimal TenYi = 100000m;

    private static YearFigure[] Series(params (int Year, decimal Value)[] figures) => figures.Select(f => new YearFigure(f.Year, f.Value)).ToArray();

    [Fact]
    public void Revenue_passing_10_yi_for_the_first_time_is_triggered_with_the_earlier_years_as_evidence()
    {
        var crossing = CommendationRules.RevenueFirstReaches(Series((2021, 80000), (2022, 95000), (2023, 107500)), TenYi)!;
        crossing.State.ShouldBe(CrossingState.Triggered);
        crossing.Year.ShouldBe(2023);
        crossing.Value.ShouldBe(107500);
        crossing.Before.Select(f => f.Year).ShouldBe([2021, 2022]);
        crossing.Note.ShouldBeNull();
    }

    [Fact]
    public void Only_the_first_crossing_counts_not_a_second_one_after_a_fall()
    {
        var crossing = CommendationRules.RevenueFirstReaches(Series((2021, 95000), (2022, 101000), (2023, 97000), (2024, 120000)), TenYi)!;
        crossing.Year.ShouldBe(2022);
    }

    [Fact]
    public void When_an_earlier_year_was_already_above_the_later_one_is_not_the_first()
    {
        // The earliest year on record is above: no year is shown as a first crossing that the records can vouch for.
        var crossing = CommendationRules.RevenueFirstReaches(Series((2022, 127000), (2023, 90000), (2024, 110000)), TenYi)!;
        crossing.Year.ShouldBe(2022);
        crossing.State.ShouldBe(CrossingState.Unverified);
        crossing.Note!.ShouldContain("首次有数据");
    }

    [Fact]
    public void A_missing_year_before_the_crossing_leaves_it_to_the_office()
    {
        var crossing = CommendationRules.RevenueFirstReaches(Series((2020, 80000), (2021, 85000), (2023, 105000)), TenYi)!;
        crossing.State.ShouldBe(CrossingState.Unverified);
        crossing.Note!.ShouldContain("2022");
    }

    [Fact]
    public void Exactly_10_yi_breaks_through_and_below_never_does()
    {
        CommendationRules.RevenueFirstReaches(Series((2023, 99999.99m), (2024, 100000)), TenYi)!.Year.ShouldBe(2024);
        CommendationRules.RevenueFirstReaches(Series((2023, 50000), (2024, 99999.99m)), TenYi).ShouldBeNull();
        CommendationRules.RevenueFirstReaches([], TenYi).ShouldBeNull();
    }

    [Fact]
    public void A_rank_entering_the_top_10_for_the_first_time_is_triggered_and_the_best_ranking_of_a_year_counts()
    {
        var crossing = CommendationRules.RankFirstWithin(Series((2022, 15), (2023, 12), (2023, 14), (2024, 9)), 10)!;
        crossing.State.ShouldBe(CrossingState.Triggered);
        crossing.Year.ShouldBe(2024);
        crossing.Before.ShouldBe([new YearFigure(2022, 15), new YearFigure(2023, 12)]);

        CommendationRules.RankFirstWithin(Series((2023, 11), (2023, 10)), 10)!.Year.ShouldBe(2023);
        CommendationRules.RankFirstWithin(Series((2022, 11), (2023, 12)), 10).ShouldBeNull();
        CommendationRules.RankFirstWithin(Series((2022, 8), (2023, 12), (2024, 6)), 10)!.Year.ShouldBe(2022);
    }

    [Fact]
    public void The_marks_are_data_in_the_shuozhou_pack()
    {
        var provisions = Packs.Catalog.FindPack("shuozhou-2023-19")!.SupportPolicies.SelectMany(p => p.Provisions).Where(p => p.Measure is not null).ToList();
        provisions.Single(p => p.Measure == PackVocabulary.LeadingEnterpriseRevenueFirst).Value.ShouldBe(100000m);
        provisions.Single(p => p.Measure == PackVocabulary.NationalRankFirst).Value.ShouldBe(10m);
        provisions.ShouldAllBe(p => p.Source == "朔政办发〔2023〕19号 四（九）");
        Packs.Catalog.Problems.ShouldBeEmpty();
    }

    private static IReadOnlyList<PackProblem> Validate(Func<string, string> change)
    {
        var file = Path.Combine(Packs.Directory, "shuozhou-2023-19.yaml");
        var (pack, problem) = PolicyPackReader.Read("shuozhou-2023-19.yaml", change(File.ReadAllText(file)));
        problem.ShouldBeNull();
        return PolicyPackValidator.Validate([pack!]);
    }

    [Fact]
    public void The_validator_names_a_bad_measure_unit_or_kind_at_its_line()
    {
        var unknown = Validate(t => t.Replace("measure: national-market-share-rank-first", "measure: national-rank"));
        unknown.Single().Message.ShouldContain("检测指标（measure）“national-rank”不是可用的取值");
        var lines = File.ReadAllLines(Path.Combine(Packs.Directory, "shuozhou-2023-19.yaml"));
        unknown.Single().Line.ShouldBe(Array.FindIndex(lines, l => l.Contains("measure: national-market-share-rank-first")) + 1);

        Validate(t => t.Replace("measure: leading-enterprise-revenue-first\n        value: 100000\n        unit: 万元", "measure: leading-enterprise-revenue-first\n        value: 100000\n        unit: 亿元"))
            .Single().Message.ShouldContain("单位（unit）应为“万元”");
        Validate(t => t.Replace("measure: national-market-share-rank-first\n        value: 10", "measure: national-market-share-rank-first\n        value: null"))
            .Single().Message.ShouldContain("需要正数的门槛值（value）");
        Validate(t => t.Replace("      - kind: commendation\n        trigger: 主导产品市场占有率首次进入全国前10名的企业", "      - kind: other\n        trigger: 主导产品市场占有率首次进入全国前10名的企业"))
            .Single().Message.ShouldContain("类型（kind）应为 commendation 或 reward");
    }

    [Fact]
    public void The_validator_checks_a_packs_own_exit_rule()
    {
        string With(string rule) => "mechanisms:\n  dynamicAdjustment:\n" + rule;
        Validate(t => t.Replace("mechanisms:\n", With("    exitAfterYears: 3\n    text: 连续三年达不到认定标准的，退出专业镇名单\n    source: 朔政办发〔2023〕19号 附件 三\n"))).ShouldBeEmpty();
        Validate(t => t.Replace("mechanisms:\n", With("    exitAfterYears: 0\n    source: 朔政办发〔2023〕19号 附件 三\n")))
            .Single().Message.ShouldContain("退出年限（exitAfterYears）应为 1 到 10 之间的整数");
        Validate(t => t.Replace("mechanisms:\n", With("    exitAfterYears: 2\n"))).Single().Message.ShouldContain("动态调整机制缺少出处");
    }
}
