using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Evaluation;
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

    /// <summary>The office of the area: it numbers the report (发文字号) whether the evaluation is a draft or published.</summary>
    public bool CanNumber { get; private set; }

    /// <summary>Why the draft cannot be published yet (its year is not over), or null.</summary>
    public string? TooEarly { get; private set; }

    /// <summary>What moved when publishing recalculated: nothing was published, and the office confirms the new figures.</summary>
    public IReadOnlyList<RankingChange> Changes { get; private set; } = [];

    /// <summary>Which form's 发文字号/成文日期 failed (publish or report), so it opens again with what was typed.</summary>
    public string? DocumentFailed { get; private set; }

    /// <summary>A 发文字号 in the area's manner for the field's placeholder: the area's first character, the year it can go out in.</summary>
    public string DocumentExample => $"如 {View.Area[..1]}专镇办〔{Math.Max(View.Evaluation.Year + 1, evaluations.Today.Year)}〕3号";

    [BindProperty] public int? Version { get; set; }
    [BindProperty] public DocumentForm Document { get; set; } = new();

    /// <summary>The office's written confirmation of publishing a ranking that scored less than half the weight.</summary>
    [BindProperty] public string? CoverageReason { get; set; }

    public sealed class DocumentForm
    {
        public string? Number { get; set; }
        public DateOnly? Date { get; set; }
    }
    [BindProperty] public IssueForm Issue { get; set; } = new();

    public sealed class IssueForm
    {
        public DateOnly? Deadline { get; set; }
        public string? ContactName { get; set; }
        public string? ContactPhone { get; set; }
        public string? CoverageReason { get; set; }
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

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct)
    {
        if (UnreadableDocumentDate("publish")) return await ShowAsync(id, ct, keepDocument: true);
        IReadOnlyList<RankingChange> changes = [];
        var result = await ActAsync(id, "", ct, async s =>
            changes = await evaluations.PublishAsync(s, User.DisplayName(), id, Version, new DocumentInput(Document.Number, Document.Date), ct, CoverageReason), "publish");
        if (result is not OkResult) return result;
        if (changes.Count == 0)
        {
            TempData["Done"] = "评估已发布，结果已冻结";
            return RedirectToPage("Detail", new { id });
        }
        // Shown with the draft as now recalculated, and a button that publishes exactly that (its new version).
        Changes = changes;
        return await ShowAsync(id, ct, keepDocument: true);
    }

    /// <summary>
    /// 评估报告（Word） for the office of the area: the 发文字号 and 成文日期 it types are checked and kept with the evaluation
    /// (audited), then the report is written with them. Anyone else downloads it as it stands (report.docx in the API).
    /// </summary>
    public async Task<IActionResult> OnPostReportAsync(int id, CancellationToken ct)
    {
        if (UnreadableDocumentDate("report")) return await ShowAsync(id, ct, keepDocument: true);
        var scope = UserScope.From(User)!;
        try
        {
            if ((await evaluations.GetAsync(scope, id, ct)).IsExcerpt) throw new EvaluationRuleException(EvaluationService.ReportStaysWithOffice);
            await evaluations.SetDocumentAsync(scope, id, new DocumentInput(Document.Number, Document.Date), ct);
            var view = await evaluations.GetAsync(scope, id, ct);
            var stream = new MemoryStream();
            EvaluationReport.WriteDocument(view, evaluations.Today, stream);
            return File(stream.ToArray(), EvaluationReport.DocxType, EvaluationReport.FileName(view, "docx"));
        }
        catch (EvaluationNotFoundException) { return NotFound(); }
        catch (EvaluationInputException ex)
        {
            ShowDocumentErrors(ex.Errors);
            DocumentFailed = "report";
            Error = "评估报告未生成：" + string.Join("；", ex.Errors.Values);
        }
        catch (EvaluationRuleException ex) { Error = ex.Message; }
        return await ShowAsync(id, ct, keepDocument: true);
    }

    // The service names the fields as the API does (documentNumber, documentDate); the form binds them as Document.Number/Date.
    private void ShowDocumentErrors(Data.Enterprises.FieldErrors errors)
    {
        foreach (var (field, message) in errors)
            ModelState.AddModelError(field switch
            {
                "documentDate" => "Document.Date",
                EvaluationCoverage.ReasonField => nameof(CoverageReason),
                _ => "Document.Number",
            }, message);
    }

    private bool UnreadableDocumentDate(string form)
    {
        if (!Unreadable("Document.")) return false;
        DocumentFailed = form;
        ModelState.Remove("Document.Date");
        ModelState.AddModelError("Document.Date", "成文日期请按 年-月-日 填写");
        Error = (form == "publish" ? "评估未发布" : "评估报告未生成") + "：成文日期请按 年-月-日 填写";
        return true;
    }

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
            var count = await evaluationNotices.IssueAsync(scope, User.DisplayName(), view, Issue.Deadline, Issue.ContactName, Issue.ContactPhone, ct, Issue.CoverageReason);
            TempData["Done"] = $"已下发 {count} 份督办通知书，可在“督办通知书/整改”中跟踪整改";
            return RedirectToPage("Detail", null, new { id }, "tab-supervise");
        }
        catch (EvaluationNotFoundException) { return NotFound(); }
        catch (EvaluationInputException ex)
        {
            ModelState.Show(ex.Errors, "Issue");
            Error = "督办通知书未下发：" + string.Join("；", ex.Errors.Values);
        }
        catch (EvaluationRuleException ex) { Error = ex.Message; }
        return await ShowAsync(id, ct, keepForm: true);
    }


    private async Task<IActionResult> ActAsync(int id, string done, CancellationToken ct, Func<UserScope, Task> action, string? documentForm = null)
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
        catch (EvaluationInputException ex) when (documentForm is not null)
        {
            DocumentFailed = documentForm;
            ShowDocumentErrors(ex.Errors);
            Error = "评估未发布：" + string.Join("；", ex.Errors.Values);
        }
        catch (EvaluationInputException ex)
        {
            FailedSubject = Score.SubjectKey;
            ModelState.Show(ex.Errors, "Score");
            Error = string.Join("；", ex.Errors.Values);
        }
        catch (EvaluationRuleException ex) { Error = ex.Message; }
        return await ShowAsync(id, ct, keepDocument: documentForm is not null);
    }

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct, bool keepForm = false, bool keepDocument = false)
    {
        var scope = UserScope.From(User)!;
        try { View = await evaluations.GetAsync(scope, id, ct); }
        catch (EvaluationNotFoundException) { return NotFound(); }
        CanNumber = EvaluationService.CanEdit(scope, View.Evaluation.AreaPath);
        TooEarly = View.Evaluation.IsPublished ? null : AnnualEvaluation.PublishingTooEarly(View.Evaluation.Year, evaluations.Today);
        if (!keepDocument) (Document.Number, Document.Date) = (View.Evaluation.DocumentNumber, View.Evaluation.DocumentDate);
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
