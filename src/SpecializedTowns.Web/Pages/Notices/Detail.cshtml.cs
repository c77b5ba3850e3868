using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notices;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Notices;

// No request limits of its own: UploadForms reads the form under the platform's ceiling, so that a file over
// NoticeFile.MaxBytes reaches OnPostRecordAsync and is refused beside the field with the measures kept.
public sealed class DetailModel(NoticeService notices) : PageModel, Platform.IAnswersOversizedUploads
{
    public sealed class ActionRow
    {
        public bool Taken { get; set; }
        [Display(Name = "处理方式")] public NoticeActionKind Kind { get; set; }
        public DateOnly? TakenOn { get; set; }
        public string? DocumentNumber { get; set; }
        public string? Note { get; set; }
    }

    public NoticeView View { get; private set; } = null!;

    /// <summary>The step that failed, on which finding, and the field its message belongs beside; the form shows again with what was typed.</summary>
    public NoticeStep? FailedStep { get; private set; }
    public int? FailedItem { get; private set; }
    public string? FailedField { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    [BindProperty] public string? Measures { get; set; }
    [BindProperty] public string? Evidence { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public List<ActionRow> Actions { get; set; } = [];

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostRecordAsync(int id, int item, List<IFormFile>? files, CancellationToken ct) =>
        StepAsync(id, NoticeStep.Record, item, $"第 {item} 项整改情况已填报，报送后交办公室核验", ct, async (s, u) =>
        {
            // Files too large together were left out by UploadForms: nothing is recorded as if none had been chosen.
            if (Platform.UploadForms.FilesDropped(HttpContext, out var tooLarge)) throw new NoticeRuleException(tooLarge, "file");
            var uploads = new List<EvidenceUpload>();
            // The browser posts one nameless part when no file is chosen: that is no file, not a bad one.
            foreach (var file in (files ?? []).Where(f => !string.IsNullOrEmpty(f.FileName)))
            {
                // A file chosen but empty is refused, not silently left out: the clerk believes it was sent.
                if (Shared.Uploads.Unreadable(file, out var unreadable)) throw new NoticeRuleException(unreadable, "file");
                if (file.Length > NoticeFile.MaxBytes) throw new NoticeRuleException($"“{file.FileName}”超过 {NoticeFile.MaxBytes / 1024 / 1024}MB，不能上传", "file");
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                uploads.Add(new EvidenceUpload(file.FileName, buffer.ToArray()));
            }
            await notices.RecordAsync(s, u, id, item, new RectificationInput(Measures, Evidence, Files: uploads), ct);
        });

    public Task<IActionResult> OnPostRemoveFileAsync(int id, int item, int fileId, CancellationToken ct) =>
        StepAsync(id, NoticeStep.Record, item, $"已删除第 {item} 项的一个佐证文件", ct, (s, u) => notices.RemoveItemFileAsync(s, u, id, item, fileId, ct));

    /// <summary>A file uploaded to the notice (by API) and given to no finding: it holds a place of the notice's 50 until taken off.</summary>
    public Task<IActionResult> OnPostRemoveUnattachedFileAsync(int id, int fileId, CancellationToken ct) =>
        StepAsync(id, NoticeStep.Record, null, "已删除一个未对应到具体问题的佐证文件", ct, (s, u) => notices.RemoveFileAsync(s, u, id, fileId, ct));

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct) =>
        StepAsync(id, NoticeStep.Submit, null, "整改情况已报送，等待办公室核验", ct, async (s, u) => await notices.SubmitAsync(s, u, id, ct));

    public Task<IActionResult> OnPostAcceptAsync(int id, int item, CancellationToken ct) =>
        StepAsync(id, NoticeStep.Verify, item, $"第 {item} 项核验通过", ct, (s, u) => notices.VerifyAsync(s, u, id, item, accept: true, Reason, ct));

    public Task<IActionResult> OnPostReturnAsync(int id, int item, CancellationToken ct) =>
        StepAsync(id, NoticeStep.Verify, item, $"第 {item} 项已退回重新整改", ct, (s, u) => notices.VerifyAsync(s, u, id, item, accept: false, Reason, ct));

    public Task<IActionResult> OnPostActionsAsync(int id, CancellationToken ct) =>
        StepAsync(id, NoticeStep.RecordAction, null, "处理结果已记录，督办通知书已处理", ct, (s, u) =>
            notices.RecordActionsAsync(s, u, id, Actions.Where(a => a.Taken).Select(a => new ActionInput(a.Kind, a.TakenOn, a.DocumentNumber, a.Note)).ToList(), ct));

    /// <summary>The notice as issued: a .docx in the GB/T 9704 layout.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(int id, CancellationToken ct)
    {
        try
        {
            var (content, name) = await notices.DocumentAsync(UserScope.From(User)!, id, ct);
            return File(content, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
        }
        catch (NoticeNotFoundException) { return NotFound(); }
    }

    public async Task<IActionResult> OnGetFileAsync(int id, int fileId, CancellationToken ct)
    {
        var file = await notices.FileAsync(UserScope.From(User)!, id, fileId, ct);
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    public string? ErrorFor(NoticeStep step, int? item, string field) => FailedStep == step && FailedItem == item && FailedField == field ? Error : null;

    public bool Failed(NoticeStep step, int? item) => FailedStep == step && FailedItem == item;

    private async Task<IActionResult> StepAsync(int id, NoticeStep step, int? item, string done, CancellationToken ct, Func<UserScope, string, Task> action)
    {
        if (!ModelState.IsValid)
        {
            // A value the form could not read (a malformed date, say): say so beside it, take no step.
            FailedStep = step;
            FailedItem = item;
            (FailedField, Error) = ModelState.Where(m => m.Value!.Errors.Count > 0).Select(m => (Field(m.Key), m.Value!.Errors[0].ErrorMessage)).First();
            return await ShowAsync(id, ct);
        }
        try
        {
            await action(UserScope.From(User)!, User.DisplayName());
            TempData["Done"] = done;
            return Redirect($"/Notices/Detail/{id}");
        }
        catch (NoticeNotFoundException) { return NotFound(); }
        catch (NoticeRuleException ex)
        {
            FailedStep = step;
            FailedItem = item;
            FailedField = ex.Field ?? "";
            Error = ex.Message;
            return await ShowAsync(id, ct);
        }
    }

    private static string Field(string key) =>
        key.Contains(nameof(ActionRow.TakenOn), StringComparison.Ordinal) ? "takenOn" : key.StartsWith(nameof(Reason), StringComparison.Ordinal) ? "reason" : "measures";

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        try { View = await notices.ViewAsync(UserScope.From(User)!, id, User.DisplayName(), ct); }
        catch (NoticeNotFoundException) { return NotFound(); }
        if (FailedStep != NoticeStep.RecordAction)
        {
            // One row per kind of action, the date today: the office ticks what it did.
            Actions = Enum.GetValues<NoticeActionKind>().Select(k => new ActionRow { Kind = k, TakenOn = View.Today }).ToList();
        }
        Done = TempData["Done"] as string;
        return Page();
    }
}
