using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;

namespace SpecializedTowns.Data.Towns;

/// <summary>A town's 专班 as the town page and 一镇一档 describe it.</summary>
public sealed record TownTaskForce(IReadOnlyList<string> LeadUnits, IReadOnlyList<string> Supporting, string? ResponsibleLeader, string? Source, bool ReportsMonthly)
{
    /// <summary>
    /// The 专班 recorded for the town (专班月报 works from these records, and an office sets one up for a town its
    /// policy pack does not name), else the one its policy pack names: the pack alone said 未设专班 of a town whose
    /// 专班 reports every month.
    /// </summary>
    public static async Task<TownTaskForce?> FindAsync(TownsDbContext db, PolicyPack? pack, int townId, string townName, CancellationToken ct = default)
    {
        var recorded = await db.TaskForces.AsNoTracking().Where(f => f.SpecializedTownId == townId).OrderBy(f => f.Id)
            .Select(f => new
            {
                f.ResponsibleLeader, f.Source,
                Units = f.Units.OrderBy(u => u.UnitId).Select(u => new { u.Role, u.Unit!.Name }).ToList(),
                Townships = f.Townships.OrderBy(x => x.TownshipId).Select(x => x.Township!.Name).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (recorded is not null)
            return new TownTaskForce(
                recorded.Units.Where(u => u.Role == TaskForceRole.Lead).Select(u => u.Name).ToList(),
                [.. recorded.Townships, .. recorded.Units.Where(u => u.Role == TaskForceRole.Supporting).Select(u => u.Name)],
                recorded.ResponsibleLeader, recorded.Source, ReportsMonthly: true);
        // Task forces are named by the town's short name in the texts (万安钻石 for 万安钻石专业镇).
        var named = pack?.Mechanisms.TaskForces.FirstOrDefault(t => townName.StartsWith(t.Town, StringComparison.Ordinal));
        return named is null ? null
            : new TownTaskForce(named.LeadUnits, [.. named.SupportingTownships, .. named.SupportingUnits], named.ResponsibleLeader, named.Source, named.Reporting == "monthly");
    }
}
