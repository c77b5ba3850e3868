using Shouldly;
using SpecializedTowns.Core.Clusters;
using SpecializedTowns.Core.Recognition;
using Xunit;

namespace SpecializedTowns.Core.Tests.Clusters;

public sealed class ClusterMapTests
{
    // A province (all rows below) of two cities. City 100 has counties 10 and 11; city 200 has county 20.
    // Townships: 1 and 2 in county 10, 3 in county 11, 4 in county 20. Output in 万元, employment in 人.
    //
    //   township 1: 芦笋 A 600 (leading, 60 人) + 芦笋 B 200 (20 人); 铸造 C 200 (40 人)          all = 1000, 120 人
    //   township 2: 铸造 D 800 (80 人); 芦笋 E 200 (20 人)                                       all = 1000, 100 人
    //   township 3: 铸造 F 1000 (100 人)                                                         all = 1000, 100 人
    //   township 4: 芦笋 G 500 (50 人); 铸造 H 1500 (150 人)                                      all = 2000, 200 人
    //   county 10 without township: I 1000, no industry (100 人) — counts in all-industry totals only.
    //
    // Township 1, 芦笋, on output: own share 800 / 1000 = 0.8.
    //   county 10:  芦笋 800 + 200 = 1000 of all 1000 + 1000 + 1000 (I) = 3000 → 1/3;        LQ = 0.8 ÷ (1/3) = 2.4
    //   city 100:   芦笋 1000 of 3000 + 1000 = 4000 → 0.25;                                   LQ = 0.8 ÷ 0.25 = 3.2
    //   province:   芦笋 1500 of 6000 → 0.25;                                                 LQ = 3.2
    // On employment: own 80 / 120 = 2/3; county 10: 芦笋 100 of 320 → 0.3125; LQ = (2/3) ÷ 0.3125 = 2.1333…
    // Concentration on output: shares 0.75 and 0.25 → top 0.75 (A), HHI = 75² + 25² = 5625 + 625 = 6250.
    // Township 3, 芦笋: no cell (no such enterprise). Township 3, 铸造: county 11 is all 铸造 → LQ county = 1.
    private static readonly ClusterEnterprise[] Province =
    [
        new(1, "A", 1, 10, 100, "芦笋", IndustryCategories.SpecialtyAgriculture, true, 600, 60),
        new(2, "B", 1, 10, 100, "芦笋 ", IndustryCategories.SpecialtyAgriculture, false, 200, 20),
        new(3, "C", 1, 10, 100, "铸造", IndustryCategories.Manufacturing, false, 200, 40),
        new(4, "D", 2, 10, 100, "铸造", IndustryCategories.Manufacturing, true, 800, 80),
        new(5, "E", 2, 10, 100, "芦笋", IndustryCategories.SpecialtyAgriculture, false, 200, 20),
        new(6, "F", 3, 11, 100, "铸造", IndustryCategories.Manufacturing, false, 1000, 100),
        new(7, "G", 4, 20, 200, "芦笋", IndustryCategories.SpecialtyAgriculture, false, 500, 50),
        new(8, "H", 4, 20, 200, "铸造", IndustryCategories.Manufacturing, false, 1500, 150),
        new(9, "I", null, 10, 100, null, null, false, 1000, 100),
    ];

    private static ClusterPiece[] Pieces(params ClusterEnterprise[] enterprises) => enterprises.Select(ClusterPiece.Of).ToArray();

    private static ClusterCell Cell(int township, string industry) =>
        ClusterMap.Compute(Pieces(Province)).Single(c => c.TownshipId == township && c.Industry == industry);

    [Fact]
    public void Location_quotients_match_the_hand_computed_example()
    {
        var cell = Cell(1, "芦笋");
        cell.Enterprises.ShouldBe(2, "“芦笋 ” with a trailing space is the same industry");
        cell.LeadingEnterprises.ShouldBe(1);
        cell.OutputWanYuan.ShouldBe(800m);
        cell.Employment.ShouldBe(80);
        cell.OutputLq.County!.Value.ShouldBe(2.4m, 0.0001m);
        cell.OutputLq.City!.Value.ShouldBe(3.2m, 0.0001m);
        cell.OutputLq.Province!.Value.ShouldBe(3.2m, 0.0001m);
        cell.EmploymentLq.County!.Value.ShouldBe(2.1333m, 0.0001m);
        Cell(3, "铸造").OutputLq.County!.Value.ShouldBe(1m, 0.0001m);
    }

    [Fact]
    public void Concentration_is_the_top_share_and_the_hhi()
    {
        var c = Cell(1, "芦笋").OutputConcentration;
        c.TopShare!.Value.ShouldBe(0.75m, 0.0001m);
        c.Hhi!.Value.ShouldBe(6250m, 0.01m);
        Cell(3, "铸造").OutputConcentration.Hhi!.Value.ShouldBe(10000m, 0.01m, "one enterprise holds everything");
    }

