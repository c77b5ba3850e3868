using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Projects;

public sealed class DetailModel(TownsDbContext db, ProjectService service, ProjectWarningSettings settings, Data.Problems.ProblemService problems) : PageModel
{
    public KeyProject Project { get; private set; } = null!;
    public string Town { get; private set; } = "";
    public string County { get; private set; } = "";
    public string? Unit { get; private set; }
    public IReadOnlyList<ProjectProgress> Progress { get; private set; } = [];
    public IReadOnlyDictionary<int, string> UnitNames { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyList<(int Id, string Name, string Place)> Units { get; private set; } = [];
    public IReadOnlyList<ProjectWarning> Warnings { get; private set; } = [];
    public IReadOnlyList<(int Id, string Title, DateOnly HeldOn, ProjectStage Kind)> Batches { get; private set; } = [];
    public decimal CompletedInPlanYear { get; private set; }
    public decimal CompletedTotal { get; private set; }
    public DateOnly Today { get; private set; }
    public bool CanManage { get; private set; }
    public bool CanReport { get; private set; }
    public UserScope Scope { get; private set; } = null!;
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public string ActiveTab { get; private set; } = "profile";

    [BindProperty] public ProgressInputForm ProgressForm { get; set; } = new();

    public sealed class ProgressInputForm
    {
        public string? Month { get; set; }
        public decimal? InvestmentCompletedWanYuan { get; set; }
        public string? PhysicalProgress { get; set; }
        public string? Difficulties { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Message = TempData["Saved"] as string;
        Error = TempData["Error"] as string;
        ActiveTab = TempData["Tab"] as string ?? "profile";
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>The stage form as posted (到达阶段, 日期 as typed, 说明), set when it was refused and is shown again.</summary>
    public (string? Stage, string? On, string? Note)? StagePosted { get; private set; }

    /// <summary>Why the stage form's input <paramref name="field"/> (stage, on, note) was refused; null when it was not.</summary>
    public string? StageError(string field) =>
        StagePosted is not null && ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public async Task<IActionResult> OnPostStageAsync(int id, [Display(Name = "到达阶段")] ProjectStage? stage, DateOnly? on, string? note, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        try
        {
            // What the binder could not read is named beside its field in the page's words, not the binder's.
            if (Unread("stage") || stage is null) throw new ProjectRuleException("请选择到达阶段", "stage");
            // The platform's binding message names what came and the format (“明天”不是有效的日期，请写成 2025-03-05 的格式).
            if (Unread("on")) throw new ProjectRuleException(ModelState["on"]!.Errors[0].ErrorMessage is { Length: > 0 } said ? said : "日期无法识别，请选择日期", "on");
            if (on is null) throw new ProjectRuleException("请填写日期", "on");
            await service.AdvanceAsync(scope, User.DisplayName(), id, stage.Value, on.Value, note, ct);
            TempData["Saved"] = $"已记录：项目于 {Display.Date(on.Value)} {ProjectTerms.Chinese(stage.Value)}。";
            return Redirect($"/Projects/Detail/{id}");
        }
        catch (ProjectNotFoundException) { return NotFound(); }
        catch (ProjectRuleException ex)
        {
            // Shown again with what was typed; a refused input is named beside its field (UI: errors next to the field),
            // one that concerns the project's state or the person's part above the page.
            StagePosted = (Request.Form["stage"].ToString(), Request.Form["on"].ToString(), note);
            if (ex.Field is { } field)
            {
                ModelState.Remove(field);
                ModelState.AddModelError(field, ex.Message);
            }
            else Error = ex.Message;
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private bool Unread(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;

    public async Task<IActionResult> OnPostProgressAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var errors = new Data.Enterprises.FieldErrors();
        if (!ModelState.IsValid) errors["InvestmentCompletedWanYuan"] = "当月完成投资请填写数字（万元）";
        else if (!DateOnly.TryParseExact((ProgressForm.Month ?? "") + "-01", "yyyy-MM-dd", out var month)) errors["Month"] = "请选择月份";
        else
        {
            try
            {
                errors = await service.ReportAsync(scope, User.DisplayName(), id, new ProgressInput
                {
                    Year = month.Year, Month = month.Month, InvestmentCompletedWanYuan = ProgressForm.InvestmentCompletedWanYuan,
                    PhysicalProgress = ProgressForm.PhysicalProgress ?? "", Difficulties = ProgressForm.Difficulties,
                }, ct);
            }
            catch (ProjectNotFoundException) { return NotFound(); }
            if (errors.Ok)
            {
                TempData["Saved"] = $"{month.Year}年{month.Month}月进展已保存。";
                TempData["Tab"] = "progress";
                return Redirect($"/Projects/Detail/{id}");
            }
        }
        // Keep what was typed, with the reasons beside the fields.
        foreach (var (field, message) in errors) ModelState.AddModelError(field == "" ? "" : $"{nameof(ProgressForm)}.{field}", message);
        if (errors.TryGetValue("", out var general)) Error = general;
        ActiveTab = "progress";
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostGuaranteeAsync(int id, [Display(Name = "要素保障事项")] GuaranteeKind kind, [Display(Name = "保障状态")] GuaranteeStatus status, int? unitId, string? note, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        try
        {
            if (Unreadable() is { } bad) throw new ProjectRuleException(bad);
            await service.UpdateGuaranteeAsync(scope, id, kind, status, unitId, note, ct);
            TempData["Saved"] = $"{GuaranteeTerms.Chinese(kind)}保障已更新为“{GuaranteeTerms.Chinese(status)}”。";
        }
        catch (ProjectNotFoundException) { return NotFound(); }
        catch (ProjectRuleException ex) { TempData["Error"] = ex.Message; }
        TempData["Tab"] = "guarantees";
        return Redirect($"/Projects/Detail/{id}");
    }

    /// <summary>A month's difficulty into the problem ledger, in one step.</summary>
    public async Task<IActionResult> OnPostRaiseAsync(int id, int progressId, [Display(Name = "问题类别")] Core.Problems.ProblemCategory category, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        try
        {
            if (Unreadable() is { } bad) throw new ProjectRuleException(bad);
            var problem = await ProjectProblems.RaiseAsync(db, service, problems, scope, User.DisplayName(), id, progressId, category, ct);
            TempData["Done"] = "项目困难已转入问题台账，等待领导小组办公室受理";
            return Redirect($"/Problems/Detail/{problem}");
        }
        catch (ProjectNotFoundException) { return NotFound(); }
        catch (ProjectRuleException ex) { TempData["Error"] = ex.Message; TempData["Tab"] = "progress"; }
        catch (Core.Problems.ProblemRuleException ex) { TempData["Error"] = ex.Message; TempData["Tab"] = "progress"; }
        return Redirect($"/Projects/Detail/{id}");
    }


    /// <summary>
    /// Why a value of the form could not be read (a status not in the list, 明天 typed for a date), or null. Such a form is
    /// refused as a whole: an unreadable status bound as its default (无需办理) had overwritten the real one.
    /// </summary>
    private string? Unreadable() => ModelState.IsValid ? null
        : ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => m.Length > 0) ?? "填写的值无效";

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Scope = UserScope.From(User)!;
        try { Project = await service.FindAsync(Scope, id, ct); }
        catch (ProjectNotFoundException) { return false; }
        var names = await db.Projects.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { Town = p.Town!.Name, County = p.County!.Name, Unit = p.ResponsibleUnit!.Name }).SingleAsync(ct);
        (Town, County, Unit) = (names.Town, names.County, names.Unit);
        Progress = await db.ProjectProgress.AsNoTracking().Where(p => p.ProjectId == id).OrderByDescending(p => p.Year).ThenByDescending(p => p.Month).ToListAsync(ct);
        var unitIds = Project.Guarantees.Select(g => g.UnitId).Where(u => u != null).Select(u => u!.Value).ToList();
        UnitNames = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Today = service.Today;
        var completed = PlanYearCompletion.Of(Progress.Select(p => (p.Year, p.Month, p.InvestmentCompletedWanYuan)), Project.PlanYear, Today);
        CompletedInPlanYear = completed.TotalWanYuan;
        CompletedTotal = Progress.Sum(p => p.InvestmentCompletedWanYuan);
        Warnings = ProjectWarnings.For(Project, completed, Today, settings);
        CanManage = ProjectService.CanManage(Scope);
        CanReport = ProjectService.CanReport(Scope, Project);
        if (CanManage) Units = await ProjectPages.UnitsAsync(db, Scope, ct);
        Batches = (await ProjectScope.Batches(db, Scope).AsNoTracking().Where(b => b.Items.Any(i => i.ProjectId == id))
            .Select(b => new { b.Id, b.Title, b.HeldOn, b.Kind }).ToListAsync(ct)).Select(b => (b.Id, b.Title, b.HeldOn, b.Kind)).ToList();
        ProgressForm.Month ??= $"{Today.Year:0000}-{Today.Month:00}";
        return true;
    }
}
