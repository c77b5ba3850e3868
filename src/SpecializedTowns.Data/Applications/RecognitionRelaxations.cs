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
    /// rests on when the tier change names the standard). Towns recognised on the full standard are absent.
    /// </summary>
    public static async Task<Dictionary<(int TownId, string StandardId), IReadOnlyList<GrantedRelaxation>>> ForTownsAsync(
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
        return result;
    }
}
