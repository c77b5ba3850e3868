using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SpecializedTowns.Web.Pages;

/// <summary>Re-executed for error status codes, after POSTs too: it must render without an antiforgery token.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; } = 404;

    // The code is read from the query string alone: bound as a parameter it is looked for in the form too, and a form
    // the request failed on (one too large, say) fails again there, leaving the page to say 页面不存在.
    public void OnGet() => Code = CodeFromQuery();

    public void OnPost() => Code = CodeFromQuery();

    /// <summary>The page the request came from, when it is one of the platform's own (the Referer of this host).</summary>
    public string? Back => Uri.TryCreate(Request.Headers.Referer.ToString(), UriKind.Absolute, out var from)
                           && string.Equals(from.Authority, Request.Host.Value, StringComparison.OrdinalIgnoreCase)
        ? from.PathAndQuery : null;

    private int CodeFromQuery() => int.TryParse(Request.Query["code"], out var code) ? code : 404;
}
