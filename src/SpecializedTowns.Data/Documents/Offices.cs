using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Data.Documents;

/// <summary>Who issues a document for an area: the leading group its own document names, else the usual name.</summary>
public static class Offices
{
    /// <summary>"新绛县专业镇发展领导小组" as 新政办发〔2023〕33号 names it; "运城市专业镇发展领导小组" where no document of that area names one.</summary>
    public static string LeadingGroup(PolicyCatalog catalog, string areaPath) =>
        catalog.Packs.FirstOrDefault(p => string.Join("/", p.Document.JurisdictionPath) == areaPath && p.Mechanisms.LeadingGroup is { Name.Length: > 0 })
            ?.Mechanisms.LeadingGroup!.Name
        ?? $"{AreaName(areaPath)}专业镇发展领导小组";

    /// <summary>The leading group's office (领导小组办公室), which drafts, prints and sends its documents.</summary>
    public static string Office(PolicyCatalog catalog, string areaPath) => LeadingGroup(catalog, areaPath) + "办公室";

    /// <summary>The last name of a jurisdiction path: 山西省/运城市 → 运城市.</summary>
    public static string AreaName(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
}
