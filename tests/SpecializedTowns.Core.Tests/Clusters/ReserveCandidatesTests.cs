using Shouldly;
using SpecializedTowns.Core.Clusters;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using Xunit;

namespace SpecializedTowns.Core.Tests.Clusters;

public sealed class ReserveCandidatesTests
{
    private static readonly TargetStandard Yongji = new(Packs.Standard("yongji-county"), Tier.County);

    private static ClusterCell Cell(int township, string industry, string category, int enterprises, int leading, decimal output, int employment, decimal lqCounty) =>
        new(township, 10, 100, industry, category, enterprises, leading, output, employment,
            new LocationQuotients(lqCounty, lqCounty, lqCounty), new LocationQuotients(lqCounty, null, null),
            new Concentration(null, null), new Concentration(null, null), []);

    // Against 永济's county standard (1 leading, about 5 supporting, 2亿元 manufacturing / 1亿元 agriculture, 500 jobs):
    //   A 芦笋: 1 leading + 5 others, 9 000万元 (0.9 of 1亿), 600 jobs      → open 1 (output)
    //   B 铸造: 1 leading + 5 others, 15 000万元 (0.75 of 2亿), 700 jobs    → open 1 (output), lower attainment than A
    //   C 果品: 0 leading + 3 others, 9 500万元, 300 jobs                   → open 4 (leading, supporting, output, jobs)
    //   D 红枣: 1 + 5, 12 000万元, 800 jobs, LQ 1.3                          → open 0: first
    //   E 核桃: LQ 1.1 < 1.25                                               → not a candidate
    //   F 面粉: 2 enterprises < 3                                            → not a candidate
    //   G 电机: already a town                                              → not a candidate
    //   H 陶瓷: category unknown                                            → candidate without a check: last
    private static readonly ClusterCell[] Cells =
    [
        Cell(1, "芦笋", IndustryCategories.SpecialtyAgriculture, 6, 1, 9000, 600, 5),
        Cell(2, "铸造", IndustryCategories.Manufacturing, 6, 1, 15000, 700, 9),
        Cell(3, "果品", IndustryCategories.SpecialtyAgriculture, 3, 0, 9500, 300, 20),
        Cell(4, "红枣", IndustryCategories.SpecialtyAgriculture, 6, 1, 12000, 800, 1.3m),
        Cell(5, "核桃", IndustryCategories.SpecialtyAgriculture, 6, 1, 12000, 800, 1.1m),
        Cell(6, "面粉", IndustryCategories.SpecialtyAgriculture, 2, 1, 12000, 800, 4),
        Cell(7, "电机", IndustryCategories.Manufacturing, 9, 1, 90000, 900, 4),
        new(8, 10, 100, "陶瓷", null, 4, 0, 3000, 100, new(30, 30, 30), new(30, 30, 30), new(null, null), new(null, null), []),
    ];

    [Fact]
    public void Candidates_are_ranked_by_open_criteria_then_attainment_then_quotient()
    {
        var ranked = ReserveCandidates.Select(Cells, new CandidateRules(), c => c.Industry == "电机", _ => Yongji);
        ranked.Select(c => c.Cell.Industry).ShouldBe(["红枣", "芦笋", "铸造", "果品", "陶瓷"]);
        ranked.Select(c => c.Check is null ? -1 : c.OpenCriteria).ShouldBe([0, 1, 1, 4, -1]);
        ranked[1].OutputAttainment!.Value.ShouldBe(0.9m);
        ranked[2].OutputAttainment!.Value.ShouldBe(0.75m);
        ranked[1].Check!.Gaps.Single().Text.ShouldBe("年产值还差 1,000万元");
    }

