namespace SpecializedTowns.Core.Commendations;

/// <summary>
/// A leading product's national market-share rank (全国市场占有率排名) for one year, as a ranking published by an industry
/// association or statistics office says, recorded by the leading-group office. The platform keeps no other place for it;
/// 朔政办发〔2023〕19号 四（九） commends a product entering the national top 10 for the first time.
/// </summary>
public sealed class ProductMarketRank
{
    public int Id { get; set; }
    public int SpecializedTownId { get; set; }
    public Towns.SpecializedTown? Town { get; set; }

    /// <summary>The enterprise whose product is ranked; null when the ranking is of the town's product as a whole.</summary>
    public int? EnterpriseId { get; set; }
    public Enterprises.Enterprise? Enterprise { get; set; }

    public required string Product { get; set; }
    public int Year { get; set; }
    public int Rank { get; set; }

    /// <summary>Who published the ranking (e.g. 中国乳制品工业协会《2024年度行业排名》).</summary>
    public required string RankingSource { get; set; }
    public string? Note { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public bool IsDemo { get; set; }
}

public static class MarketRankLimits
{
    public const int Product = 100;
    public const int Source = 200;
    public const int Note = 500;
    public const int RecordedBy = 100;
    public const int MinYear = 2000;
    public const int MaxRank = 1000;
}
