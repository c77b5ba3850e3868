using SpecializedTowns.Core.Imports;

namespace SpecializedTowns.Core.Tests.Imports;

/// <summary>qa110 8: a number typed as text in a date column, a planned date years from its 计划年度, a town's enterprises multiplied.</summary>
public class ImportChecksTests
{
    [Fact]
    public void Digits_typed_as_text_are_not_a_date_but_a_date_cell_and_a_number_cell_still_are()
    {
        var (day, problem) = CellValues.Date("45000");
        day.ShouldBeNull();
        problem.ShouldBe("“45000”是文字格式的数字，不是日期，请写成 2024-03-05、2024/3/5 或 2024年3月5日（或把单元格设为日期格式）");
        CellValues.Date(new DateTime(2026, 3, 5)).ShouldBe((new DateOnly(2026, 3, 5), (string?)null));
        CellValues.Date(45000d).Value.ShouldBe(new DateOnly(2023, 3, 15));
        CellValues.Date("20260305").Value.ShouldBe(new DateOnly(2026, 3, 5));
        CellValues.Date("2026.3.5").Value.ShouldBe(new DateOnly(2026, 3, 5));
    }

    [Fact]
    public void A_planned_date_more_than_two_years_from_its_plan_year_is_asked_about()
    {
        ImportChecks.PlanDate("签约", new DateOnly(2023, 3, 15), 2026).ShouldBe("计划签约日期 2023年3月15日 与计划年度 2026 年相差 2 年以上，请核实");
        ImportChecks.PlanDate("达效", new DateOnly(2029, 1, 1), 2026).ShouldNotBeNull();
        ImportChecks.PlanDate("签约", new DateOnly(2024, 1, 1), 2026).ShouldBeNull();
        ImportChecks.PlanDate("达效", new DateOnly(2028, 12, 31), 2026).ShouldBeNull();
    }

    [Fact]
    public void A_town_whose_enterprises_more_than_double_by_at_least_100_is_named_with_both_counts()
    {
        ImportChecks.TownGrowth("历山镇蜂蜜专业镇", 5, 10_005).ShouldBe("历山镇蜂蜜专业镇 企业数将由 5 家增至 10,005 家，请核实");
        ImportChecks.TownGrowth("历山镇蜂蜜专业镇", 5, 104).ShouldBeNull();
        ImportChecks.TownGrowth("历山镇蜂蜜专业镇", 200, 400).ShouldBeNull();
        ImportChecks.TownGrowth("历山镇蜂蜜专业镇", 200, 401).ShouldNotBeNull();
    }
}
