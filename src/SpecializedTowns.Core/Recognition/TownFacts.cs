namespace SpecializedTowns.Core.Recognition;

/// <summary>What is known about a town when it is checked against a standard. Null means unknown.</summary>
public sealed record TownFacts
{
    public string? Name { get; init; }
    public required string Category { get; init; }
    public decimal? AnnualOutputValueWanYuan { get; init; }
    public int? LeadingEnterprises { get; init; }
    public int? SupportingEnterprises { get; init; }
    public int? LocalEmployment { get; init; }
    public decimal? ProvincialMarketSharePercent { get; init; }
    public decimal? CityMarketSharePercent { get; init; }
    public bool? LargeNationalMarketSpace { get; init; }
    public bool? HistoricalOriginOrGeographicalIndication { get; init; }
    public bool? IndustryWithinOneCounty { get; init; }

    /// <summary>Priority-factor keys the town's enterprises hold (国家级企业技术中心, 专精特新 …).</summary>
    public IReadOnlyList<string> Designations { get; init; } = [];

    /// <summary>The expert panel's conclusion per criterion key.</summary>
    public IReadOnlyDictionary<string, bool> ExpertConclusions { get; init; } = new Dictionary<string, bool>();

    /// <summary>
    /// The criteria the town was recognised under a relaxation of (<see cref="Relaxations.Granted"/>): the yearly check holds
    /// it to the relaxed floor it was recognised on, not to the full standard it was never asked to meet.
    /// </summary>
    public IReadOnlyCollection<string> RelaxedCriteria { get; init; } = [];

    public decimal? Number(string fact) => fact switch
    {
        FactNames.AnnualOutputValueWanYuan => AnnualOutputValueWanYuan,
        FactNames.LeadingEnterprises => LeadingEnterprises,
        FactNames.SupportingEnterprises => SupportingEnterprises,
        FactNames.LocalEmployment => LocalEmployment,
        FactNames.ProvincialMarketSharePercent => ProvincialMarketSharePercent,
        FactNames.CityMarketSharePercent => CityMarketSharePercent,
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, "not a numeric fact"),
    };

    public bool? Flag(string fact) => fact switch
    {
        FactNames.LargeNationalMarketSpace => LargeNationalMarketSpace,
        FactNames.HistoricalOriginOrGeographicalIndication => HistoricalOriginOrGeographicalIndication,
        FactNames.IndustryWithinOneCounty => IndustryWithinOneCounty,
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, "not a yes/no fact"),
    };
}
