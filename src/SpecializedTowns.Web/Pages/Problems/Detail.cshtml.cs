using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notices;
using SpecializedTowns.Data.Problems;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Problems;

public sealed class DetailModel(ProblemService problems, Data.TownsDbContext db) : PageModel
{
    /// <summary>The 专班月报 whose 困难问题 this problem became (转入问题台账), or null.</summary>
    public Data.Reports.ReportOrigin? FromReport { get; private set; }

    public ProblemView View { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Name, string Place)> Units { get; private set; } = [];

    /// <summary>The step that failed and its messages by the field they belong beside ("" for the step as a whole); the form shows again with what was typed.</summary>
    public ProblemStep? FailedStep { get; private set; }
    public Dictionary<string, string> Errors { get; private set; } = [];
    public string? Done { get; private set; }

    /// <summary>/Notices/New started for the lead unit with this problem as the finding, for an office that may issue notices.</summary>
    public string? NoticeLink { get; private set; }

    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int? LeadUnitId { get; set; }
    [BindProperty] public List<int> CooperatingUnitIds { get; set; } = [];
    [BindProperty] public DateOnly? Deadline { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostAcceptAsync(int id, CancellationToken ct) =>
        StepAsync(id, ProblemStep.Accept, "已受理，已转牵头单位办理", ct, (s, u) => problems.AcceptAsync(s, u, id, AcceptInput(), ct));

    // A field the form could not read is null here: the raiser's proposal stands in for it, and its own message is shown.
    private AcceptInput AcceptInput() => new(LeadUnitId, CooperatingUnitIds, Deadline, Note);

    public Task<IActionResult> OnPostDeclineAsync(int id, CancellationToken ct) =>
        StepAsync(id, ProblemStep.Decline, "已决定不予受理", ct, (s, u) => problems.DeclineAsync(s, u, id, Note, ct));

    public Task<IActionResult> OnPostHandleAsync(int id, CancellationToken ct) =>
        StepAsync(id, ProblemStep.Handle, "办理情况已记录", ct, (s, u) => problems.HandleAsync(s, u, id, Note, ct));

    public Task<IActionResult> OnPostAnswerAsync(int id, CancellationToken ct) =>
        StepAsync(id, ProblemStep.Answer, "已答复，等待提出人确认", ct, (s, u) => problems.AnswerAsync(s, u, id, Note, ct));

    public Task<IActionResult> OnPostUrgeAsync(int id, CancellationToken ct) =>
        StepAsync(id, ProblemStep.Urge, "已督办，已记入办理记录并提醒牵头单位", ct, (s, u) => problems.UrgeAsync(s, u, id, Note, ct));

    public Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct) =>
        StepAsync(id, ProblemStep.Confirm, "已确认解决，问题办结", ct, (s, u) => problems.ConfirmAsync(s, u, id, Note, ct));

    public Task<IActionResult> OnPostReopenAsync(int id, CancellationToken ct) =>
        StepAsync(id, ProblemStep.Reopen, "已退回牵头单位重新办理", ct, (s, u) => problems.ReopenAsync(s, u, id, Note, ct));

    public string? ErrorFor(ProblemStep step, string field) => FailedStep == step ? Errors.GetValueOrDefault(field) : null;

    private async Task<IActionResult> StepAsync(int id, ProblemStep step, string done, CancellationToken ct, Func<UserScope, string, Task> action)
    {
        var scope = UserScope.From(User)!;
        if (!ModelState.IsValid)
        {
            // A value the form could not read (a malformed date, say): say so beside it and take no step, but name what is
            // wrong with the fields that were read too, so that one correction is enough.
            FailedStep = step;
            foreach (var (key, entry) in ModelState.Where(m => m.Value!.Errors.Count > 0))
                Errors.TryAdd(Field(key), entry!.Errors[0].ErrorMessage);
            if (step == ProblemStep.Accept)
            {
                try
                {
                    foreach (var (field, message) in await problems.AcceptProblemsAsync(scope, id, AcceptInput(), ct)) Errors.TryAdd(field, message);
                }
                catch (ProblemNotFoundException) { return NotFound(); }
            }
            return await ShowAsync(id, ct);
        }
        try
        {
            await action(scope, User.DisplayName());
            TempData["Done"] = done;
            return Redirect($"/Problems/Detail/{id}");
        }
        catch (ProblemNotFoundException)
        {
            return NotFound();
        }
        catch (ProblemRuleException ex)
        {
            FailedStep = step;
            Errors[ex.Field ?? ""] = ex.Message;
            return await ShowAsync(id, ct);
        }
    }

    /// <summary>The notice form started from the problem: the lead unit as 整改对象, the problem as the finding with its source.</summary>
    private static string NoticeLinkFor(ProblemView v, int leadUnitId)
    {
        var p = v.Problem;
        var late = p.Deadline is { } d && v.DeadlineStatus == DeadlineStatus.Overdue ? ProblemDeadline.DaysOverdue(d, v.Today) : 0;
        var urged = p.Events.Count(e => e.Action == Problem.UrgeAction);
        var finding = $"{p.Title}（{v.County}）：办理时限 {(p.Deadline is { } limit ? $"{limit.Year}年{limit.Month}月{limit.Day}日" : "未定")}，"
                      + (late > 0 ? $"已逾期 {late} 天仍未答复" : "尚未答复") + (urged > 0 ? $"，经督办 {urged} 次仍未办结" : "");
        return QueryHelpers.AddQueryString("/Notices/New", new Dictionary<string, string?>
        {
            ["Input.Recipient"] = new NoticeRecipient(RecipientKind.Unit, leadUnitId, "", "").Key,
            // Read as “关于{subject}的督办通知书” and “你单位在{subject}中”.
            ["Input.Subject"] = $"“{p.Title}”问题办理" is { Length: <= Notice.MaxSubject } subject ? subject : $"问题台账第{p.Id}号问题办理",
            ["Input.Basis"] = Cut($"问题台账第 {p.Id} 号问题{(late > 0 ? "逾期未答复" : "办理滞后")}", Notice.MaxBasis),
            ["Input.Findings[0].Text"] = Cut(finding, Notice.MaxFindingText),
            ["Input.Findings[0].Source"] = $"问题台账第 {p.Id} 号",
        });
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Field(string key) =>
        key.StartsWith(nameof(Deadline), StringComparison.Ordinal) ? "deadline"
        : key.StartsWith(nameof(LeadUnitId), StringComparison.Ordinal) ? "leadUnitId"
        : key.StartsWith(nameof(CooperatingUnitIds), StringComparison.Ordinal) ? "cooperatingUnitIds"
        : "note";

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        try { View = await problems.ViewAsync(scope, id, User.DisplayName(), ct); }
        catch (ProblemNotFoundException) { return NotFound(); }
        if (View.Steps.Contains(ProblemStep.Accept))
        {
            Units = await problems.UnitsForAsync(View.CountyPath, ct);
            if (FailedStep is null)
            {
                // The form starts from what the raiser proposed.
                LeadUnitId = View.Problem.LeadUnitId;
                CooperatingUnitIds = View.CooperatingUnits.Select(u => u.Id).ToList();
                Deadline = View.Problem.Deadline;
            }
        }
        if (View.Steps.Contains(ProblemStep.Urge) && NoticeService.CanIssue(scope) && View.Problem.LeadUnitId is { } lead)
            NoticeLink = NoticeLinkFor(View, lead);
        if (View.Problem.Source == ProblemSource.MonthlyReport) FromReport = await Data.Reports.ReportProblems.OriginAsync(db, id, ct);
        Done = TempData["Done"] as string;
        return Page();
    }
}
