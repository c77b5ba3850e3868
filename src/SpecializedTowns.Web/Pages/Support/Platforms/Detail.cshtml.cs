using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Support;

namespace SpecializedTowns.Web.Pages.Support.Platforms;

public sealed class DetailModel(TownsDbContext db) : PageModel
{
    public PlatformItem Platform { get; private set; } = null!;
    public TownCoverage? Town { get; private set; }
    public bool CanEdit { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var (found, error) = await ServicePlatforms.DeleteAsync(db, scope, id, ct);
        if (!found) return NotFound();
        if (error is not null) return Forbid();
        TempData["Saved"] = "已删除公共服务平台";
        return Redirect("/Support/Platforms");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (await ServicePlatforms.FindAsync(db, id, scope, ct) is not { } found) return false;
        Platform = found;
        CanEdit = SupportScope.CanEdit(scope);
        Town = (await ServicePlatforms.CoverageAsync(db, new PlatformFilter { TownId = found.TownId }, scope, ct)).SingleOrDefault();
        return true;
    }
}
