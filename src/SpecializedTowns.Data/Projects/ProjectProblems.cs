using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Problems;

namespace SpecializedTowns.Data.Projects;

/// <summary>
/// "积极协调解决项目建设中存在的困难问题": a difficulty reported with a month's progress goes to the problem ledger in
/// one step, and the month's row remembers the problem, so it is raised once and can be followed from the project.
/// </summary>
public static class ProjectProblems
{
    public static async Task<int> RaiseAsync(TownsDbContext db, ProjectService projects, ProblemService problems, UserScope scope, string userName,
        int projectId, int progressId, ProblemCategory category, CancellationToken ct = default)
    {
        var project = await projects.FindAsync(scope, projectId, ct);
        if (!ProjectService.CanReport(scope, project)) throw new ProjectRuleException("只有责任单位、所在乡镇或领导小组办公室可以把项目困难转为问题") { Kind = RefusalKind.Forbidden };
        var row = await db.ProjectProgress.SingleOrDefaultAsync(p => p.Id == progressId && p.ProjectId == projectId, ct)
            ?? throw new ProjectNotFoundException();
        if (string.IsNullOrWhiteSpace(row.Difficulties)) throw new ProjectRuleException("这个月没有填报困难问题");
        if (row.ProblemId is not null) throw new ProjectRuleException("这条困难已转入问题台账");

        var difficulty = row.Difficulties.Trim();
        var title = $"{project.Name}：{difficulty}";
        if (title.Length > Problem.MaxTitle) title = title[..(Problem.MaxTitle - 1)] + "…";
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        int problemId;
        try
        {
            problemId = await problems.RaiseAsync(scope, userName, new ProblemInput
            {
                Title = title, RepeatConfirmed = true,
                Description = $"{difficulty}\n（{row.Year}年{row.Month}月项目进展，重点项目“{project.Name}”，业主 {project.OwnerName}）",
                Source = ProblemSource.ProjectProgress,
                // An enterprise's own project is its 个性问题; a project without a registered owner is the town's.
                Kind = project.OwnerEnterpriseId is null ? ProblemKind.Common : ProblemKind.Individual,
                Category = category, CountyId = project.CountyId, TownId = project.SpecializedTownId, EnterpriseId = project.OwnerEnterpriseId,
            }, ct);
        }
        catch (ProblemInputException ex) { throw new ProjectRuleException("不能转为问题：" + ex.Message); }
        row.ProblemId = problemId;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return problemId;
    }
}
