using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Tasks;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Tasks;

public sealed class PlanModel(TaskService tasks, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public PlanView View { get; private set; } = null!;
    public TaskLight? Light { get; private set; }
    public int DueSoonDays => tasks.DueSoonDays;
    public string? Done { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The rows the filters leave, group by group.</summary>
    public IReadOnlyList<TaskRow> Rows(GroupView group) => group.Tasks
        .Where(t => Unit is not { } u || t.LeadUnits.Concat(t.CooperatingUnits).Any(x => x.Id == u))
        .Where(t => Light is not { } l || t.Light == l).ToList();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        try { View = await tasks.PlanAsync(UserScope.From(User)!, id, ct); }
        catch (TaskNotFoundException) { return NotFound(); }
        Light = SpecializedTowns.Web.Pages.Shared.FilterValues.Read<TaskLight>(HttpContext, Status, "任务状态");
        Done = TempData["Done"] as string;
        return Page();
    }

    /// <summary>The plan's tasks as the page shows them (the 责任单位 and 状态 filters kept), to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(int id, string? format, CancellationToken ct)
    {
        IReadOnlyList<TaskExportRow> rows;
        try { rows = await tasks.ExportTasksAsync(UserScope.From(User)!, id, Unit, SpecializedTowns.Web.Pages.Shared.FilterValues.Read<TaskLight>(HttpContext, Status, "任务状态"), ct); }
        catch (TaskNotFoundException) { return NotFound(); }
        return await ExportFile.ResultAsync(TaskExport.Tasks, format, rows, time, ct);
    }

    public async Task<IActionResult> OnPostWeightAsync(int id, int groupId, string? weight, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        try
        {
            decimal? value = decimal.TryParse(weight, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var w) ? w : null;
            await tasks.SetGroupWeightAsync(scope, id, groupId, value, ct);
            TempData["Done"] = "分组权重已保存，计划进度已按新权重计算。";
            return Redirect($"/Tasks/Plan/{id}");
        }
        catch (TaskNotFoundException) { return NotFound(); }
        catch (TaskForbiddenException) { return Forbid(); }
        catch (TaskRuleException ex)
        {
            Error = ex.Message;
            View = await tasks.PlanAsync(scope, id, ct);
            return Page();
        }
    }
}
