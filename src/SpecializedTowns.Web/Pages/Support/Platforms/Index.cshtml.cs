using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Pages.Towns;

namespace SpecializedTowns.Web.Pages.Support.Platforms;

public sealed class IndexModel(TownsDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public int? Town { get; set; }
    [BindProperty(SupportsGet = true)] public string? Function { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<PlatformItem> Result { get; private set; } = new([], 0, 1, 20);
    public IReadOnlyList<TownCoverage> Coverage { get; private set; } = [];
    public PlaceFilter Places { get; private set; } = PlaceFilter.None;
    public IReadOnlyList<SupportOption> Towns { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool Filtered => Jurisdiction is not null || Town is not null || Function is not null || Level is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanEdit = SupportScope.CanEdit(scope);
        var filter = await FilterAsync(scope, ct);
        Coverage = await ServicePlatforms.CoverageAsync(db, filter, scope, ct);
        Result = await ServicePlatforms.ListAsync(db, filter with { Page = Math.Max(1, PageNumber), PageSize = 20 }, scope, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var filter = await FilterAsync(scope, ct);
        var rows = TableExport.AllPages((page, size) => ServicePlatforms.ListAsync(db, filter with { Page = page, PageSize = size }, scope, ct),
            p => p.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(PlatformEventExport.Platforms, format, rows, time, ct, place: Places.Path);
    }

    private async Task<PlatformFilter> FilterAsync(UserScope scope, CancellationToken ct)
    {
        Places = await PlaceFilter.ReadAsync(db, scope, Jurisdiction, ct);
        Towns = await SupportPages.TownOptionsAsync(db, scope, ct, Places.Path);
        PlatformFunction? function = FilterValues.Read<PlatformFunction>(HttpContext, Function, "平台功能");
        Function = function?.ToString();
        PlatformLevel? level = FilterValues.Read<PlatformLevel>(HttpContext, Level, "平台级别");
        Level = level?.ToString();
        return new PlatformFilter
        {
            JurisdictionPath = Places.Path,
            TownId = Town = FilterValues.ReadTown(HttpContext, Town, Towns.Select(o => o.Id), Places.Name), Function = function, Level = level, Search = Search,
        };
    }
}
