using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Web.Pages.Policies;

public sealed class DetailModel(PolicyCatalog catalog) : PageModel
{
    public PolicyPack Pack { get; private set; } = null!;
    public IReadOnlyList<RecognitionStandard> Standards { get; private set; } = [];

    public IActionResult OnGet(string id)
    {
        if (catalog.FindPack(id) is not { } pack) return NotFound();
        Pack = pack;
        Standards = PolicyCatalog.StandardIdsOf(pack).Select(catalog.FindStandard).OfType<RecognitionStandard>().ToList();
        return Page();
    }
}
