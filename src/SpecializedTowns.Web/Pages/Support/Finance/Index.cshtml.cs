using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Pages.Towns;

namespace SpecializedTowns.Web.Pages.Support.Finance;

public sealed class IndexModel(TownsDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<WhiteListItem> Result { get; private set; } = new([], 0, 1, 20);
    public PlaceFilter Places { get; private set; } = PlaceFilter.None;
    public IReadOnlyList<int> Years { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool Filtered => Year is not null || Jurisdiction is not null || Status is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanEdit = SupportScope.CanEdit(scope);
        Result = await WhiteLists.ListAsync(db, await FilterAsync(scope, ct) with { Page = Math.Max(1, PageNumber), PageSize = 20 }, scope, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var filter = await FilterAsync(scope, ct);
        var rows = TableExport.AllPages((page, size) => WhiteLists.ListAsync(db, filter with { Page = page, PageSize = size }, scope, ct),
            w => w.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(SupportRegisterExport.WhiteList, format, rows, time, ct, place: Places.Path);
    }

    private async Task<WhiteListFilter> FilterAsync(UserScope scope, CancellationToken ct)
    {
        Places = await PlaceFilter.ReadAsync(db, scope, Jurisdiction, ct);
        Years = SupportPages.Years(ExportFile.Today(time));
        WhiteListStatus? status = FilterValues.Read<WhiteListStatus>(HttpContext, Status, "白名单状态");
        Status = status?.ToString();
        return new WhiteListFilter { Year = Year, JurisdictionPath = Places.Path, Status = status, Search = Search };
    }
}
