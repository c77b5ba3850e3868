using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Web.Accounts;
using SpecializedTowns.Core;

namespace SpecializedTowns.Web.Pages.Applications;

[RequestFormLimits(MultipartBodyLengthLimit = ApplicationAttachment.MaxBytes + 64 * 1024)]
public sealed class DetailModel(ApplicationService applications, TimeProvider time) : PageModel, Platform.IAnswersOversizedUploads
{
    public ApplicationView View { get; private set; } = null!;
    public UserScope Scope { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Name)> ExpertCandidates { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public List<int> Experts { get; set; } = [];
    [BindProperty, Display(Name = "领导小组审定")] public Decision? Decision { get; set; }
    [BindProperty] public string? DocumentNumber { get; set; }
    [BindProperty] public DateOnly? PublicityEndsOn { get; set; }

    /// <summary>审定's settlement of declared figures that differ from the platform's (RecognitionApplication.Decide).</summary>
    [BindProperty] public string? Settlement { get; set; }
    [BindProperty] public bool ObjectionUpheld { get; set; }
    // Named, so that a form without them does not bind them from every field it posts (the binder's fallback to no prefix),
    // which filed "请勾选或不勾选" against 公示截止日期 and the other fields of 领导小组审定.
    [BindProperty(Name = nameof(Met))] public Dictionary<string, bool?> Met { get; set; } = [];
    [BindProperty(Name = nameof(Comments))] public Dictionary<string, string?> Comments { get; set; } = [];
    [BindProperty(Name = nameof(Facts))] public FactsForm Facts { get; set; } = new();

    // Set when the facts form was posted: a refused form shows what was typed, any other page the stored facts.
    private bool factsPosted;

    // The handler of a step refused for its input: two forms of one state both post Reason (登记异议, 结束公示).
    private string? postedStep;

    /// <summary>Why the input <paramref name="field"/> of the form of <paramref name="step"/> was refused; null for any other form.</summary>
    public string? FieldError(string field, string step) =>
        string.Equals(postedStep, step, StringComparison.OrdinalIgnoreCase) && ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0
            ? entry.Errors[0].ErrorMessage : null;

    /// <summary>The expert's review form was posted and refused: it shows the choices made, not the stored ones.</summary>
    public bool ScorePosted { get; private set; }

    /// <summary>Why the expert's review could not be saved, by criterion key (总体意见 under <see cref="ExpertScore.Overall"/>).</summary>
    public IReadOnlyDictionary<string, string> ScoreProblems { get; private set; } = new Dictionary<string, string>();

    /// <summary>The return that sent the application back to the applicant, while it is returned.</summary>
    public ApplicationEvent? ReturnedBy => View.Application.State == ApplicationState.Returned
        ? View.Application.Events.Where(e => e.To == ApplicationState.Returned && e.From != ApplicationState.Returned).MaxBy(e => e.Id)
        : null;

    /// <summary>The year the application was recognised (China time), for the batch decision of that year; null until it is.</summary>
    public int? RecognizedYear => View.Application.Events.Where(e => e.To == ApplicationState.Recognized && e.From != ApplicationState.Recognized)
        .Select(e => (int?)ChinaTime.Date(e.AtUtc).Year).LastOrDefault();

    /// <summary>The days the publicity period may end on, today as the platform sees it.</summary>
    public (DateOnly First, DateOnly Last) PublicityWindow => RecognitionApplication.PublicityWindow(time.GetUtcNow().UtcDateTime);

    public bool IsOffice => applications.CanReview(Scope, View.Application);
    public bool IsApplicant => applications.CanPrepare(Scope, View.Application, View.CountyPath);

    /// <summary>For one who sees a draft or returned application but does not prepare it: who does, and what comes to them after.</summary>
    public string PreparedBy
    {
        get
        {
            var county = View.CountyPath[(View.CountyPath.LastIndexOf('/') + 1)..];
            var who = View.Standard is { Applicant: "township" } ? "申报镇（街道）" : SpecializedTowns.Core.Jurisdictions.CountyWords.NamedOffice(county);
            var after = IsOffice ? "，提交后由您的办公室形式审查" : "";
            return $"申报事实、申报材料和提交由{who}办理{after}。";
        }
    }
    public bool IsAssignedExpert => Scope.Role == Roles.Expert && View.Application.Experts.Any(e => e.ExpertUserId == Scope.UserId);

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file, CancellationToken ct) =>
        StepAsync(id, ct, $"已上传“{file?.FileName}”", async (s, u) =>
        {
            // A file far over the limit was left out by UploadForms: said as the limit, not as “no file chosen”.
            if (Platform.UploadForms.FilesDropped(HttpContext, out _))
                throw new ApplicationRuleException($"所选文件超过 {ApplicationAttachment.MaxBytes / 1024 / 1024}MB，不能上传", ApplicationFields.File);
            if (Shared.Uploads.Unreadable(file, out var unreadable)) throw new ApplicationRuleException(unreadable, ApplicationFields.File);
            if (file.Length > ApplicationAttachment.MaxBytes) throw new ApplicationRuleException($"“{file.FileName}”超过 {ApplicationAttachment.MaxBytes / 1024 / 1024}MB，不能上传", ApplicationFields.File);
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            await applications.AttachAsync(s, u, id, file.FileName, buffer.ToArray(), ct);
        });

