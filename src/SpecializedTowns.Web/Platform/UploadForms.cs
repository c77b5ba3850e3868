using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// A page's upload form (multipart) is read here, under one ceiling for the whole request, before any page runs.
/// Each upload has its own limit (10MB for materials and evidence, 50MB for imports), but a request refused at that
/// limit by the framework never reaches the page: the antiforgery check fails reading the form, the user gets a bare
/// error page and loses what was typed. Read here with room to spare, an oversized file reaches its page, which says
/// “文件超过 10MB” beside the field and shows the form again as typed. Files that add up to more than the ceiling are read
/// through and discarded, the fields kept (<see cref="FilesDropped"/>), so the page can say so beside the field too; only a
/// body beyond <see cref="MaxDrainedBytes"/> is refused unread (the status page says so). Files within the ceiling are
/// spooled to disk by the form reader, not held.
/// Runs after authorization and only for a signed-in user (the sign-in and error pages are open to anyone): no stranger's
/// body is read here.
/// </summary>
public static class UploadForms
{
    /// <summary>Twice the largest single file any page accepts (an import, 50MB).</summary>
    public const long MaxRequestBytes = 2 * SpecializedTowns.Data.Imports.ImportEngine.MaxFileBytes;

    /// <summary>
    /// A body over <see cref="MaxRequestBytes"/> and up to this is still read through, its files discarded as they come and its
    /// fields kept (<see cref="FilesDropped"/>): ten 10MB photos chosen at once reach the page, which says beside the field that
    /// they are too many for one save and shows what was typed. Beyond it the body is refused unread.
    /// </summary>
    public const long MaxDrainedBytes = 4 * MaxRequestBytes;

    private const int MaxFieldChars = 1024 * 1024;

    /// <summary>What the person is told when the files of one save add up to more than <see cref="MaxRequestBytes"/>.</summary>
    public static string TooLargeMessage(long? bytes, int files = 0) =>
        (bytes is { } b ? $"本次{(files > 0 ? $"选择的 {files} 个文件" : "提交的内容")}合计约 {Megabytes(b)} MB，" : "")
        + $"一次上传的文件合计不能超过 {MaxRequestBytes / 1024 / 1024} MB，请分几次上传";

    /// <summary>12.3 (one decimal, MB of 1024 × 1024 bytes, as the limits are written).</summary>
    public static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.InvariantCulture);

    private sealed record Dropped(long? Bytes, IReadOnlyList<string> FileNames);

    /// <summary>
    /// The request's files were too many or too large together and were left out; its fields were read. A page that takes files
    /// checks this before acting (it must not save what was typed as if no file had been chosen) and says <paramref name="message"/>.
    /// </summary>
    public static bool FilesDropped(HttpContext http, out string message)
    {
        if (http.Items[typeof(Dropped)] is Dropped d)
        {
            message = TooLargeMessage(d.Bytes, d.FileNames.Count);
            return true;
        }
        message = "";
        return false;
    }

    public static IApplicationBuilder UseUploadForms(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        // Once per request: the error and status pages re-execute the pipeline on the same request, whose body is read.
        if (HttpMethods.IsPost(request.Method) && context.User.Identity?.IsAuthenticated == true && !request.Path.StartsWithSegments("/api")
            && request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true
            && context.Items.TryAdd(typeof(UploadForms), true))
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxDrainedBytes;
            if (request.ContentLength > MaxDrainedBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            try
            {
                if (request.ContentLength > MaxRequestBytes)
                {
                    var (fields, names) = await FieldsOnlyAsync(request, context.RequestAborted);
                    context.Features.Set<IFormFeature>(new FormFeature(fields));
                    context.Items[typeof(Dropped)] = new Dropped(request.ContentLength, names);
                }
                else
                {
                    // Read now, the page's own [RequestFormLimits] then finds the form read and leaves it be.
                    context.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = MaxRequestBytes }));
                    await request.ReadFormAsync(context.RequestAborted);
                }
            }
            catch (BadHttpRequestException ex)
            {
                context.Response.StatusCode = ex.StatusCode;
                return;
            }
            catch (InvalidDataException ex)
            {
                // The form reader's own limits say “limit … exceeded”; anything else is a malformed form.
                context.Response.StatusCode = ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                    ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
                return;
            }
        }
        await next(context);
    });

    /// <summary>The form's fields, its files read through and discarded (their names kept), for a body too large to keep.</summary>
    private static async Task<(FormCollection Fields, List<string> FileNames)> FieldsOnlyAsync(HttpRequest request, CancellationToken ct)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value
                       ?? throw new InvalidDataException("multipart boundary missing");
        var reader = new MultipartReader(boundary, request.Body);
        var fields = new KeyValueAccumulator();
        var names = new List<string>();
        var buffer = new char[8192];
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            if (disposition.IsFileDisposition())
            {
                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                // The browser posts one nameless part for a file input left empty.
                if (!string.IsNullOrEmpty(name)) names.Add(name);
                // The next section is found by reading this one to its end: the file goes by unkept.
                continue;
            }
            if (!disposition.IsFormDisposition()) continue;
            using var text = new StreamReader(section.Body, Encoding.UTF8);
            var value = new StringBuilder();
            int read;
            while ((read = await text.ReadAsync(buffer, ct)) > 0)
            {
                if (value.Length + read > MaxFieldChars) throw new InvalidDataException("Form value length limit exceeded.");
                value.Append(buffer, 0, read);
            }
            fields.Append(HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "", value.ToString());
        }
        return (new FormCollection(fields.GetResults()), names);
    }
}

/// <summary>A page whose upload handlers check <see cref="UploadForms.FilesDropped"/> and answer beside their form.</summary>
public interface IAnswersOversizedUploads;

/// <summary>
/// Any other page is not run with its files dropped, as if none had been chosen: it answers 413, and the status page says
/// that the files of one save may not add up to more than <see cref="UploadForms.MaxRequestBytes"/>.
/// </summary>
public sealed class OversizedUploads : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // The status and error pages re-executed on the same request act on no file: they say what went wrong.
        var reExecuted = context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
                         || context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;
        if (!reExecuted && context.HandlerInstance is not IAnswersOversizedUploads && UploadForms.FilesDropped(context.HttpContext, out _))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
            return;
        }
        await next();
    }
}
