using Microsoft.AspNetCore.Http.Features;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// A page's upload form (multipart) is read here, under one ceiling for the whole request, before any page runs.
/// Each upload has its own limit (10MB for materials and evidence, 50MB for imports), but a request refused at that
/// limit by the framework never reaches the page: the antiforgery check fails reading the form, the user gets a bare
/// error page and loses what was typed. Read here with room to spare, an oversized file reaches its page, which says
/// “文件超过 10MB” beside the field and shows the form again as typed. The ceiling still protects the server: a body
/// beyond it is refused unread (the status page says so), and files are spooled to disk by the form reader, not held.
/// Runs after authorization and only for a signed-in user (the sign-in and error pages are open to anyone): no stranger's
/// body is read here.
/// </summary>
public static class UploadForms
{
    /// <summary>Twice the largest single file any page accepts (an import, 50MB).</summary>
    public const long MaxRequestBytes = 2 * SpecializedTowns.Data.Imports.ImportEngine.MaxFileBytes;

    public static IApplicationBuilder UseUploadForms(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        // Once per request: the error and status pages re-execute the pipeline on the same request, whose body is read.
        if (HttpMethods.IsPost(request.Method) && context.User.Identity?.IsAuthenticated == true && !request.Path.StartsWithSegments("/api")
            && request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true
            && context.Items.TryAdd(typeof(UploadForms), true))
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxRequestBytes;
            if (request.ContentLength > MaxRequestBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            // Read now, the page's own [RequestFormLimits] then finds the form read and leaves it be.
            context.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = MaxRequestBytes }));
            try
            {
                await request.ReadFormAsync(context.RequestAborted);
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
}
