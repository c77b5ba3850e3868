using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Support;

namespace SpecializedTowns.Core.Tests.Support;

public class TrainingRulesTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(Path.Combine(AppContext.BaseDirectory, "policies"));
    private static readonly DateOnly Today = new(2026, 6, 30);
    private const string Huairen = "山西省/朔州市/怀仁市";
    private const string Shanyin = "山西省/朔州市/山阴县";
    private const string Yuanqu = "山西省/运城市/垣曲县";

    // As the Data layer decides it from the clause: the 80% of 朔政办发〔2023〕19号 四（八） governs 朔州市 and below.
    private static bool Shuozhou(string path) => path == "山西省/朔州市" || path.StartsWith("山西省/朔州市/", StringComparison.Ordinal);

    private static TrainingRollupInput P(int? town, string? name, string county, TrainingMode mode, string end, int trainees, int? employed) =>
        new(town, name, county, mode, DateOnly.Parse(end), trainees, employed);

    [Fact]
    public void The_80_percent_is_the_figure_of_the_clause_in_the_policy_pack()
    {
        var target = Catalog.FindPack("shuozhou-2023-19")!.Targets.Single(t => t.Source == TrainingRules.TargetClause);
        target.Value.ShouldBe(TrainingRules.TargetPercent);
        target.Metric.ShouldContain("培训后就业率");
        target.Comparison.ShouldBe(">=");
        var clause = SupportClauses.Find(Catalog, TrainingRules.TargetClause)!;
        clause.Title.ShouldBe("全面加强员工职业技能培训保障");
        SupportClauses.Governs(clause, Huairen).ShouldBeTrue();
        SupportClauses.Governs(clause, Yuanqu).ShouldBeFalse();
        SupportClauses.TrainingClauses.ShouldAllBe(s => SupportClauses.Find(Catalog, s) != null);
        SupportClauses.Find(Catalog, TalentRules.Clause)!.Title.ShouldBe("强化专业镇企业领军人才支撑保障");
    }

    [Fact]
    public void The_rate_is_reached_at_exactly_80_percent_and_compared_without_rounding()
    {
        TrainingRules.Meets(144, 180).ShouldBeTrue("144 ÷ 180 = 80%");
        TrainingRules.Meets(143, 180).ShouldBeFalse();
        TrainingRules.RatePercent(7996, 10000).ShouldBe(80.0m, "shown rounded to one decimal");
        TrainingRules.Meets(7996, 10000).ShouldBeFalse("79.96% does not reach 80%");
        TrainingRules.RatePercent(130, 160).ShouldBe(81.3m, "81.25% rounds half up");
        TrainingRules.RatePercent(0, 0).ShouldBeNull();
    }

    [Fact]
    public void A_programme_counts_once_finished_with_its_outcome_and_only_for_the_kinds_the_clause_names()
    {
        var end = new DateOnly(2026, 5, 31);
        TrainingRules.Status(TrainingMode.OrderBased, end, 100, 85, Today, hasTarget: true).ShouldBe(TrainingStatus.Met);
        TrainingRules.Status(TrainingMode.ProjectBased, end, 100, 79, Today, hasTarget: true).ShouldBe(TrainingStatus.NotMet);
        TrainingRules.Status(TrainingMode.Directed, end, 100, null, Today, hasTarget: true).ShouldBe(TrainingStatus.AwaitingOutcome);
        TrainingRules.Status(TrainingMode.Directed, Today.AddDays(1), 100, 90, Today, hasTarget: true).ShouldBe(TrainingStatus.InProgress);
        TrainingRules.Status(TrainingMode.OrderBased, Today, 100, 90, Today, hasTarget: true).ShouldBe(TrainingStatus.Met, "结业 on the day itself");
        TrainingRules.Status(TrainingMode.OnTheJob, end, 100, null, Today, hasTarget: true).ShouldBe(TrainingStatus.NotApplicable);
        TrainingRules.Status(TrainingMode.Other, end, 100, 10, Today, hasTarget: true).ShouldBe(TrainingStatus.NotApplicable);
        TrainingRules.Status(TrainingMode.OrderBased, end, 100, 50, Today, hasTarget: false).ShouldBe(TrainingStatus.NoTarget);
    }

    [Fact]
    public void The_rate_rolls_up_from_towns_to_county_city_and_province_as_computed_by_hand()
    {
        var lines = TrainingRollup.Lines([
            P(1, "甲镇", Huairen, TrainingMode.OrderBased, "2026-03-31", 100, 85),
            P(1, "甲镇", Huairen, TrainingMode.ProjectBased, "2026-05-31", 50, 30),
            P(1, "甲镇", Huairen, TrainingMode.Directed, "2026-09-30", 40, null),      // still running
            P(2, "乙镇", Huairen, TrainingMode.OnTheJob, "2026-04-30", 200, null),     // in-service: not in the rate
            P(2, "乙镇", Huairen, TrainingMode.Directed, "2026-02-28", 30, 27),
            P(null, null, Shanyin, TrainingMode.OrderBased, "2026-06-30", 20, null),   // ended today, outcome not yet entered
            P(3, "丙镇", Yuanqu, TrainingMode.ProjectBased, "2026-06-20", 45, 39),     // 运城: no figure in its documents
        ], Today, Shuozhou, year: 2026);

        lines.Select(l => (l.Level, l.Name)).ShouldBe([
            (PerformanceLevel.Province, "山西省"),
            (PerformanceLevel.City, "朔州市"),
            (PerformanceLevel.County, "山阴县"), (PerformanceLevel.Town, TrainingLine.OutsideTowns),
            (PerformanceLevel.County, "怀仁市"), (PerformanceLevel.Town, "乙镇"), (PerformanceLevel.Town, "甲镇"),
            (PerformanceLevel.City, "运城市"), (PerformanceLevel.County, "垣曲县"), (PerformanceLevel.Town, "丙镇"),
        ]);

        // 甲镇: (85 + 30) ÷ (100 + 50) = 76.7%, below 80%; the running course is counted apart.
        var jia = lines.Single(l => l.Name == "甲镇");
        (jia.Programmes, jia.Trainees, jia.CountedProgrammes, jia.CountedTrainees, jia.Employed, jia.InProgress).ShouldBe((3, 190, 2, 150, 115, 1));
        jia.RatePercent.ShouldBe(76.7m);
        jia.Met.ShouldBe(false);
        // 乙镇: 27 ÷ 30 = 90%; its 200 in-service trainees are not in the rate.
        var yi = lines.Single(l => l.Name == "乙镇");
        (yi.CountedTrainees, yi.Employed, yi.OnTheJobTrainees).ShouldBe((30, 27, 200));
        yi.RatePercent.ShouldBe(90.0m);
        yi.Met.ShouldBe(true);
        // 怀仁市: (115 + 27) ÷ (150 + 30) = 142 ÷ 180 = 78.9% — a ratio of sums, not the mean of 76.7% and 90%.
        var huairen = lines.Single(l => l.Name == "怀仁市");
        (huairen.Programmes, huairen.Trainees, huairen.CountedTrainees, huairen.Employed).ShouldBe((5, 420, 180, 142));
        huairen.RatePercent.ShouldBe(78.9m);
        huairen.Met.ShouldBe(false);
        // 山阴县: nothing counted yet; the finished course waits for its figure.
        var shanyin = lines.Single(l => l.Name == "山阴县");
        (shanyin.AwaitingOutcome, shanyin.CountedTrainees).ShouldBe((1, 0));
        shanyin.RatePercent.ShouldBeNull();
        shanyin.Met.ShouldBeNull();
        shanyin.HasTarget.ShouldBeTrue();
        // 朔州市 = 怀仁市 + 山阴县.
        var shuozhou = lines.Single(l => l.Name == "朔州市");
        (shuozhou.Programmes, shuozhou.Trainees, shuozhou.CountedTrainees, shuozhou.Employed, shuozhou.InProgress, shuozhou.AwaitingOutcome, shuozhou.OnTheJobTrainees)
            .ShouldBe((6, 440, 180, 142, 1, 1, 200));
        shuozhou.Met.ShouldBe(false);
        // 垣曲县: 39 ÷ 45 = 86.7%, shown but not judged.
        var yuanqu = lines.Single(l => l.Name == "垣曲县");
        yuanqu.RatePercent.ShouldBe(86.7m);
        yuanqu.HasTarget.ShouldBeFalse();
        yuanqu.Met.ShouldBeNull();
        // 山西省: (142 + 39) ÷ (180 + 45) = 181 ÷ 225 = 80.4%; the province's own document sets no figure.
        var province = lines[0];
        (province.Programmes, province.Trainees, province.CountedTrainees, province.Employed).ShouldBe((7, 485, 225, 181));
        province.RatePercent.ShouldBe(80.4m);
        province.Met.ShouldBeNull();
    }

    [Fact]
    public void Areas_come_in_the_order_given_for_their_paths()
    {
        // 朔城区 (140602) before 山阴县 (140621) by division code; 山 comes before 朔 by its character.
        const string shuocheng = "山西省/朔州市/朔城区";
        var codes = new Dictionary<string, string> { ["山西省"] = "140000", ["山西省/朔州市"] = "140600", [shuocheng] = "140602", [Shanyin] = "140621" };
        var official = Comparer<string>.Create((a, b) => string.CompareOrdinal(codes[a], codes[b]));
        TrainingRollupInput[] programmes =
        [
            P(1, "甲镇", Shanyin, TrainingMode.OrderBased, "2026-03-31", 100, 85),
            P(2, "乙镇", shuocheng, TrainingMode.OrderBased, "2026-03-31", 100, 85),
        ];
        TrainingRollup.Lines(programmes, Today, Shuozhou, areas: official).Where(l => l.IsTotal).Select(l => l.Name)
            .ShouldBe(["山西省", "朔州市", "朔城区", "山阴县"]);
        TrainingRollup.Lines(programmes, Today, Shuozhou).Where(l => l.IsTotal).Select(l => l.Name)
            .ShouldBe(["山西省", "朔州市", "山阴县", "朔城区"]);
    }

    [Fact]
    public void A_course_over_new_year_counts_in_the_year_it_ended()
    {
        var course = P(1, "甲镇", Huairen, TrainingMode.OrderBased, "2026-01-15", 10, 9);
        var in2025 = TrainingRollup.Lines([course], Today, Shuozhou, year: 2025).Single(l => l.Name == "甲镇");
        (in2025.Programmes, in2025.CountedTrainees).ShouldBe((1, 0), "held in 2025, but ended in 2026");
        var in2026 = TrainingRollup.Lines([course], Today, Shuozhou, year: 2026).Single(l => l.Name == "甲镇");
        (in2026.CountedTrainees, in2026.Employed).ShouldBe((10, 9));
        TrainingRollup.Lines([], Today, Shuozhou).ShouldBeEmpty();
    }

    private static TrainingInput Valid => new()
    {
        CountyId = 1, SpecializedTownId = 2, Title = "日用陶瓷成型订单式培训", Mode = TrainingMode.OrderBased, Organiser = "朔州职业技术学院",
        OrganiserKind = TrainingProviderKind.VocationalCollege, StartOn = new DateOnly(2026, 3, 1), EndOn = new DateOnly(2026, 5, 31),
        Trainees = 120, Employed = 102, SubsidyWanYuan = 36m, ClauseSource = TrainingRules.TargetClause,
    };

    [Fact]
    public void A_programme_is_checked_at_the_boundary_with_messages_beside_the_fields()
    {
        TrainingRules.Check(Valid, Today).ShouldBeEmpty();
        TrainingRules.Check(new TrainingInput(), Today).Keys.ShouldBe(
            ["CountyId", "Title", "Mode", "Organiser", "OrganiserKind", "StartOn", "EndOn", "Trainees", "ClauseSource"], ignoreOrder: true);
        TrainingRules.Check(Valid with { Employed = 121 }, Today)["Employed"].ShouldBe("就业人数不能超过培训人数（120 人）");
        TrainingRules.Check(Valid with { Employed = -1 }, Today)["Employed"].ShouldBe("就业人数不能为负");
        TrainingRules.Check(Valid with { Mode = TrainingMode.OnTheJob }, Today)["Employed"].ShouldContain("已在岗");
        TrainingRules.Check(Valid with { EndOn = new DateOnly(2026, 2, 28) }, Today)["EndOn"].ShouldBe("结业日期不能早于开班日期");
        TrainingRules.Check(Valid with { EndOn = new DateOnly(2030, 3, 2) }, Today)["EndOn"].ShouldContain("超过 3 年");
        TrainingRules.Check(Valid with { StartOn = new DateOnly(2014, 12, 1) }, Today)["StartOn"].ShouldContain("2015");
        TrainingRules.Check(Valid with { StartOn = new DateOnly(2027, 7, 1), EndOn = new DateOnly(2027, 8, 1) }, Today)["StartOn"].ShouldContain("2027年6月30日");
        TrainingRules.Check(Valid with { Trainees = 0 }, Today)["Trainees"].ShouldBe("培训人数至少 1 人");
        TrainingRules.Check(Valid with { Trainees = 100_001 }, Today)["Trainees"].ShouldContain("请核对");
        TrainingRules.Check(Valid with { SubsidyWanYuan = -1m }, Today)["SubsidyWanYuan"].ShouldBe("补贴金额不能为负");
        TrainingRules.Check(Valid with { SubsidyWanYuan = 200_000m }, Today)["SubsidyWanYuan"].ShouldContain("万元");
        TrainingRules.Check(Valid with { Title = new string('培', 101) }, Today)["Title"].ShouldContain("100");
        TrainingRules.Check(Valid with { Employed = null }, Today).ShouldBeEmpty("the outcome may come later");
    }

    [Fact]
    public void A_member_of_the_expert_team_is_registered_against_the_town_they_help()
    {
        var expert = new TalentInput { Name = "刘志强", Category = TalentCategory.ExpertServiceMember, CountyId = 1, Employer = "太原理工大学", Year = 2024 };
        TalentRules.Check(expert, Today)["SpecializedTownId"].ShouldContain("一对一");
        TalentRules.Check(expert with { SpecializedTownId = 2 }, Today).ShouldBeEmpty();
        TalentRules.Check(expert with { SpecializedTownId = 2, Employer = null }, Today)["Employer"].ShouldContain("工作单位");
        var master = new TalentInput { Name = "李秀梅", Category = TalentCategory.CraftMaster, CountyId = 1, Year = 2025 };
        TalentRules.Check(master, Today).ShouldBeEmpty("a master needs no town");
        TalentRules.Check(master with { Year = 2027 }, Today)["Year"].ShouldContain("2015—2026");
        TalentRules.Check(new TalentInput(), Today).Keys.ShouldBe(["Name", "Category", "CountyId", "Year"], ignoreOrder: true);
    }
}
