using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Reports;

/// <summary>
/// Who sees which task forces and their reports: offices and leaders those of the towns under their jurisdiction,
/// township staff their own town's, a member unit only those it leads or supports (unlike the project library, where it
/// sees the county's), experts none. Out of scope is "not found".
/// </summary>
public static class ReportScope
{
    public static IQueryable<TaskForce> TaskForces(TownsDbContext db, UserScope scope)
    {
        var towns = scope.Towns(db).Select(t => t.Id);
        return scope.Role switch
        {
            Roles.Admin => db.TaskForces,
            Roles.Office or Roles.Leader or Roles.Township => db.TaskForces.Where(f => towns.Contains(f.SpecializedTownId)),
            Roles.MemberUnit when scope.UnitId is { } unit => db.TaskForces.Where(f => towns.Contains(f.SpecializedTownId) && f.Units.Any(u => u.UnitId == unit)),
            _ => db.TaskForces.Where(_ => false),
        };
    }

    public static IQueryable<MonthlyReport> Reports(TownsDbContext db, UserScope scope)
    {
        var forces = TaskForces(db, scope).Select(f => f.Id);
        return db.MonthlyReports.Where(r => forces.Contains(r.TaskForceId));
    }

    /// <summary>Registers task forces and accepts, returns and reopens reports.</summary>
    public static bool CanManage(UserScope scope) => scope.Role is Roles.Admin or Roles.Office;

    /// <summary>
    /// Writes and submits the reports of a task force it sees: the office, the town's own staff, or a member unit that leads it.
    /// A supporting unit contributes through the lead unit and reads only.
    /// </summary>
    public static bool CanWrite(UserScope scope, TaskForce taskForce) => CanWrite(scope, taskForce.UnitIds(TaskForceRole.Lead));

    /// <inheritdoc cref="CanWrite(UserScope, TaskForce)"/>
    public static bool CanWrite(UserScope scope, IEnumerable<int> leadUnitIds) =>
        CanManage(scope) || scope.Role == Roles.Township
        || scope.Role == Roles.MemberUnit && scope.UnitId is { } unit && leadUnitIds.Contains(unit);
}
