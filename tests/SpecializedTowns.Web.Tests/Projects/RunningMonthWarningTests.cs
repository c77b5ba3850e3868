using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Projects;

/// <summary>
/// QA120-7: a figure typed on 8 December for December turned a red project yellow against the plan to the end of November.
/// The list, the stored level (which the summary cards and the warning filter read) and the cards must all measure the plan to
/// last month's end against the months that are over, and the line must say what was left out.
/// </summary>
public class RunningMonthWarningTests
{
    private static readonly UserScope Province = new(1, Roles.Office, "山西省", null);
    private static readonly DateOnly Today = new(2026, 12, 8);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_figure_for_the_month_under_way_does_not_lift_a_red_project(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var place = await db.Projects.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.SpecializedTownId, p.CountyId }).FirstAsync();
        var project = new KeyProject
        {
            Name = "本月填报测试项目", SpecializedTownId = place.SpecializedTownId, CountyId = place.CountyId, OwnerName = "测试企业",
            Kind = ProjectKind.New, Role = ProjectRole.Flagship, TotalInvestmentWanYuan = 9000, PlanYear = 2026,
            AnnualPlannedInvestmentWanYuan = 4800, Stage = ProjectStage.Started, CreatedAtUtc = DateTime.UtcNow,
        };
        for (var m = 1; m <= 11; m++)
            project.Progress.Add(new ProjectProgress { Year = 2026, Month = m, InvestmentCompletedWanYuan = 130, PhysicalProgress = "推进中", ReportedBy = "测试", ReportedAtUtc = DateTime.UtcNow });
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var settings = new ProjectWarningSettings();
        var summaries = new ProjectSummaries();
        var before = await summaries.GetAsync(db, Province, new ProjectFilter(), Today, settings);
        (await db.ProjectWarnings.AsNoTracking().SingleAsync(w => w.ProjectId == project.Id)).Level.ShouldBe(WarningLevel.Red);

        db.ProjectProgress.Add(new ProjectProgress { ProjectId = project.Id, Year = 2026, Month = 12, InvestmentCompletedWanYuan = 800, PhysicalProgress = "主体施工", ReportedBy = "测试", ReportedAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var after = await summaries.GetAsync(db, Province, new ProjectFilter(), Today, settings);
        (after.Red, after.Yellow).ShouldBe((before.Red, before.Yellow), "the cards count the project red still");
        (await db.ProjectWarnings.AsNoTracking().SingleAsync(w => w.ProjectId == project.Id)).Level.ShouldBe(WarningLevel.Red, "the stored level");

        var red = await ProjectQueries.ListAsync(db, Province, new ProjectFilter { Warning = WarningLevel.Red, PageSize = int.MaxValue }, Today, settings);
        var item = red.Items.Single(i => i.Id == project.Id);
        item.Warning.ShouldBe(WarningLevel.Red);
        item.CompletedInPlanYearWanYuan.ShouldBe(2230m, "the year's column still shows every month reported");
        item.Warnings.Single().Text.ShouldBe("投资严重滞后：2026年截至上月底已完成投资 1,430万元（本月已填报 800万元，月底后计入），按计划到上月底应完成 4,400万元（完成 32%）");

        // In the new year December is a month that is over: the plan year is past and nothing more is owed.
        var nextYear = await ProjectQueries.ListAsync(db, Province, new ProjectFilter { PageSize = int.MaxValue }, new DateOnly(2027, 1, 4), settings);
        nextYear.Items.Single(i => i.Id == project.Id).Warnings.ShouldNotContain(w => w.Text.Contains("本月已填报"));
    }
}
