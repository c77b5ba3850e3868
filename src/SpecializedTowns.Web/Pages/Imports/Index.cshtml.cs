using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Api;
using SpecializedTowns.Web.Imports;
using SpecializedTowns.Web.Platform;
using SpecializedTowns.Core;

namespace SpecializedTowns.Web.Pages.Imports;

/// <summary>数据 > 导入: pick a kind, download its template, upload, watch the check, read the preview and errors, confirm.</summary>
// No request limits of its own: UploadForms reads the form under the platform's ceiling, so that a file over
// ImportEngine.MaxFileBytes reaches OnPostUploadAsync and is answered there.
public sealed class IndexModel(TownsDbContext db, ImportJobs jobs, TimeProvider time) : PageModel, IAnswersOversizedUploads
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }

    public IReadOnlyList<ImportKind> Kinds { get; private set; } = [];
    public ImportKind? Selected { get; private set; }

    /// <summary>The day the help describes: a year column's latest year moves with it, as the check's does.</summary>
    public DateOnly Today => ChinaTime.Today(time);

    private UserScope Scope => UserScope.From(User)!;

    public IActionResult OnGet()
    {
        Kinds = ImportKinds.All.Where(k => k.CanImport(Scope)).ToList();
        var asked = Kind?.Trim();
        // The tab is chosen by its key in any case or by its title (企业名录); one that names no tab the person has is said
        // above the page with the tab shown instead, rather than the first tab opening as if it had been asked for.
        var named = string.IsNullOrEmpty(asked) ? null
            : ImportKinds.All.FirstOrDefault(k => string.Equals(k.Key, asked, StringComparison.OrdinalIgnoreCase) || k.Title == asked);
        Selected = named is not null && Kinds.Contains(named) ? named : Kinds.FirstOrDefault();
        if (!string.IsNullOrEmpty(asked) && Selected is { } shown && Selected != named)
        {
            var instead = $"已显示“{shown.Title}”";
            if (named is null) Shared.FilterValues.Unknown(HttpContext, "导入类型", asked, instead);
            else Shared.FilterValues.Note(HttpContext, $"您不能导入“{named.Title}”，{instead}");
        }
        return Page();
    }

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct)
    {
        if (ImportKinds.Find(Kind) is not { } kind || !kind.CanImport(Scope)) return NotFound();
        var bytes = await TemplateWriter.WriteAsync(db, Scope, kind, ChinaTime.Today(time), ct, $"{Request.Scheme}://{Request.Host}");
        return File(bytes, ImportsApi.XlsxType, $"{kind.Title}导入模板.xlsx");
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (ImportKinds.Find(Kind) is not { } kind || !kind.CanImport(Scope))
            return Message("您不能导入这类数据，或没有选择导入类型");
        // A file over the request's ceiling was left out by UploadForms (htmx shows no 413): said as the limit, in the result box.
        var tooLarge = UploadForms.FilesDropped(HttpContext, out _);
        if (!tooLarge && Shared.Uploads.Unreadable(file, out var unreadable)) return Message(unreadable);
        if (tooLarge || file!.Length > ImportEngine.MaxFileBytes) return Message($"文件超过 {ImportEngine.MaxFileBytes / 1024 / 1024}MB，请拆分后分批导入");
        if (SheetReader.FormatOf(file.FileName) is null) return Message("只能上传 .xlsx 或 .csv 文件（旧版 .xls 请在 Excel 中另存为 .xlsx）");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var job = await jobs.CheckAsync(Scope, HttpContext.DisplayName(), kind, Path.GetFileName(file.FileName), buffer.ToArray(), ct);
        return Partial("_Job", job);
    }

    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct) =>
        await jobs.FindAsync(id, Scope.UserId, ct) is { } job ? Partial("_Job", job) : Message("这次上传已过期，请重新上传文件");

    public async Task<IActionResult> OnPostCommitAsync(Guid id, CancellationToken ct) =>
        await jobs.CommitAsync(id, Scope, AuditActors.From(HttpContext), ct) is { } job ? Partial("_Job", job) : Message("这次上传已过期，请重新上传文件");

    public async Task<IActionResult> OnGetMarkedAsync(Guid id, CancellationToken ct)
    {
        if (await jobs.FindAsync(id, Scope.UserId, ct) is not { Result: { } result } job
            || await jobs.ContentAsync(id, Scope.UserId, ct) is not { } content) return NotFound();
        return File(MarkedFile.Write(content, job.FileName, result), ImportsApi.ContentType(job.FileName), ErrorWorkbook.FileName(job.FileName));
    }

    private ContentResult Message(string text) =>
        Content($"<div class=\"alert alert-danger py-2 mb-0\">{System.Net.WebUtility.HtmlEncode(text)}</div>", "text/html; charset=utf-8");
}
