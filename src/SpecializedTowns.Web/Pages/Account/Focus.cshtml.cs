using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Account;

[Authorize]
public sealed class FocusModel(TownsDbContext db) : PageModel
{
    public FocusChoices Choices { get; private set; } = null!;
    public string ReturnUrl { get; private set; } = "/";

    /// <summary>The choices on a page of their own, for a browser without scripts (the top bar's 切换 link).</summary>
    public async Task<IActionResult> OnGetAsync(string? returnUrl, CancellationToken ct)
    {
        if (await ChoicesAsync(ct) is not { } choices) return NotFound();
        (Choices, ReturnUrl) = (choices, Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
        return Page();
    }

    /// <summary>The switch's choices, fetched when the person reaches for it.</summary>
    public async Task<IActionResult> OnGetOptionsAsync(CancellationToken ct) =>
        await ChoicesAsync(ct) is { } choices ? Partial("_FocusOptions", choices) : NotFound();

    private async Task<FocusChoices?> ChoicesAsync(CancellationToken ct)
    {
        var home = User.FindFirstValue(UserScope.HomePathClaim);
        var scope = UserScope.From(User);
        if (home is null || scope is null || !JurisdictionFocus.CanFocus(User)) return null;
        return JurisdictionFocus.Options(home, scope.JurisdictionPath, await JurisdictionFocus.BelowAsync(db, home, ct));
    }

    public async Task<IActionResult> OnPostAsync(string? path, string? returnUrl, CancellationToken ct)
    {
        var home = User.FindFirstValue(UserScope.HomePathClaim);
        // Anything but one of the offered choices goes back to the person's own jurisdiction.
        if (string.IsNullOrEmpty(path) || home is null || !JurisdictionFocus.CanFocus(User) || !await JurisdictionFocus.IsChoiceAsync(db, home, path, ct))
            Response.Cookies.Delete(JurisdictionFocus.Cookie);
        else
            Response.Cookies.Append(JurisdictionFocus.Cookie, path, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
