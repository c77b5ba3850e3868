using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Tasks;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Tasks;

public sealed class IndexModel(TaskService tasks, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<PlanListItem> Result { get; private set; } = new([], 0, 1, 20);
    public IReadOnlyList<int> Years { get; private set; } = [];
    public bool CanCreate { get; private set; }
    public IReadOnlyList<PendingExtension> PendingExtensions { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public int DueSoonDays => tasks.DueSoonDays;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!TaskService.HasAccess(scope)) return Forbid();
        CanCreate = TaskService.CanCreatePlans(scope);
        Years = await tasks.VisiblePlans(scope).Select(p => p.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);
        Result = await tasks.ListPlansAsync(scope, Year, Search, Math.Max(1, PageNumber), 20, ct);
        PendingExtensions = await tasks.PendingExtensionsAsync(scope, ct);
        Today = tasks.Today;
        CanImport = scope.Role is Core.Accounts.Roles.Admin or Core.Accounts.Roles.Office;
        return Page();
    }

    public bool CanImport { get; private set; }

    /// <summary>The list as filtered (the same call as the table), every page of it or the ticked rows, to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!TaskService.HasAccess(scope)) return Forbid();
        var rows = TableExport.AllPages((page, size) => tasks.ListPlansAsync(scope, Year, Search, page, size, ct), p => p.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(TaskExport.Plans, format, rows, time, ct);
    }

    /// <summary>Every task of every plan the person sees, one line each (a plan's own page exports that plan's).</summary>
    public async Task<IActionResult> OnGetTaskExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!TaskService.HasAccess(scope)) return Forbid();
        return await ExportFile.ResultAsync(TaskExport.Tasks, format, await tasks.ExportTasksAsync(scope, null, ct: ct), time, ct);
    }
}
