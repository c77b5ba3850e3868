using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Projects;

/// <summary>
/// Who sees which projects: offices, leaders and member units those of their jurisdiction, township staff those
/// of their own towns, experts none. Member units see the whole county's library (they are asked to help any
/// project), but report only on the projects they are responsible for (<see cref="ProjectService.CanReport"/>).
/// </summary>
public static class ProjectScope
{
    public static IQueryable<KeyProject> Projects(TownsDbContext db, UserScope scope)
    {
        var towns = scope.Towns(db).Select(t => t.Id);
        var counties = UserScope.CountiesUnder(db, scope.JurisdictionPath);
        var (path, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
        return scope.Role switch
        {
            Roles.Admin => db.Projects,
            Roles.Office or Roles.MemberUnit or Roles.Leader => UserScope.PlacesAsIds(db)
                ? db.Projects.Where(p => counties.Contains(p.CountyId))
                : db.Projects.Where(p => p.County!.Path == path || p.County.Path.StartsWith(under)),
            Roles.Township => db.Projects.Where(p => towns.Contains(p.SpecializedTownId)),
            _ => db.Projects.Where(_ => false),
        };
    }

    public static IQueryable<InvestmentLead> Leads(TownsDbContext db, UserScope scope)
    {
        var towns = scope.Towns(db).Select(t => t.Id);
        var counties = UserScope.CountiesUnder(db, scope.JurisdictionPath);
        var (path, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
        return scope.Role switch
        {
            Roles.Admin => db.InvestmentLeads,
            Roles.Office or Roles.MemberUnit or Roles.Leader => UserScope.PlacesAsIds(db)
                ? db.InvestmentLeads.Where(p => counties.Contains(p.CountyId))
                : db.InvestmentLeads.Where(p => p.County!.Path == path || p.County.Path.StartsWith(under)),
            Roles.Township => db.InvestmentLeads.Where(p => towns.Contains(p.SpecializedTownId)),
            _ => db.InvestmentLeads.Where(_ => false),
        };
    }

    /// <summary>A batch belongs to a county or city; it is seen where that jurisdiction is, and by township staff of a town in it.</summary>
    public static IQueryable<ProjectBatch> Batches(TownsDbContext db, UserScope scope)
    {
        var (path, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
        var visibleProjects = Projects(db, scope).Select(p => p.Id);
        return scope.Role switch
        {
            Roles.Admin => db.ProjectBatches,
            Roles.Office or Roles.MemberUnit or Roles.Leader => db.ProjectBatches.Where(b =>
                db.Jurisdictions.Any(j => j.Id == b.JurisdictionId && (j.Path == path || j.Path.StartsWith(under) || path.StartsWith(j.Path + "/")))),
            Roles.Township => db.ProjectBatches.Where(b => b.Items.Any(i => visibleProjects.Contains(i.ProjectId))),
            _ => db.ProjectBatches.Where(_ => false),
        };
    }
}
