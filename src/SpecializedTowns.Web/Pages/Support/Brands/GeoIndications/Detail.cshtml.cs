using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Api;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Support.Brands.GeoIndications;

public sealed class DetailModel(TownsDbContext db, TimeProvider time) : PageModel
{
    [BindProperty, Display(Name = "新状态")] public GeoIndicationStatus? To { get; set; }
    [BindProperty] public DateOnly? On { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Note { get; set; }

    public GeoIndicationItem Application { get; private set; } = null!;
    public IReadOnlyList<GeoIndicationChange> History { get; private set; } = [];
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
        Error = await GeoIndicationRegister.MoveAsync(db, scope, id, To, On, Number, Note, ExportFile.Today(time), HttpContext.DisplayName(), ct);
        if (Error is not null) return Page();
        TempData["Saved"] = To == GeoIndicationStatus.Approved
            ? "已登记获批，地理标志已计入该专业镇的品牌"
            : $"已变更为“{GeoIndicationNames.Chinese(To!.Value)}”";
        return Redirect($"/Support/Brands/GeoIndications/Detail/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var problem = await GeoIndicationRegister.DeleteAsync(db, UserScope.From(User)!, id, ct);
        if (problem is null) { TempData["Saved"] = "已删除地理标志申请"; return Redirect("/Support/Brands/GeoIndications"); }
        TempData["Problem"] = problem;
        return Redirect(problem.Contains("不存在") ? "/Support/Brands/GeoIndications" : $"/Support/Brands/GeoIndications/Detail/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (await GeoIndicationRegister.FindAsync(db, id, scope, ct) is not { } found) return false;
        (Application, History, CanEdit) = (found.Item, found.History, SupportScope.CanEdit(scope));
        return true;
    }
}
