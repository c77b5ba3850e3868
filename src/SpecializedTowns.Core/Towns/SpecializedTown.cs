using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Towns;

public enum Tier
{
    /// <summary>
    /// 不再列入专业镇名录 (退出, decision 0024): below 储备, so that every “at least 储备/县级” comparison leaves the town out,
    /// while its history, statistics, evaluations and projects stay where they are. Recorded as a step of the tier history
    /// with its 文号 and day, like any other change of tier.
    /// </summary>
    Delisted = 0,
    Reserve = 1,
    County = 2,
    Municipal = 3,
    Provincial = 4,
}

public static class Tiers
{
    public static string Chinese(Tier tier) => tier switch
    {
        Tier.Delisted => "已退出",
        Tier.Reserve => "储备",
        Tier.County => "县级",
        Tier.Municipal => "市级",
        _ => "省级",
    };

    /// <summary>The tiers of the 名录, highest first: every count of towns by tier (dashboard, cities, filters) runs over these.</summary>
    public static readonly IReadOnlyList<Tier> OnList = [Tier.Provincial, Tier.Municipal, Tier.County, Tier.Reserve];

    /// <summary>On the 名录 (储备 or recognised): counted, offered for new work, evaluated.</summary>
    public static bool IsListed(Tier tier) => tier != Tier.Delisted;

    /// <summary>Recognised at some tier (县级 and above): neither 储备 nor taken off the list.</summary>
    public static bool IsRecognised(Tier tier) => tier >= Tier.County;

    /// <summary>The pack word for a tier (reserve, county, municipal, provincial).</summary>
    public static string Key(Tier tier) => tier.ToString().ToLowerInvariant();

    /// <summary>The pack word or the Chinese name (储备、县级、市级、省级).</summary>
    public static Tier? Parse(string? key) => key?.Trim() switch
    {
        "reserve" or "储备" => Tier.Reserve,
        "county" or "县级" => Tier.County,
        "municipal" or "市级" => Tier.Municipal,
        "provincial" or "省级" => Tier.Provincial,
        _ => null,
    };
}

/// <summary>专业镇: an industry cluster recognised in a county; may span several townships.</summary>
public sealed class SpecializedTown : IVersioned
{
    /// <summary>Edit-form version (see <see cref="IVersioned"/>).</summary>
    public int Version { get; set; }

    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The county (or county-level city/district) that applies for and builds the town.</summary>
    public int CountyId { get; set; }
    public Jurisdiction? County { get; set; }

    public List<TownTownship> Townships { get; set; } = [];

    /// <summary>Contract key of the industry category (see <see cref="IndustryCategories"/>).</summary>
    public required string Category { get; set; }
    public required string LeadingIndustry { get; set; }
    public string? LeadingProducts { get; set; }

    public Tier Tier { get; set; } = Tier.Reserve;
    public List<TierChange> TierHistory { get; set; } = [];

    /// <summary>
    /// On the 名录 (<see cref="Tiers.IsListed"/>) as a query writes it: the lists, counts and pickers of new work keep only these;
    /// a town taken off the list is read through its own page and the 已退出 filter.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<SpecializedTown, bool>> Listed = t => t.Tier != Tier.Delisted;

    /// <summary>Policy pack id of the document the town is run under.</summary>
    public string? PolicyId { get; set; }

    public bool HistoricalOriginOrGeographicalIndication { get; set; }

    /// <summary>The town's claim of "全国拥有较大市场空间"; an expert confirms it.</summary>
    public bool? LargeNationalMarketSpace { get; set; }

    public List<TownAnnualStatistics> Statistics { get; set; } = [];
    public List<Brand> Brands { get; set; } = [];
    public List<IndustryStandardRecord> IndustryStandards { get; set; } = [];

    /// <summary>Demo figures are marked so that no one mistakes them for statistics.</summary>
    public bool IsDemo { get; set; }
}

public sealed class TownTownship
{
    public int SpecializedTownId { get; set; }
    public int TownshipId { get; set; }
    public Jurisdiction? Township { get; set; }
}

