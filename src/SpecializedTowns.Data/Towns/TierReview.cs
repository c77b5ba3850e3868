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
    public static async Task<IReadOnlyList<TierReviewItem>> ReviewAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, CancellationToken ct = default)
    {
        var visible = (await scope.Towns(db.Towns).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        var items = new List<TierReviewItem>();
        foreach (var standard in catalog.Standards)
        {
            if (Tiers.Parse(standard.Tier) is not { } tier || tier == Tier.Reserve) continue;
            var area = catalog.AreaOf(standard);
            foreach (var r in await StoredTownRecognition.RecognizeAsync(db, standard, area, ct))
                if (r.Tier == tier && visible.Contains(r.TownId))
                    items.Add(new TierReviewItem(r.TownId, r.TownName, r.County, r.Tier, standard, r.Year, r.Result, r.IsDemo));
        }
        return items
            .OrderBy(i => i.Result.Outcome switch { Results.Ineligible => 0, Results.NeedsReview => 1, _ => 2 })
            .ThenBy(i => i.Town).ToList();
    }
}
