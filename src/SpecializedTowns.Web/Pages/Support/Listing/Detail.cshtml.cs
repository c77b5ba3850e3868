using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Api;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Support.Listing;

public sealed class DetailModel(TownsDbContext db, TimeProvider time) : PageModel
{
    [BindProperty, Display(Name = "新阶段")] public ListingStage? To { get; set; }
    [BindProperty] public DateOnly? On { get; set; }
    [BindProperty] public string? Note { get; set; }

    public ListingItem Candidate { get; private set; } = null!;
    public IReadOnlyList<StageChangeItem> History { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        On = ExportFile.Today(time);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanEdit) return Forbid();
        Error = await ListingReserve.MoveAsync(db, scope, id, To, On, Note, ExportFile.Today(time), HttpContext.DisplayName(), ct);
        if (Error is not null) return Page();
        TempData["Saved"] = $"已变更为“{ListingStages.Chinese(To!.Value)}”阶段";
        return Redirect($"/Support/Listing/Detail/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var problem = await ListingReserve.DeleteAsync(db, UserScope.From(User)!, id, ct);
        if (problem is null) { TempData["Saved"] = "已将该企业移出上市后备企业资源库"; return Redirect("/Support/Listing"); }
        if (problem.Contains("不存在")) return NotFound();
        return Forbid();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (await ListingReserve.FindAsync(db, id, scope, ct) is not { } found) return false;
        (Candidate, History, CanEdit) = (found.Item, found.History, SupportScope.CanEdit(scope));
        return true;
    }
}
