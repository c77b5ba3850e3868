using Microsoft.AspNetCore.Mvc.ModelBinding;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Applications;

/// <summary>A number input of the form: the fact it states, named in messages as the standards name it (<see cref="FactNames.Numeric"/>).</summary>
public sealed record FactField(string Field, string Fact, string Id, string Label, string Step)
{
    public string Name => FactNames.Numeric[Fact];
    public FigureRule Rule => FigureLimits.ForFact(Fact);
}

/// <summary>The facts an applicant states, as a form; blank means unknown.</summary>
public sealed class FactsForm
{
    public static readonly IReadOnlyList<FactField> Numbers =
    [
        new(nameof(AnnualOutputValueWanYuan), FactNames.AnnualOutputValueWanYuan, "f-output", "年产值（万元）", "0.01"),
        new(nameof(LeadingEnterprises), FactNames.LeadingEnterprises, "f-leading", "龙头企业（家）", "1"),
        new(nameof(SupportingEnterprises), FactNames.SupportingEnterprises, "f-supporting", "配套企业（家，含家庭农场、合作社）", "1"),
        new(nameof(LocalEmployment), FactNames.LocalEmployment, "f-employment", "带动当地就业（人）", "1"),
        new(nameof(ProvincialMarketSharePercent), FactNames.ProvincialMarketSharePercent, "f-province", "全省市场占有率（%）", "0.01"),
        new(nameof(CityMarketSharePercent), FactNames.CityMarketSharePercent, "f-city", "全市市场占有率（%）", "0.01"),
    ];

    public static readonly IReadOnlyList<(string Field, string Label)> Flags =
    [
        (nameof(LargeNationalMarketSpace), "全国拥有较大市场空间"),
        (nameof(HistoricalOriginOrGeographicalIndication), "具有历史发源地、地理标志等传统特色"),
        (nameof(IndustryWithinOneCounty), "主导产业限定在一个县内"),
    ];

    /// <summary>
    /// Every field that cannot stand, by form field: text the binder could not read as its number or choice (which it
    /// would leave blank), then the figures out of the range an application's facts must keep to (<see cref="ApplicationService.FactProblems"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Problems(ModelStateDictionary state, string prefix, string townName, string category)
    {
        var problems = state.UnreadableFigures(prefix, Numbers.Select(f => (f.Field, f.Name, f.Rule)));
        foreach (var (field, label) in Flags)
            if (state.TryGetValue($"{prefix}.{field}", out var entry) && entry.Errors.Count > 0) problems[field] = $"“{label}”请选择“是”“否”或“未说明”";
        foreach (var (fact, message) in ApplicationService.FactProblems(ToFacts(townName, category)))
            problems.TryAdd(Numbers.Single(f => f.Fact == fact).Field, message);
        return problems;
    }

    public decimal? AnnualOutputValueWanYuan { get; set; }
    public int? LeadingEnterprises { get; set; }
    public int? SupportingEnterprises { get; set; }
    public int? LocalEmployment { get; set; }
    public decimal? ProvincialMarketSharePercent { get; set; }
    public decimal? CityMarketSharePercent { get; set; }
    public bool? LargeNationalMarketSpace { get; set; }
    public bool? HistoricalOriginOrGeographicalIndication { get; set; }
    public bool? IndustryWithinOneCounty { get; set; }

    /// <summary>Blanks the fields named (the form still shows what was typed in them, from the posted values).</summary>
    public void Forget(IEnumerable<string> fields)
    {
        foreach (var field in fields) typeof(FactsForm).GetProperty(field)!.SetValue(this, null);
    }

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
