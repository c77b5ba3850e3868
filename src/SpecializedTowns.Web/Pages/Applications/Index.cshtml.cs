using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Applications;

public sealed class IndexModel(ApplicationService applications, Core.Policies.PolicyCatalog catalog, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true), Display(Name = "状态")] public ApplicationState? State { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<ApplicationListItem> Result { get; private set; } = new([], 0, 1, 20);
    public bool CanFile { get; private set; }

    /// <summary>The applications whose next step is this person's (<see cref="ApplicationService.ToDoAsync"/>): their row reads 办理, the others 查看.</summary>
    public IReadOnlySet<int> ActsOn { get; private set; } = new HashSet<int>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanFile = ApplicationService.PreparesApplications(scope);
        Result = await applications.ListAsync(scope, State, Math.Max(1, PageNumber), 20, ct);
        ActsOn = (await applications.ToDoAsync(scope, ct)).Select(t => t.Id).ToHashSet();
    }

    /// <summary>The list as filtered (the same call as the table), every page of it or the ticked rows, to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var rows = TableExport.AllPages((page, size) => applications.ListAsync(scope, State, page, size, ct), a => a.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(ApplicationExport.Table(catalog), format, rows, time, ct);
    }
}
