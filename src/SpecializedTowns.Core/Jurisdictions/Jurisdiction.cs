namespace SpecializedTowns.Core.Jurisdictions;

public enum JurisdictionLevel
{
    Province = 1,
    City = 2,
    County = 3,
    Township = 4,
}

/// <summary>省 → 市 → 县（市、区）→ 乡/镇/街道. Data scope follows this tree.</summary>
public sealed class Jurisdiction
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public JurisdictionLevel Level { get; set; }

    /// <summary>Administrative division code (GB/T 2260), where known.</summary>
    public string? Code { get; set; }

    public int? ParentId { get; set; }
    public Jurisdiction? Parent { get; set; }

    /// <summary>Names from the province down, joined by '/': keeps scope queries to a prefix match.</summary>
    public string Path { get; set; } = "";

    /// <summary>Whether a path is the area itself or lies below it ("山西省/运城市外" is not within "山西省/运城市").</summary>
    public static bool IsWithin(string path, string area) => path == area || path.StartsWith(area + "/", StringComparison.Ordinal);

    /// <summary>
    /// The city a county's path lies in (省/市/县 → 市), for lists read across a province; null for a county directly under its
    /// province (省直辖县级行政单位), which has no city.
    /// </summary>
    public static string? CityOf(string countyPath) => countyPath.Split('/') is { Length: >= 3 } parts ? parts[^2] : null;

    public static string LevelName(JurisdictionLevel level) => level switch
    {
        JurisdictionLevel.Province => "省",
        JurisdictionLevel.City => "市",
        JurisdictionLevel.County => "县（市、区）",
        _ => "乡镇（街道）",
    };
}
