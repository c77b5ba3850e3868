using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Support;
using TalentRegister = SpecializedTowns.Data.Support.Talents;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Pages.Support.Training;
using SpecializedTowns.Web.Pages.Towns;

namespace SpecializedTowns.Web.Pages.Support.Talents;

/// <summary>人才: the people of 朔政办发〔2023〕19号 四（二）, counted by category per town above the list.</summary>
public sealed class IndexModel(TownsDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public int? Town { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<TalentItem> Result { get; private set; } = new([], 0, 1, 20);
    public TalentCounts Counts { get; private set; } = new([]);
    public PlaceFilter Places { get; private set; } = PlaceFilter.None;
    public IReadOnlyList<PlaceOption> Towns { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool Filtered => Jurisdiction is not null || Town is not null || Category is not null || Year is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanEdit = SupportScope.CanEdit(scope);
        var filter = await FilterAsync(scope, ct);
        Counts = await TalentRegister.CountsAsync(db, filter, scope, ct);
        Result = await TalentRegister.ListAsync(db, filter with { Page = Math.Max(1, PageNumber), PageSize = 20 }, scope, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var filter = await FilterAsync(scope, ct);
        var rows = TableExport.AllPages((page, size) => TalentRegister.ListAsync(db, filter with { Page = page, PageSize = size }, scope, ct),
            t => t.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(TalentExport.Talents, format, rows, time, ct, place: Places.Path);
    }

    private async Task<TalentFilter> FilterAsync(UserScope scope, CancellationToken ct)
    {
        Places = await PlaceFilter.ReadAsync(db, scope, Jurisdiction, ct);
        Towns = await TalentPages.TownsAsync(db, scope, ct, Places.Path);
        Years = SupportPages.Years(ExportFile.Today(time));
        TalentCategory? category = FilterValues.Read<TalentCategory>(HttpContext, Category, "人才类别");
        Category = category?.ToString();
        return new TalentFilter
        {
            JurisdictionPath = Places.Path,
            TownId = Town = FilterValues.ReadTown(HttpContext, Town, Towns.Select(x => x.Id), Places.Name), Category = category, Year = Year, Search = Search,
        };
    }
}
