using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Notices;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Notices;

public sealed class IndexModel(NoticeService notices, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true), Display(Name = "状态")] public NoticeStatus? Status { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "整改对象")] public RecipientKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<NoticeListItem> Result { get; private set; } = new([], 0, 1, 20);
    public bool CanIssue { get; private set; }
    public int OverdueCount { get; private set; }
    public UserScope Scope { get; private set; } = null!;
    public DateOnly Today => notices.Today;
    public int DueSoonDays => notices.DueSoonDays;

    /// <summary>The years offered by the filter: from the platform's first programmes (2023) to this one.</summary>
    public IEnumerable<int> Years => Enumerable.Range(2023, Math.Max(1, Today.Year - 2022)).Reverse();

    public bool Filtered => Status is not null || Kind is not null || Year is not null || Overdue || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Scope = UserScope.From(User)!;
        CanIssue = NoticeService.CanIssue(Scope);
        OverdueCount = await notices.OverdueCountAsync(Scope, ct);
        Result = await notices.ListAsync(Scope, Filter() with { Page = Math.Max(1, PageNumber), PageSize = 20 }, ct);
    }

    /// <summary>The list as it is filtered, every page of it (or the ticked rows), to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var filter = Filter();
        var rows = TableExport.AllPages((page, size) => notices.ListAsync(scope, filter with { Page = page, PageSize = size }, ct), n => n.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(NoticeTable.Table, format, rows, time, ct);
    }

    /// <summary>The earlier address of the CSV download, kept for bookmarks.</summary>
    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => OnGetExportAsync("csv", ct);

    private NoticeFilter Filter() => new()
    {
        Status = Status is { } s && Enum.IsDefined(s) ? s : null, RecipientKind = Kind is { } k && Enum.IsDefined(k) ? k : null,
        Year = Year, Overdue = Overdue, Search = Search, Sort = FilterValues.ReadSort(HttpContext, Sort, NoticeFilter.SortKeys),
    };
}