    [Fact]
    public void Rules_change_who_stands_out()
    {
        var looser = new CandidateRules { MinLocationQuotient = 1m, MinEnterprises = 2 };
        var ranked = ReserveCandidates.Select(Cells, looser, c => c.Industry == "电机", _ => Yongji);
        ranked.Select(c => c.Cell.Industry).ShouldContain("核桃");
        ranked.Select(c => c.Cell.Industry).ShouldContain("面粉");

        // Output quotient 3, employment quotient 0.8: a candidate on output only.
        var capital = new ClusterCell(9, 10, 100, "化工", IndustryCategories.Manufacturing, 4, 1, 8000, 50,
            new LocationQuotients(3, 3, 3), new LocationQuotients(0.8m, 0.8m, 0.8m), new(null, null), new(null, null), []);
        ReserveCandidates.Select([capital], new CandidateRules(), _ => false, _ => Yongji).Count.ShouldBe(1);
        ReserveCandidates.Select([capital], new CandidateRules { Basis = ClusterBasis.Employment }, _ => false, _ => Yongji).ShouldBeEmpty();
    }

    [Fact]
    public void The_cultivation_plan_has_a_task_per_open_criterion_with_its_target()
    {
        var c = ReserveCandidates.Select(Cells, new CandidateRules(), _ => false, _ => Yongji).Single(x => x.Cell.Industry == "果品");
        var tasks = CultivationPlan.TasksFrom(Yongji, c.Facts!, c.Check!);
        tasks.Select(t => t.CriterionKey).ShouldBe(["leading-enterprise", "supporting-enterprises", "output-value", "market-share", "employment"], ignoreOrder: true);
        var output = tasks.Single(t => t.CriterionKey == "output-value");
        output.TargetValue.ShouldBe(10000m);
        output.TargetUnit.ShouldBe("万元");
        output.CurrentValue.ShouldBe(9500m);
        output.Title.ShouldBe("年产值达到1亿元（县级标准）");
        output.Source!.ShouldContain("三、二是");
        tasks.Single(t => t.CriterionKey == "market-share").CurrentValue.ShouldBeNull("enterprise statistics do not give market shares");
    }

    [Fact]
    public void A_task_cites_its_criterion_under_the_standards_own_document()
    {
        // 运城's standard is known only as 垣政办发〔2023〕19号 三 quotes it: a 新绛 or 永济 town's plan cites 运城's document.
        var yuncheng = new TargetStandard(Packs.Standard("yuncheng-municipal"), Tier.Municipal);
        var c = ReserveCandidates.Select(Cells, new CandidateRules(), _ => false, _ => yuncheng).First(x => x.Check is not null);
        var tasks = CultivationPlan.TasksFrom(yuncheng, c.Facts!, c.Check!);
        tasks.ShouldNotBeEmpty();
        tasks.ShouldAllBe(t => t.Source!.StartsWith("运政办发〔2023〕8号（据垣政办发〔2023〕19号 三"));
    }

    [Fact]
    public void A_criterion_met_either_way_is_quoted_whole_not_by_its_figure_alone()
    {
        var c = ReserveCandidates.Select(Cells, new CandidateRules(), _ => false, _ => Yongji).Single(x => x.Cell.Industry == "果品");
        var share = CultivationPlan.TasksFrom(Yongji, c.Facts!, c.Check!).Single(t => t.CriterionKey == "market-share");
        share.Title.ShouldBe("市场占有率：主导产品在全运城市占有率10%以上或全国拥有较大市场空间（县级标准）");
        share.Measures.ShouldContain("或提供“全国拥有较大市场空间”的证明材料");

        var yuncheng = new TargetStandard(Packs.Standard("yuncheng-municipal"), Tier.Municipal);
        var municipal = ReserveCandidates.Select(Cells, new CandidateRules(), _ => false, _ => yuncheng).Single(x => x.Cell.Industry == "果品");
        CultivationPlan.TasksFrom(yuncheng, municipal.Facts!, municipal.Check!).Single(t => t.CriterionKey == "market-share").Title
            .ShouldBe("市场占有率：主导产品在全省占有率50%以上或全国拥有较大市场空间（市级标准）");
    }
}
