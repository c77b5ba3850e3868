using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Data.Towns;

public static class TownScope
{
    /// <summary>Towns of every county whose path passes through the named jurisdiction (a county, city or the province).</summary>
    public static IQueryable<SpecializedTown> Under(this IQueryable<SpecializedTown> towns, string? jurisdiction)
    {
        if (string.IsNullOrWhiteSpace(jurisdiction)) return towns;
        var name = jurisdiction.Trim();
        return towns.Where(t => t.County!.Name == name || t.County.Path.StartsWith(name + "/") || t.County.Path.Contains("/" + name + "/"));
    }
}
