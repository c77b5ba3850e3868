using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Tests.Recognition;

public class AnnualFiguresTests
{
    private static readonly DateOnly LateIn2026 = new(2026, 12, 31);

    [Fact]
    public void Only_a_finished_year_holds_annual_statistics()
    {
        AnnualFigures.LatestYear(LateIn2026).ShouldBe(2025);
        AnnualFigures.YearProblem(2025, LateIn2026).ShouldBeNull();
        AnnualFigures.YearProblem(2026, LateIn2026).ShouldBe("2026年尚未结束，年度统计只能填报已结束的年份（2025年及以前）");
        AnnualFigures.YearProblem(2027, LateIn2026).ShouldBe("2027年还没有开始，年度统计只能填报已结束的年份（2025年及以前）");
        AnnualFigures.YearProblem(2026, new DateOnly(2027, 1, 1)).ShouldBeNull("2026 is over on New Year's Day");
    }

    [Theory]
    [InlineData(15000, 900, "年产值 15,000万元，是2024年（900万元）的 16.7 倍，请核实单位（万元）是否填对")]
    [InlineData(4500, 900, null)]
    [InlineData(4501, 900, "年产值 4,501万元，是2024年（900万元）的 5 倍，请核实单位（万元）是否填对")]
    [InlineData(180, 900, null)]
    [InlineData(179, 900, "年产值 179万元，只有2024年（900万元）的 19.89%，请核实单位（万元）是否填对")]
    [InlineData(1.5, 15000, "年产值 1.5万元，只有2024年（15,000万元）的 0.01%，请核实单位（万元）是否填对")]
    [InlineData(0.001, 15000, "年产值 0.001万元，不到2024年（15,000万元）的 0.01%，请核实单位（万元）是否填对")]
    [InlineData(0, 900, null)]
    [InlineData(900, 0, null)]
    public void A_year_more_than_five_times_or_less_than_a_fifth_of_the_year_before_is_questioned(double value, double previous, string? warning) =>
        AnnualFigures.JumpWarning("年产值", 2025, (decimal)value, (decimal)previous).ShouldBe(warning);

    [Fact]
    public void Nothing_is_said_without_both_years() =>
        AnnualFigures.JumpWarning("营业收入", 2025, 15000m, null).ShouldBeNull();
}
