using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Tests.Applications;

public class DeclaredFactsTests
{
    [Fact]
    public void Each_declared_figure_stands_beside_the_registered_one_and_a_difference_is_flagged()
    {
        var registered = new TownFacts { Category = "manufacturing", AnnualOutputValueWanYuan = 16000, LocalEmployment = 1800, ProvincialMarketSharePercent = 6, LeadingEnterprises = 2 };
        var declared = registered with { AnnualOutputValueWanYuan = 25000, LocalEmployment = 2100, ProvincialMarketSharePercent = 55, CityMarketSharePercent = 30 };

        var rows = DeclaredFacts.Compare(registered, declared).ToDictionary(r => r.Fact);

        rows[FactNames.AnnualOutputValueWanYuan].ShouldSatisfyAllConditions(
            r => r.Name.ShouldBe("年产值"), r => r.Registered.ShouldBe(16000m), r => r.Declared.ShouldBe(25000m),
            r => r.Differs.ShouldBeTrue(), r => r.Difference.ShouldBe("申报高于平台登记 56%"));
        rows[FactNames.LocalEmployment].Difference.ShouldBe("申报高于平台登记 17%");
        rows[FactNames.ProvincialMarketSharePercent].Differs.ShouldBeTrue();
        rows[FactNames.CityMarketSharePercent].Difference.ShouldBe("平台无登记数据");
        rows[FactNames.LeadingEnterprises].Differs.ShouldBeFalse();
        rows[FactNames.SupportingEnterprises].Differs.ShouldBeFalse("neither side states it");
        DeclaredFacts.Compare(null, declared).Count(r => r.Differs).ShouldBe(5, "nothing registered: every declared figure is to be checked");
    }

    [Fact]
    public void What_the_decision_must_settle_names_each_differing_figure_with_both_numbers_and_nothing_when_they_agree()
    {
        var registered = new TownFacts { Category = "specialty-agriculture", AnnualOutputValueWanYuan = 6000, SupportingEnterprises = 4, LeadingEnterprises = 1 };

        DeclaredFacts.ToSettle(DeclaredFacts.Compare(registered, registered)).ShouldBeNull("an application without a difference is decided as before");
        DeclaredFacts.ToSettle(DeclaredFacts.Compare(registered, registered with { SupportingEnterprises = 12, AnnualOutputValueWanYuan = 25000 }))
            .ShouldBe("年产值申报 2.50亿元，平台登记 6,000万元；配套企业申报 12 家，平台登记 4 家");
        DeclaredFacts.ToSettle(DeclaredFacts.Compare(null, new TownFacts { Category = "manufacturing", LocalEmployment = 2100 }))
            .ShouldBe("带动就业申报 2,100 人，平台无登记数据");
    }
}
