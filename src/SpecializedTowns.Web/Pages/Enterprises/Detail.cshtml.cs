using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;

namespace SpecializedTowns.Web.Pages.Enterprises;

public sealed class DetailModel(TownsDbContext db) : PageModel
{
    public EnterpriseDetail Detail { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var detail = await EnterpriseDetails.FindAsync(db, id, scope, ct);
        if (detail is null) return NotFound();
        Detail = detail;
        CanEdit = EnterpriseRegistry.CanEdit(scope);
        return Page();
    }
}
