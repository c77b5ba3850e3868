using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Data.Applications;

/// <summary>A town named a 培育对象 of a higher tier by a 列入储备 decision on its application (decision 0020).</summary>
public sealed record TownReserve(int ApplicationId, Tier Toward, string StandardId, string? DocumentNumber, DateOnly DecidedOn)
{
    /// <summary>列入市级培育（储备）.</summary>
    public string Label => RecognitionApplication.ReserveLabel(Toward);
}

/// <summary>
/// The 列入储备 decisions that still stand for a town: read from its applications, where the decision, its 文号 and its day are
/// kept, rather than written a second time as a step of the tier history the town did not take (its 认定层级, certificate and
/// 动态调整 read that history as tiers held). One stands while the town is below the tier it was reserved for; the latest per tier.
/// </summary>
public static class TownReserves
{
    public static async Task<IReadOnlyList<TownReserve>> ForTownAsync(TownsDbContext db, int townId, Tier currentTier, CancellationToken ct = default)
    {
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.SpecializedTownId == townId && a.State == ApplicationState.Reserved && a.TargetTier > currentTier)
            .Select(a => new
            {
                a.Id, a.TargetTier, a.StandardId, a.DecisionDocumentNumber,
                DecidedAtUtc = a.Events.Where(e => e.To == ApplicationState.Reserved).Max(e => (DateTime?)e.AtUtc),
            })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.TargetTier)
            .Select(g => g.OrderByDescending(r => r.DecidedAtUtc).ThenByDescending(r => r.Id).First())
            .OrderBy(r => r.TargetTier)
            .Select(r => new TownReserve(r.Id, r.TargetTier, r.StandardId, r.DecisionDocumentNumber, r.DecidedAtUtc is { } at ? ChinaTime.Date(at) : default))
            .ToList();
    }
}
