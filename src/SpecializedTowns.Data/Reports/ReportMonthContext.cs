using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Reports;

/// <summary>
/// What the platform already knows of a task force's month, shown beside its report so nobody types it twice:
/// the progress notes on the tasks of the town's plan or led by the task force's lead units, and the problems
/// raised for the town in the month.
/// </summary>
public static class ReportMonthContext
{
    public static async Task<IReadOnlyList<string>> TaskProgressAsync(TownsDbContext db, Tasks.TaskService tasks, UserScope scope, TaskForce force, ReportMonth month, CancellationToken ct)
    {
        var (from, to) = Range(month);
        var leads = force.UnitIds(TaskForceRole.Lead).ToList();
        var visible = tasks.VisibleTasks(scope).Where(t => t.Plan!.SpecializedTownId == force.SpecializedTownId
            || t.Units.Any(u => u.Role == UnitRole.Lead && leads.Contains(u.UnitId)));
        var notes = await db.ProgressNotes.AsNoTracking().Where(n => n.AtUtc >= from && n.AtUtc < to)
            .Join(visible, n => n.TaskId, t => t.Id, (n, t) => new { n.TaskId, t.Number, t.Title, n.Text, n.UnitName, n.UserName, n.AtUtc })
            .OrderBy(x => x.AtUtc).ToListAsync(ct);
        // A task's progress is worked out from its milestones (PlanTask.Progress), which a projection does not load: read
        // in the query it was the task's own figure, 0% for every task with milestones.
        var ids = notes.Select(n => n.TaskId).Distinct().ToList();
        var progress = (await db.PlanTasks.AsNoTracking().Include(t => t.Milestones).Where(t => ids.Contains(t.Id)).ToListAsync(ct))
            .ToDictionary(t => t.Id, t => t.Progress);
        return notes.Select(n => $"{n.Number} {n.Title}（进度 {progress[n.TaskId]:0.#}%）：{n.Text}（{n.UnitName ?? n.UserName}）".TrimStart()).ToList();
    }

    public static async Task<IReadOnlyList<string>> NewProblemsAsync(Problems.ProblemService problems, UserScope scope, TaskForce force, ReportMonth month, CancellationToken ct)
    {
        var (from, to) = Range(month);
        var rows = await (await problems.VisibleAsync(scope, ct)).AsNoTracking()
            .Where(p => p.SpecializedTownId == force.SpecializedTownId && p.RaisedAtUtc >= from && p.RaisedAtUtc < to)
            .OrderBy(p => p.RaisedAtUtc).Select(p => new { p.Title, p.State }).ToListAsync(ct);
        return rows.Select(p => $"{p.Title}（{ProblemNames.Chinese(p.State)}）").ToList();
    }

    // A month in China time, as UTC instants.
    private static (DateTime From, DateTime To) Range(ReportMonth month) =>
        (month.FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8), month.FirstDay.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8));
}
