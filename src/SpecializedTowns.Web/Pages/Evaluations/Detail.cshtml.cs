using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Evaluation;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Evaluations;

public sealed class DetailModel(EvaluationService evaluations, EvaluationNotices evaluationNotices, Data.Notices.NoticeService notices) : PageModel
{
    public EvaluationView View { get; private set; } = null!;
    public string? Error { get; private set; }

    /// <summary>The subject whose manual score failed, so its form opens again with what was typed.</summary>
    public string? FailedSubject { get; private set; }

    public IReadOnlyList<SupervisedSubject> Supervised { get; private set; } = [];
    public bool CanIssueNotices { get; private set; }

    [BindProperty] public int? Version { get; set; }
    [BindProperty] public IssueForm Issue { get; set; } = new();

    public sealed class IssueForm
    {
        public DateOnly? Deadline { get; set; }
        public string? ContactName { get; set; }
        public string? ContactPhone { get; set; }
    }
    [BindProperty] public ScoreForm Score { get; set; } = new();

    public sealed class ScoreForm
    {
        public string? SubjectKey { get; set; }
        public string? IndicatorKey { get; set; }
        public decimal? Points { get; set; }
        public string? Reason { get; set; }
    }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostRecalculateAsync(int id, CancellationToken ct) =>
        ActAsync(id, "已按最新数据重新计算", ct, s => evaluations.RecalculateAsync(s, id, Version, ct));

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct) =>
        ActAsync(id, "评估已发布，结果已冻结", ct, s => evaluations.PublishAsync(s, User.DisplayName(), id, Version, ct));

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var result = await ActAsync(id, "", ct, s => evaluations.DeleteAsync(s, id, Version, ct));
        if (Error is not null || result is NotFoundResult) return result;
        TempData["Done"] = "评估草稿已删除";
        return RedirectToPage("Index");
    }

    private bool Unreadable(string prefix) => ModelState.Any(m => m.Key.StartsWith(prefix, StringComparison.Ordinal) && m.Value!.Errors.Count > 0);

    public Task<IActionResult> OnPostScoreAsync(int id, CancellationToken ct)
    {
        if (Unreadable("Score."))
        {
            FailedSubject = Score.SubjectKey;
            Error = "得分请填写 0 到 100 之间的数字";
            return ShowAsync(id, ct);
        }
        return ActAsync(id, "人工评分已保存并重新计算", ct,
            s => evaluations.SetManualScoreAsync(s, User.DisplayName(), id, Version, Score.SubjectKey, Score.IndicatorKey, Score.Points, Score.Reason, ct));
    }

    public async Task<IActionResult> OnPostNoticesAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (Unreadable("Issue."))
        {
            // The deadline could not be read: said beside it, and what is wrong with the contact too, so one correction is enough.
            var contact = Core.Notices.NoticeRules.ContactProblems(Issue.ContactName, Issue.ContactPhone);
            foreach (var (field, message) in contact) ModelState.AddModelError($"Issue.{field}", message);
            Error = "督办通知书未下发：" + string.Join("；", contact.Values.Prepend("整改期限请按 年-月-日 填写"));
            return await ShowAsync(id, ct, keepForm: true);
        }
        try
        {
            var view = await evaluations.GetAsync(scope, id, ct);
            var count = await evaluationNotices.IssueAsync(scope, User.DisplayName(), view, Issue.Deadline, Issue.ContactName, Issue.ContactPhone, ct);
            TempData["Done"] = $"已下发 {count} 份督办通知书，可在“督办通知书/整改”中跟踪整改";
            return RedirectToPage("Detail", null, new { id }, "tab-supervise");
        }
        catch (EvaluationNotFoundException) { return NotFound(); }
        catch (EvaluationInputException ex)
        {
            ModelState.Show(ex.Errors, "Issue");
            Error = "督办通知书未下发：" + string.Join("；", ex.Errors.Values);
        }
        catch (Core.Evaluation.EvaluationRuleException ex) { Error = ex.Message; }
        return await ShowAsync(id, ct, keepForm: true);
    }


    private async Task<IActionResult> ActAsync(int id, string done, CancellationToken ct, Func<UserScope, Task> action)
    {
        var scope = UserScope.From(User)!;
        try
        {
            await action(scope);
            if (done.Length == 0) return new OkResult();
            TempData["Done"] = done;
            return RedirectToPage("Detail", new { id });
        }
        catch (EvaluationNotFoundException) { return NotFound(); }
        catch (EvaluationInputException ex)
        {
            FailedSubject = Score.SubjectKey;
            ModelState.Show(ex.Errors, "Score");
            Error = string.Join("；", ex.Errors.Values);
        }
        catch (Core.Evaluation.EvaluationRuleException ex) { Error = ex.Message; }
        return await ShowAsync(id, ct);
    }

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct, bool keepForm = false)
    {
        var scope = UserScope.From(User)!;
        try { View = await evaluations.GetAsync(scope, id, ct); }
        catch (EvaluationNotFoundException) { return NotFound(); }
        Supervised = View.Evaluation.IsPublished ? await evaluationNotices.SupervisedAsync(scope, View, ct) : [];
        CanIssueNotices = EvaluationNotices.CanIssue(scope, View) && Supervised.Any(s => s.Notice is null);
        if (CanIssueNotices && !keepForm)
        {
            Issue.Deadline = evaluationNotices.DefaultDeadline(View);
            if (await notices.LastContactAsync(scope, ct) is { } contact) (Issue.ContactName, Issue.ContactPhone) = contact;
        }
        return Page();
    }
}
