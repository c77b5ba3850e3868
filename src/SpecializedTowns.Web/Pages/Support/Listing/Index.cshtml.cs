using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Pages.Towns;

namespace SpecializedTowns.Web.Pages.Support.Listing;

public sealed class IndexModel(TownsDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<ListingItem> Result { get; private set; } = new([], 0, 1, 20);
    public ListingCounts Counts { get; private set; } = new([]);
    public PlaceFilter Places { get; private set; } = PlaceFilter.None;
    public bool CanEdit { get; private set; }
    public bool Filtered => Jurisdiction is not null || Stage is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanEdit = SupportScope.CanEdit(scope);
        var filter = await FilterAsync(scope, ct);
        Counts = await ListingReserve.CountsAsync(db, filter, scope, ct);
        Result = await ListingReserve.ListAsync(db, filter with { Page = Math.Max(1, PageNumber), PageSize = 20 }, scope, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var filter = await FilterAsync(scope, ct);
        var rows = TableExport.AllPages((page, size) => ListingReserve.ListAsync(db, filter with { Page = page, PageSize = size }, scope, ct),
            c => c.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(SupportRegisterExport.Listing, format, rows, time, ct, place: Places.Path);
    }

    private async Task<ListingFilter> FilterAsync(UserScope scope, CancellationToken ct)
    {
        Places = await PlaceFilter.ReadAsync(db, scope, Jurisdiction, ct);
        ListingStage? stage = FilterValues.Read<ListingStage>(HttpContext, Stage, "上市后备阶段");
        Stage = stage?.ToString();
        return new ListingFilter { JurisdictionPath = Places.Path, Stage = stage, Search = Search };
    }
}
