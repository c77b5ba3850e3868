using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Pages.Towns;

namespace SpecializedTowns.Web.Pages.Support.Brands.GeoIndications;

public sealed class IndexModel(TownsDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<GeoIndicationItem> Result { get; private set; } = new([], 0, 1, 20);
    public IReadOnlyDictionary<GeoIndicationStatus, int> Counts { get; private set; } = new Dictionary<GeoIndicationStatus, int>();
    public PlaceFilter Places { get; private set; } = PlaceFilter.None;
    public bool CanEdit { get; private set; }
    public bool Filtered => Jurisdiction is not null || Status is not null || Kind is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanEdit = SupportScope.CanEdit(scope);
        var filter = await FilterAsync(scope, ct);
        Counts = await GeoIndicationRegister.CountsAsync(db, filter with { Status = null }, scope, ct);
        Result = await GeoIndicationRegister.ListAsync(db, filter with { Page = Math.Max(1, PageNumber), PageSize = 20 }, scope, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var filter = await FilterAsync(scope, ct);
        var rows = TableExport.AllPages((page, size) => GeoIndicationRegister.ListAsync(db, filter with { Page = page, PageSize = size }, scope, ct),
            g => g.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(BrandExport.GeoIndications, format, rows, time, ct, place: Places.Path);
    }

    private async Task<GeoIndicationFilter> FilterAsync(UserScope scope, CancellationToken ct)
    {
        Places = await PlaceFilter.ReadAsync(db, scope, Jurisdiction, ct);
        GeoIndicationStatus? status = FilterValues.Read<GeoIndicationStatus>(HttpContext, Status, "申请状态");
        Status = status?.ToString();
        GeoIndicationKind? kind = FilterValues.Read<GeoIndicationKind>(HttpContext, Kind, "保护方式");
        Kind = kind?.ToString();
        return new GeoIndicationFilter { JurisdictionPath = Places.Path, Status = status, Kind = kind, Search = Search };
    }
}
