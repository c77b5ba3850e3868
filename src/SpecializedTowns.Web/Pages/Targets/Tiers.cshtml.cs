using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Targets;

namespace SpecializedTowns.Web.Pages.Targets;

public sealed class TiersModel(TownsDbContext db, PolicyCatalog catalog) : PageModel
{
    public IReadOnlyList<TownRevenueTiers> Towns { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Towns = await TargetQueries.RevenueTiersAsync(db, catalog, UserScope.From(User)!, ct);
        Years = Towns.SelectMany(t => t.Years.Select(y => y.Year)).Distinct().Order().ToList();
    }
}
