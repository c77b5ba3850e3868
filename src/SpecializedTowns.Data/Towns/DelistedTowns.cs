using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Documents;

namespace SpecializedTowns.Data.Towns;

/// <summary>A town taken off the list (<see cref="Tier.Delisted"/>): its name and the step that took it off.</summary>
public sealed record OffList(int Id, string Name, DateOnly? On, string? DocumentNumber)
{
    /// <summary>Why nothing new is registered against it: “平定砂器刻花瓷专业镇”已于2025年6月30日退出专业镇名录（阳专领发〔2025〕4号），不能再登记新的重点项目.</summary>
    public string Refusal(string what) => $"{Left}，不能再登记新的{what}";

    /// <summary>“平定砂器刻花瓷专业镇”已于2025年6月30日退出专业镇名录（阳专领发〔2025〕4号）.</summary>
    public string Left => $"“{Name}”已于{(On is { } d ? OfficialDocument.FormatDate(d) : "")}退出专业镇名录{(DocumentNumber is { Length: > 0 } n ? $"（{n}）" : "")}";
}

/// <summary>
/// The one check of new work against a town taken off the list (decision 0024): a project, lead, enterprise, problem,
/// task force, an imported row or a recognition decided after the town left is refused with the day and 文号 it left by,
/// on the page, the API and the import alike. Work already recorded against it stays and may still be edited.
/// </summary>
public static class DelistedTowns
{
    /// <summary>The towns among the given ones that are off the list, by id.</summary>
    public static Task<IReadOnlyDictionary<int, OffList>> AmongAsync(TownsDbContext db, IReadOnlyCollection<int> townIds, CancellationToken ct = default) =>
        OfAsync(db.Towns.Where(t => townIds.Contains(t.Id)), ct);

    /// <summary>The towns of the query that are off the list, by id.</summary>
    public static async Task<IReadOnlyDictionary<int, OffList>> OfAsync(IQueryable<SpecializedTown> towns, CancellationToken ct = default) =>
        (await towns.AsNoTracking().Where(t => t.Tier == Tier.Delisted)
            .Select(t => new
            {
                t.Id, t.Name,
                Step = t.TierHistory.Where(h => h.Tier == Tier.Delisted).OrderByDescending(h => h.EffectiveOn).ThenByDescending(h => h.Id)
                    .Select(h => new { h.EffectiveOn, h.DocumentNumber }).FirstOrDefault(),
            }).ToListAsync(ct))
        .ToDictionary(t => t.Id, t => new OffList(t.Id, t.Name, t.Step?.EffectiveOn, t.Step?.DocumentNumber));

    /// <summary>
    /// Why <paramref name="what"/> may not be saved against the town (null when it may): it is off the list, and the record is
    /// new or is being moved to it (<paramref name="keptFrom"/>, the town the record already has, is not refused).
    /// </summary>
    public static async Task<string?> RefusalAsync(TownsDbContext db, int? townId, string what, int? keptFrom = null, CancellationToken ct = default)
    {
        if (townId is not { } id || id == keptFrom) return null;
        var off = await OfAsync(db.Towns.Where(t => t.Id == id), ct);
        return off.TryGetValue(id, out var town) ? town.Refusal(what) : null;
    }

    /// <summary>Why an application for the town may not end in 认定 or 储备 (null when it may): the town left the list while it was under way.</summary>
    public static async Task<string?> DecisionRefusalAsync(TownsDbContext db, int townId, CancellationToken ct = default) =>
        (await OfAsync(db.Towns.Where(t => t.Id == townId), ct)).TryGetValue(townId, out var town)
            ? $"{town.Left}，本申报不能再认定或列入储备；请作“不予认定”处理" : null;
}
