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
        // A report two months back is not last month's: output is not compared with it (its 累计 figures are, see below).
        Check(june, new FigureValues(1, 600, 400, 1, 0, 0), LastMonth, new ReportMonth(2025, 4)).ShouldBeEmpty();
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
            "当年累计产值 35,000万元，不等于上月累计 20,196万元 加当月产值 1,800万元（应为 21,996万元）") { Against = new ReportMonth(2026, 11) });
        Check(december, november with { OutputWanYuan = 1800, OutputYearToDateWanYuan = 21996 }, november).ShouldBeEmpty();
        // A fall is told once, as a fall.
        Check(december, november with { OutputWanYuan = 1800, OutputYearToDateWanYuan = 20000 }, november).Single().Text.ShouldContain("当年累计数不应减少");
    }

    [Fact]
    public void After_a_missed_month_the_cumulative_figures_are_compared_with_the_latest_month_reported_that_year()
    {
        // qa105 2: 新绛中药材 reported 9月 (累计 9,900 / 1,440), missed 10月, and sent 11月 with 累计 5,000 / 100.
        var november = new ReportMonth(2026, 11);
        var september = new PreviousReport(new ReportMonth(2026, 9), new FigureValues(1100, 9900, 1440, 300, 2, 0));
        var flags = ReportPlausibility.Check(november, new FigureValues(1200, 5000, 100, 300, 2, 0), september, Share);
        flags.Select(f => f.Text).ShouldBe([
            "当年累计产值 5,000万元，较9月（9,900万元）减少，当年累计不应减少",
            "当年累计完成投资 100万元，较9月（1,440万元）减少，当年累计不应减少",
        ]);
        // Output and the 累计 = 上月累计 + 当月 sum are last month's business only: across a gap neither is checked.
        ReportPlausibility.Check(november, new FigureValues(100, 12000, 1500, 300, 2, 0), september, Share).ShouldBeEmpty();
        // Last year's report is no comparison for the year's totals.
        ReportPlausibility.Check(november, new FigureValues(1200, 5000, 100, 300, 2, 0), september with { Month = new ReportMonth(2025, 9) }, Share).ShouldBeEmpty();
    }

    [Fact]
    public void The_month_compared_with_is_last_month_or_the_latest_reported_before_it_in_the_year()
    {
        var november = new ReportMonth(2026, 11);
        PreviousReport At(int year, int month) => new(new ReportMonth(year, month), LastMonth);
        PreviousReport.Latest(november, [At(2026, 8), At(2026, 9), At(2025, 12)])!.Month.ShouldBe(new ReportMonth(2026, 9));
        PreviousReport.Latest(november, [At(2026, 10), At(2026, 9), At(2026, 11)])!.Month.ShouldBe(new ReportMonth(2026, 10));
        PreviousReport.Latest(november, [At(2025, 10)]).ShouldBeNull();
        PreviousReport.Latest(new ReportMonth(2027, 1), [At(2026, 12), At(2026, 11)])!.Month.ShouldBe(new ReportMonth(2026, 12));
        PreviousReport.Latest(new ReportMonth(2027, 1), [At(2026, 11)]).ShouldBeNull();
        At(2026, 9).Label(november).ShouldBe("9月");
        At(2026, 10).Label(november).ShouldBe("上月");
        At(2026, 12).Label(new ReportMonth(2027, 1)).ShouldBe("上月");
    }

    [Theory]
    [InlineData("300", false)]      // exactly three times last month's is still plausible
    [InlineData("300.01", true)]
    [InlineData("44600", true)]     // qa105 3: 900,000 typed against 2,016
    public void Monthly_output_rising_beyond_the_factor_is_flagged_to_be_explained(string output, bool flagged)
    {
        var value = decimal.Parse(output, System.Globalization.CultureInfo.InvariantCulture);
        var flags = Check(new ReportMonth(2025, 6), LastMonth with { OutputWanYuan = value, OutputYearToDateWanYuan = 500 + value });
        flags.Any(f => f.Figure == ReportFigure.Output).ShouldBe(flagged);
        if (flagged) flags.Single().Text.ShouldStartWith($"当月产值 {ReportFigures.Text(ReportFigure.Output, value)}，是上月 100万元 的 ");
        Check(new ReportMonth(2025, 6), LastMonth with { OutputWanYuan = 44600, OutputYearToDateWanYuan = 45100 }).Single().Text
            .ShouldBe("当月产值 44,600万元，是上月 100万元 的 446 倍，超过 3 倍：请核对单位（万元）或说明原因");
        // The factor is the deployment's (Reports:OutputRiseFactor).
        ReportPlausibility.Check(new ReportMonth(2025, 6), LastMonth with { OutputWanYuan = 250, OutputYearToDateWanYuan = 750 },
            new PreviousReport(new ReportMonth(2025, 5), LastMonth), Share, outputRiseFactor: 2m).Single().Figure.ShouldBe(ReportFigure.Output);
        new ReportSettings { OutputRiseFactor = 1m }.Problems().ShouldContain(p => p.Contains("Reports:OutputRiseFactor"));
    }

    [Fact]
    public void More_new_above_scale_enterprises_than_the_town_has_registered_is_a_warning_needing_no_explanation()
    {
        var june = new ReportMonth(2025, 6);
        var flags = ReportPlausibility.Check(june, LastMonth with { OutputYearToDateWanYuan = 600, NewAboveScaleEnterprises = 99999 }, null, Share, townEnterprises: 5);
        flags.Single().ShouldBe(new FigureFlag(ReportFigure.NewAboveScaleEnterprises, "当月新增规上企业 99,999家，多于本专业镇在企业库登记的企业数（5家），请核对"));
        ReportPlausibility.Check(june, LastMonth with { NewAboveScaleEnterprises = 5 }, null, Share, townEnterprises: 5).ShouldBeEmpty();
        // A town whose enterprises are not entered yet says nothing.
        ReportPlausibility.Check(june, LastMonth with { NewAboveScaleEnterprises = 3 }, null, Share, townEnterprises: 0).ShouldBeEmpty();
        // A warning: the report can still be submitted without an explanation (there is no field for one).
        new ReportContent(LastMonth with { NewAboveScaleEnterprises = 99999 }, "进展", null, null, null, null, null).Problems(forSubmit: true, flags).ShouldBeEmpty();
    }

    [Fact]
    public void Figures_not_yet_filled_in_are_not_flagged()
    {
        Check(new ReportMonth(2025, 6), new FigureValues(null, null, null, null, null, null)).ShouldBeEmpty();
    }
}
