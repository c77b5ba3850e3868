using SpecializedTowns.Core.Evaluation;

namespace SpecializedTowns.Core.Tests.Evaluation;

/// <summary>When an evaluation may be published, what its report's number and date must say, and what changed before publishing.</summary>
public class PublishingTests
{
    [Fact]
    public void A_year_is_published_once_it_is_over_and_previewed_before()
    {
        AnnualEvaluation.PublishingTooEarly(2025, new DateOnly(2026, 1, 1)).ShouldBeNull();
        AnnualEvaluation.PublishingTooEarly(2024, new DateOnly(2026, 7, 1)).ShouldBeNull();
        AnnualEvaluation.PublishingTooEarly(2025, new DateOnly(2025, 12, 31))
            .ShouldBe("2025年度尚未结束，年度评估要按全年的数据评定，2026年1月1日起才能发布。在此之前可以保留草稿，随数据更新重新计算、录入人工评分，作为年中预览。");
        AnnualEvaluation.PublishingTooEarly(2027, new DateOnly(2026, 3, 1))!.ShouldStartWith("2027年度还没有开始");
    }

    private static Dictionary<string, string> Problems(int year, string? number, DateOnly? date) =>
        AnnualEvaluation.DocumentProblems(year, number, date, new DateOnly(2026, 3, 1), out _);

    [Fact]
    public void The_reports_number_and_date_come_after_the_year_evaluated_and_agree_with_each_other()
    {
        Problems(2025, "垣专镇办〔2026〕3号", new DateOnly(2026, 2, 10)).ShouldBeEmpty();
        Problems(2025, "垣专镇办〔2026〕3号", null).ShouldBeEmpty();
        Problems(2025, null, null).ShouldBeEmpty();

        Problems(2025, "垣专镇办〔2025〕3号", null)["documentNumber"]
            .ShouldBe("发文字号的年份〔2025〕不对：2025年度的评估在年度结束后发文，〔〕内写发文的年份，应为〔2026〕");
        Problems(2024, "垣专镇办〔2025〕3号", new DateOnly(2026, 1, 5))["documentNumber"]
            .ShouldBe("发文字号的年份〔2025〕与成文日期2026年1月5日不在同一年：〔〕内写发文的年份，应为〔2026〕");
        Problems(2025, "垣专镇办〔2027〕3号", null)["documentNumber"].ShouldContain("还没有到（今年是 2026 年）");
        Problems(2025, null, new DateOnly(2025, 12, 30))["documentDate"].ShouldBe("成文日期2025年12月30日在2025年度结束之前：2025年度的评估报告应在2026年1月1日及以后成文");
        Problems(2025, null, new DateOnly(2026, 3, 2))["documentDate"].ShouldContain("晚于今天（2026年3月1日）");
        Problems(2025, "垣专镇办[2026]3号", null)["documentNumber"].ShouldContain("六角括号");
    }

    private static IndicatorDetail Indicator(string key, decimal? value, decimal points) =>
        new(key, key == "growth" ? "主导产业产值增速" : "专班月报按时报送率", 10, "linear", value, "%", points, points / 10, "", []);

    private static (string, string, string, RankingFigures) Row(string key, string name, int rank, decimal total, string band, bool commended = false,
        bool supervised = false, decimal growth = 10) =>
        (key, name, "新绛县", new RankingFigures(rank, total, band, commended, supervised, [Indicator("growth", growth, growth * 10), Indicator("reports", 100, 100)]));

    [Fact]
    public void The_same_figures_are_no_change_and_moved_ones_are_named_old_to_new()
    {
        var reviewed = new[] { Row("town:1", "万安钻石专业镇", 1, 90, "优秀", commended: true), Row("town:2", "绛州绿专业镇", 2, 58, "较差", supervised: true, growth: 5) };
        RankingChanges.Between(reviewed, reviewed).ShouldBeEmpty();

        var recalculated = new[]
        {
            Row("town:2", "绛州绿专业镇", 1, 92.5m, "优秀", commended: true, growth: 9.9m), Row("town:1", "万安钻石专业镇", 2, 90, "优秀"),
            Row("town:3", "新绛中药材专业镇", 3, 40, "较差", supervised: true),
        };
        var changes = RankingChanges.Between(reviewed, recalculated);
        changes.Select(c => c.Subject).ShouldBe(["绛州绿专业镇", "万安钻石专业镇", "新绛中药材专业镇"]);
        changes[0].Describe().ShouldBe("总分 58.00 → 92.50，名次 第 2 → 第 1，等次 较差 → 优秀，新列入拟表扬，不再拟督办，变动的指标：主导产业产值增速");
        changes[1].Describe().ShouldBe("名次 第 1 → 第 2，不再拟表扬");
        changes[2].Describe().ShouldBe("新进入排名：第 3 名，40.00 分，较差，拟督办");

        var left = RankingChanges.Between(reviewed, [reviewed[0]]);
        left.Single().Describe().ShouldBe("不再参加排名（原第 2 名，58.00 分）：本年度已没有可计量的记录");
    }

    [Fact]
    public void An_indicator_that_moved_without_moving_the_total_is_a_change_too()
    {
        // Growth already above the full-marks line grows further: the same points, another value, and the report would print it.
        var reviewed = Row("town:1", "万安钻石专业镇", 1, 90, "优秀", growth: 15);
        var recalculated = reviewed with { Item4 = reviewed.Item4 with { Indicators = [Indicator("growth", 18, 150), reviewed.Item4.Indicators[1]] } };
        RankingChanges.Between([reviewed], [recalculated]).Single().Describe().ShouldBe("总分、名次、等次不变，变动的指标：主导产业产值增速");
    }
}
