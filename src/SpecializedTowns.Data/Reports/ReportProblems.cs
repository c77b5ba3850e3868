using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Problems;
using SpecializedTowns.Data.Projects;

namespace SpecializedTowns.Data.Reports;

/// <summary>Where a problem came from, when it was a 专班月报's 困难问题: the problem's page names the report.</summary>
public sealed record ReportOrigin(int TaskForceId, int Year, int Month, string Town);

/// <summary>
/// 困难问题 reported in a 专班月报 go to the 问题台账 in one step (新政办发〔2023〕33号 四（二）“领导小组及时协调解决……困难问题”,
/// 四（三）“建立问题台账”), as a key project's monthly difficulty does (<see cref="ProjectProblems"/>): the report remembers the
/// problem, so it is raised once, and each names the other.
/// </summary>
public static class ReportProblems
{
    /// <summary>
    /// Who may raise it: one who may register problems (<see cref="ProblemService.CanRaise"/>) and writes or reviews the task
    /// force's reports — the office reviewing it, and the reporter (township staff, a lead member unit).
    /// </summary>
    public static bool CanRaise(UserScope scope, TaskForce force) => ProblemService.CanRaise(scope) && ReportScope.CanWrite(scope, force);

    /// <summary>A report whose difficulty may be raised now: reported (a draft may still change), with a difficulty, not yet raised.</summary>
    public static bool Raisable(MonthlyReport? report) =>
        report is { State: ReportState.Submitted or ReportState.Accepted, ProblemId: null } && !string.IsNullOrWhiteSpace(report.Difficulties);

    public static async Task<int> RaiseAsync(TownsDbContext db, ReportService reports, ProblemService problems, UserScope scope, string userName,
        int taskForceId, ReportMonth month, ProblemCategory category, CancellationToken ct = default)
    {
        var force = await reports.TaskForceAsync(scope, taskForceId, ct);
        if (!CanRaise(scope, force))
            throw new ReportRuleException("只有领导小组办公室或本专班的填报人可以把月报的困难问题转入问题台账") { Kind = RefusalKind.Forbidden };
        if (!Enum.IsDefined(category)) throw new ReportRuleException("请选择问题类别", "category");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var report = await db.MonthlyReports.SingleOrDefaultAsync(r => r.TaskForceId == taskForceId && r.Year == month.Year && r.Month == month.Month, ct)
            ?? throw new ReportNotFoundException();
        if (string.IsNullOrWhiteSpace(report.Difficulties)) throw new ReportRuleException("这个月的月报没有填写困难问题");
        if (report.ProblemId is not null) throw new ReportRuleException("这个月报的困难问题已转入问题台账");
        if (report.State is not (ReportState.Submitted or ReportState.Accepted))
            throw new ReportRuleException("月报报送后才能把困难问题转入问题台账（草稿和退回修改中的内容还会改动）");

        var town = force.Town?.Name ?? "";
        var difficulty = report.Difficulties.Trim();
        var title = $"{town}：{difficulty}";
        if (title.Length > Problem.MaxTitle) title = title[..(Problem.MaxTitle - 1)] + "…";
        var description = $"{difficulty}\n（{town}专班{month.Year}年{month.Month}月月报反映）";
        if (description.Length > Problem.MaxText) description = difficulty[..(Problem.MaxText - 1)] + "…";
        int problemId;
        try
        {
            problemId = await problems.RaiseAsync(scope, userName, new ProblemInput
            {
                Title = title, Description = description, Source = ProblemSource.MonthlyReport, RepeatConfirmed = true,
                // A task force speaks for its town's industry: its difficulty is a 共性问题.
                Kind = ProblemKind.Common, Category = category, CountyId = force.CountyId, TownId = force.SpecializedTownId,
            }, ct);
        }
        catch (ProblemInputException ex) { throw new ReportRuleException("不能转入问题台账：" + ex.Message); }
        report.ProblemId = problemId;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return problemId;
    }

    /// <summary>The report a problem came from, when it came from one.</summary>
    public static Task<ReportOrigin?> OriginAsync(TownsDbContext db, int problemId, CancellationToken ct = default) =>
        db.MonthlyReports.AsNoTracking().Where(r => r.ProblemId == problemId)
            .Select(r => new ReportOrigin(r.TaskForceId, r.Year, r.Month, r.TaskForce!.Town!.Name)).FirstOrDefaultAsync(ct);
}
