using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Reports;

namespace SpecializedTowns.Web.Pages.Reports;

/// <summary>专班名录: the task forces in scope with their units, townships, leader and source.</summary>
public sealed class TaskForcesModel(TaskForceService service) : PageModel
{
    public Paged<TaskForceListItem> Result { get; private set; } = new([], 0, 1, 50);
    public bool CanManage { get; private set; }

    public async Task OnGetAsync(int? page, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanManage = ReportScope.CanManage(scope);
        Result = await service.ListAsync(scope, null, page ?? 1, 50, ct);
    }
}
