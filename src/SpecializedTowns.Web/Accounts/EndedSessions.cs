using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SpecializedTowns.Web.Accounts;

/// <summary>
/// The security stamps of accounts disabled, given a new role or scope, or given a new password by this process, so that their
/// browser sessions end at the next request rather than at Identity's next stamp check (up to a minute later, while the page
/// said 随即失效 or 须重新登录). Checked against the
/// stamp the cookie already carries: no database query per request. Another web process on the same database learns
/// of the new stamp at its own check within the minute (SecurityStampValidatorOptions in Program.cs).
/// </summary>
public sealed class EndedSessions
{
    // "userId/stamp": a stamp once replaced never becomes valid again, so the set only grows by one per such change.
    private readonly ConcurrentDictionary<string, byte> stamps = new(StringComparer.Ordinal);

    public void End(int userId, string? stamp)
    {
        if (!string.IsNullOrEmpty(stamp)) stamps[$"{userId}/{stamp}"] = 0;
    }

    public bool Ended(ClaimsPrincipal principal, ClaimsIdentityOptions claims)
    {
        if (stamps.IsEmpty) return false;
        var id = principal.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        return id is not null && stamp is not null && stamps.ContainsKey($"{id}/{stamp}");
    }

    /// <summary>Wraps Identity's cookie check: a session carrying an ended stamp is refused and its cookie removed first.</summary>
    public static Func<CookieValidatePrincipalContext, Task> Before(Func<CookieValidatePrincipalContext, Task> identityCheck) => async context =>
    {
        var services = context.HttpContext.RequestServices;
        if (context.Principal is { } principal
            && services.GetRequiredService<EndedSessions>().Ended(principal, services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await identityCheck(context);
    };
}
