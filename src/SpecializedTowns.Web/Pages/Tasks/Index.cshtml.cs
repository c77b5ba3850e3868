using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Tasks;

namespace SpecializedTowns.Web.Pages.Tasks;

public sealed class IndexModel(TaskService tasks) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

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
        return Page();
    }
}
