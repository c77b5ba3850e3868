using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Tasks;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Tasks;

public sealed class OverdueModel(TaskService tasks, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Plan { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public const int PageSize = 20;

    /// <summary>A page of lead units, the most overdue first: a province has a thousand units with something overdue.</summary>
    public Paged<UnitOverdue> Units { get; private set; } = new([], 0, 1, PageSize);

    /// <summary>
    /// What is overdue across every unit, not only the page shown: each task and milestone once, however many units lead it
    /// (qa105 4: "逾期任务 43 项" beside the bell's 21), and the unit slots the table adds up beside them.
    /// </summary>
    public (int Tasks, int Milestones, int TaskSlots, int MilestoneSlots) Totals { get; private set; }
    public IReadOnlyList<(int Id, string Title)> Plans { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool OwnUnitOnly { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!TaskService.HasAccess(scope)) return Forbid();
        Plans = (await tasks.VisiblePlans(scope).OrderByDescending(p => p.Year).ThenBy(p => p.Id).Select(p => new { p.Id, p.Title }).ToListAsync(ct))
            .Select(p => (p.Id, p.Title)).ToList();
        var all = await tasks.OverdueByUnitAsync(scope, Plan, Year, ct);
        var (page, size) = Paged<UnitOverdue>.Normalize(PageNumber, PageSize);
        Units = new Paged<UnitOverdue>(all.Skip((page - 1) * size).Take(size).ToList(), all.Count, page, size);
        var items = all.SelectMany(u => u.Items).ToList();
        Totals = (items.Where(i => i.MilestoneId is null).Select(i => i.TaskId).Distinct().Count(),
            items.Where(i => i.MilestoneId is not null).Select(i => i.MilestoneId).Distinct().Count(),
            all.Sum(u => u.Tasks), all.Sum(u => u.Milestones));
        Today = tasks.Today;
        OwnUnitOnly = scope.Role == Roles.MemberUnit;
        return Page();
    }

    /// <summary>Every overdue task and milestone of the list (all pages, the plan filter kept), one line each under its lead unit.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!TaskService.HasAccess(scope)) return Forbid();
        return await ExportFile.ResultAsync(TaskExport.Overdue, format, await tasks.ExportOverdueAsync(scope, Plan, Year, ct), time, ct);
    }
}
