using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Web.Pages.Policies;

public sealed class IndexModel(PolicyCatalog catalog) : PageModel
{
    public IReadOnlyList<PolicyPack> Packs { get; private set; } = [];

    public void OnGet() =>
        Packs = catalog.Packs.OrderBy(p => p.Document.Level switch { "province" => 0, "city" => 1, _ => 2 }).ThenBy(p => p.Document.IssuedOn).ToList();
}
