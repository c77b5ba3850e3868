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

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var problem = await FundGrants.DeleteAsync(db, UserScope.From(User)!, id, ct);
        if (problem is null) { TempData["Saved"] = "已删除资金奖补记录"; return Redirect("/Support/Funds"); }
        if (problem.Contains("不存在")) return NotFound();
        TempData["Problem"] = problem;
        return Redirect($"/Support/Funds/Detail/{id}");
    }
}
