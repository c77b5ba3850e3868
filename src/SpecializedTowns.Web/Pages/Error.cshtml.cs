using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Data;

namespace SpecializedTowns.Web.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    /// <summary>The database could not be reached (PostgreSQL restarting, say): the user waits and retries, nothing is wrong with what they did.</summary>
    public bool DatabaseDown { get; private set; }

    public void OnGet() => Read();

    public void OnPost() => Read();

    private void Read()
    {
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is { } error && DatabaseErrors.IsDatabaseError(error))
        {
            DatabaseDown = true;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "10";
        }
    }
}
