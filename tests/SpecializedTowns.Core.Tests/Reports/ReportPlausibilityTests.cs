using SpecializedTowns.Core.Reports;

namespace SpecializedTowns.Core.Tests.Reports;

public class ReportPlausibilityTests
{
    private const decimal Share = 0.3m;
    private static readonly FigureValues LastMonth = new(100, 500, 300, 1000, 5, 1);

    private static IReadOnlyList<FigureFlag> Check(ReportMonth month, FigureValues current, FigureValues? previous = null, ReportMonth? previousMonth = null) =>
        ReportPlausibility.Check(month, current, new PreviousReport(previousMonth ?? month.Previous, previous ?? LastMonth), Share);

    [Theory]
    [InlineData("70", false)]      // exactly 30 % down is fine
    [InlineData("69.99", true)]    // 30.01 % down is flagged
    [InlineData("150", false)]
    [InlineData("0", true)]
    public void Monthly_output_is_flagged_only_when_it_falls_by_more_than_the_share(string output, bool flagged)
    {
        var flags = Check(new ReportMonth(2025, 6), LastMonth with { OutputWanYuan = decimal.Parse(output), OutputYearToDateWanYuan = 500 + decimal.Parse(output) });
        flags.Any(f => f.Figure == ReportFigure.Output).ShouldBe(flagged);
        flags.Count(f => f.Figure != ReportFigure.Output).ShouldBe(0);
    }

    [Fact]
    public void The_flag_says_how_far_the_output_fell()
    {
        Check(new ReportMonth(2025, 6), LastMonth with { OutputWanYuan = 69.99m, OutputYearToDateWanYuan = 569.99m }).Single().Text
            .ShouldBe("当月产值 69.99万元，比上月 100万元 下降 30.01%，超过 30%");
    }

    [Fact]
    public void The_share_is_configurable()
    {
        ReportPlausibility.Check(new ReportMonth(2025, 6), LastMonth with { OutputWanYuan = 85, OutputYearToDateWanYuan = 585 },
            new PreviousReport(new ReportMonth(2025, 5), LastMonth), 0.1m).Single().Figure.ShouldBe(ReportFigure.Output);
    }

    [Fact]
    public void A_cumulative_figure_below_last_month_s_is_flagged_and_an_equal_one_is_not()
    {
        var june = new ReportMonth(2025, 6);
        Check(june, LastMonth with { OutputWanYuan = 0, OutputYearToDateWanYuan = 500, InvestmentYearToDateWanYuan = 300 }, LastMonth with { OutputWanYuan = 0 }).ShouldBeEmpty();
        var flags = Check(june, LastMonth with { OutputYearToDateWanYuan = 499.99m, InvestmentYearToDateWanYuan = 299 });
        flags.Select(f => f.Figure).ShouldBe([ReportFigure.OutputYearToDate, ReportFigure.InvestmentYearToDate]);
        flags[0].Text.ShouldBe("当年累计产值 499.99万元 低于上月报送的 500万元：当年累计数不应减少");
    }

    [Fact]
    public void Amounts_above_one_yi_stay_in_wan_yuan_as_typed_so_the_flag_does_not_contradict_itself()
    {
        var flags = Check(new ReportMonth(2026, 12), LastMonth with { OutputYearToDateWanYuan = 20150, InvestmentYearToDateWanYuan = 300 },
            LastMonth with { OutputYearToDateWanYuan = 20196 });
        flags.Single().Text.ShouldBe("当年累计产值 20,150万元 低于上月报送的 20,196万元：当年累计数不应减少");
        Check(new ReportMonth(2026, 12), LastMonth with { OutputWanYuan = 12345.67m, OutputYearToDateWanYuan = 32345.67m, InvestmentYearToDateWanYuan = 300 },
            LastMonth with { OutputWanYuan = 20000, OutputYearToDateWanYuan = 20000 }).Single().Text
            .ShouldBe("当月产值 12,345.67万元，比上月 20,000万元 下降 38.27%，超过 30%");
    }

    [Fact]
    public void January_has_no_previous_month_in_the_same_year_so_cumulative_figures_start_again()
    {
        var january = new ReportMonth(2025, 1);
        var flags = Check(january, new FigureValues(90, 90, 20, 1000, 1, 0), new FigureValues(100, 1300, 800, 1000, 5, 1), new ReportMonth(2024, 12));
        flags.ShouldBeEmpty("the year's totals restart in January and output fell only 10 %");
        // Monthly output is still compared with December.
        Check(january, new FigureValues(50, 50, 20, 1000, 1, 0), new FigureValues(100, 1300, 800, 1000, 5, 1), new ReportMonth(2024, 12))
            .Select(f => f.Figure).ShouldBe([ReportFigure.Output]);
    }

    [Fact]
    public void Without_last_month_s_report_nothing_is_flagged()
    {
        var june = new ReportMonth(2025, 6);
        ReportPlausibility.Check(june, new FigureValues(1, 1, 1, 1, 0, 0), null, Share).ShouldBeEmpty();
        // A report two months back is not last month's.
        Check(june, new FigureValues(1, 1, 1, 1, 0, 0), LastMonth, new ReportMonth(2025, 4)).ShouldBeEmpty();
        // Last month reported no output: no share can be computed.
        Check(june, new FigureValues(0, 500, 300, 1, 0, 0), LastMonth with { OutputWanYuan = 0 }).ShouldBeEmpty();
    }

    [Fact]
    public void A_year_to_date_output_that_is_not_last_month_s_plus_this_month_s_is_flagged()
    {
        // 历山镇 in the QA report: November's 累计 20,196, December's 当月 1,800, 累计 typed as 35,000.
        var december = new ReportMonth(2026, 12);
        var november = LastMonth with { OutputWanYuan = 1700, OutputYearToDateWanYuan = 20196 };
        Check(december, november with { OutputWanYuan = 1800, OutputYearToDateWanYuan = 35000 }, november).Single().ShouldBe(new FigureFlag(ReportFigure.OutputYearToDate,
            "当年累计产值 35,000万元，不等于上月累计 20,196万元 加当月产值 1,800万元（应为 21,996万元）"));
        Check(december, november with { OutputWanYuan = 1800, OutputYearToDateWanYuan = 21996 }, november).ShouldBeEmpty();
        // A fall is told once, as a fall.
        Check(december, november with { OutputWanYuan = 1800, OutputYearToDateWanYuan = 20000 }, november).Single().Text.ShouldContain("当年累计数不应减少");
    }

    [Fact]
    public void Figures_not_yet_filled_in_are_not_flagged()
    {
        Check(new ReportMonth(2025, 6), new FigureValues(null, null, null, null, null, null)).ShouldBeEmpty();
    }
}
