using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Enterprises;
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

    /// <summary>The scope holds more than one county: a city, the province, or all of it for the administrator.</summary>
    public bool SpansCounties => IsAdmin || JurisdictionPath.Count(c => c == '/') < 2;

    /// <summary>The scope holds more than one city: the province (its office and leaders), or all of it for the administrator.</summary>
    public bool SpansCities => IsAdmin || !JurisdictionPath.Contains('/');

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

    public IQueryable<SpecializedTown> Towns(TownsDbContext db) => Role switch
    {
        Roles.Admin => db.Towns,
        Roles.Office or Roles.MemberUnit or Roles.Leader => db.Towns.Under(db, JurisdictionPath),
        Roles.Township => db.Towns.Where(t => TownshipTownIds(db).Contains(t.Id)),
        _ => db.Towns.Where(_ => false),
    };

    /// <summary>
    /// Township staff's towns: their own, and those covering their township, as the union of two lookups. Written as
    /// "id = $1 OR EXISTS (its townships)", PostgreSQL could not tell how few towns that is, and a township's bell sorted the
    /// warnings of the province's 20,000 projects to find its 60 (68 ms; read from the union, 2 ms).
    /// </summary>
    private IQueryable<int> TownshipTownIds(TownsDbContext db) =>
        db.Towns.Where(t => t.Id == TownId).Select(t => t.Id)
            .Union(db.TownTownships.Where(x => x.Township!.Path == JurisdictionPath).Select(x => x.SpecializedTownId));

    public IQueryable<Enterprise> Enterprises(TownsDbContext db) => Enterprises(db, byCountyIds: false);

    /// <summary>
    /// The same enterprises with an office's scope as "county_id IN (the jurisdictions under its path)", which the database
    /// reads from each county's range of an enterprise index: for a count, and for 企业名录 sorted by output or name below a
    /// province (a county's last page from its own range instead of walking the province's order; see EnterpriseQueries). Joined on the path, SQLite walked all
    /// 300,000 enterprises of the province even to count one county (160 ms against 2 ms). Not for a page in place order,
    /// where the join walks the counties in path order and stops at the page, nor for a name search, which reads every row
    /// anyway and would then look each one up from the index (340 ms against 120 ms).
    /// </summary>
    public IQueryable<Enterprise> EnterprisesByCountyIds(TownsDbContext db) => Enterprises(db, byCountyIds: true);

    private IQueryable<Enterprise> Enterprises(TownsDbContext db, bool byCountyIds)
    {
        // Built outside the lambdas so that EF Core inlines them as subqueries.
        var ownTowns = Towns(db).Select(t => t.Id);
        var counties = CountiesUnder(db, JurisdictionPath);
        var (path, under) = (JurisdictionPath, JurisdictionPath + "/");
        return Role switch
        {
            Roles.Admin => db.Enterprises,
            Roles.Office or Roles.MemberUnit or Roles.Leader when byCountyIds => db.Enterprises.Where(e => counties.Contains(e.CountyId)),
            Roles.Office or Roles.MemberUnit or Roles.Leader => db.Enterprises.Where(e => e.County!.Path == path || e.County.Path.StartsWith(under)),
            Roles.Township => db.Enterprises.Where(e => e.SpecializedTownId != null && ownTowns.Contains(e.SpecializedTownId.Value)),
            _ => db.Enterprises.Where(_ => false),
        };
    }

    /// <summary>
    /// The tallies of the same enterprises as <see cref="Enterprises(TownsDbContext)"/>: their sum is how many there are,
    /// read from the few thousand rows the database keeps instead of counting the enterprises (<see cref="EnterpriseTally"/>).
    /// </summary>
    public IQueryable<EnterpriseTally> EnterpriseTallies(TownsDbContext db)
    {
        var ownTowns = Towns(db).Select(t => t.Id);
        var counties = CountiesUnder(db, JurisdictionPath);
        return Role switch
        {
            Roles.Admin => db.EnterpriseTallies,
            Roles.Office or Roles.MemberUnit or Roles.Leader => db.EnterpriseTallies.Where(t => counties.Contains(t.CountyId)),
            Roles.Township => db.EnterpriseTallies.Where(t => t.TownId != EnterpriseTally.NoTown && ownTowns.Contains(t.TownId)),
            _ => db.EnterpriseTallies.Where(_ => false),
        };
    }

    /// <summary>
    /// Whether the towns, projects and plans of an office's scope are read by the ids of its places (x.county_id IN
    /// <see cref="CountiesUnder"/>) rather than by joining each row's county and testing its path. On PostgreSQL the ids: at
    /// national scale the join walked all 44,059 jurisdictions (专业镇名录 for 山西省 24–38 ms against 3–6, 重点项目库 35 → 12 ms).
    /// SQLite keeps the join: it has no statistics to weigh the list of ids, built the 1,329 of a province for every query
    /// (0.3 ms each, where the join tests a few hundred rows in 0.07), and given them read the county index and sorted all
    /// 20,000 projects where the library walks its warning order (6 ms against 0.4).
    /// </summary>
    public static bool PlacesAsIds(TownsDbContext db) => db.Database.IsNpgsql();

    /// <summary>The ids of the jurisdictions at or below a path, for "county_id IN (…)" (see <see cref="EnterprisesByCountyIds"/>).</summary>
    /// <remarks>
    /// "Below" is the range of paths from "path/" up to "path0" ('0' follows '/'), compared byte by byte: exactly the paths
    /// starting with "path/", read as one stretch of a path index (as the audit log's places, AuditQueries.At). On PostgreSQL
    /// the comparison is in the "C" collation, as ix_jurisdictions_path_c is (schema version 38): LIKE 'path/%' uses an index
    /// only in a database in the C locale. There the ids are also written "id + 0", so that the planner cannot join them to a
    /// table by walking both primary-key orders: with 44,059 jurisdictions (national scale) it chose that walk, betting it
    /// would stop at the province's last county, and read them all (专业镇名录 for 山西省 24–38 ms against 3–6).
    /// </remarks>
    public static IQueryable<int> CountiesUnder(TownsDbContext db, string path)
    {
        // The bounds are worked out here, not in the query: EF evaluates any expression on the captured values beyond a plain
        // field read (such as path + "/") with the expression interpreter, which builds delegates by reflection on every run.
        var (under, end) = (path + "/", path + "0");
        return db.Database.IsNpgsql()
            ? db.Jurisdictions.Where(j => EF.Functions.Collate(j.Path, "C") == path
                    || (string.Compare(EF.Functions.Collate(j.Path, "C"), under) >= 0 && string.Compare(EF.Functions.Collate(j.Path, "C"), end) < 0))
                .Select(j => j.Id + 0)
            : db.Jurisdictions.Where(j => j.Path == path || (string.Compare(j.Path, under) >= 0 && string.Compare(j.Path, end) < 0)).Select(j => j.Id);
    }

    /// <summary>
    /// Whether the person's enterprises under a path are all of those under it (an administrator's, or an office's, member
    /// unit's or leader's within their own path), so that a place filter needs no second condition for the scope: SQLite
    /// given both "county_id IN" conditions drove the page from the wider one (怀仁市's last page by output: 24 ms against 3).
    /// </summary>
    public bool SeesAllUnder(string path) => Role is Roles.Admin || Role is Roles.Office or Roles.MemberUnit or Roles.Leader && Covers(path);

    /// <summary>The jurisdiction paths the person may filter by: their own and everything below it.</summary>
    public bool Covers(string path) => IsAdmin || Jurisdiction.IsWithin(path, JurisdictionPath);

    // What the account may do follows its own jurisdiction (HomePath); the top-bar switch narrows what is listed (JurisdictionPath),
    // never the rights on what it still shows, and never lends a city office a county office's rights in the county it looks at.

    /// <summary>Whether a path lies within the account's own jurisdiction, whatever the view is narrowed to: what its rights reach.</summary>
    public bool HomeCovers(string path) => IsAdmin || Jurisdiction.IsWithin(path, HomePath);

    /// <summary>The same account without the top bar's narrowing: for a record opened by its number, which the narrowed lists may leave out.</summary>
    public UserScope Unnarrowed => JurisdictionPath == HomePath ? this : this with { JurisdictionPath = HomePath };

    /// <summary>The office of exactly this area (its own jurisdiction): the one that reviews under the area's standard, runs its evaluation.</summary>
    public bool IsOfficeOf(string areaPath) => Role == Roles.Office && HomePath == areaPath;
}
