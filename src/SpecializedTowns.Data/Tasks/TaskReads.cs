using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Tasks;

namespace SpecializedTowns.Data.Tasks;

public static class TaskReads
{
    /// <summary>
    /// The tasks of a query with their plan, units and milestones, read untracked as three flat queries and put together here.
    /// EF's asynchronous split query (Include of the two collections) builds delegates for every task it reads: over a
    /// province's 10,000 tasks that cost more than reading them.
    /// </summary>
    public static async Task<List<PlanTask>> WithPartsAsync(IQueryable<PlanTask> query, bool unitPlaces, CancellationToken ct)
    {
        query = query.AsNoTracking();
        var tasks = await query.Include(t => t.Plan).ToListAsync(ct);
        if (tasks.Count == 0) return tasks;
        var units = query.SelectMany(t => t.Units).Include(u => u.Unit);
        var unitRows = unitPlaces ? await units.ThenInclude(u => u!.Jurisdiction).ToListAsync(ct) : await units.ToListAsync(ct);
        var byTask = unitRows.OrderBy(u => u.SortOrder).ToLookup(u => u.TaskId);
        var milestones = (await query.SelectMany(t => t.Milestones).OrderBy(m => m.SortOrder).ThenBy(m => m.Id).ToListAsync(ct)).ToLookup(m => m.TaskId);
        foreach (var t in tasks)
        {
            t.Units = byTask[t.Id].ToList();
            t.Milestones = milestones[t.Id].ToList();
        }
        return tasks;
    }
}
