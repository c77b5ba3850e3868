using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Targets;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Targets;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Core;

namespace SpecializedTowns.Web.Pages.Targets;

public sealed class IndexModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time) : PageModel
{
    /// <summary>Pack id of the document to show.</summary>
    [BindProperty(SupportsGet = true)] public string? Document { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "状态")] public TargetState? State { get; set; }

    public IReadOnlyList<TargetItem> All { get; private set; } = [];
    public IReadOnlyList<TargetItem> Shown { get; private set; } = [];

    public const int PageSize = 20;

    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    /// <summary>
    /// The page of <see cref="Shown"/>. Paged here, not in the database: targets are the policy packs' (files), and each one's
    /// state is worked out from the records for the counts by state above the list anyway.
    /// </summary>
    public Paged<TargetItem> Result { get; private set; } = new([], 0, 1, PageSize);
    public IReadOnlyList<(string Id, string Name)> Documents { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var (page, size) = Paged<TargetItem>.Normalize(PageNumber, PageSize);
        Result = new Paged<TargetItem>(Shown.Skip((page - 1) * size).Take(size).ToList(), Shown.Count, page, size);
    }

    /// <summary>The filtered targets (or the ticked ones) as a spreadsheet or CSV, for the office's own 目标任务台账.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        await LoadAsync(ct);
        return await ExportFile.ResultAsync(TargetExport.Table, format, ExportFile.Picked(Shown, t => t.Key, Request), time, ct);
    }

    /// <summary>The earlier address of the spreadsheet download, kept for bookmarks.</summary>
    public Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) => OnGetExportAsync("xlsx", ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        Today = ChinaTime.Today(time);
        All = await TargetQueries.AllAsync(db, catalog, scope, Today, ct);
        Documents = All.Select(t => (t.PackId, t.Document)).Distinct().ToList();
        // Read as the API reads it (the pack's id in any case, or the document number); one naming none of the area's
        // documents is said above the list, which is then shown whole, instead of an empty list.
        Document = FilterValues.ReadKey(HttpContext, Documents.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First().Name), Document, "政策文件");
        Shown = All.Where(t => (string.IsNullOrEmpty(Document) || t.PackId == Document) && (State is null || t.State == State)).ToList();
    }
}
