using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Data.Applications;

/// <summary>
/// The relaxations recognitions were granted under, read from the recognised applications (their declared facts and the
/// panel's conclusions, kept as they were decided): what the 认定决定 states and what 动态调整 holds the town to afterwards.
/// </summary>
public static class RecognitionRelaxations
{
    /// <summary>The relaxations of one application, as <see cref="Relaxations.Granted"/> reads its facts and panel.</summary>
    public static IReadOnlyList<GrantedRelaxation> Of(RecognitionStandard standard, string factsJson, string? panelJson)
    {
        if (panelJson is null) return [];
        TownFacts facts;
        try { facts = FactsReader.Read(factsJson); }
        catch (FactsFormatException) { return []; }
        var panel = JsonSerializer.Deserialize<Dictionary<string, bool>>(panelJson) ?? [];
        return Relaxations.Granted(standard, facts with { ExpertConclusions = panel });
    }

    /// <summary>
    /// Per town and standard, the relaxations of the town's latest recognition under that standard (the recognition its tier
    /// rests on when the tier change names the standard). Towns recognised on the full standard have none.
    /// </summary>
    public static async Task<GrantedRelaxations> ForTownsAsync(
        TownsDbContext db, PolicyCatalog catalog, IReadOnlyCollection<int> townIds, CancellationToken ct = default)
    {
        var ids = townIds.Distinct().ToList();
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.State == ApplicationState.Recognized && a.PanelConclusionJson != null && ids.Contains(a.SpecializedTownId))
            .Select(a => new { a.Id, a.SpecializedTownId, a.StandardId, a.FactsJson, a.PanelConclusionJson })
            .ToListAsync(ct);
        var result = new Dictionary<(int, string), IReadOnlyList<GrantedRelaxation>>();
        foreach (var latest in rows.GroupBy(r => (r.SpecializedTownId, r.StandardId)).Select(g => g.MaxBy(r => r.Id)!))
        {
            if (catalog.FindStandard(latest.StandardId) is not { } standard) continue;
            var granted = Of(standard, latest.FactsJson, latest.PanelConclusionJson);
            if (granted.Count > 0) result[(latest.SpecializedTownId, latest.StandardId)] = granted;
        }
        return new GrantedRelaxations(result);
    }
}

/// <summary>
/// The relaxations towns were recognised under, and the one rule that holds a town to them in every yearly check: 动态调整's
/// findings, its 已认定专业镇最新年度复核 tab and the dashboard's 需要关注 (qa110 3).
/// </summary>
public sealed class GrantedRelaxations(IReadOnlyDictionary<(int TownId, string StandardId), IReadOnlyList<GrantedRelaxation>> byTown)
{
    /// <summary>The relaxations of the town's latest recognition under the standard; empty when it was recognised on the full standard.</summary>
    public IReadOnlyList<GrantedRelaxation> Of(int townId, string standardId) => byTown.GetValueOrDefault((townId, standardId)) ?? [];

    /// <summary>The town's facts held to the relaxed floor of each criterion it was recognised under the relaxation for.</summary>
    public TownFacts HoldTo(int townId, RecognitionStandard standard, TownFacts facts) =>
        Of(townId, standard.Id) is { Count: > 0 } granted ? facts with { RelaxedCriteria = granted.Select(g => g.CriterionKey).ToList() } : facts;
}
