using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Core.Tests.Evaluation;

/// <summary>
/// qa110 1, 2 and 4 on 阳泉's 2024 town evaluation: 营收规模层级 scored and reported on steps no document has (5亿级, 30亿级), a 储备
/// town told it fell short of a 县级 阳泉 does not have, the first-ranked town supervised under a clause on those “排名靠后”, the
/// platform's 60-point line read as 阳泉's, and a town recognised in 2026 ranked in 2024.
/// </summary>
public class AreaOwnSchemeTests
{
    private static readonly EvaluationScheme Default = Packs.Catalog.Schemes.Single(s => s.IsPlatformDefault);
    private static readonly Tier[] YangquanLadder = [Tier.Reserve, Tier.Municipal, Tier.Provincial];

    private static SchemeSnapshot Yangquan() => SchemeSnapshot.Of(Default, SubjectKind.Town, Packs.Catalog.FindPack("yangquan-2023-24"), YangquanLadder);

    private static IndicatorDetail Detail(IndicatorRule rule, decimal value, decimal points, string? reading = null) =>
        new(rule.Key, rule.Name, rule.Weight, "steps", value, rule.Unit, points, 0, "", [], reading);

    [Fact]
    public void Revenue_tiers_are_the_area_s_own_and_a_shortfall_names_the_tier_and_clause_the_town_was_measured_against()
    {
        var rule = Yangquan().Rules.Single(r => r.Key == "revenue-tier");
        rule.Steps.ShouldBe([new ScoreStep(10, 60), new ScoreStep(20, 70), new ScoreStep(50, 90), new ScoreStep(100, 100)]);
        rule.StepsOf.ShouldBe("阳泉市");
        rule.Source.ShouldBe("阳政办发〔2023〕24号 五（二）");

        Scoring.Shortfall(rule, Detail(rule, 0, 0, "营业收入 9.05亿元"))
            .ShouldBe("营业收入 9.05亿元，未达到阳泉市最低层级 10亿级（阳政办发〔2023〕24号 五（二）），得 0 分");
        Scoring.Shortfall(rule, Detail(rule, 10, 60, "营业收入 12.00亿元"))
            .ShouldBe("营业收入 12.00亿元，为阳泉市 10亿级，未达到 20亿级（该档 70 分），得 60 分");

        // 朔州's five tiers keep the scheme's points; an area whose document sets none keeps the scheme's steps.
        SchemeSnapshot.Of(Default, SubjectKind.Town, Packs.Catalog.FindPack("shuozhou-2023-19")).Rules.Single(r => r.Key == "revenue-tier").Steps
            .Select(s => s.AtLeast).ShouldBe([10m, 20m, 30m, 50m, 100m]);
        SchemeSnapshot.Of(Default, SubjectKind.Town, Packs.Catalog.FindPack("xinjiang-2023-33")).Rules.Single(r => r.Key == "revenue-tier").StepsOf.ShouldBeNull();
    }

    [Fact]
    public void The_tier_level_steps_are_the_area_s_ladder_so_a_reserve_town_in_Yangquan_misses_municipal_not_county()
    {
        var rule = Yangquan().Rules.Single(r => r.Key == "tier-level");
        rule.Steps.Select(s => Scoring.Step(rule, s)).ShouldBe(["储备 得 40 分", "市级 得 80 分", "省级 得 100 分"]);
        var said = Scoring.Shortfall(rule, Detail(rule, 0, 40));
        said.ShouldBe("认定层级 储备，未达到市级（该档 80 分），得 40 分");
        said.ShouldNotContain("县级");
    }

    [Fact]
    public void In_Yangquan_the_score_line_supervises_only_the_lower_half_and_the_line_is_marked_the_platform_s()
    {
        var yangquan = Yangquan();
        yangquan.ScoreLineRankedLow.ShouldBeTrue();
        // 平定 53.19 first of three is not 排名靠后; the last is, below the line.
        yangquan.Supervises(rank: 1, count: 3, total: 53.19m).ShouldBeFalse();
        yangquan.Supervises(rank: 2, count: 3, total: 34.73m).ShouldBeFalse();
        yangquan.Supervises(rank: 3, count: 3, total: 34.37m).ShouldBeTrue();
        yangquan.Supervises(rank: 1, count: 1, total: 10m).ShouldBeFalse();
        yangquan.DescribeSupervision().ShouldBe("排名后 10% 或排名后半段中得分低于 60 分（平台默认，文件未规定比例和分数线）");
        yangquan.RectificationTerm().ShouldBe("限期 30 日整改（平台默认）");

        // 朔州 joins the two with 或: below the line is enough, the first-ranked included.
        var shuozhou = SchemeSnapshot.Of(Default, SubjectKind.Town, Packs.Catalog.FindPack("shuozhou-2023-19"));
        shuozhou.ScoreLineRankedLow.ShouldBeFalse();
        shuozhou.Supervises(rank: 1, count: 3, total: 53.19m).ShouldBeTrue();
        shuozhou.DescribeSupervision().ShouldBe("排名后 10% 或得分低于 60 分（平台默认，文件未规定比例和分数线）");
    }

    [Fact]
    public void Supervising_the_whole_ranking_or_its_first_asks_for_a_written_confirmation()
    {
        var full = new EvaluationCoverage(15, 15, 110, 110, 110, 3, 3, []);
        full.IsLow.ShouldBeFalse();
        full.WithSweep([(1, false), (2, true), (3, true)]).Sweep.ShouldBeNull();
        full.WithSweep([(1, false), (2, true), (3, true)]).ReasonProblem(null, "发布评估").ShouldBeNull();

        var thin = new EvaluationCoverage(6, 15, 45, 110, 45, 3, 3, []) .WithSweep([(1, true), (2, true), (3, true)]);
        thin.Sweep.ShouldBe("全部 3 个参评对象均拟督办，含第 1 名；计分指标仅 45/110（权重）");
        var swept = full.WithSweep([(1, true), (2, false), (3, true)]);
        swept.Sweep.ShouldBe("拟督办 2 个参评对象，含第 1 名");
        swept.NeedsReason.ShouldBeTrue();
        swept.ReasonProblem(" ", "下发督办通知书").ShouldBe("拟督办 2 个参评对象，含第 1 名：下发督办通知书前请写明确认理由（如：已逐项核对各对象的得分和问题，督办确有依据）");
        swept.ReasonProblem("已逐一核实", "下发督办通知书").ShouldBeNull();
        swept.Confirmation("发布评估", "已逐一核实").ShouldBe("发布评估（拟督办 2 个参评对象，含第 1 名），办公室确认理由：已逐一核实");
    }

    [Fact]
    public void The_tier_held_in_a_year_is_read_from_the_history_not_today_s_tier()
    {
        TierChange[] history =
        [
            new() { Id = 1, Tier = Tier.Reserve, EffectiveOn = new DateOnly(2023, 4, 11) },
            new() { Id = 2, Tier = Tier.Municipal, StandardId = "yangquan-municipal", EffectiveOn = new DateOnly(2026, 12, 8) },
        ];
        TierStanding.HeldOn(history, Tier.Municipal, new DateOnly(2024, 12, 31)).ShouldBe(Tier.Reserve);
        TierStanding.HeldOn(history, Tier.Municipal, new DateOnly(2026, 12, 31)).ShouldBe(Tier.Municipal);
        TierStanding.HeldOn(history[1..], Tier.Municipal, new DateOnly(2024, 12, 31)).ShouldBe(Tier.Reserve);
        TierStanding.HeldOn([], Tier.County, new DateOnly(2024, 12, 31)).ShouldBe(Tier.County);
    }
}
