using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Problems;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Data.Tasks;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>
/// An office's places read as a byte-wise range of paths (UserScope.CountiesUnder; on PostgreSQL the towns, projects and
/// plans by those ids): exactly its own jurisdiction and those whose path starts with it and a slash, never a neighbour
/// whose name merely begins the same way (运城 and 运城市, 运城市 and 运城市盐湖) or sorts right after it (运城市0).
/// </summary>
public class PlacesUnderTests
{
    private static readonly string[] Edges = ["山西省/运城", "山西省/运城市盐湖", "山西省/运城市0", "山西省0", "山西"];

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_office_reads_its_own_places_and_none_that_only_begin_like_them(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        // Counties on the edge paths, each given a town, a project and a plan of the demo's 运城市 so that a wrong range shows.
        foreach (var path in Edges)
            db.Jurisdictions.Add(new Jurisdiction { Name = path.Split('/').Last(), Level = JurisdictionLevel.County, Path = path });
        await db.SaveChangesAsync();
        var edgeIds = await db.Jurisdictions.Where(j => Edges.Contains(j.Path)).Select(j => j.Id).ToListAsync();
        var yuncheng = await db.Jurisdictions.Where(j => j.Path.StartsWith("山西省/运城市/")).Select(j => j.Id).ToListAsync();
        var towns = await db.Towns.Where(t => yuncheng.Contains(t.CountyId)).OrderBy(t => t.Id).Select(t => t.Id).Take(edgeIds.Count).ToListAsync();
        var projects = await db.Projects.Where(p => yuncheng.Contains(p.CountyId)).OrderBy(p => p.Id).Select(p => p.Id).Take(edgeIds.Count).ToListAsync();
        var plans = await db.ActionPlans.Where(p => yuncheng.Contains(p.JurisdictionId)).OrderBy(p => p.Id).Select(p => p.Id).Take(edgeIds.Count).ToListAsync();
        var problems = await db.Problems.Where(p => yuncheng.Contains(p.JurisdictionId)).OrderBy(p => p.Id).Select(p => p.Id).Take(edgeIds.Count).ToListAsync();
        problems.Count.ShouldBe(edgeIds.Count, "the demo has enough problems in 运城市 to move");
        towns.Count.ShouldBe(edgeIds.Count, "the demo has enough towns in 运城市 to move");
        projects.Count.ShouldBe(edgeIds.Count, "the demo has enough projects in 运城市 to move");
        plans.Count.ShouldBeGreaterThan(0, "the demo has action plans in 运城市");
        for (var i = 0; i < edgeIds.Count; i++)
        {
            var (county, town, project, problem) = (edgeIds[i], towns[i], projects[i], problems[i]);
            // Its lead unit goes too: an office keeps sight of problems its own units lead wherever they lie (decision 0022).
            await db.Problems.Where(p => p.Id == problem).ExecuteUpdateAsync(s => s.SetProperty(p => p.JurisdictionId, county).SetProperty(p => p.LeadUnitId, (int?)null));
            await db.Towns.Where(t => t.Id == town).ExecuteUpdateAsync(s => s.SetProperty(t => t.CountyId, county));
            await db.Projects.Where(p => p.Id == project).ExecuteUpdateAsync(s => s.SetProperty(p => p.CountyId, county));
            if (i < plans.Count)
            {
                var plan = plans[i];
                await db.ActionPlans.Where(p => p.Id == plan).ExecuteUpdateAsync(s => s.SetProperty(p => p.JurisdictionId, county));
            }
        }

        var paths = await db.Jurisdictions.ToDictionaryAsync(j => j.Id, j => j.Path);
        var tasks = new TaskService(db, Core.Policies.PolicyCatalog.Load(TestDatabases.PoliciesDirectory), TimeProvider.System, new(7));
        var ledger = new ProblemService(db, TimeProvider.System, new ProblemSettings());
        foreach (var place in new[] { "山西省/运城市", "山西省/运城", "山西省/运城市/垣曲县", "山西省", "山西省0" })
        {
            bool Covered(int id) => Jurisdiction.IsWithin(paths[id], place);
            (await UserScope.CountiesUnder(db, place).ToListAsync()).Order()
                .ShouldBe(paths.Keys.Where(Covered).Order(), $"{place}: its places");

            var scope = new UserScope(9_999, Roles.Office, place, null);
            (await scope.Towns(db).Select(t => t.Id).ToListAsync()).Order()
                .ShouldBe((await db.Towns.Select(t => new { t.Id, t.CountyId }).ToListAsync()).Where(t => Covered(t.CountyId)).Select(t => t.Id).Order(), $"{place}: towns");
            (await ProjectScope.Projects(db, scope).Select(p => p.Id).ToListAsync()).Order()
                .ShouldBe((await db.Projects.Select(p => new { p.Id, p.CountyId }).ToListAsync()).Where(p => Covered(p.CountyId)).Select(p => p.Id).Order(), $"{place}: projects");
            (await tasks.VisiblePlans(scope).Select(p => p.Id).ToListAsync()).Order()
                .ShouldBe((await db.ActionPlans.Select(p => new { p.Id, p.JurisdictionId }).ToListAsync()).Where(p => Covered(p.JurisdictionId)).Select(p => p.Id).Order(), $"{place}: plans");
            (await tasks.VisibleTasks(scope).Select(t => t.Id).ToListAsync()).Order()
                .ShouldBe((await db.PlanTasks.Select(t => new { t.Id, t.Plan!.JurisdictionId }).ToListAsync()).Where(t => Covered(t.JurisdictionId)).Select(t => t.Id).Order(), $"{place}: tasks");
            // The province's office too keeps its condition: 山西省0 lies outside it (ProblemService.JurisdictionsUnderAsync).
            (await (await ledger.VisibleAsync(scope)).Select(p => p.Id).ToListAsync()).Order()
                .ShouldBe((await db.Problems.Select(p => new { p.Id, p.JurisdictionId }).ToListAsync()).Where(p => Covered(p.JurisdictionId)).Select(p => p.Id).Order(), $"{place}: problems");
        }
    }
}
