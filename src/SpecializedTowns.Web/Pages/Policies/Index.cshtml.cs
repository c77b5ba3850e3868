using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;

namespace SpecializedTowns.Web.Pages.Policies;

public sealed class IndexModel(PolicyCatalog catalog) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    /// <summary>
    /// The page of the catalogue. Paged here, not in the database: the packs are files read at start, one per issuing
    /// document, so the list grows with the counties whose 实施方案 are entered, not with their records.
    /// </summary>
    public Paged<PolicyPack> Result { get; private set; } = new([], 0, 1, PageSize);

    public void OnGet()
    {
        var packs = catalog.Packs.OrderBy(p => p.Document.Level switch { "province" => 0, "city" => 1, _ => 2 }).ThenBy(p => p.Document.IssuedOn).ToList();
        var (page, size) = Paged<PolicyPack>.Normalize(PageNumber, PageSize);
        Result = new Paged<PolicyPack>(packs.Skip((page - 1) * size).Take(size).ToList(), packs.Count, page, size);
    }
}
