using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SpecializedTowns.Web.Pages;

/// <summary>Re-executed for error status codes, after POSTs too: it must render without an antiforgery token.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; } = 404;

    public void OnGet(int? code) => Code = code ?? 404;

    public void OnPost(int? code) => Code = code ?? 404;
}
