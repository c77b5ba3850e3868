using System.Security.Claims;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Web.Accounts;

/// <summary>
/// A city or province user may look at one county below them (UI.md top bar). The choice is a cookie; on each
/// request it narrows the jurisdiction claim, never widens it, so every scoped query follows.
/// </summary>
public static class JurisdictionFocus
{
    public const string Cookie = "st.focus";

    public static bool CanFocus(ClaimsPrincipal user) =>
        Roles.All.Any(user.IsInRole) && !user.IsInRole(Roles.Township) && !user.IsInRole(Roles.Expert);

    public static IApplicationBuilder UseJurisdictionFocus(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && context.Request.Cookies.TryGetValue(Cookie, out var focus)
            && user.FindFirstValue(UserScope.HomePathClaim) is { } home && CanFocus(user)
            && focus.StartsWith(home + "/", StringComparison.Ordinal) && user.Identity is ClaimsIdentity identity)
        {
            var clone = identity.Clone();
            foreach (var claim in clone.FindAll(UserScope.JurisdictionPathClaim).ToList()) clone.RemoveClaim(claim);
            clone.AddClaim(new Claim(UserScope.JurisdictionPathClaim, focus));
            context.User = new ClaimsPrincipal(clone);
        }
        await next();
    });
}
