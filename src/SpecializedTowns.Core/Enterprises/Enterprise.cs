using SpecializedTowns.Core.Jurisdictions;

namespace SpecializedTowns.Core.Enterprises;

public enum EnterpriseRole
{
    Leading = 1,
    Supporting = 2,
    FamilyFarm = 3,
    Cooperative = 4,
}

public sealed class Enterprise : IVersioned
{
    /// <summary>Edit-form version (see <see cref="IVersioned"/>).</summary>
    public int Version { get; set; }

    public const int MaxIndustry = 50;

    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>统一社会信用代码, checked by <see cref="Uscc"/>.</summary>
    public required string Uscc { get; set; }

    public int CountyId { get; set; }
    public Jurisdiction? County { get; set; }
    public int? TownshipId { get; set; }
    public int? SpecializedTownId { get; set; }
    public EnterpriseRole Role { get; set; }

    /// <summary>
    /// 所属产业 in the words the county uses for its towns' leading industries (电机, 食用菌 …). Null for an enterprise
    /// of a specialized town means the town's leading industry; the cluster mapping of 储备培育 groups by it.
    /// </summary>
    public string? Industry { get; set; }

    /// <summary>Contract key of the industry category (制造业, 特优农业 …); null for a town's enterprise means the town's.</summary>
    public string? IndustryCategory { get; set; }

    /// <summary>规模以上 (above designated size).</summary>
    public bool IsAboveScale { get; set; }

    public List<EnterpriseDesignation> Designations { get; set; } = [];
    public List<EnterpriseAnnualStatistics> Statistics { get; set; } = [];
    public bool IsDemo { get; set; }

    public static string RoleName(EnterpriseRole role) => role switch
    {
        EnterpriseRole.Leading => "龙头企业",
        EnterpriseRole.Supporting => "配套企业",
        EnterpriseRole.FamilyFarm => "家庭农场",
        _ => "专业合作社",
    };
}

/// <summary>A designation such as 专精特新 or 省级企业技术中心; keys as in the pack format's priority factors, plus high-tech.</summary>
public sealed class EnterpriseDesignation
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public required string Key { get; set; }
    public int? Year { get; set; }
}

public sealed class EnterpriseAnnualStatistics
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public int Year { get; set; }
    public decimal? OutputValueWanYuan { get; set; }
    public decimal? RevenueWanYuan { get; set; }
    public decimal? TaxWanYuan { get; set; }
    public int? Employment { get; set; }
    public decimal? ExportWanYuan { get; set; }
    public int? Patents { get; set; }
    public bool IsDemo { get; set; }
}
