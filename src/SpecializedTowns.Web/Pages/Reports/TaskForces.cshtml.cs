using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Reports;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Reports;

/// <summary>专班名录: the task forces in scope with their units, townships, leader and source, by city or county, to Excel too.</summary>
public sealed class TaskForcesModel(TaskForceService service, TownsDbContext db, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<TaskForceListItem> Result { get; private set; } = new([], 0, 1, PageSize);
    public PlaceFilter Places { get; private set; } = PlaceFilter.None;
    public bool CanManage { get; private set; }
    public UserScope Scope { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = Scope = UserScope.From(User)!;
        CanManage = ReportScope.CanSetUp(scope);
        Places = await PlaceFilter.ReadAsync(db, scope, Jurisdiction, ct);
        Result = await service.ListAsync(scope, null, Math.Max(1, PageNumber), PageSize, ct, Places.Path);
    }

    /// <summary>The roster as filtered, every page of it (or the ticked rows), to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        Places = await PlaceFilter.ReadAsync(db, scope, Jurisdiction, ct);
        var rows = TableExport.AllPages((page, size) => service.ListAsync(scope, null, page, size, ct, Places.Path), f => f.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(ReportExport.TaskForces, format, rows, time, ct, place: Places.Path);
    }
}
