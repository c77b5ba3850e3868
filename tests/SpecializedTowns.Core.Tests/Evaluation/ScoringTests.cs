using SpecializedTowns.Core.Evaluation;

namespace SpecializedTowns.Core.Tests.Evaluation;

public class ScoringTests
{
    private static IndicatorRule Linear(string key, decimal weight, decimal floor, decimal ceiling, bool lower = false) =>
        new() { Key = key, Name = key, Weight = weight, Method = ScoringMethod.Linear, Floor = floor, Ceiling = ceiling, LowerIsBetter = lower, Unit = "%" };

    private static Measurement M(decimal? v) => new(v, v is null ? [] : [$"记录 {v}"]);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-5, 0)]
    [InlineData(5, 50)]
    [InlineData(10, 100)]
    [InlineData(12, 100)]
    [InlineData(3.333, 33.33)]
    public void Linear_scores_between_floor_and_ceiling(decimal value, decimal points) =>
        Scoring.Points(Linear("growth", 1, 0, 10), value, null).ShouldBe(points);

    [Fact]
    public void Lower_is_better_reverses_the_scale_and_steps_take_the_highest_reached()
    {
        Scoring.Points(Linear("days", 1, 0, 30, lower: true), 6, null).ShouldBe(80);
        var steps = new IndicatorRule
        {
            Key = "tier", Name = "营收规模", Weight = 1, Method = ScoringMethod.Steps,
            Steps = [new(10, 40), new(30, 70), new(100, 100)],
        };
        Scoring.Points(steps, 9.99m, null).ShouldBe(0);
        Scoring.Points(steps, 10, null).ShouldBe(40);
        Scoring.Points(steps, 99, null).ShouldBe(70);
        Scoring.Points(steps, 100, null).ShouldBe(100);
    }

    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_is_skipped()
    {
        var rules = new[] { Linear("a", 60, 0, 10), new IndicatorRule { Key = "b", Name = "品牌", Weight = 40, Method = ScoringMethod.RelativeToBest } };
        var data = new Dictionary<string, IReadOnlyDictionary<string, Measurement>>
        {
            ["甲镇"] = new Dictionary<string, Measurement> { ["a"] = M(10), ["b"] = M(2) },
            ["乙镇"] = new Dictionary<string, Measurement> { ["a"] = M(5), ["b"] = M(4) },
            ["丙镇"] = new Dictionary<string, Measurement> { ["a"] = M(10), ["b"] = M(2) },
            ["丁镇"] = new Dictionary<string, Measurement> { ["a"] = M(null) },
        };
        var result = Scoring.Evaluate(rules, data, [new BandRule("优秀", TopShare: 0.5m), new BandRule("良好", MinTotal: 50), new BandRule("一般")]);

        // 甲、丙: 60 + 40 × 2/4 = 80; 乙: 30 + 40 = 70; 丁: 0.
        result.Select(s => (s.Subject, s.Total, s.Rank)).ShouldBe([("丙镇", 80m, 1), ("甲镇", 80m, 1), ("乙镇", 70m, 3), ("丁镇", 0m, 4)]);
        result.Select(s => s.Band).ShouldBe(["优秀", "优秀", "良好", "一般"]);
        var missing = result.Single(s => s.Subject == "丁镇").Indicators.First();
        missing.Explanation.ShouldBe("无数据，按 0 分计");
        result[0].Indicators[1].Explanation.ShouldBe("2，最高者 4 为 100 分，按比例得 50 分");
        result[0].Indicators[0].Evidence.ShouldBe(["记录 10"]);
    }

    [Fact]
    public void Totals_are_out_of_100_whatever_the_weights_add_up_to()
    {
        var data = new Dictionary<string, IReadOnlyDictionary<string, Measurement>>
        {
            ["甲镇"] = new Dictionary<string, Measurement> { ["a"] = M(10), ["b"] = M(0) },
        };
        Scoring.Evaluate([Linear("a", 3, 0, 10), Linear("b", 1, 0, 10)], data, []).Single().Total.ShouldBe(75);
        Should.Throw<ArgumentException>(() => Scoring.Evaluate([Linear("a", 0, 0, 10)], data, []));
        Should.Throw<ArgumentException>(() => Scoring.Evaluate([], data, []));
    }

    [Fact]
    public void The_total_is_rounded_once_from_the_exact_parts_not_summed_from_the_rounded_ones()
    {
        // A member unit: 任务 50 points at weight 30, 问题 100 at 15, the rest not applicable. Exactly (30×50 + 15×100)/45
        // = 66.667 → 66.67; the parts as shown (33.33 + 33.33) would add up to 66.66.
        var data = new Dictionary<string, IReadOnlyDictionary<string, Measurement>>
        {
            ["县工科局"] = new Dictionary<string, Measurement> { ["a"] = M(50), ["b"] = M(100), ["c"] = Measurement.Absent("未设工作专班") },
        };
        var unit = Scoring.Evaluate([Linear("a", 30, 0, 100), Linear("b", 15, 0, 100), Linear("c", 55, 0, 100)], data, []).Single();
        unit.Indicators.Select(i => i.Weighted).ShouldBe([33.33m, 33.33m, 0m]);
        unit.Total.ShouldBe(66.67m);

        // A half is rounded away from zero, as the documents round: 59.995 is 60.00, and so no longer below the 60-point line.
        var half = new Dictionary<string, IReadOnlyDictionary<string, Measurement>> { ["甲镇"] = new Dictionary<string, Measurement> { ["a"] = M(59.995m) } };
        var town = Scoring.Evaluate([Linear("a", 1, 0, 100)], half, [new BandRule("合格", MinTotal: 60), new BandRule("较差")]).Single();
        town.Total.ShouldBe(60.00m);
        town.Band.ShouldBe("合格");
    }

    [Fact]
    public void The_commendation_and_supervision_lines_are_worded_alike()
    {
        LineRule.Describe(new(0.2m, null, 70, null, null), top: true).ShouldBe("排名前 20% 且得分不低于 70 分");
        LineRule.Describe(new(null, 0.1m, null, 60, null), top: false).ShouldBe("排名后 10% 或得分低于 60 分");
        // A condition the scheme does not set is not said (not “排名前 0%”).
        LineRule.Describe(new(null, null, null, 60, null), top: false).ShouldBe("得分低于 60 分");
        LineRule.Describe(null, top: true).ShouldBe("排名靠前");
    }

    [Fact]
    public void A_manual_score_keeps_its_reason_and_is_held_to_0_to_100()
    {
        var rule = new IndicatorRule { Key = "m", Name = "工作成效", Weight = 1, Method = ScoringMethod.Manual };
        var data = new Dictionary<string, IReadOnlyDictionary<string, Measurement>>
        {
            ["甲镇"] = new Dictionary<string, Measurement> { ["m"] = new(120, [], "获省级表彰") },
        };
        var s = Scoring.Evaluate([rule], data, []).Single().Indicators.Single();
        s.Points.ShouldBe(100);
        s.Explanation.ShouldBe("人工评分 100 分：获省级表彰");
    }

    [Fact]
    public void An_indicator_a_subject_s_document_does_not_set_drops_out_for_every_subject_of_the_ranking()
    {
        // 甲镇's document sets no revenue tiers; 乙镇's does, and it reaches none. Scored for 乙镇 alone, the indicator cost it
        // its whole weight against 甲镇 (40 against 80): one ranking, one indicator set, so it counts for neither.
        var data = new Dictionary<string, IReadOnlyDictionary<string, Measurement>>
        {
            ["甲镇"] = new Dictionary<string, Measurement> { ["a"] = M(8), ["tier"] = Measurement.NotSetFor("所属文件未设营收规模层级") },
            ["乙镇"] = new Dictionary<string, Measurement> { ["a"] = M(8), ["tier"] = M(0) },
        };
        var result = Scoring.Evaluate([Linear("a", 1, 0, 10), Linear("tier", 1, 0, 100)], data, []);
        result.Select(r => r.Total).ShouldBe([80m, 80m]);
        result.Select(r => r.Rank).ShouldBe([1, 1]);
        var measured = result.Single(r => r.Subject == "乙镇").Indicators[1];
        measured.Weighted.ShouldBe(0);
        measured.Explanation.ShouldBe("不适用（同一排名中有对象所属文件未设营收规模层级，各对象按同一指标体系计分，本项均不计），其权重按比例分摊到其余指标");
        result.Single(r => r.Subject == "甲镇").Indicators[1].Explanation.ShouldBe("不适用（所属文件未设营收规模层级），其权重按比例分摊到其余指标");

        // Idle for one subject this year (no project due) is not missing from its rules: the others are still scored on it.
        var idle = new Dictionary<string, IReadOnlyDictionary<string, Measurement>>
        {
            ["甲镇"] = new Dictionary<string, Measurement> { ["a"] = M(8), ["tier"] = Measurement.Absent("本年度无计划开工项目") },
            ["乙镇"] = new Dictionary<string, Measurement> { ["a"] = M(8), ["tier"] = M(0) },
        };
        Scoring.Evaluate([Linear("a", 1, 0, 10), Linear("tier", 1, 0, 100)], idle, []).Single(r => r.Subject == "乙镇").Total.ShouldBe(40);
    }

    [Fact]
    public void The_top_fifth_holds_a_fifth_of_the_places_and_a_tie_by_its_shared_rank()
    {
        // 前 20% of six is one place, not two (a third); of four, none; of ten, two.
        Scoring.InTopShare(rank: 1, count: 6, share: 0.2m).ShouldBeTrue();
        Scoring.InTopShare(rank: 2, count: 6, share: 0.2m).ShouldBeFalse();
        Scoring.InTopShare(rank: 1, count: 4, share: 0.2m).ShouldBeFalse();
        Scoring.InTopShare(rank: 2, count: 10, share: 0.2m).ShouldBeTrue();
        Scoring.InTopShare(rank: 3, count: 10, share: 0.2m).ShouldBeFalse();

        // Three townships tied first with 100 of fourteen (运城 2024: 万安镇, 城北街道, 城西街道): 前 20% of 14 is ⌊2.8⌋ = 2 places,
        // the group shares rank 1 ≤ 2, so all three are in; until 12-07 the group stayed out and the tab said nobody qualified.
        var fourteen = Enumerable.Range(1, 14).ToDictionary(i => $"乡镇{i:00}",
            i => (IReadOnlyDictionary<string, Measurement>)new Dictionary<string, Measurement> { ["a"] = M(i <= 3 ? 15 : 15 - i) });
        var ranked = Scoring.Evaluate([Linear("a", 1, 0, 15)], fourteen, [new BandRule("前列", TopShare: 0.2m), new BandRule("其余")]);
        ranked.Where(s => s.Band == "前列").Select(s => s.Subject).ShouldBe(["乡镇01", "乡镇02", "乡镇03"]);
        ranked.Where(s => s.Rank == 1).Count().ShouldBe(3);
        // Places 1–3 held by rank 1 overfill the two places: said beside the list, and the office decides.
        LineRule.TieAtCut(new LineRule(0.2m, null, null, null, null), top: true, ranked.Select(s => (s.Rank, s.Band == "前列")).ToList())
            .ShouldBe("并列第 1 名 3 个，超过排名前 20%（2 个）的名额。并列者得分相同、无从区分，均列为拟表扬；是否全部予以表扬由办公室决定");
        // A tie within the places is no news.
        LineRule.TieAtCut(new LineRule(0.2m, null, null, null, null), top: true, [(1, true), (1, true), (3, false), (4, false), (5, false), (6, false), (7, false), (8, false), (9, false), (10, false)])
            .ShouldBeNull();

        var six = Enumerable.Range(1, 6).ToDictionary(i => $"镇{i}", i => (IReadOnlyDictionary<string, Measurement>)new Dictionary<string, Measurement> { ["a"] = M(i) });
        Scoring.Evaluate([Linear("a", 1, 0, 10)], six, [new BandRule("前列", TopShare: 0.2m), new BandRule("其余")])
            .Count(s => s.Band == "前列").ShouldBe(1);
    }

    [Fact]
    public void The_last_tenth_holds_a_tenth_of_the_places_and_a_tie_reaching_into_it()
    {
        // 后 10% is counted as 前 20% is: of six, none (not "at least the last one"); of ten, the last; of twenty, the last two.
        Scoring.InBottomShare(rank: 6, count: 6, share: 0.1m).ShouldBeFalse();
        Scoring.InBottomShare(rank: 10, count: 10, share: 0.1m).ShouldBeTrue();
        Scoring.InBottomShare(rank: 9, count: 10, share: 0.1m).ShouldBeFalse();
        Scoring.InBottomShare(rank: 19, count: 20, share: 0.1m).ShouldBeTrue();
        Scoring.InBottomShare(rank: 18, count: 20, share: 0.1m).ShouldBeFalse();
        // Two sharing the 9th rank of ten hold places 9–10, and place 10 is the tenth: both are in (until 12-07 both stayed
        // out, and the last place went unsupervised); of six, a tie at the last places is still nobody's (no place).
        Scoring.InBottomShare(rank: 9, count: 10, share: 0.1m, tied: 2).ShouldBeTrue();
        Scoring.InBottomShare(rank: 8, count: 10, share: 0.1m, tied: 2).ShouldBeFalse();
        Scoring.InBottomShare(rank: 5, count: 6, share: 0.1m, tied: 2).ShouldBeFalse();
        LineRule.TieAtCut(new LineRule(null, 0.1m, null, null, null), top: false,
                [(1, false), (2, false), (3, false), (4, false), (5, false), (6, false), (7, false), (8, false), (9, true), (9, true)])
            .ShouldBe("并列第 9 名 2 个，超过排名后 10%（1 个）的名额。并列者得分相同、无从区分，均列为拟督办；是否全部下发督办通知书由办公室决定");
    }

    [Fact]
    public void A_not_applicable_indicator_drops_out_and_the_others_fill_100()
    {
        var data = new Dictionary<string, IReadOnlyDictionary<string, Measurement>>
        {
            // 甲镇 had no project due: its project indicator is not applicable, so 8/10 on growth is its whole 80.
            ["甲镇"] = new Dictionary<string, Measurement> { ["a"] = M(8), ["b"] = Measurement.Absent("本年度无计划开工项目") },
            // 乙镇 had projects and started none: that is a zero, which counts.
            ["乙镇"] = new Dictionary<string, Measurement> { ["a"] = M(8), ["b"] = M(0) },
        };
        var result = Scoring.Evaluate([Linear("a", 1, 0, 10), Linear("b", 1, 0, 100)], data, []);
        result.Single(r => r.Subject == "甲镇").Total.ShouldBe(80);
        result.Single(r => r.Subject == "乙镇").Total.ShouldBe(40);
        var dropped = result.Single(r => r.Subject == "甲镇").Indicators[1];
        dropped.Weighted.ShouldBe(0);
        dropped.Explanation.ShouldBe("不适用（本年度无计划开工项目），其权重按比例分摊到其余指标");
        // Relative-to-best ignores the not-applicable when finding the best.
        var relative = new IndicatorRule { Key = "r", Name = "品牌", Weight = 1, Method = ScoringMethod.RelativeToBest };
        var zeros = new Dictionary<string, IReadOnlyDictionary<string, Measurement>>
        {
            ["甲镇"] = new Dictionary<string, Measurement> { ["r"] = M(0) },
            ["乙镇"] = new Dictionary<string, Measurement> { ["r"] = M(0) },
        };
        Scoring.Evaluate([relative], zeros, [])[0].Indicators[0].Explanation.ShouldBe("不适用（参评对象均为 0，无从比较），其权重按比例分摊到其余指标");
    }

    [Fact]
    public void A_relative_indicator_nobody_scored_on_drops_out_for_all_as_for_those_it_does_not_apply_to()
    {
        // 甲镇 and 乙镇 have task forces and reported no 升规入统; 丙镇 has none. All equal on 产值: all equal in total.
        var rules = new[] { Linear("a", 90, 0, 10), new IndicatorRule { Key = "r", Name = "升规入统", Weight = 10, Method = ScoringMethod.RelativeToBest } };
        var measured = new Dictionary<string, IReadOnlyDictionary<string, Measurement>>
        {
            ["甲镇"] = new Dictionary<string, Measurement> { ["a"] = M(5), ["r"] = M(0) },
            ["乙镇"] = new Dictionary<string, Measurement> { ["a"] = M(5), ["r"] = M(0) },
            ["丙镇"] = new Dictionary<string, Measurement> { ["a"] = M(5), ["r"] = Measurement.Absent("未设工作专班，无月报") },
        };
        var result = Scoring.Evaluate(rules, measured, []);
        result.Select(r => r.Total).Distinct().ShouldBe([50m]);
        result.Select(r => r.Rank).Distinct().ShouldBe([1]);
        result.Single(r => r.Subject == "甲镇").Indicators[1].Weighted.ShouldBe(0);
        // One subject above zero: the indicator counts again, and a zero is a zero.
        var one = new Dictionary<string, IReadOnlyDictionary<string, Measurement>>(measured) { ["乙镇"] = new Dictionary<string, Measurement> { ["a"] = M(5), ["r"] = M(2) } };
        var counted = Scoring.Evaluate(rules, one, []);
        counted.Single(r => r.Subject == "乙镇").Total.ShouldBe(55m);
        counted.Single(r => r.Subject == "甲镇").Total.ShouldBe(45m);
        counted.Single(r => r.Subject == "丙镇").Total.ShouldBe(50m);
    }

    [Fact]
    public void A_tier_level_is_said_by_its_tier_and_its_steps_by_tier()
    {
        var tier = new IndicatorRule { Key = "t", Name = "认定层级", Weight = 5, Method = ScoringMethod.Steps, Unit = "级",
            Steps = [new(0, 40), new(1, 60), new(2, 80), new(3, 100)] };
        Scoring.Show(tier, 1).ShouldBe("县级");
        Scoring.Show(tier, 0).ShouldBe("储备");
        string.Join("；", tier.Steps.Select(s => Scoring.Step(tier, s))).ShouldBe("储备 得 40 分；县级 得 60 分；市级 得 80 分；省级 得 100 分");
        var measured = new Dictionary<string, IReadOnlyDictionary<string, Measurement>> { ["甲镇"] = new Dictionary<string, Measurement> { ["t"] = M(2) } };
        Scoring.Evaluate([tier], measured, [])[0].Indicators[0].Explanation.ShouldBe("市级，按分档得 80 分");
        // Other units keep their numbers.
        var revenue = tier with { Unit = "亿级", Steps = [new(20, 70)] };
        Scoring.Step(revenue, revenue.Steps[0]).ShouldBe("≥20亿级 得 70 分");
        Scoring.Show(revenue, 20).ShouldBe("20亿级");
    }

    [Fact]
    public void A_shortfall_reads_as_the_problem_against_full_marks_not_as_the_formula()
    {
        static IndicatorDetail Scored(IndicatorRule rule, decimal? value, decimal points, string explanation = "") =>
            new(rule.Key, rule.Name, rule.Weight, rule.Method.ToString(), value, rule.Unit, points, 0, explanation, []);
        var growth = Linear("growth", 1, 0, 10) with { Name = "从业人员增长" };
        Scoring.Shortfall(growth, Scored(growth, 4.75m, 47.5m)).ShouldBe("从业人员增长 4.75%，低于满分线 10%，得 47.5 分");
        var days = Linear("days", 1, 0, 30, lower: true) with { Name = "问题办结用时", Unit = "天" };
        Scoring.Shortfall(days, Scored(days, 18, 40)).ShouldBe("问题办结用时 18天，高于满分线 0天，得 40 分");
        var revenue = new IndicatorRule { Key = "r", Name = "营收规模层级", Weight = 1, Method = ScoringMethod.Steps, Unit = "亿级", Steps = [new(10, 60), new(20, 80)] };
        Scoring.Shortfall(revenue, Scored(revenue, 0, 0)).ShouldBe("营收规模层级未达到最低档 10亿级（该档 60 分），得 0 分");
        Scoring.Shortfall(revenue, Scored(revenue, 10, 60)).ShouldBe("营收规模层级 10亿级，未达到 20亿级（该档 80 分），得 60 分");
        var tier = revenue with { Name = "认定层级", Unit = "级", Steps = [new(0, 40), new(1, 60), new(2, 80)] };
        Scoring.Shortfall(tier, Scored(tier, 0, 40)).ShouldBe("认定层级 储备，未达到县级（该档 60 分），得 40 分");
        var brands = new IndicatorRule { Key = "b", Name = "品牌建设", Weight = 1, Method = ScoringMethod.RelativeToBest, Unit = "个" };
        Scoring.Shortfall(brands, Scored(brands, 2, 25)).ShouldBe("品牌建设 2个，为参评对象最高值的 25%，得 25 分");
        Scoring.Shortfall(brands, Scored(brands, null, 0)).ShouldBe("品牌建设无数据，按 0 分计");
        var manual = new IndicatorRule { Key = "m", Name = "督查检查", Weight = 1, Method = ScoringMethod.Manual };
        Scoring.Shortfall(manual, Scored(manual, 40, 40, "人工评分 40 分：整改不到位")).ShouldBe("督查检查人工评分 40 分：整改不到位");
    }

    [Fact]
    public void A_value_beyond_the_scale_is_said_to_reach_full_marks_or_none_not_to_lie_between()
    {
        string Explained(IndicatorRule rule, decimal value) => Scoring.Evaluate([rule],
            new Dictionary<string, IReadOnlyDictionary<string, Measurement>> { ["甲镇"] = new Dictionary<string, Measurement> { [rule.Key] = M(value) } }, [])[0].Indicators[0].Explanation;
        var growth = Linear("g", 1, 0, 15);
        Explained(growth, 22).ShouldBe("22%，达到满分线 15%，得 100 分");
        Explained(growth, -3).ShouldBe("-3%，不高于 0 分线 0%，得 0 分");
        Explained(growth, 6).ShouldBe("6%，在 0%（0 分）与 15%（100 分）之间按比例得 40 分");
        var days = Linear("d", 1, 5, 30, lower: true) with { Unit = "天" };
        Explained(days, 3).ShouldBe("3天，不高于满分线 5天，得 100 分");
        Explained(days, 40).ShouldBe("40天，不低于 0 分线 30天，得 0 分");
        Explained(days, 10).ShouldBe("10天，在 5天（100 分）与 30天（0 分）之间按比例得 80 分");
    }
}
