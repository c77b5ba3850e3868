using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Web.Pages.Applications;

/// <summary>The facts an applicant states, as a form; blank means unknown.</summary>
public sealed class FactsForm
{
    public decimal? AnnualOutputValueWanYuan { get; set; }
    public int? LeadingEnterprises { get; set; }
    public int? SupportingEnterprises { get; set; }
    public int? LocalEmployment { get; set; }
    public decimal? ProvincialMarketSharePercent { get; set; }
    public decimal? CityMarketSharePercent { get; set; }
    public bool? LargeNationalMarketSpace { get; set; }
    public bool? HistoricalOriginOrGeographicalIndication { get; set; }
    public bool? IndustryWithinOneCounty { get; set; }

    public static FactsForm From(TownFacts f) => new()
    {
        AnnualOutputValueWanYuan = f.AnnualOutputValueWanYuan is { } v ? Quantity.Normalize(v) : null,
        LeadingEnterprises = f.LeadingEnterprises, SupportingEnterprises = f.SupportingEnterprises, LocalEmployment = f.LocalEmployment,
        ProvincialMarketSharePercent = f.ProvincialMarketSharePercent is { } p ? Quantity.Normalize(p) : null,
        CityMarketSharePercent = f.CityMarketSharePercent is { } c ? Quantity.Normalize(c) : null,
        LargeNationalMarketSpace = f.LargeNationalMarketSpace, HistoricalOriginOrGeographicalIndication = f.HistoricalOriginOrGeographicalIndication,
        IndustryWithinOneCounty = f.IndustryWithinOneCounty,
    };

    public TownFacts ToFacts(string name, string category) => new()
    {
        Name = name, Category = category, AnnualOutputValueWanYuan = AnnualOutputValueWanYuan, LeadingEnterprises = LeadingEnterprises,
        SupportingEnterprises = SupportingEnterprises, LocalEmployment = LocalEmployment, ProvincialMarketSharePercent = ProvincialMarketSharePercent,
        CityMarketSharePercent = CityMarketSharePercent, LargeNationalMarketSpace = LargeNationalMarketSpace,
        HistoricalOriginOrGeographicalIndication = HistoricalOriginOrGeographicalIndication, IndustryWithinOneCounty = IndustryWithinOneCounty,
    };
}
