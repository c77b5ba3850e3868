using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Targets;

namespace SpecializedTowns.Core.Tests.Targets;

public class TargetRulesTests
{
    // A path from 0 on 2024-01-01 to 10 on 2025-01-01 (366 days, 2024 being a leap year): 5 on day 183 (2024-07-02).
    private static readonly DateOnly Start = new(2024, 1, 1);
    private static readonly DateOnly Deadline = new(2025, 1, 1);
    private static readonly DateOnly Halfway = new(2024, 7, 2);

    private static Target Count(decimal value, string comparison = ">=", decimal? max = null) =>
        new() { Metric = "市级专业镇数量", Value = value, MaxValue = max, Unit = "个", Comparison = comparison, Deadline = "2025-01-01" };

    private static TargetAssessment Assess(Target target, decimal? current, DateOnly today, decimal? baseline = 0) =>
        TargetRules.Assess(target, new TargetMeasurement(current, baseline, current is null ? "平台未采集" : null), Start, today);

    [Fact]
    public void After_the_deadline_an_annual_figure_of_an_earlier_year_waits_for_the_deadline_year_s_statistics()
    {
        // Deadline 2025-12-31, statistics up to 2024 (qa105 10: "未达成，当前 68.00亿元", 68亿 being 2024's).
        var output = new Target { Metric = "产值", Value = 100, Unit = "亿元", Comparison = ">", Deadline = "2025-12-31" };
        var today = new DateOnly(2026, 12, 8);
        var waiting = TargetRules.Assess(output, new TargetMeasurement(68, 50, null, AsOfYear: 2024), Start, today);
        waiting.State.ShouldBe(TargetState.Unmeasured);
        waiting.Why.ShouldBe("期限 2025年12月31日已过，2025年数据尚未录入（现有最新为 2024年 68.00亿元），录入后判断是否达成");
        // With 2025's figure in, the same value is missed; a value already above the goal is met whatever its year.
        TargetRules.Assess(output, new TargetMeasurement(68, 50, null, AsOfYear: 2025), Start, today).State.ShouldBe(TargetState.Missed);
        TargetRules.Assess(output, new TargetMeasurement(101, 50, null, AsOfYear: 2024), Start, today).State.ShouldBe(TargetState.Met);
        // A count standing as of today (no year) is judged as before.
        TargetRules.Assess(output, new TargetMeasurement(68, 50, null), Start, today).State.ShouldBe(TargetState.Missed);
    }

    [Fact]
    public void Exactly_on_the_path_is_on_track_and_just_below_is_at_risk()
    {
        TargetRules.Expected(10, 0, Start, Deadline, Halfway).ShouldBe(5m);
        var on = Assess(Count(10), 5, Halfway);
        on.State.ShouldBe(TargetState.OnTrack);
        on.Expected.ShouldBe(5m);
        var below = Assess(Count(10), 4.99m, Halfway);
        below.State.ShouldBe(TargetState.AtRisk);
        below.Why.ShouldContain("落后于进度");
    }

    [Fact]
    public void The_path_starts_at_the_baseline_not_at_zero()
    {
        // From 4 to 10: halfway asks for 7.
        Assess(Count(10), 7, Halfway, baseline: 4).State.ShouldBe(TargetState.OnTrack);
        Assess(Count(10), 6, Halfway, baseline: 4).State.ShouldBe(TargetState.AtRisk);
        // Before the document's date the line has not begun.
        Assess(Count(10), 4, new DateOnly(2023, 6, 1), baseline: 4).State.ShouldBe(TargetState.OnTrack);
    }

    [Fact]
    public void On_the_deadline_day_a_shortfall_is_at_risk_and_the_day_after_it_is_missed()
    {
        Assess(Count(10), 9, Deadline).State.ShouldBe(TargetState.AtRisk);
        Assess(Count(10), 10, Deadline).State.ShouldBe(TargetState.Met);
        var missed = Assess(Count(10), 9, Deadline.AddDays(1));
        missed.State.ShouldBe(TargetState.Missed);
        missed.Why.ShouldContain("2025年1月1日已过");
        Assess(Count(10), 10, Deadline.AddDays(1)).State.ShouldBe(TargetState.Met);
    }

    [Fact]
    public void Strict_greater_than_needs_more_than_the_value()
    {
        var target = Count(100, ">");
        Assess(target, 100, Deadline.AddDays(1)).State.ShouldBe(TargetState.Missed);
        Assess(target, 100.01m, Deadline.AddDays(1)).State.ShouldBe(TargetState.Met);
        TargetRules.Requirement(target).ShouldBe("超过 100 个");
    }

