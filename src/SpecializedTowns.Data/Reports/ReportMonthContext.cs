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
            .Join(visible, n => n.TaskId, t => t.Id, (n, t) => new { t.Number, t.Title, t.Progress, n.Text, n.UnitName, n.UserName, n.AtUtc })
            .OrderBy(x => x.AtUtc).ToListAsync(ct);
        return notes.Select(n => $"{n.Number} {n.Title}（进度 {n.Progress:0.#}%）：{n.Text}（{n.UnitName ?? n.UserName}）".TrimStart()).ToList();
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
