using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Tasks;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Tasks;

/// <summary>The office adds a task to a plan or changes one: its text, figures, deadline, units and milestones.</summary>
public sealed class EditModel(TaskService tasks, TownsDbContext db) : PageModel
{
    public sealed class Form
    {
        public int? GroupId { get; set; }
        public string? Number { get; set; }
        public string? Title { get; set; }
        public string? Source { get; set; }
        public string? Measures { get; set; }
        public decimal? TargetValue { get; set; }
        public string? TargetUnit { get; set; }
        public decimal? CurrentValue { get; set; }
        public decimal? Weight { get; set; } = 1;
        public DateOnly? Deadline { get; set; }
        public List<int> LeadUnitIds { get; set; } = [];
        public List<int> CooperatingUnitIds { get; set; } = [];
        public int? Version { get; set; }
    }

    public sealed class MilestoneEdit
    {
        public int MilestoneId { get; set; }
        public string? Title { get; set; }
        public DateOnly? Deadline { get; set; }
        public decimal? Weight { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    [BindProperty] public MilestoneEdit Milestone { get; set; } = new();

    public int? Id { get; private set; }
    public int PlanId { get; private set; }
    public string PlanTitle { get; private set; } = "";
    public IReadOnlyList<(int Id, string Title)> Groups { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name, string Place)> UnitChoices { get; private set; } = [];
    public IReadOnlyList<Milestone> Milestones { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = [];
    public string? MilestoneFailed { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public string? ErrorFor(string field) => MilestoneFailed is null ? Errors.GetValueOrDefault(field) : null;

    public string? MilestoneError(int id, string field) => MilestoneFailed == id.ToString() ? Errors.GetValueOrDefault(field) : null;

    public async Task<IActionResult> OnGetAsync(int? id, int? planId, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var found = await LoadAsync(scope, id, planId, ct);
        if (found is not null) return found;
        if (id is not null)
        {
            var v = await tasks.TaskAsync(scope, id.Value, ct);
            var t = v.Task;
            Input = new Form
            {
                Number = t.Number, Title = t.Title, Source = t.Source, Measures = t.Measures, TargetValue = t.TargetValue, TargetUnit = t.TargetUnit,
                CurrentValue = t.CurrentValue, Weight = t.Weight, Deadline = t.Deadline,
                LeadUnitIds = t.LeadUnits.Select(u => u.UnitId).ToList(), CooperatingUnitIds = t.CooperatingUnits.Select(u => u.UnitId).ToList(),
                Version = t.Version,
            };
        }
        else
        {
            Input.GroupId = Groups.LastOrDefault().Id;
            Input.Deadline = new DateOnly(await db.ActionPlans.Where(p => p.Id == PlanId).Select(p => p.Year).SingleAsync(ct), 12, 31);
        }
        Done = TempData["Done"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, int? planId, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var found = await LoadAsync(scope, id, planId, ct);
        if (found is not null) return found;
        Errors = TaskDisplay.BindingErrors(ModelState, nameof(Input));
        if (Input.Deadline is null) Errors.TryAdd("deadline", "请填写截止日期");
        if (Input.Weight is null) Errors.TryAdd("weight", "请填写权重（默认 1）");
        // A deadline or weight that could not be read stands in as one that passes, so the rest is still checked.
        var edit = new TaskEdit(Input.Title, Input.Number, Input.Source, Input.Measures, Input.TargetValue, Input.TargetUnit, Input.CurrentValue,
            Input.Weight ?? 1, Input.Deadline ?? new DateOnly(tasks.Today.Year, 12, 31));
        if (Errors.Count > 0)
        {
            // Every mistake in one round: those of the fields that were read too, beside the ones that could not be.
            try
            {
                foreach (var (field, message) in await tasks.TaskProblemsAsync(scope, id, PlanId, edit, Input.LeadUnitIds, Input.CooperatingUnitIds, ct))
                    Errors.TryAdd(field, message);
            }
            catch (TaskNotFoundException) { return NotFound(); }
            return Page();
        }
        var user = User.DisplayName();
        try
        {
            var taskId = id ?? 0;
            if (id is { } existing) await tasks.EditTaskAsync(scope, user, existing, edit, Input.LeadUnitIds, Input.CooperatingUnitIds, ct, Input.Version);
            else taskId = await tasks.AddTaskAsync(scope, user, PlanId, Input.GroupId, edit, Input.LeadUnitIds, Input.CooperatingUnitIds, ct);
            TempData["Done"] = id is null ? "任务已新增" : "任务已保存";
            return Redirect($"/Tasks/Detail/{taskId}");
        }
        catch (TaskNotFoundException) { return NotFound(); }
        catch (TaskForbiddenException) { return Forbid(); }
        catch (EditConflictException conflict)
        {
            // What was typed stays in the form; the next save, made knowingly against the version now saved, goes through.
            Error = conflict.Message;
            Input.Version = conflict.CurrentVersion;
            return Page();
        }
        catch (TaskRuleException ex)
        {
            foreach (var (field, message) in ex.Errors) Errors[field] = message;
            if (!ex.IsInvalidInput) Error = ex.Message;
            return Page();
        }
    }

    public Task<IActionResult> OnPostMilestoneAsync(int id, CancellationToken ct) =>
        MilestoneStepAsync(id, "里程碑已保存", (s, u) => tasks.EditMilestoneAsync(s, u, id, Milestone.MilestoneId, Milestone.Title, Milestone.Deadline, Milestone.Weight, ct), ct);

    public Task<IActionResult> OnPostRemoveMilestoneAsync(int id, CancellationToken ct) =>
        MilestoneStepAsync(id, "里程碑已删除", (s, u) => tasks.RemoveMilestoneAsync(s, u, id, Milestone.MilestoneId, ct), ct);

    private async Task<IActionResult> MilestoneStepAsync(int id, string done, Func<UserScope, string, Task> step, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        var found = await LoadAsync(scope, id, null, ct);
        if (found is not null) return found;
        await FillFromTaskAsync(scope, id, ct);
        Errors = TaskDisplay.BindingErrors(ModelState, nameof(Milestone));
        MilestoneFailed = Milestone.MilestoneId.ToString();
        if (Errors.Count > 0) return Page();
        try
        {
            await step(scope, User.DisplayName());
            TempData["Done"] = done;
            return Redirect($"/Tasks/Edit/{id}");
        }
        catch (TaskNotFoundException) { return NotFound(); }
        catch (TaskForbiddenException) { return Forbid(); }
        catch (TaskRuleException ex)
        {
            Errors = ex.Errors.ToDictionary();
            if (!ex.IsInvalidInput) Error = ex.Message;
            return Page();
        }
    }

    private async Task FillFromTaskAsync(UserScope scope, int id, CancellationToken ct)
    {
        var t = (await tasks.TaskAsync(scope, id, ct)).Task;
        Input = new Form
        {
            Number = t.Number, Title = t.Title, Source = t.Source, Measures = t.Measures, TargetValue = t.TargetValue, TargetUnit = t.TargetUnit,
            CurrentValue = t.CurrentValue, Weight = t.Weight, Deadline = t.Deadline,
            LeadUnitIds = t.LeadUnits.Select(u => u.UnitId).ToList(), CooperatingUnitIds = t.CooperatingUnits.Select(u => u.UnitId).ToList(),
                Version = t.Version,
        };
    }

    /// <summary>Outside the scope: 404; in the scope but not the office's to change: 没有权限. Null when the page may go on.</summary>
    private async Task<IActionResult?> LoadAsync(UserScope scope, int? id, int? planId, CancellationToken ct)
    {
        Id = id;
        if (id is { } taskId)
        {
            TaskView view;
            try { view = await tasks.TaskAsync(scope, taskId, ct); }
            catch (TaskNotFoundException) { return NotFound(); }
            if (!view.CanManage) return Forbid();
            PlanId = view.Plan.Id;
            PlanTitle = view.Plan.Title;
            Milestones = view.Task.Milestones;
        }
        else
        {
            if (planId is null) return NotFound();
            var plan = await tasks.VisiblePlans(scope).Where(p => p.Id == planId).Select(p => new { p.Id, p.Title }).SingleOrDefaultAsync(ct);
            if (plan is null) return NotFound();
            if (!TaskService.CanCreatePlans(scope)) return Forbid();
            (PlanId, PlanTitle) = (plan.Id, plan.Title);
        }
        Groups = (await db.TaskGroups.Where(g => g.PlanId == PlanId).OrderBy(g => g.SortOrder).Select(g => new { g.Id, g.Title }).ToListAsync(ct))
            .Select(g => (g.Id, g.Title)).ToList();
        UnitChoices = await tasks.UnitChoicesAsync(scope, PlanId, ct);
        return null;
    }
}
