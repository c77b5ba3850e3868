using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Tasks;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Tasks;

public sealed class DetailModel(TaskService tasks) : PageModel
{
    public sealed class ReportForm
    {
        public int? MilestoneId { get; set; }
        public int? Progress { get; set; }
        public bool Done { get; set; }
        public decimal? CurrentValue { get; set; }
        public string? Note { get; set; }
    }

    public sealed class NoteForm
    {
        public string? Note { get; set; }
    }

    public sealed class MilestoneForm
    {
        public string? Title { get; set; }
        public DateOnly? Deadline { get; set; }
        public decimal? Weight { get; set; } = 1;
    }

    public sealed class ExtensionForm
    {
        /// <summary>Empty for the task itself, else the milestone's id.</summary>
        public int? MilestoneId { get; set; }
        public DateOnly? NewDeadline { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class DecisionForm
    {
        public int ExtensionId { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public ReportForm Report { get; set; } = new();
    [BindProperty] public NoteForm Comment { get; set; } = new();
    [BindProperty] public MilestoneForm NewMilestone { get; set; } = new();
    [BindProperty] public ExtensionForm Extension { get; set; } = new();
    [BindProperty] public DecisionForm Decision { get; set; } = new();

    public TaskView View { get; private set; } = null!;
    public string? Done { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Which form failed, so that its errors show beside its own fields and nowhere else.</summary>
    public string? FailedForm { get; private set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string? ErrorFor(string form, string field) => FailedForm == form ? Errors.GetValueOrDefault(field) : null;

    public string Invalid(string form, string field) => ErrorFor(form, field) is null ? "" : "is-invalid";

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    // A ticked 已完成 wins over the progress field beside it, which still shows the old number.
    public Task<IActionResult> OnPostProgressAsync(int id, CancellationToken ct) =>
        StepAsync(id, nameof(Report), "进展已保存", (s, u) =>
            tasks.ReportAsync(s, u, id, new ProgressReport(Report.MilestoneId, Report.Done ? null : Report.Progress, Report.Done ? true : null, Report.CurrentValue, Report.Note), ct), ct);

    public Task<IActionResult> OnPostNoteAsync(int id, CancellationToken ct) =>
        StepAsync(id, nameof(Comment), "进展说明已保存", (s, u) => tasks.NoteAsync(s, u, id, Comment.Note, ct), ct);

    public Task<IActionResult> OnPostMilestoneAsync(int id, CancellationToken ct) =>
        StepAsync(id, nameof(NewMilestone), "里程碑已新增", (s, u) => tasks.AddMilestoneAsync(s, u, id, NewMilestone.Title, NewMilestone.Deadline, NewMilestone.Weight, ct), ct);

    public Task<IActionResult> OnPostExtensionAsync(int id, CancellationToken ct) =>
        StepAsync(id, nameof(Extension), "延期申请已提交，等待领导小组办公室审批", (s, u) =>
            tasks.RequestExtensionAsync(s, u, id, Extension.MilestoneId, Extension.NewDeadline, Extension.Reason, ct), ct);

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct) =>
        StepAsync(id, nameof(Decision), "已批准延期，期限已调整", (s, u) => tasks.DecideExtensionAsync(s, u, id, Decision.ExtensionId, true, Decision.Note, ct), ct);

    public Task<IActionResult> OnPostRejectAsync(int id, CancellationToken ct) =>
        StepAsync(id, nameof(Decision), "已驳回延期申请", (s, u) => tasks.DecideExtensionAsync(s, u, id, Decision.ExtensionId, false, Decision.Note, ct), ct);

    private async Task<IActionResult> StepAsync(int id, string form, string done, Func<UserScope, string, Task> step, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        // Only the posted form's fields are checked: the other forms on the page were not sent.
        var binding = TaskDisplay.BindingErrors(ModelState, form);
        if (binding.Count > 0)
        {
            (FailedForm, Errors) = (form, binding);
            return await ShowAsync(id, ct);
        }
        try
        {
            await step(scope, User.DisplayName());
            TempData["Done"] = done;
            return Redirect($"/Tasks/Detail/{id}");
        }
        catch (TaskNotFoundException) { return NotFound(); }
        catch (TaskForbiddenException ex) { Error = ex.Message; }
        catch (TaskRuleException ex)
        {
            FailedForm = form;
            Errors = ex.Errors;
            if (!ex.IsInvalidInput) Error = ex.Message;
        }
        // The page shows again with what was typed and why it could not be saved.
        return await ShowAsync(id, ct);
    }

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        try { View = await tasks.TaskAsync(UserScope.From(User)!, id, ct); }
        catch (TaskNotFoundException) { return NotFound(); }
        Done = TempData["Done"] as string;
        if (FailedForm != nameof(Report))
        {
            // The report form starts at the first open milestone, with its progress.
            var open = View.Task.Milestones.FirstOrDefault(m => !m.IsDone);
            Report.MilestoneId = open?.Id;
            Report.Progress = open?.Progress ?? (View.Task.Milestones.Count == 0 ? View.Task.OwnProgress : null);
            Report.CurrentValue = View.Task.CurrentValue;
        }
        return Page();
    }
}
