using System.Security.Claims;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Towns;

namespace SpecializedTowns.Data.Accounts;

/// <summary>
/// What a signed-in person may see, enforced in the queries for pages and API alike: a city office its
/// counties, a county office its county, township staff their own towns, an expert only what is assigned.
/// </summary>
public sealed record UserScope(int UserId, string Role, string JurisdictionPath, int? TownId)
{
    public const string JurisdictionPathClaim = "st:jurisdiction_path";
    public const string TownClaim = "st:town_id";
    public const string DisplayNameClaim = "st:display_name";
    public const string UnitClaim = "st:unit_id";

    /// <summary>The jurisdiction the account belongs to; JurisdictionPathClaim may be narrowed below it for a session (top-bar switch).</summary>
    public const string HomePathClaim = "st:home_path";

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>The account's own jurisdiction, which the top-bar switch never changes; it decides what the person's level may do.</summary>
    public string HomePath { get; init; } = JurisdictionPath;

    /// <summary>The unit the person works in; a member unit sees and updates the work it leads or cooperates on.</summary>
    public int? UnitId { get; init; }

    /// <summary>The scope of a principal signed in with the platform's claims; null when it lacks them.</summary>
    public static UserScope? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var id = int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var i) ? i : 0;
        var path = user.FindFirstValue(JurisdictionPathClaim);
        var role = Roles.All.FirstOrDefault(user.IsInRole);
        if (id == 0 || path is null || role is null) return null;
        return new UserScope(id, role, path, int.TryParse(user.FindFirstValue(TownClaim), out var t) ? t : null)
        {
            HomePath = user.FindFirstValue(HomePathClaim) ?? path,
            UnitId = int.TryParse(user.FindFirstValue(UnitClaim), out var u) ? u : null,
        };
    }

    public IQueryable<SpecializedTown> Towns(IQueryable<SpecializedTown> towns) => Role switch
    {
        Roles.Admin => towns,
        Roles.Office or Roles.MemberUnit or Roles.Leader => towns.Under(JurisdictionPath),
        Roles.Township => towns.Where(t => t.Id == TownId || t.Townships.Any(x => x.Township!.Path == JurisdictionPath)),
        _ => towns.Where(_ => false),
    };

    public IQueryable<Enterprise> Enterprises(IQueryable<Enterprise> enterprises, IQueryable<SpecializedTown> towns)
    {
        // Built outside the lambda so that EF Core inlines it as a subquery.
        var ownTowns = Towns(towns).Select(t => t.Id);
        return Role switch
        {
            Roles.Admin => enterprises,
            Roles.Office or Roles.MemberUnit or Roles.Leader => enterprises.Where(e => e.County!.Path == JurisdictionPath || e.County.Path.StartsWith(JurisdictionPath + "/")),
            Roles.Township => enterprises.Where(e => e.SpecializedTownId != null && ownTowns.Contains(e.SpecializedTownId.Value)),
            _ => enterprises.Where(_ => false),
        };
    }

    /// <summary>The jurisdiction paths the person may filter by: their own and everything below it.</summary>
    public bool Covers(string path) => IsAdmin || path == JurisdictionPath || path.StartsWith(JurisdictionPath + "/", StringComparison.Ordinal);
}
