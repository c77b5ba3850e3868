using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Towns;

namespace SpecializedTowns.Web.Pages.Adjustments;

public sealed class IndexModel(TownsDbContext db, PolicyCatalog catalog) : PageModel
{
    public IReadOnlyList<TierReviewItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = await TierReview.ReviewAsync(db, catalog, UserScope.From(User)!, ct);
}
