using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Problems;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Data.Tasks;

namespace SpecializedTowns.Data.Dashboard;

/// <summary>One city's row of the province's 按市汇总. Output is of the dashboard's one compared year, never a sum of years.</summary>
public sealed record CityRow(string City, IReadOnlyDictionary<Tier, int> Towns, decimal OutputWanYuan, int Projects, int OverdueTasks, int OpenProblems)
{
    public int TownTotal => Towns.Values.Sum();
}

/// <summary>
/// 工作台's 按市汇总 for a reader over several cities (the province): each figure is one grouped query by county (or by the
/// plan's or problem's place), folded into cities here. It is fetched after the dashboard shows, so the page itself is as fast as before.
/// </summary>
public static class CitySummary
{
    /// <summary>The city's path of a path below a province (省/市/…); null for the province itself.</summary>
    private static string? CityOf(string path) => path.Split('/') is { Length: >= 2 } parts ? parts[0] + "/" + parts[1] : null;

    public static async Task<IReadOnlyList<CityRow>> LoadAsync(TownsDbContext db, UserScope scope, TaskService tasks, ProblemService problems, int? year,
        DateOnly today, CancellationToken ct = default)
    {
        var towns = await scope.Towns(db).Where(SpecializedTown.Listed).GroupBy(t => new { t.County!.Path, t.Tier }).Select(g => new { g.Key.Path, g.Key.Tier, Count = g.Count() }).ToListAsync(ct);
        // Summed here: SQLite keeps decimals as text. A province's few hundred towns.
        var inScope = scope.Towns(db).Where(SpecializedTown.Listed).Select(t => t.Id);
        var compared = year ?? -1;
        var output = await db.TownStatistics.Where(s => s.Year == compared && s.OutputValueWanYuan != null && inScope.Contains(s.SpecializedTownId))
            .Join(db.Towns, s => s.SpecializedTownId, t => t.Id, (s, t) => new { t.County!.Path, Output = s.OutputValueWanYuan!.Value }).ToListAsync(ct);
        var projects = await ProjectScope.Projects(db, scope).GroupBy(p => p.County!.Path).Select(g => new { Path = g.Key, Count = g.Count() }).ToListAsync(ct);
        var overdue = await tasks.VisibleTasks(scope).Where(TaskLights.OverdueOn(today))
            .GroupBy(t => t.Plan!.Jurisdiction!.Path).Select(g => new { Path = g.Key, Count = g.Count() }).ToListAsync(ct);
        var open = await (await problems.VisibleAsync(scope, ct)).Where(p => p.State != ProblemState.Closed && p.State != ProblemState.Declined)
            .Join(db.Jurisdictions, p => p.JurisdictionId, j => j.Id, (p, j) => j.Path)
            .GroupBy(path => path).Select(g => new { Path = g.Key, Count = g.Count() }).ToListAsync(ct);

        var cities = await db.Jurisdictions.AsNoTracking().Where(j => j.Level == Core.Jurisdictions.JurisdictionLevel.City
                && (scope.IsAdmin || j.Path.StartsWith(scope.JurisdictionPath + "/")))
            .OrderByCounty(j => j).Select(j => new { j.Path, j.Name }).ToListAsync(ct);
        var rows = new List<CityRow>();
        foreach (var city in cities)
        {
            bool In(string path) => CityOf(path) == city.Path;
            rows.Add(new CityRow(city.Name,
                Tiers.OnList.ToDictionary(t => t, t => towns.Where(x => x.Tier == t && In(x.Path)).Sum(x => x.Count)),
                Core.Recognition.Quantity.Normalize(output.Where(x => In(x.Path)).Sum(x => x.Output)),
                projects.Where(x => In(x.Path)).Sum(x => x.Count),
                overdue.Where(x => In(x.Path)).Sum(x => x.Count),
                open.Where(x => In(x.Path)).Sum(x => x.Count)));
        }
        return rows;
    }
}
