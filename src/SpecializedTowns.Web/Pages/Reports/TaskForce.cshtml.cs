using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Reports;

namespace SpecializedTowns.Web.Pages.Reports;

/// <summary>One task force: who is in it, and its reports month by month.</summary>
public sealed class TaskForceModel(TownsDbContext db, ReportService service) : PageModel
{
    public TaskForceListItem Force { get; private set; } = null!;
    public IReadOnlyList<MonthRow> Months { get; private set; } = [];
    public UserScope Scope { get; private set; } = null!;
    public bool CanManage { get; private set; }
    public bool CanWrite { get; private set; }
    public ReportSettings Settings => service.Settings;
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Scope = UserScope.From(User)!;
        TaskForce force;
        try { force = await service.TaskForceAsync(Scope, id, ct); }
        catch (ReportNotFoundException) { return NotFound(); }
        Force = TaskForceService.Item(force);
        Today = service.Today;
        CanManage = ReportScope.CanManage(Scope, force);
        CanWrite = ReportScope.CanWrite(Scope, force);
        Months = await ReportQueries.HistoryAsync(db, force, Today, Settings, ct);
        return Page();
    }
}
