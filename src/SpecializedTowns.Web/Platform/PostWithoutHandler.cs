using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// A form posted to a page that only takes named posts (<c>?handler=Submit</c>) but naming none: Razor Pages then renders the
/// page without running any handler, so nothing it shows was loaded (a 500 on 督办通知书's page). Such a post is sent back to
/// the page itself, read afresh; a page with a plain OnPost keeps it.
/// </summary>
public sealed class PostWithoutHandler : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        // Not the error and status pages run again for a refused post (the response already carries its 404 or 500).
        if (context.HandlerMethod is null && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && context.HttpContext.Response.StatusCode == StatusCodes.Status200OK)
        {
            context.Result = new RedirectResult(request.PathBase + request.Path + request.QueryString);
            return;
        }
        await next();
    }
}
