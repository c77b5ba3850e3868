using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Support;

/// <summary>
/// What of the support registers a person sees: an office, member unit or leader everything of the counties at or below
/// their jurisdiction; township staff what concerns their own towns (and their enterprises); the administrator everything.
/// </summary>
public static class SupportScope
{
    /// <summary>Offices keep the registers; leaders, member units and townships read them.</summary>
    public static bool CanEdit(UserScope scope) => scope.Role is Roles.Admin or Roles.Office;

    public static IQueryable<FundGrant> Grants(TownsDbContext db, UserScope scope)
    {
        if (scope.IsAdmin) return db.FundGrants;
        if (scope.Role == Roles.Township)
        {
            var towns = scope.Towns(db).Select(t => t.Id);
            return db.FundGrants.Where(g => g.SpecializedTownId != null && towns.Contains(g.SpecializedTownId.Value));
        }
        var counties = Counties(db, scope);
        return counties is null ? db.FundGrants.Where(_ => false) : db.FundGrants.Where(g => counties.Contains(g.CountyId));
    }

    public static IQueryable<WhiteListEntry> WhiteList(TownsDbContext db, UserScope scope)
    {
        if (scope.IsAdmin) return db.WhiteListEntries;
        if (scope.Role == Roles.Township)
        {
            var enterprises = scope.Enterprises(db).Select(e => e.Id);
            return db.WhiteListEntries.Where(w => enterprises.Contains(w.EnterpriseId));
        }
        var counties = Counties(db, scope);
        return counties is null ? db.WhiteListEntries.Where(_ => false) : db.WhiteListEntries.Where(w => counties.Contains(w.CountyId));
    }

    public static IQueryable<ListingCandidate> Listing(TownsDbContext db, UserScope scope)
    {
        if (scope.IsAdmin) return db.ListingCandidates;
        if (scope.Role == Roles.Township)
        {
            var enterprises = scope.Enterprises(db).Select(e => e.Id);
            return db.ListingCandidates.Where(c => enterprises.Contains(c.EnterpriseId));
        }
        var counties = Counties(db, scope);
        return counties is null ? db.ListingCandidates.Where(_ => false) : db.ListingCandidates.Where(c => counties.Contains(c.CountyId));
    }

    public static IQueryable<GeoIndicationApplication> GeoIndications(TownsDbContext db, UserScope scope)
    {
        if (scope.IsAdmin) return db.GeoIndications;
        if (scope.Role == Roles.Township)
        {
            var towns = scope.Towns(db).Select(t => t.Id);
            return db.GeoIndications.Where(g => g.SpecializedTownId != null && towns.Contains(g.SpecializedTownId.Value));
        }
        var counties = Counties(db, scope);
        return counties is null ? db.GeoIndications.Where(_ => false) : db.GeoIndications.Where(g => counties.Contains(g.CountyId));
    }


    private static IQueryable<int>? Counties(TownsDbContext db, UserScope scope) =>
        scope.Role is Roles.Office or Roles.MemberUnit or Roles.Leader ? UserScope.CountiesUnder(db, scope.JurisdictionPath) : null;
}
