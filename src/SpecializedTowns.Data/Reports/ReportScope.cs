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

    /// <summary>
    /// Sets up and changes the task force of a town in the county, and accepts, returns and reopens its reports: the office of
    /// exactly that county (its own jurisdiction, not a narrowed view), or the administrator. 新政办发〔2023〕33号 四（二）:
    /// "各专班……每月向专业镇领导小组办公室汇报", and 附件2 三 seats that office in the county (县工信科技局); a city or
    /// province office reads the county's 专班 and reports but does not do the county office's work (decision 0008).
    /// </summary>
    public static bool CanManage(UserScope scope, string countyPath) => scope.IsAdmin || scope.IsOfficeOf(countyPath);

    /// <inheritdoc cref="CanManage(UserScope, string)"/>
    public static bool CanManage(UserScope scope, TaskForce taskForce) =>
        CanManage(scope, taskForce.County?.Path ?? throw new InvalidOperationException("TaskForce.County must be loaded"));

    /// <summary>
    /// Why the person may not produce the month's 月报通报 (null when they may). The 专班 report to the 领导小组办公室
    /// (新政办发〔2023〕33号 四（二）"每月向专业镇领导小组办公室汇报"), so the 通报 of their reports is that office's document,
    /// issued under its own name (<see cref="ReportSummary"/>): an office of a county, city or the province, or the
    /// administrator. A leader sees the same reports on the pages (ReportScope.TaskForces) and may read the 通报 as the office
    /// would issue it, but gives it no 文号; township staff, member units and experts are reporters or outsiders, and no
    /// township has a 领导小组 to issue it under (qa105 1).
    /// </summary>
    public static string? SummaryRefusal(UserScope scope, bool numbered)
    {
        if (scope.IsAdmin || scope.Role == Roles.Office && HasLeadingGroup(scope.HomePath)) return null;
        if (scope.Role == Roles.Leader)
            return numbered ? "领导可以阅览月报汇总，但不能给通报编发文字号：月报通报由领导小组办公室印发" : null;
        if (scope.Role == Roles.Office) return $"{Documents.Offices.AreaName(scope.HomePath)}不设专业镇发展领导小组办公室，不能印发月报通报";
        return "只有领导小组办公室可以印发月报通报";
    }

    // Leading groups sit in the province, the cities and the counties; a township has none.
    private static bool HasLeadingGroup(string path) => path.Count(c => c == '/') <= 2;

    /// <summary>Whether the person may set up a 专班 at all: the administrator, or a county office (for the towns of its county).</summary>
    public static bool CanSetUp(UserScope scope) => scope.IsAdmin || scope.Role == Roles.Office && IsCountyPath(scope.HomePath);

    // A county's path is province/city/county (the jurisdiction tree's third level).
    private static bool IsCountyPath(string path) => path.Count(c => c == '/') == 2;

    /// <summary>
    /// Writes and submits the reports of a task force it sees: the county's office, the town's own staff, or a member unit that
    /// leads it. A supporting unit contributes through the lead unit and reads only; an office above the county reads only.
    /// </summary>
    public static bool CanWrite(UserScope scope, TaskForce taskForce) =>
        CanWrite(scope, taskForce.County?.Path ?? throw new InvalidOperationException("TaskForce.County must be loaded"), taskForce.UnitIds(TaskForceRole.Lead));

    /// <inheritdoc cref="CanWrite(UserScope, TaskForce)"/>
    public static bool CanWrite(UserScope scope, string countyPath, IEnumerable<int> leadUnitIds) =>
        CanManage(scope, countyPath) || scope.Role == Roles.Township
        || scope.Role == Roles.MemberUnit && scope.UnitId is { } unit && leadUnitIds.Contains(unit);
}