    public async Task<IActionResult> OnGetFileAsync(int id, int fileId, CancellationToken ct)
    {
        var file = await applications.AttachmentAsync(UserScope.From(User)!, id, fileId, ct);
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostFactsAsync(int id, CancellationToken ct)
    {
        factsPosted = true;
        var scope = UserScope.From(User)!;
        ApplicationView view;
        try { view = await applications.ViewAsync(scope, id, ct); }
        catch (ApplicationNotFoundException) { return NotFound(); }
        var category = view.Facts?.Category ?? "";
        if (Facts.Problems(ModelState, nameof(Facts), view.Town, category) is { Count: > 0 } problems)
        {
            // Beside each field, in place of the binder's own words; what was typed stays in the form.
            foreach (var (field, message) in problems)
            {
                var key = $"{nameof(Facts)}.{field}";
                if (ModelState.TryGetValue(key, out var entry)) entry.Errors.Clear();
                ModelState.AddModelError(key, message);
            }
            Error = "申报事实未保存：请按各项下的提示修改";
            return await ShowAsync(id, ct);
        }
        var json = ApplicationService.FactsJsonFrom(Facts.ToFacts(view.Town, category));
        return await StepAsync(id, ct, "申报事实已保存，预检已按新数据更新", (s, u) => applications.UpdateFactsAsync(s, u, id, json, ct: ct));
    }

    [BindProperty] public bool ConfirmGaps { get; set; }
    [BindProperty] public bool ConfirmFailedPreCheck { get; set; }

    /// <summary>The pre-check's failed hard criteria, warned of above 形式审查 and the expert's 总体意见.</summary>
    public string? FailedPreCheck => RecognitionApplication.FailedPreCheck(View.PreCheck);

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct) =>
        StepAsync(id, ct, "已提交，等待形式审查", async (s, u) =>
        {
            // The policies require no list of materials (see ApplicationView.SubmissionGaps): what is missing is confirmed, not refused.
            var gaps = (await applications.ViewAsync(s, id, ct)).SubmissionGaps;
            if (gaps.Count > 0 && !ConfirmGaps)
                throw new ApplicationRuleException($"请确认后再提交：{string.Join("；", gaps)}。确需提交的，请勾选“{ConfirmGapsLabel}”");
            await applications.SubmitAsync(s, u, id, ct);
        });

    public const string ConfirmGapsLabel = "已知悉上述情况，仍然提交";

