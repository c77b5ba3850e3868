using Microsoft.EntityFrameworkCore;

namespace SpecializedTowns.Data;

/// <summary>
/// Work that aggregates or sorts over the whole of a city's or the province's scope — the reminders behind the bell on every
/// page, the project library and its summary — has PostgreSQL plan each statement for the values it runs with. The platform's
/// statements are prepared (StorageSettings.ForShortQueries), and after five runs PostgreSQL keeps one plan for all values
/// when that plan looks no dearer. For the scope condition (`path = $1 OR path LIKE $2`) it cannot tell a county from the
/// province and guesses 8 of 1,329 jurisdictions: right for a county, while for the province office the one plan probes
/// 20,000 projects one at a time. Planned per run, the province office's bell 82 → 57 ms, its reminder card 110 → 73 ms
/// and the project summary 122 → 97 ms (p50, two cores, province data, same minute); a county office's bell went 33 → 38 ms
/// (the planning), so counties and townships keep the one plan. Everywhere else one plan is kept too: forcing per-run
/// plans on every session made the lists slower and re-planned the foreign-key check of every row an import writes.
/// </summary>
public static class PlansPerRun
{
    public static Task<T> PlannedPerRunAsync<T>(this TownsDbContext db, Accounts.UserScope scope, Func<Task<T>> work, CancellationToken ct = default) =>
        db.PlannedPerRunAsync(scope.SpansCounties, work, ct);

    /// <param name="perRun">Whether to plan per run: the audit list does for every scope (AuditQueries.ListAsync).</param>
    public static async Task<T> PlannedPerRunAsync<T>(this TownsDbContext db, bool perRun, Func<Task<T>> work, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql() || !perRun || db.PlanningPerRun) return await work();
        // One connection for the whole of the work, so the setting holds for each of its statements. Pooled connections are
        // not reset when handed back (StorageSettings.ForShortQueries): the setting is put back here, also when the work
        // fails or is cancelled.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SET plan_cache_mode = force_custom_plan", ct);
            db.PlanningPerRun = true;
            return await work();
        }
        finally
        {
            db.PlanningPerRun = false;
            try
            {
                await db.Database.ExecuteSqlRawAsync("RESET plan_cache_mode", CancellationToken.None);
            }
            // A broken connection is dropped by the pool, setting and all.
            catch (System.Data.Common.DbException) { }
            await db.Database.CloseConnectionAsync();
        }
    }
}
