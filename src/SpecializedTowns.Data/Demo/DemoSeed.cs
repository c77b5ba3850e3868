namespace SpecializedTowns.Data.Demo;

// Shape of demo-seed.yaml. Only the demo loader reads it.

internal sealed class DemoSeed
{
    public List<SeedTown> Towns { get; set; } = [];
}

internal sealed class SeedTown
{
    public string Name { get; set; } = "";
    public string County { get; set; } = "";
    public List<string> Townships { get; set; } = [];
    public string Category { get; set; } = "";
    public string LeadingIndustry { get; set; } = "";
    public List<string> LeadingProducts { get; set; } = [];
    public string? Policy { get; set; }
    public string Tier { get; set; } = "";
    public List<SeedTierChange> TierHistory { get; set; } = [];
    public bool HistoricalOriginOrGeographicalIndication { get; set; }
    public bool? LargeNationalMarketSpace { get; set; }
    public SeedFigures Base { get; set; } = new();
    public decimal GrowthPercent { get; set; }
    public List<SeedBrand> Brands { get; set; } = [];
    public List<SeedStandard> Standards { get; set; } = [];
    public List<SeedEnterprise> Enterprises { get; set; } = [];
}

internal sealed class SeedTierChange
{
    public string Tier { get; set; } = "";
    public string? Standard { get; set; }
    public string Date { get; set; } = "";
    public string? DocumentNumber { get; set; }
    public string? Note { get; set; }
}

internal sealed class SeedFigures
{
    public decimal OutputValueWanYuan { get; set; }
    public decimal RevenueWanYuan { get; set; }
    public decimal TaxWanYuan { get; set; }
    public int Employment { get; set; }
    public decimal ProvincialMarketSharePercent { get; set; }
    public decimal CityMarketSharePercent { get; set; }
    public decimal ExportWanYuan { get; set; }
    public int Patents { get; set; }
    public int PublicServicePlatforms { get; set; }
}

internal sealed class SeedBrand
{
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Level { get; set; } = "";
}

internal sealed class SeedStandard
{
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Role { get; set; } = "";
}

internal sealed class SeedEnterprise
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string? Township { get; set; }
    public bool AboveScale { get; set; }
    public List<string> Designations { get; set; } = [];
    public decimal OutputValueWanYuan { get; set; }
    public int Employment { get; set; }
}
