using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Projects;

/// <summary>
/// The library sorts, filters, pages and counts by warning levels kept in the database: they must always be the levels the
/// rules give for the day, the settings, the project's dates and its progress.
/// </summary>
public class ProjectWarningStoreTests
{
    private static readonly UserScope Province = new(1, Roles.Office, "山西省", null);
    private static readonly DateOnly Today = new(2026, 6, 10);

    /// <summary>The library's order by warning, worked out in memory from the projects and their progress.</summary>
    private static async Task<List<(int Id, WarningLevel Level, int CountyId)>> ExpectedAsync(TownsDbContext db, DateOnly today, ProjectWarningSettings settings)
    {
        var projects = await db.Projects.AsNoTracking().Include(p => p.Progress).ToListAsync();
        return projects.Select(p =>
            {
                var done = PlanYearCompletion.Of(p.Progress.Select(g => (g.Year, g.Month, g.InvestmentCompletedWanYuan)), p.PlanYear, today);
                return (p.Id, Level: ProjectWarnings.LevelOf(ProjectWarnings.For(p, done, today, settings)), Next: ProjectQueries.NextPlannedOn(p), p.CountyId);
            })
            .OrderByDescending(x => x.Level).ThenBy(x => x.Next ?? DateOnly.MaxValue).ThenBy(x => x.Id)
            .Select(x => (x.Id, x.Level, x.CountyId)).ToList();
    }