/// <summary>One step on the tier ladder: which tier, under which standard, when, by which document.</summary>
public sealed class TierChange
{
    public int Id { get; set; }
    public int SpecializedTownId { get; set; }
    public Tier Tier { get; set; }
    public string? StandardId { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public string? DocumentNumber { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// A specialized town's figures for one year (万元, 人, %). A town's latest figures are those of the newest year whose 年产值
/// is filled (<see cref="IsReported"/>): a year begun with only its 营收 does not hide the last complete one from the lists,
/// the dashboard and the recognition checks.
/// </summary>
public sealed class TownAnnualStatistics
{
    /// <summary>Whether a year counts as the town's figures (its 年产值 is filled); a query writes it as OutputValueWanYuan != null.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<TownAnnualStatistics, bool>> IsReported = s => s.OutputValueWanYuan != null;

    public int Id { get; set; }
    public int SpecializedTownId { get; set; }
    public int Year { get; set; }
    public decimal? OutputValueWanYuan { get; set; }
    public decimal? RevenueWanYuan { get; set; }
    public decimal? TaxWanYuan { get; set; }
    public int? Employment { get; set; }
    public decimal? ProvincialMarketSharePercent { get; set; }
    public decimal? CityMarketSharePercent { get; set; }
    public decimal? NationalMarketSharePercent { get; set; }
    public decimal? ExportWanYuan { get; set; }
    public int? Patents { get; set; }
    public int? PublicServicePlatforms { get; set; }

    /// <summary>Counts as reported for the year; the enterprise registry may hold only some of them.</summary>
    public int? LeadingEnterprises { get; set; }
    public int? SupportingEnterprises { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>区域公用品牌, 企业品牌, 产品品牌, and 地理标志 (a geographical indication, counted as a brand and on its own).</summary>
public enum BrandKind { Regional = 1, Enterprise = 2, Product = 3, GeographicalIndication = 4 }

public enum RecognitionLevel { National = 1, Provincial = 2, Municipal = 3 }

/// <summary>
/// A title a brand holds that the texts count: “山西精品”公用品牌 (朔政办发〔2023〕19号 四（四） sets a quota of them per town),
/// 中华老字号 and 三晋老字号 (四（十四） "加大‘老字号’保护力度"), 中国驰名商标.
/// </summary>
public enum BrandHonour { ShanxiJingpin = 1, ChinaTimeHonoured = 2, ShanxiTimeHonoured = 3, WellKnownTrademark = 4 }

/// <summary>The Chinese names of a brand's kind, level and honour, as every page and document writes them.</summary>
public static class BrandNames
{
    public static string Of(BrandKind kind) => kind switch
    {
        BrandKind.Regional => "区域公用品牌",
        BrandKind.Enterprise => "企业品牌",
        BrandKind.Product => "产品品牌",
        _ => "地理标志",
    };

    public static string Of(RecognitionLevel level) => level switch
    {
        RecognitionLevel.National => "国家级",
        RecognitionLevel.Provincial => "省级",
        _ => "市级",
    };

    public static string Of(BrandHonour honour) => honour switch
    {
        BrandHonour.ShanxiJingpin => "山西精品",
        BrandHonour.ChinaTimeHonoured => "中华老字号",
        BrandHonour.ShanxiTimeHonoured => "三晋老字号",
        _ => "中国驰名商标",
    };
}

public sealed class Brand
{
    public const int MaxName = 100;

    public int Id { get; set; }
    public int? SpecializedTownId { get; set; }
    public int? EnterpriseId { get; set; }
    public required string Name { get; set; }
    public BrandKind Kind { get; set; }
    public RecognitionLevel Level { get; set; }
    public int? Year { get; set; }
    public BrandHonour? Honour { get; set; }
}

public enum StandardKind { National = 1, Industry = 2, Local = 3, Group = 4 }

public enum StandardRole { Led = 1, Joined = 2 }

public static class StandardNames
{
    public static string Chinese(StandardKind kind) => kind switch
    {
        StandardKind.National => "国家标准",
        StandardKind.Industry => "行业标准",
        StandardKind.Local => "地方标准",
        _ => "团体标准",
    };

    public static string Chinese(StandardRole role) => role == StandardRole.Led ? "主导" : "参与";
}

/// <summary>An industry standard (国家/行业/地方/团体标准) led or joined by a town's enterprises.</summary>
public sealed class IndustryStandardRecord
{
    public int Id { get; set; }
    public int? SpecializedTownId { get; set; }
    public int? EnterpriseId { get; set; }
    public required string Name { get; set; }
    public string? Code { get; set; }
    public StandardKind Kind { get; set; }
    public StandardRole Role { get; set; }

    /// <summary>The year the standard was issued, for 新增标准 in the annual evaluation; unknown for older records.</summary>
    public int? Year { get; set; }
}

/// <summary>
/// Which step of a town's history its tier rests on: what the certificate prints and the evaluation's 认定层级 cites. A step
/// without a standard (a government document naming the town, decision 0019) records the town under a document; it does not
/// replace an earlier recognition against a standard at the same tier, which is what the tier rests on as long as the town
/// keeps it. 朔政办发〔2023〕19号 二 sets 怀仁陶瓷 the goal of becoming “全国知名的省级专业镇” a year after its 2022 provincial
/// recognition; a city's document cannot recognise a provincial town, and the certificate must not say it did (qa96 2).
/// </summary>
public static class TierStanding
{
    /// <summary>
    /// Among the unbroken run of latest steps at the tier held on <paramref name="day"/> (all of them without a day), the latest
    /// against a standard, else the latest; null before the first step.
    /// </summary>
    public static TierChange? On(IEnumerable<TierChange> history, DateOnly? day = null)
    {
        var steps = history.Where(c => day is null || c.EffectiveOn <= day).OrderBy(c => c.EffectiveOn).ThenBy(c => c.Id).ToList();
        if (steps.Count == 0) return null;
        var tier = steps[^1].Tier;
        for (var i = steps.Count - 1; i >= 0 && steps[i].Tier == tier; i--)
            if (steps[i].StandardId is not null) return steps[i];
        return steps[^1];
    }

    /// <summary>
    /// The tier a town held on a day: its last step by then, 储备 before its first step, and its present tier when it has no
    /// history at all. The one rule for “the tier in the year evaluated”: who a year's evaluation ranks (recognised that year,
    /// not today) and the 认定层级 it is scored on.
    /// </summary>
    public static Tier HeldOn(IEnumerable<TierChange> history, Tier present, DateOnly day)
    {
        var steps = history as IReadOnlyCollection<TierChange> ?? history.ToList();
        return On(steps, day)?.Tier ?? (steps.Count == 0 ? present : Tier.Reserve);
    }
}
