using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Recognition;

namespace SpecializedTowns.Web.Pages.Policies;

public sealed class DetailModel(PolicyCatalog catalog) : PageModel
{
    public PolicyPack Pack { get; private set; } = null!;
    public IReadOnlyList<RecognitionStandard> Standards { get; private set; } = [];

    /// <summary>Standards whose text leaves numbers for the office, with whether this person enters them (decision 0021).</summary>
    public IReadOnlyDictionary<string, bool> Unset { get; private set; } = new Dictionary<string, bool>();

    public IActionResult OnGet(string id)
    {
        if (catalog.FindPack(id) is not { } pack) return NotFound();
        Pack = pack;
        Standards = PolicyCatalog.StandardIdsOf(pack).Select(catalog.FindStandard).OfType<RecognitionStandard>().ToList();
        var scope = UserScope.From(User);
        Unset = Standards.Select(s => catalog.PackStandard(s.Id)!).Where(s => EnteredThresholds.Slots(s).Count > 0)
            .ToDictionary(s => s.Id, s => scope is not null && ThresholdValueStore.CanEnter(scope, catalog, s));
        return Page();
    }
}
