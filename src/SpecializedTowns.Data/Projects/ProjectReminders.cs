using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notifications;

namespace SpecializedTowns.Data.Projects;

/// <summary>
/// What the key-project library asks of a person: the office its red projects; a responsible unit or a town its
/// projects with warnings, last month's progress not yet reported, and guarantees of its own that are pending or blocked.
/// </summary>
public static class ProjectReminders
{
    /// <summary>Flagged projects listed one by one, the most urgent first; the rest are one reminder linking to the library.</summary>
    public const int Listed = 50;

    /// <summary>A responsible unit or a town reports on its projects; an office or a leader oversees them.</summary>
    private static bool Reports(UserScope scope) => scope.Role is Roles.MemberUnit or Roles.Township;

    private static bool Reminded(UserScope scope) => Reports(scope) || scope.Role is Roles.Admin or Roles.Office or Roles.Leader;

    /// <summary>The projects the reminders list one by one: an office's red ones; a reporter's (its unit's) with any warning.</summary>
    private static ProjectFilter Flagged(UserScope scope)
    {
        var filter = new ProjectFilter { Warning = Reports(scope) ? WarningLevel.Yellow : WarningLevel.Red, Page = 1, PageSize = Listed };
        return scope.Role == Roles.MemberUnit ? filter with { UnitId = scope.UnitId ?? -1 } : filter;
    }

    /// <summary>
    /// How many things <see cref="ForAsync"/> stands for, counted no further than <paramref name="upTo"/>. An office's are
    /// its red projects alone, counted in the database; a reporter's few are gathered as the list gathers them.
    /// </summary>
    public static async Task<int> CountAsync(TownsDbContext db, UserScope scope, DateOnly today, ProjectWarningSettings settings, int upTo, CancellationToken ct)
    {
        if (!Reminded(scope)) return 0;
        var reporter = Reports(scope);
        var count = await ProjectQueries.CountAsync(db, scope, Flagged(scope), today, settings, upTo, ct);
        if (!reporter || count >= upTo) return Math.Min(count, upTo);
        // Counted, not listed: a unit's bell read its projects, their warnings and sums in nine statements (8.6 ms).
        count += await Unreported(db, scope, today).CountAsync(ct);
        if (scope.Role == Roles.MemberUnit && scope.UnitId is { } unit) count += await Guarantees(db, scope, unit).CountAsync(ct);
        return Math.Min(count, upTo);
    }

    /// <summary>Projects under way report every month; last month's row is due once the month is over.</summary>
    private static IQueryable<KeyProject> Unreported(TownsDbContext db, UserScope scope, DateOnly today)
    {
        var last = LastMonth(today);
        var mine = ProjectScope.Projects(db, scope).AsNoTracking()
            .Where(p => p.Stage >= ProjectStage.Signed && p.Stage <= ProjectStage.InProduction);
        if (scope.Role == Roles.MemberUnit) mine = mine.Where(p => p.ResponsibleUnitId == scope.UnitId);
        return mine.Where(p => !p.Progress.Any(r => r.Year == last.Year && r.Month == last.Month));
    }

    private static DateOnly LastMonth(DateOnly today) => new DateOnly(today.Year, today.Month, 1).AddMonths(-1);

    /// <summary>The unit's own guarantees that are pending or blocked, on projects it sees.</summary>
    private static IQueryable<ElementGuarantee> Guarantees(TownsDbContext db, UserScope scope, int unit)
    {
        var visible = ProjectScope.Projects(db, scope);
        return db.ProjectGuarantees.AsNoTracking()
            .Where(g => g.UnitId == unit && (g.Status == GuaranteeStatus.Pending || g.Status == GuaranteeStatus.Blocked))
            .Where(g => visible.Any(p => p.Id == g.ProjectId));
    }

    /// <param name="listed">False: an office's red projects are one reminder that counts them, none read one by one.</param>
    public static async Task<IReadOnlyList<Reminder>> ForAsync(TownsDbContext db, UserScope scope, DateOnly today, ProjectWarningSettings settings, CancellationToken ct, bool listed = true)
    {
        var reminders = new List<Reminder>();
        if (!Reminded(scope)) return reminders;
        var reporter = Reports(scope);

        var flagged = listed || reporter
            ? await ProjectQueries.ListAsync(db, scope, Flagged(scope), today, settings, ct)
            : new Paged<ProjectListItem>([], await ProjectQueries.CountAsync(db, scope, Flagged(scope), today, settings, int.MaxValue, ct), 1, Listed);
        reminders.AddRange(flagged.Items.Select(p => new Reminder("重点项目", p.Warning == WarningLevel.Red ? ReminderLevel.Red : ReminderLevel.Yellow,
            $"{p.Name}：{ProjectWarnings.Reason(p.Warnings)}", $"/Projects/Detail/{p.Id}")));
        if (flagged.Total > flagged.Items.Count)
        {
            var rest = flagged.Total - flagged.Items.Count;
            reminders.Add(reporter
                ? new Reminder("重点项目", ReminderLevel.Yellow, $"另有 {rest:N0} 个项目有预警，请在重点项目库中按预警查看", "/Projects?warning=Yellow" + (scope.Role == Roles.MemberUnit ? $"&unit={scope.UnitId}" : ""), rest)
                : new Reminder("重点项目", ReminderLevel.Red, $"另有 {rest:N0} 个项目红色预警，请在重点项目库中按预警查看", "/Projects?warning=Red", rest));
        }
        if (!reporter) return reminders;

        var last = LastMonth(today);
        var unreported = await Unreported(db, scope, today).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        reminders.AddRange(unreported.Select(p => new Reminder("重点项目", ReminderLevel.Yellow, $"{p.Name}：{last.Year}年{last.Month}月进展尚未填报", $"/Projects/Detail/{p.Id}")));

        if (scope.Role == Roles.MemberUnit && scope.UnitId is { } unit)
        {
            var guarantees = await Guarantees(db, scope, unit)
                .Join(db.Projects, g => g.ProjectId, p => p.Id, (g, p) => new { p.Id, p.Name, g.Kind, g.Status })
                .OrderBy(g => g.Name).ThenBy(g => g.Kind).ToListAsync(ct);
            reminders.AddRange(guarantees.Select(g => new Reminder("重点项目", g.Status == GuaranteeStatus.Blocked ? ReminderLevel.Red : ReminderLevel.Info,
                $"{g.Name}：{GuaranteeTerms.Chinese(g.Kind)}保障{GuaranteeTerms.Chinese(g.Status)}", $"/Projects/Detail/{g.Id}")));
        }
        return reminders;
    }
}