    [Fact]
    public void Enterprises_without_township_or_industry_make_no_cell_but_count_in_the_totals()
    {
        var cells = ClusterMap.Compute(Pieces(Province));
        cells.Count.ShouldBe(7, "townships 1, 2 and 4 have two industries, township 3 one");
        cells.ShouldNotContain(c => c.Industry.Length == 0);
    }

    [Fact]
    public void Zero_denominators_give_no_quotient()
    {
        ClusterMap.LocationQuotient(0, 0, 100, 1000).ShouldBeNull("the township has no output at all");
        ClusterMap.LocationQuotient(0, 100, 0, 1000).ShouldBeNull("the region has none of the industry");
        ClusterMap.LocationQuotient(0, 100, 10, 0).ShouldBeNull();
        ClusterMap.LocationQuotient(0, 100, 10, 1000).ShouldBe(0m, "no industry in a township with output is a real zero");

        // Employment not reported (0) everywhere: quotients on employment cannot be worked out; on output they can.
        var cells = ClusterMap.Compute(Pieces(
            new(1, "X", 1, 10, 100, "芦笋", null, false, 500, 0),
            new(2, "Y", 2, 10, 100, "铸造", null, false, 500, 0)));
        cells.ShouldAllBe(c => c.EmploymentLq.County == null && c.EmploymentConcentration.Hhi == null);
        cells.ShouldAllBe(c => c.OutputLq.County == 2m);
    }

    [Fact]
    public void A_county_s_quotient_for_the_map_is_taken_against_its_city_and_the_province_with_every_enterprise_counted()
    {
        // County 10, 芦笋 on output: 1000 of the county's 3000 (I counts, it has no township) → 1/3.
        //   city 100: 芦笋 1000 of 4000 → 0.25; LQ = (1/3) ÷ 0.25 = 1.3333…; province: 1500 of 6000 → 0.25; the same.
        // County 11, 铸造: 1000 of 1000 → 1; city 100: 铸造 2000 of 4000 → 0.5; LQ 2; province: 铸造 3500 of 6000; LQ = 6000/3500.
        // County 20, 芦笋 on employment: 50 of 200; city 200: 50 of 200 → LQ 1; province: 芦笋 150 of 620 → LQ = 0.25 ÷ (150/620).
        var counties = ClusterMap.Counties(Pieces(Province));
        var asparagus = counties.Single(c => c.CountyId == 10 && c.Industry == "芦笋");
        (asparagus.Enterprises, asparagus.OutputWanYuan, asparagus.Employment).ShouldBe((3, 1000m, 100));
        asparagus.OutputLq.County.ShouldBeNull("against itself a county is always 1");
        asparagus.OutputLq.City!.Value.ShouldBe(4m / 3m, 0.0000001m);
        asparagus.OutputLq.Province!.Value.ShouldBe(4m / 3m, 0.0000001m);
        var casting = counties.Single(c => c.CountyId == 11 && c.Industry == "铸造");
        casting.OutputLq.City.ShouldBe(2m);
        casting.OutputLq.Province!.Value.ShouldBe(6000m / 3500m, 0.0000001m);
        var far = counties.Single(c => c.CountyId == 20 && c.Industry == "芦笋");
        far.EmploymentLq.City.ShouldBe(1m);
        far.EmploymentLq.Province!.Value.ShouldBe(0.25m / (150m / 620m), 0.0000001m);
        counties.ShouldNotContain(c => c.CountyId == 11 && c.Industry == "芦笋");
    }

    [Fact]
    public void Enterprises_added_up_in_pieces_give_the_same_measures_as_one_by_one()
    {
        // What the database hands over at province scale: A and B (township 1, 芦笋) as one sum.
        var a = ClusterPiece.Of(Province[0]);
        var b = ClusterPiece.Of(Province[1]);
        var ab = new ClusterPiece(1, 10, 100, "芦笋", IndustryCategories.SpecialtyAgriculture, 2, 1, 800, 80,
            a.OutputSpread.Plus(b.OutputSpread), a.EmploymentSpread.Plus(b.EmploymentSpread));
        var pieces = Pieces(Province).Skip(2).Prepend(ab).ToList();
        var summed = ClusterMap.Compute(pieces).Single(c => c.TownshipId == 1 && c.Industry == "芦笋");
        var single = Cell(1, "芦笋");
        summed.ShouldBeEquivalentTo(single);
        ClusterMap.Counties(pieces).ShouldBeEquivalentTo(ClusterMap.Counties(Pieces(Province)));

        // A piece that is not positive holds no share; the largest of the pieces is the top share.
        var loss = new ClusterPiece(1, 10, 100, "芦笋", null, 1, 0, -50, 0, Spread.Of(-50), Spread.Of(0));
        var withLoss = ClusterMap.Compute([.. pieces, loss]).Single(c => c.TownshipId == 1 && c.Industry == "芦笋");
        withLoss.Enterprises.ShouldBe(3);
        withLoss.OutputWanYuan.ShouldBe(750m);
        withLoss.OutputConcentration.ShouldBe(single.OutputConcentration, "a loss-making enterprise changes nobody's share");
    }
}
