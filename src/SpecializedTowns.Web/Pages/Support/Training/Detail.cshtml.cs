using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Support.Training;

public sealed class DetailModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time) : PageModel
{
    public TrainingDetail Programme { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (await TrainingProgrammes.FindAsync(db, catalog, id, scope, ExportFile.Today(time), ct) is not { } found) return NotFound();
        (Programme, CanEdit) = (found, SupportScope.CanEdit(scope));
        return Page();
    }
}
