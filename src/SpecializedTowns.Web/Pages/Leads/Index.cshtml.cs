using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Leads;

public sealed class IndexModel(TownsDbContext db, LeadService service, ProjectService projects, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Town { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "进展")] public LeadStage? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<LeadListItem> Result { get; private set; } = new([], 0, 1, 20);
    public IReadOnlyList<(int Id, string Name)> Towns { get; private set; } = [];
    public bool CanManage { get; private set; }
    public DateOnly Today { get; private set; }
    public bool Filtered => Town is not null || Stage is not null || !string.IsNullOrWhiteSpace(Search);

    /// <summary>
    /// A 签约 or 终止 form refused for its input (签约日期, 终止原因): the row's form opens again with what was typed and the
    /// reason beside the field. Carried over the redirect, so the list keeps its filters and its address.
    /// </summary>
    public sealed record RefusedStep(int Lead, string Action, string Field, string Message, string? On, string? Reason);

    public RefusedStep? Refused { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (TempData["StepRefused"] is string refused) Refused = System.Text.Json.JsonSerializer.Deserialize<RefusedStep>(refused);
        var scope = UserScope.From(User)!;
        CanManage = ProjectService.CanManage(scope);
        Today = projects.Today;
        await ReadTownAsync(scope, ct);
        Result = await service.ListAsync(scope, Search, Town, Stage, Math.Max(1, PageNumber), 20, ct);
    }

    /// <summary>The towns the bar offers; a town of the address outside them is dropped with a note, never an empty list (qa120 2).</summary>
    private async Task ReadTownAsync(UserScope scope, CancellationToken ct)
    {
        Towns = (await scope.Towns(db).AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name)).ToList();
        Town = FilterValues.ReadTown(HttpContext, Town, Towns.Select(t => t.Id), null);
    }

    /// <summary>The list as filtered (the same call as the table), every page of it or the ticked rows, to .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        await ReadTownAsync(scope, ct);
        var rows = TableExport.AllPages((page, size) => service.ListAsync(scope, Search, Town, Stage, page, size, ct), l => l.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(ProjectExport.Leads, format, rows, time, ct);
    }

    public async Task<IActionResult> OnPostStepAsync(int id, string action, DateOnly? on, string? reason, string? back, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        // Back to the list as it was filtered and paged; only a query of this page, never another address.
        var list = "/Leads" + (back is { Length: > 1 } q && q[0] == '?' && !q.Contains("handler=", StringComparison.OrdinalIgnoreCase) ? q : "");
        try
        {
            switch (action)
            {
                case "sign":
                    if (ModelState.TryGetValue("on", out var typed) && typed.Errors.Count > 0) throw new ProjectRuleException("签约日期无法识别，请选择日期", "on");
                    await service.SignAsync(scope, id, on ?? throw new ProjectRuleException("请填写签约日期", "on"), ct);
                    TempData["Saved"] = $"已登记签约（{Display.Date(on.Value)}）。";
                    break;
                case "land":
                    // Landing asks for the key project's owner and plan, on a page of its own.
                    return Redirect($"/Leads/Land/{id}");
                case "drop":
                    await service.DropAsync(scope, id, reason ?? "", ct);
                    TempData["Saved"] = "已终止洽谈，原因已记录。";
                    break;
                default: return BadRequest();
            }
        }
        catch (ProjectNotFoundException) { return NotFound(); }
        catch (ProjectRuleException ex) when (ex.Field is { } field && ex.Kind == Core.RefusalKind.Invalid)
        {
            TempData["StepRefused"] = System.Text.Json.JsonSerializer.Serialize(
                new RefusedStep(id, action, field, ex.Message, Request.Form["on"].ToString(), reason));
        }
        catch (ProjectRuleException ex) { TempData["Error"] = ex.Message; }
        return Redirect(list);
    }
}
