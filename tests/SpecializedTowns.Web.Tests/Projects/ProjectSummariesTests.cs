using Microsoft.EntityFrameworkCore;
using Shouldly;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Data.Reserve;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Projects;

/// <summary>
/// 重点项目库's summary cards kept between requests (<see cref="ProjectSummaries"/>): kept while nothing they are added up
/// from changes, added up again after any change, whichever connection made it — as another web process, an import or
/// psql would — and kept apart per scope and filter.
/// </summary>
public class ProjectSummariesTests
{
    private static readonly UserScope Province = new(1, Roles.Office, "山西省", null);
    private static readonly UserScope Yuanqu = new(2, Roles.Office, "山西省/运城市/垣曲县", null);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_summary_is_kept_until_what_it_is_added_up_from_changes_through_any_connection(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        var today = TestDatabases.ChinaToday;
        var settings = new ProjectWarningSettings();
        var summaries = new ProjectSummaries();
        await using var db = storage.CreateContext();
        Task<ProjectSummary> Get(UserScope scope, ProjectFilter? f = null) => summaries.GetAsync(db, scope, f ?? new ProjectFilter(), today, settings);

        var first = await Get(Province);
        (await Get(Province)).ShouldBeSameAs(first, "nothing changed");
        (await Get(Province, new ProjectFilter { Page = 3, Sort = "name" })).ShouldBeSameAs(first, "the page and order do not change the cards");
        var yuanqu = await Get(Yuanqu);
        yuanqu.ShouldNotBeSameAs(first, "another scope has its own cards");
        yuanqu.Funnel.Sum(f => f.Projects).ShouldBeLessThan(first.Funnel.Sum(f => f.Projects));

        // A month's figure reported elsewhere: the next request has it, in the scope that holds the project.
        var project = await db.Projects.AsNoTracking().Where(p => p.County!.Path == Yuanqu.JurisdictionPath).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var taken = await db.ProjectProgress.Where(g => g.ProjectId == project && g.Year == today.Year).Select(g => g.Month).ToListAsync();
        var month = Enumerable.Range(1, today.Month).First(m => !taken.Contains(m));
        await using (var other = storage.CreateContext())
        {
            other.ProjectProgress.Add(new ProjectProgress
            {
                ProjectId = project, Year = today.Year, Month = month, InvestmentCompletedWanYuan = 1234.5m, PhysicalProgress = "测试",
                ReportedBy = "测试", ReportedAtUtc = DateTime.UtcNow,
            });
            await other.SaveChangesAsync();
        }
        var after = await Get(Province);
        after.ShouldNotBeSameAs(first);
        after.Investment[today.Month - 1].CompletedWanYuan.ShouldBe(first.Investment[today.Month - 1].CompletedWanYuan + 1234.5m);
        (await Get(Yuanqu)).Investment[today.Month - 1].CompletedWanYuan.ShouldBe(yuanqu.Investment[today.Month - 1].CompletedWanYuan + 1234.5m);
        (await Get(Province)).ShouldBeSameAs(after, "kept again");

        // Every other table the cards are made of, written by plain SQL (a statement that changes nothing counts too).
        var last = after;
        foreach (var (what, sql) in new[]
        {
            ("project", "UPDATE key_projects SET stage = stage WHERE id = (SELECT MIN(id) FROM key_projects)"),
            ("progress deleted", $"DELETE FROM project_progress WHERE project_id = {project} AND month = {month}"),
            ("warning", "UPDATE project_warnings SET level = level WHERE project_id = (SELECT MIN(project_id) FROM project_warnings)"),
            ("town", "UPDATE specialized_towns SET leading_industry = leading_industry WHERE id = (SELECT MIN(id) FROM specialized_towns)"),
            ("a town's townships", "UPDATE specialized_town_townships SET township_id = township_id"),
            ("jurisdiction", "UPDATE jurisdictions SET code = code WHERE id = (SELECT MIN(id) FROM jurisdictions)"),
        })
        {
            await using (var other = storage.CreateContext()) await other.Database.ExecuteSqlRawAsync(sql);
            var next = await Get(Province);
            next.ShouldNotBeSameAs(last, what);
            (await Get(Province)).ShouldBeSameAs(next, what + ", then kept again");
            last = next;
        }
        last.Investment[today.Month - 1].CompletedWanYuan.ShouldBe(first.Investment[today.Month - 1].CompletedWanYuan, "the figure deleted again");

        // Writes elsewhere leave it kept.
        await using (var other = storage.CreateContext())
            await other.Database.ExecuteSqlRawAsync("UPDATE enterprise_annual_statistics SET year = year WHERE id = (SELECT MIN(id) FROM enterprise_annual_statistics)");
        (await Get(Province)).ShouldBeSameAs(last);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_project_figure_does_not_move_the_mark_of_what_the_reserve_adds_up(StorageProvider provider)
    {
        // 储备培育 adds a province's year up in about a second: a project's monthly figure must not make it do so again.
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var (data, projects) = (await ClusterYears.MarkAsync(db), await ChangeMarks.Projects.ReadAsync(db));
        await db.Database.ExecuteSqlRawAsync("UPDATE project_progress SET month = month WHERE id = (SELECT MIN(id) FROM project_progress)");
        (await ClusterYears.MarkAsync(db)).ShouldBe(data);
        (await ChangeMarks.Projects.ReadAsync(db)).ShouldNotBe(projects);
    }
}