    private static async Task ShouldMatchAsync(TownsDbContext db, DateOnly today, ProjectWarningSettings settings, string when)
    {
        var expected = await ExpectedAsync(db, today, settings);
        var all = await ProjectQueries.ListAsync(db, Province, new ProjectFilter { PageSize = int.MaxValue }, today, settings);
        all.Items.Select(i => (i.Id, i.Warning)).ShouldBe(expected.Select(x => (x.Id, x.Level)), $"{when}: the whole library by warning");

        // A county's projects are sorted after they are found, where the province reads the order from an index: the same order.
        var county = expected.GroupBy(x => x.CountyId).MaxBy(g => g.Count())!;
        var countyScope = new UserScope(1, Roles.Office, await db.Jurisdictions.Where(j => j.Id == county.Key).Select(j => j.Path).SingleAsync(), null);
        var countyPage = await ProjectQueries.ListAsync(db, countyScope, new ProjectFilter { Page = 2, PageSize = 5 }, today, settings);
        countyPage.Total.ShouldBe(county.Count());
        countyPage.Items.Select(i => i.Id).ShouldBe(county.Skip(5).Take(5).Select(x => x.Id), $"{when}: page 2 of 5 in the county");

        var page3 = await ProjectQueries.ListAsync(db, Province, new ProjectFilter { Page = 3, PageSize = 7 }, today, settings);
        page3.Total.ShouldBe(expected.Count);
        page3.Items.Select(i => i.Id).ShouldBe(expected.Skip(14).Take(7).Select(x => x.Id), $"{when}: page 3 of 7");

        var yellowOrWorse = await ProjectQueries.ListAsync(db, Province, new ProjectFilter { Warning = WarningLevel.Yellow, PageSize = 10 }, today, settings);
        yellowOrWorse.Total.ShouldBe(expected.Count(x => x.Level >= WarningLevel.Yellow), $"{when}: yellow or red");
        yellowOrWorse.Items.Select(i => i.Id).ShouldBe(expected.Where(x => x.Level >= WarningLevel.Yellow).Take(10).Select(x => x.Id));

        var summary = await new ProjectSummaries().GetAsync(db, Province, new ProjectFilter(), today, settings);
        (summary.Red, summary.Yellow).ShouldBe((expected.Count(x => x.Level == WarningLevel.Red), expected.Count(x => x.Level == WarningLevel.Yellow)), $"{when}: counts");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Stored_levels_follow_the_day_the_settings_the_dates_and_the_progress(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var places = await db.Projects.Select(p => new { p.SpecializedTownId, p.CountyId }).Distinct().ToListAsync();
        var random = new Random(8);
        for (var i = 0; i < 120; i++)
        {
            var place = places[random.Next(places.Count)];
            var stage = (ProjectStage)random.Next((int)ProjectStage.Planning, (int)ProjectStage.InProduction + 1);
            DateOnly? Around() => random.Next(5) == 0 ? null : Today.AddDays(random.Next(-60, 90));
            var project = new KeyProject
            {
                Name = $"测试项目{i:000}", SpecializedTownId = place.SpecializedTownId, CountyId = place.CountyId, OwnerName = "测试企业",
                Kind = ProjectKind.New, Role = ProjectRole.Flagship, TotalInvestmentWanYuan = 1000, PlanYear = Today.Year,
                AnnualPlannedInvestmentWanYuan = random.Next(3) == 0 ? 0 : random.Next(100, 1200), Stage = stage,
                PlannedSignedOn = Around(), PlannedStartOn = Around(), PlannedProductionOn = Around(), PlannedTargetOn = Around(),
                CreatedAtUtc = DateTime.UtcNow,
            };
            for (var m = 1; m < Today.Month; m++)
                if (random.Next(3) > 0)
                    project.Progress.Add(new ProjectProgress { Year = Today.Year, Month = m, InvestmentCompletedWanYuan = random.Next(0, 150), PhysicalProgress = "按计划推进", ReportedBy = "测试", ReportedAtUtc = DateTime.UtcNow });
            db.Projects.Add(project);
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var settings = new ProjectWarningSettings();
        await ShouldMatchAsync(db, Today, settings, "today");
        (await db.ProjectWarnings.CountAsync()).ShouldBe(await db.Projects.CountAsync(), "every project has its level");
        await ShouldMatchAsync(db, Today.AddDays(25), settings, "25 days on");
        await ShouldMatchAsync(db, new DateOnly(Today.Year, 12, 31), settings, "at the year's end");
        await ShouldMatchAsync(db, Today, settings with { DueSoonDays = 60, InvestmentYellowBelow = 0.95m }, "stricter settings");
        await ShouldMatchAsync(db, Today, settings, "today again");

        // A project added after today's levels were stored is late already: it has a level, red, at the next read.
        var late = places[0];
        db.Projects.Add(new KeyProject
        {
            Name = "后加的项目", SpecializedTownId = late.SpecializedTownId, CountyId = late.CountyId, OwnerName = "测试企业",
            Kind = ProjectKind.New, Role = ProjectRole.Flagship, TotalInvestmentWanYuan = 1000, PlanYear = Today.Year,
            AnnualPlannedInvestmentWanYuan = 0, Stage = ProjectStage.Planning, PlannedSignedOn = Today.AddDays(-3), CreatedAtUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        await ShouldMatchAsync(db, Today, settings, "after a project was added");
        (await db.ProjectWarnings.CountAsync()).ShouldBe(await db.Projects.CountAsync(), "the new project has its level too");

        // A quiet project made late by a form save is red at once.
        var quiet = await db.Projects.Where(p => p.Stage == ProjectStage.Planning && p.AnnualPlannedInvestmentWanYuan == 0).OrderBy(p => p.Id).FirstAsync();
        quiet.PlannedSignedOn = Today.AddDays(-3);
        await db.SaveChangesAsync();
        var first = (await ProjectQueries.ListAsync(db, Province, new ProjectFilter { Warning = WarningLevel.Red, PageSize = 500 }, Today, settings)).Items;
        first.ShouldContain(i => i.Id == quiet.Id);
        await ShouldMatchAsync(db, Today, settings, "after a project's date moved");

        // Progress reported, corrected and withdrawn moves the investment warning with it.
        var behind = await db.Projects.Where(p => p.AnnualPlannedInvestmentWanYuan >= 600 && p.PlannedSignedOn == null && p.PlannedStartOn == null
            && p.PlannedProductionOn == null && p.PlannedTargetOn == null).FirstOrDefaultAsync()
            ?? await db.Projects.Where(p => p.AnnualPlannedInvestmentWanYuan >= 600).FirstAsync();
        var report = new ProjectProgress { ProjectId = behind.Id, Year = Today.Year, Month = 12, InvestmentCompletedWanYuan = 5000, PhysicalProgress = "超额完成", ReportedBy = "测试", ReportedAtUtc = DateTime.UtcNow };
        db.ProjectProgress.Add(report);
        await db.SaveChangesAsync();
        await ShouldMatchAsync(db, Today, settings, "after a large month was reported");
        report.InvestmentCompletedWanYuan = 1;
        await db.SaveChangesAsync();
        await ShouldMatchAsync(db, Today, settings, "after the month was corrected");
        db.ProjectProgress.Remove(report);
        await db.SaveChangesAsync();
        await ShouldMatchAsync(db, Today, settings, "after the month was withdrawn");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_save_rolled_back_leaves_the_stored_level_and_a_committed_one_marks_it_out_of_date(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var settings = new ProjectWarningSettings();
        await ProjectWarningStore.RefreshAsync(db, Today, settings, default);
        var project = await db.Projects.OrderBy(p => p.Id).FirstAsync();
        var basis = ProjectWarningStore.Basis(Today, settings);

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            project.PlannedTargetOn = Today.AddDays(-1);
            await db.SaveChangesAsync();
            (await db.ProjectWarnings.AsNoTracking().SingleAsync(w => w.ProjectId == project.Id)).Basis.ShouldBe(ProjectWarningStore.OutOfDate, "marked inside the save's transaction");
            await tx.RollbackAsync();
        }
        db.ChangeTracker.Clear();
        (await db.ProjectWarnings.SingleAsync(w => w.ProjectId == project.Id)).Basis.ShouldBe(basis, "a rolled-back save keeps the stored level");

        var again = await db.Projects.SingleAsync(p => p.Id == project.Id);
        again.Name += "（更名）";
        await db.SaveChangesAsync();
        (await db.ProjectWarnings.AsNoTracking().SingleAsync(w => w.ProjectId == project.Id)).Basis.ShouldBe(ProjectWarningStore.OutOfDate);
        (await db.ProjectWarnings.CountAsync(w => w.Basis == basis)).ShouldBe(await db.Projects.CountAsync() - 1, "only the saved project's level is out of date");
        (await db.ProjectWarnings.CountAsync()).ShouldBe(await db.Projects.CountAsync(), "every project keeps its row");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_project_inserted_around_the_platform_has_its_level_at_the_next_read(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var settings = new ProjectWarningSettings();
        await ShouldMatchAsync(db, Today, settings, "before");

        // As a bulk load or a database tool would: plain SQL, two rows in one statement, the second late already.
        var place = await db.Projects.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.CountyId, p.SpecializedTownId }).FirstAsync();
        var (created, late) = (new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc), Today.AddDays(-3));
        var (kind, role, stage) = ((int)ProjectKind.New, (int)ProjectRole.Flagship, (int)ProjectStage.Planning);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO key_projects (name, specialized_town_id, county_id, owner_name, kind, role, total_investment_wan_yuan, plan_year,
                annual_planned_investment_wan_yuan, stage, planned_signed_on, created_at_utc, is_demo, version)
            VALUES ('库外写入的项目甲', {place.SpecializedTownId}, {place.CountyId}, '测试企业', {kind}, {role}, 500, {Today.Year}, 0, {stage}, NULL, {created}, FALSE, 1),
                   ('库外写入的项目乙', {place.SpecializedTownId}, {place.CountyId}, '测试企业', {kind}, {role}, 500, {Today.Year}, 0, {stage}, {late}, {created}, FALSE, 1)
            """);
        (await db.ProjectWarnings.CountAsync()).ShouldBe(await db.Projects.CountAsync(), "the database added their rows");
        await ShouldMatchAsync(db, Today, settings, "after two projects were inserted with SQL");
        var second = await db.Projects.SingleAsync(p => p.Name == "库外写入的项目乙");
        (await db.ProjectWarnings.SingleAsync(w => w.ProjectId == second.Id)).Level.ShouldBe(WarningLevel.Red);
    }
}
