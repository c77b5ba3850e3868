using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Pages.Towns;

namespace SpecializedTowns.Web.Pages.Support.Events;

public sealed class IndexModel(TownsDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public int? Town { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<EventItem> Result { get; private set; } = new([], 0, 1, 20);
    public EventRollup Rollup { get; private set; } = new([], [], new("合计", 0, 0, 0, 0m, 0m));
    public PlaceFilter Places { get; private set; } = PlaceFilter.None;
    public IReadOnlyList<SupportOption> Towns { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool Filtered => Jurisdiction is not null || Town is not null || Kind is not null || Year is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanEdit = SupportScope.CanEdit(scope);
        var filter = await FilterAsync(scope, ct);
        Rollup = await TradeEvents.RollupAsync(db, filter, scope, ct);
        Result = await TradeEvents.ListAsync(db, filter with { Page = Math.Max(1, PageNumber), PageSize = 20 }, scope, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var filter = await FilterAsync(scope, ct);
        var rows = TableExport.AllPages((page, size) => TradeEvents.ListAsync(db, filter with { Page = page, PageSize = size }, scope, ct),
            e => e.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(PlatformEventExport.Events, format, rows, time, ct, place: Places.Path);
    }

    private async Task<EventFilter> FilterAsync(UserScope scope, CancellationToken ct)
    {
        Places = await PlaceFilter.ReadAsync(db, scope, Jurisdiction, ct);
        Towns = await SupportPages.TownOptionsAsync(db, scope, ct, Places.Path);
        var today = ExportFile.Today(time);
        Years = [today.Year + 1, .. SupportPages.Years(today)];
        EventKind? kind = FilterValues.Read<EventKind>(HttpContext, Kind, "活动类型");
        Kind = kind?.ToString();
        return new EventFilter
        {
            JurisdictionPath = Places.Path,
            TownId = Town = FilterValues.ReadTown(HttpContext, Town, Towns.Select(o => o.Id), Places.Name), Kind = kind, Year = Year, Search = Search,
        };
    }
}
