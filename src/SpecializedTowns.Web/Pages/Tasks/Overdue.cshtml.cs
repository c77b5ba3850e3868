using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Tasks;

namespace SpecializedTowns.Web.Pages.Tasks;

public sealed class OverdueModel(TaskService tasks) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Plan { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public IReadOnlyList<UnitOverdue> Units { get; private set; } = [];
    public IReadOnlyList<(int Id, string Title)> Plans { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool OwnUnitOnly { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!TaskService.HasAccess(scope)) return Forbid();
        Plans = (await tasks.VisiblePlans(scope).OrderByDescending(p => p.Year).ThenBy(p => p.Id).Select(p => new { p.Id, p.Title }).ToListAsync(ct))
            .Select(p => (p.Id, p.Title)).ToList();
        Units = await tasks.OverdueByUnitAsync(scope, Plan, Year, ct);
        Today = tasks.Today;
        OwnUnitOnly = scope.Role == Roles.MemberUnit;
        return Page();
    }
}
