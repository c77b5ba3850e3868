using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Projects;

/// <summary>
/// The library's 投资进度 line and the investment warnings owe a project's plan from the same month (ProjectWarnings.PlannedThrough):
/// the chart spread every plan from January, so a project starting in September was drawn as owing money in February, and
/// 谋划储备 projects were drawn as owing theirs.
/// </summary>
public class InvestmentChartTests
{
    private static readonly UserScope Yuanqu = new(1, Roles.Office, "山西省/运城市/垣曲县", null);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_planned_line_owes_each_plan_from_the_month_its_project_can_start_as_the_warnings_do(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var today = new DateOnly(DateTime.UtcNow.Year, 11, 15);
        var y = today.Year;
        var place = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => new { t.Id, t.CountyId }).SingleAsync();
        KeyProject Project(string name, ProjectStage stage, decimal annual) => new()
        {
            Name = name, SpecializedTownId = place.Id, CountyId = place.CountyId, OwnerName = "垣曲某企业", Kind = ProjectKind.New, Role = ProjectRole.ShortBoard,
            TotalInvestmentWanYuan = 10000, AnnualPlannedInvestmentWanYuan = annual, PlanYear = y, Stage = stage, CreatedAtUtc = new DateTime(y, 1, 2, 0, 0, 0, DateTimeKind.Utc),
        };
        // Signed in August to start in September: 4,000 over September to December.
        var september = Project("口径测试·九月开工", ProjectStage.Signed, 4000);
        (september.PlannedSignedOn, september.SignedOn, september.PlannedStartOn, september.PlannedProductionOn) = (new(y, 8, 20), new(y, 8, 20), new(y, 9, 10), new(y + 1, 6, 1));
        // Planned to start in June, really started on 10 May: 2,400 over May to December, 300 a month.
        var early = Project("口径测试·提前开工", ProjectStage.Started, 2400);
        (early.PlannedStartOn, early.StartedOn, early.PlannedProductionOn) = (new(y, 6, 1), new(y, 5, 10), new(y + 1, 6, 1));
        // Still being shaped: owes nothing, whatever its dates say.
        var planning = Project("口径测试·谋划储备", ProjectStage.Planning, 1200);
        planning.PlannedSignedOn = new(y, 2, 1);
        planning.PlannedStartOn = new(y, 3, 1);
        db.Projects.AddRange(september, early, planning);
        await db.SaveChangesAsync();

        var filter = new ProjectFilter { Search = "口径测试" };
        var settings = new ProjectWarningSettings();
        var summary = await new ProjectSummaries().GetAsync(db, Yuanqu, filter, today, settings);
        summary.Investment.Select(m => m.PlannedWanYuan).ShouldBe([0m, 0m, 0m, 0m, 300m, 600m, 900m, 1200m, 2500m, 3800m, 5100m, 6400m]);

        // By the end of last month the line stands where the warnings measure: their ExpectedByNow, project by project.
        var stored = await db.Projects.AsNoTracking().Where(p => p.Name.StartsWith("口径测试")).ToListAsync();
        summary.Investment[today.Month - 2].PlannedWanYuan.ShouldBe(stored.Sum(p => ProjectWarnings.ExpectedByNow(p, today)));

        // The library's list reads the same dates as the project's page: the early start is owed from May (1,800 by October),
        // not from its planned June (1,714.29).
        var list = await ProjectQueries.ListAsync(db, Yuanqu, filter, today, settings);
        foreach (var item in list.Items)
            item.Warnings.Select(w => w.Text).ShouldBe(ProjectWarnings.For(stored.Single(p => p.Id == item.Id), 0, today, settings).Select(w => w.Text), item.Name);
        list.Items.Count.ShouldBe(3);
        list.Items.Single(i => i.Id == early.Id).Warnings.ShouldContain(w => w.Text.Contains("到上月底应完成 1,800万元"));
    }
}