    public Task<IActionResult> OnPostReturnAsync(int id, CancellationToken ct) =>
        StepAsync(id, ct, "已退回修改", (s, u) => applications.ReturnAsync(s, u, id, Reason ?? "", ct));

    public Task<IActionResult> OnPostAcceptAsync(int id, CancellationToken ct) =>
        StepAsync(id, ct, "形式审查通过，已交专家评审", (s, u) => applications.AcceptAsync(s, u, id, Experts, ConfirmFailedPreCheck, ct));

    public Task<IActionResult> OnPostScoreAsync(int id, CancellationToken ct) =>
        StepAsync(id, ct, "评审意见已保存", (s, u) =>
        {
            ScorePosted = true;
            // A criterion left unchosen is left out: the application names each such one as its standard does.
            var scores = Met.Where(m => m.Value is not null).ToDictionary(m => m.Key, m => (m.Value!.Value, Comments.GetValueOrDefault(m.Key) ?? ""));
            return applications.ScoreAsync(s, u, id, scores, ct);
        });

    public Task<IActionResult> OnPostConcludeAsync(int id, CancellationToken ct) =>
        StepAsync(id, ct, "专家结论已汇总，等待领导小组审定", (s, u) => applications.ConcludeAsync(s, u, id, ct));

    public Task<IActionResult> OnPostDecideAsync(int id, CancellationToken ct) =>
        StepAsync(id, ct, "审定结果已登记", (s, u) => Decision is { } d
            ? applications.DecideAsync(s, u, id, d, DocumentNumber, Reason, PublicityEndsOn, ct, Settlement)
            : throw new ApplicationRuleException("请选择审定结果", ApplicationFields.Decision));

    public Task<IActionResult> OnPostObjectAsync(int id, CancellationToken ct) =>
        StepAsync(id, ct, "异议已登记", (s, u) => applications.ObjectAsync(s, u, id, Reason ?? "", ct));

    public Task<IActionResult> OnPostEndPublicityAsync(int id, CancellationToken ct) =>
        StepAsync(id, ct, ObjectionUpheld ? "异议成立，不予认定" : "公示期满，已正式认定", (s, u) => applications.EndPublicityAsync(s, u, id, ObjectionUpheld, Reason, ct));

    private async Task<IActionResult> StepAsync(int id, CancellationToken ct, string done, Func<UserScope, string, Task> step)
    {
        var scope = UserScope.From(User)!;
        try
        {
            await step(scope, User.DisplayName());
            TempData["Done"] = done;
            return Redirect($"/Applications/Detail/{id}");
        }
        catch (ApplicationNotFoundException)
        {
            return NotFound();
        }
        catch (ApplicationRuleException ex)
        {
            // The form shows again with what was typed and the reason it could not be done, beside the field it concerns.
            if (ScorePosted && ex.Problems.Count > 0)
            {
                ScoreProblems = ex.Problems;
                // The whole message stays on top as well, naming the criteria for one who reads only the banner.
                Error = "评审意见未保存：" + ex.Message;
            }
            else if (ex.Field is { } field)
            {
                postedStep = Request.Query["handler"].ToString();
                if (ModelState.TryGetValue(field, out var entry)) entry.Errors.Clear();
                ModelState.AddModelError(field, ex.Message);
                // Said above the page too: the form of a step sits in the side column, out of sight on a narrow screen.
                Error = $"未办理：{ex.Message}";
            }
            else Error = ex.Message;
            return await ShowAsync(id, ct);
        }
    }

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        Scope = UserScope.From(User)!;
        try { View = await applications.ViewAsync(Scope, id, ct); }
        catch (ApplicationNotFoundException) { return NotFound(); }
        if (!factsPosted && View.Facts is { } stated) Facts = FactsForm.From(stated);
        if (View.Application.State == ApplicationState.Submitted && IsOffice)
            ExpertCandidates = await applications.ExpertCandidatesAsync(id, Scope, ct);
        Done = TempData["Done"] as string;
        return Page();
    }
}
