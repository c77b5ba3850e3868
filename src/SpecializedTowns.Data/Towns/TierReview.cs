using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Recognition;

namespace SpecializedTowns.Data.Towns;

public sealed record TierReviewItem(int TownId, string Town, string County, Tier Tier, RecognitionStandard Standard, int? Year, RecognitionResult Result, bool IsDemo);

/// <summary>
/// 动态调整: each recognised town checked, on its latest figures, against the standard of the tier it holds
/// where it lies. A town that no longer meets it is the office's to follow up.
/// </summary>
public static class TierReview
{
    public static async Task<IReadOnlyList<TierReviewItem>> ReviewAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, CancellationToken ct = default) =>
        Review(await CheckVisibleAsync(db, catalog, scope, ct));

    /// <summary>Every visible town checked against every standard that applies where it lies: one pass for the review and the dashboard.</summary>
    public static async Task<IReadOnlyList<StandardCheck>> CheckVisibleAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, CancellationToken ct = default)
    {
        var visible = (await scope.Towns(db.Towns).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        var checks = new List<StandardCheck>();
        foreach (var standard in catalog.Standards)
        {
            if (Tiers.Parse(standard.Tier) is not { } tier) continue;
            var towns = (await StoredTownRecognition.RecognizeAsync(db, standard, catalog.AreaOf(standard), ct)).Where(r => visible.Contains(r.TownId)).ToList();
            if (towns.Count > 0) checks.Add(new StandardCheck(standard, tier, towns));
        }
        return checks;
    }

    public static IReadOnlyList<TierReviewItem> Review(IReadOnlyList<StandardCheck> checks) =>
        checks.Where(c => c.Tier != Tier.Reserve)
            .SelectMany(c => c.Towns.Where(r => r.Tier == c.Tier)
                .Select(r => new TierReviewItem(r.TownId, r.TownName, r.County, r.Tier, c.Standard, r.Year, r.Result, r.IsDemo)))
            .OrderBy(i => i.Result.Outcome switch { Results.Ineligible => 0, Results.NeedsReview => 1, _ => 2 })
            .ThenBy(i => i.Town).ToList();
}

public sealed record StandardCheck(RecognitionStandard Standard, Tier Tier, IReadOnlyList<TownRecognition> Towns);
