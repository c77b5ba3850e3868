using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Towns;

public sealed class IndexModel(TownsDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tier { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<TownListItem> Result { get; private set; } = new([], 0, 1, 20);
    public PlaceFilter Places { get; private set; } = PlaceFilter.None;
    public bool CanEdit { get; private set; }
    public bool Filtered => Jurisdiction is not null || Tier is not null || Category is not null || !string.IsNullOrWhiteSpace(Search);

    /// <summary>The one statistics year of the 年产值 and 就业 columns (the dashboard's); null when no town has any.</summary>
    public int? Year { get; private set; }

    /// <summary>Listed towns without a 年产值 for <see cref="Year"/>.</summary>
    public int WithoutYear { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanEdit = TownRegistry.CanEdit(scope);
        var filter = await FilterAsync(scope, ct);
        Result = await TownQueries.ListAsync(db, filter with { Page = Math.Max(1, PageNumber), PageSize = 20 }, ct, scope);
        if (Year is { } year && Result.Total > 0) WithoutYear = await TownQueries.WithoutYearAsync(db, filter, year, scope, ct);
    }

    /// <summary>The list as filtered, every page of it (or the ticked rows), to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var filter = await FilterAsync(scope, ct);
        var rows = TableExport.AllPages((page, size) => TownQueries.ListAsync(db, filter with { Page = page, PageSize = size }, ct, scope),
            t => t.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(TownExport.For(scope.SpansCities), format, rows, time, ct, place: Places.Path);
    }

    /// <summary>The one reading of the filter bar that the table and the export share.</summary>
    private async Task<TownFilter> FilterAsync(UserScope scope, CancellationToken ct)
    {
        Places = await PlaceFilter.ReadAsync(db, scope, Jurisdiction, ct);
        var tier = FilterValues.Read<SpecializedTowns.Core.Towns.Tier>(HttpContext, Tier, "梯次");
        Tier = tier is { } t ? Tiers.Key(t) : null;
        var category = string.IsNullOrWhiteSpace(Category) ? null : CodeLists.IndustryCategory.Find(Category.Trim())?.Code;
        if (category is null && !string.IsNullOrWhiteSpace(Category)) FilterValues.Unknown(HttpContext, "产业领域", Category);
        Category = category;
        // One year for every row, so that the 年产值 column (and its sort) never sets one town's newer figure against another's older.
        Year = await TownQueries.ComparisonYearAsync(db, scope, ct);
        return new TownFilter { JurisdictionPath = Places.Path, Tier = tier, Category = category, Search = Search,
            Sort = FilterValues.ReadSort(HttpContext, Sort, TownFilter.SortKeys), Year = Year };
    }
}
