using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Pages.Towns;

namespace SpecializedTowns.Web.Pages.Support.Brands;

public sealed class IndexModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public int? Town { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Honour { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public BrandQuotaReport Quota { get; private set; } = new([], [], []);
    public Paged<BrandItem> Result { get; private set; } = new([], 0, 1, 20);
    public PlaceFilter Places { get; private set; } = PlaceFilter.None;
    public IReadOnlyList<SupportOption> Towns { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public DateOnly Today { get; private set; }
    public bool Filtered => Jurisdiction is not null || Town is not null || Kind is not null || Honour is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanEdit = SupportScope.CanEdit(scope);
        Today = ExportFile.Today(time);
        var filter = await FilterAsync(scope, ct);
        Quota = await BrandRegister.QuotaAsync(db, catalog, scope, filter.JurisdictionPath, Today, ct);
        Result = await BrandRegister.ListAsync(db, filter with { Page = Math.Max(1, PageNumber), PageSize = 20 }, scope, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var filter = await FilterAsync(scope, ct);
        var rows = TableExport.AllPages((page, size) => BrandRegister.ListAsync(db, filter with { Page = page, PageSize = size }, scope, ct),
            b => b.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(BrandExport.Brands, format, rows, time, ct, place: Places.Path);
    }

    public async Task<IActionResult> OnGetQuotaExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var filter = await FilterAsync(scope, ct);
        var report = await BrandRegister.QuotaAsync(db, catalog, scope, filter.JurisdictionPath, ExportFile.Today(time), ct);
        return await ExportFile.ResultAsync(BrandExport.Quota, format, report.Towns, time, ct, place: Places.Path);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var problem = await BrandRegister.DeleteAsync(db, UserScope.From(User)!, id, ct);
        TempData[problem is null ? "Saved" : "Problem"] = problem ?? "已删除品牌";
        return Redirect("/Support/Brands");
    }

    private async Task<BrandFilter> FilterAsync(UserScope scope, CancellationToken ct)
    {
        Places = await PlaceFilter.ReadAsync(db, scope, Jurisdiction, ct);
        Towns = await SupportPages.TownOptionsAsync(db, scope, ct, Places.Path);
        Town = FilterValues.ReadTown(HttpContext, Town, Towns.Select(o => o.Id), Places.Name);
        BrandKind? kind = FilterValues.Read<BrandKind>(HttpContext, Kind, "品牌类别");
        Kind = kind?.ToString();
        BrandHonour? honour = FilterValues.Read<BrandHonour>(HttpContext, Honour, "品牌荣誉");
        Honour = honour?.ToString();
        return new BrandFilter
        {
            JurisdictionPath = Places.Path, TownId = Town, Kind = kind, Honour = honour, Search = Search,
        };
    }
}