    [Fact]
    public void A_range_is_met_from_its_lower_bound_and_past_the_upper_bound_says_so()
    {
        var target = Count(3, "between", 5);
        TargetRules.Requirement(target).ShouldBe("3–5 个");
        Assess(target, 2, Deadline.AddDays(1)).State.ShouldBe(TargetState.Missed);
        Assess(target, 3, Deadline.AddDays(1)).State.ShouldBe(TargetState.Met);
        var above = Assess(target, 6, Deadline);
        above.State.ShouldBe(TargetState.Met);
        above.Why.ShouldContain("已超过区间上限 5 个");
    }

    [Fact]
    public void Equality_and_falling_targets_follow_their_operator()
    {
        Assess(Count(100, "="), 100, Halfway).State.ShouldBe(TargetState.Met);
        Assess(Count(100, "="), 99, Deadline.AddDays(1)).State.ShouldBe(TargetState.Missed);
        // Falling from 20 to 10: halfway asks for 15 or less.
        Assess(Count(10, "<="), 15, Halfway, baseline: 20).State.ShouldBe(TargetState.OnTrack);
        Assess(Count(10, "<="), 16, Halfway, baseline: 20).State.ShouldBe(TargetState.AtRisk);
    }

    [Fact]
    public void A_target_in_yi_yuan_shows_its_current_and_expected_values_with_two_decimals()
    {
        // 永济's 机电制造专业镇: 超过 100 亿元 (the text's own figure stays as written); what the platform measured is an amount.
        var output = new Target { Metric = "产值", Value = 100, Unit = "亿元", Comparison = ">", Deadline = "2025-01-01" };
        TargetRules.Requirement(output).ShouldBe("超过 100 亿元");
        Assess(output, 68, Deadline.AddDays(1)).Why.ShouldBe("期限 2025年1月1日已过，当前 68.00亿元，未达到目标");
        Assess(output, 50, Halfway).Why.ShouldBe("按期限线性推进，今天应达到 50.00亿元，当前 50.00亿元");
        TargetRules.Amount(1234.5m, "亿元").ShouldBe("1,234.50亿元");
        // Counts keep the requirement's form.
        TargetRules.Amount(2, "个").ShouldBe("2 个");
    }

    [Fact]
    public void Without_data_or_a_deadline_the_target_waits_with_a_reason()
    {
        var none = Assess(Count(10), null, Halfway);
        none.State.ShouldBe(TargetState.Unmeasured);
        none.Why.ShouldBe("平台未采集");
        var undated = Count(80);
        undated.Deadline = null;
        Assess(undated, 50, Halfway).Why.ShouldContain("未给出完成期限");
        Assess(undated, 80, Halfway).State.ShouldBe(TargetState.Met);
    }

    [Fact]
    public void The_path_starts_on_the_document_date_or_the_year_of_its_number()
    {
        TargetRules.StartOf(new PolicyDocument { IssuedOn = "2023-06-05", PeriodFrom = 2023 }).ShouldBe(new DateOnly(2023, 6, 5));
        TargetRules.StartOf(new PolicyDocument { PeriodFrom = 2024 }).ShouldBe(new DateOnly(2024, 1, 1));
        TargetRules.StartOf(new PolicyDocument { Number = "晋政办发〔2022〕80号" }).ShouldBe(new DateOnly(2022, 1, 1));
        TargetRules.StartOf(new PolicyDocument()).ShouldBeNull();
    }

    [Fact]
    public void Revenue_tiers_take_the_highest_level_reached_and_move_year_on_year()
    {
        List<RevenueTier> shuozhou = [new() { ValueYi = 10 }, new() { ValueYi = 20 }, new() { ValueYi = 30 }, new() { ValueYi = 50 }, new() { ValueYi = 100 }];
        RevenueTiers.LevelOf(99_999, shuozhou).ShouldBe(0m);
        RevenueTiers.LevelOf(100_000, shuozhou).ShouldBe(10m);
        RevenueTiers.LevelOf(1_000_000, shuozhou).ShouldBe(100m);
        var series = RevenueTiers.Series([(2024, 310_000m), (2022, 190_000m), (2023, 210_000m), (2025, 290_000m)], shuozhou);
        series.Select(s => s.Name).ShouldBe(["10亿级", "20亿级", "30亿级", "20亿级"]);
        series.Select(s => RevenueTiers.Chinese(s.Movement)).ShouldBe(["—", "升档", "升档", "降档"]);
        RevenueTiers.Series([(2023, 210_000m), (2024, 220_000m)], shuozhou)[1].Movement.ShouldBe(TierMovement.Same);
    }
}
