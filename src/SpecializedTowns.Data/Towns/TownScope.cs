using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Data.Towns;

public static class TownScope
{
    /// <summary>Towns of every county at or below a jurisdiction path (山西省/运城市 → all of 运城's counties).</summary>
    public static IQueryable<SpecializedTown> Under(this IQueryable<SpecializedTown> towns, TownsDbContext db, string? jurisdictionPath)
    {
        if (string.IsNullOrWhiteSpace(jurisdictionPath)) return towns;
        var path = jurisdictionPath.Trim().TrimEnd('/');
        if (Accounts.UserScope.PlacesAsIds(db))
        {
            var counties = Accounts.UserScope.CountiesUnder(db, path);
            return towns.Where(t => counties.Contains(t.CountyId));
        }
        var under = path + "/";
        return towns.Where(t => t.County!.Path == path || t.County.Path.StartsWith(under));
    }
}
