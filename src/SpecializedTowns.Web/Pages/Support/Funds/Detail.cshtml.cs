using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Support;

namespace SpecializedTowns.Web.Pages.Support.Funds;

public sealed class DetailModel(TownsDbContext db, PolicyCatalog catalog) : PageModel
{
    public FundGrantDetail Detail { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (await FundGrants.FindAsync(db, catalog, id, scope, ct) is not { } detail) return NotFound();
        Detail = detail;
        CanEdit = SupportScope.CanEdit(scope);
        return Page();
    }
}
