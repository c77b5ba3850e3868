using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SpecializedTowns.Data;

namespace SpecializedTowns.Web.Accounts;

/// <summary>
/// A browser session or a bearer token lives only while its account's security stamp is the one it was signed in with and
/// the account is not disabled: whatever renews the stamp (停用, a new role or scope, a reset or changed password, a merged
/// unit, on this web process, another one behind the same nginx, or the command line) ends the person's other sessions and
/// tokens at their next request, not at Identity's own stamp check up to a minute later (SecurityStampValidatorOptions in
/// Program.cs, which stays to refresh the claims).
/// <para>
/// Read from the account's row at every signed-in request: one primary-key lookup of two columns. The database is the one
/// place every process already shares, so nothing is cached to keep in step. Until 12-07 the ended stamps were a set in
/// this process's memory, filled by the pages that renewed them; another process, the command line and the person's own
/// password change left it out. A table of ended stamps that each process read incrementally was weighed too: it is the
/// same one indexed query per request (fewer only if read every few seconds, and then the other process keeps the old
/// session for those seconds), plus a schema step, pruning, and a write at every place that renews a stamp, the very
/// places the in-memory set missed. Measured in docs/performance.md (横向扩展).
/// </para>
/// </summary>
public enum SessionState { Current, Ended, Disabled }

public static class SessionStamps
{
    /// <summary>Whether the session or token of <paramref name="principal"/> still carries its account's current stamp.</summary>
    public static async Task<bool> CurrentAsync(HttpContext context, ClaimsPrincipal principal) =>
        await StateAsync(context, principal) == SessionState.Current;

    /// <summary>
    /// The same check, telling a disabled account from a stamp renewed otherwise: an API caller whose account was 停用 is told
    /// so (as the token endpoint tells it), not that its sign-in expired, which would send it to sign in again in vain.
    /// </summary>
    public static async Task<SessionState> StateAsync(HttpContext context, ClaimsPrincipal principal)
    {
        var services = context.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        if (!int.TryParse(principal.FindFirstValue(claims.UserIdClaimType), out var id) || string.IsNullOrEmpty(stamp)) return SessionState.Ended;
        try
        {
            // Not a compiled query: one is bound to the model it was compiled against, and tests run both providers in one process.
            var account = await services.GetRequiredService<TownsDbContext>().Users.AsNoTracking().Where(u => u.Id == id)
                .Select(u => new { u.SecurityStamp, u.DisabledAtUtc }).FirstOrDefaultAsync(context.RequestAborted);
            return account is null ? SessionState.Ended
                : account.DisabledAtUtc is not null ? SessionState.Disabled
                : account.SecurityStamp == stamp ? SessionState.Current : SessionState.Ended;
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            // The database cannot be reached (PostgreSQL restarting): nothing can renew a stamp meanwhile, and the page's own
            // query fails into 数据库暂时不可用 (503). Failing here instead, inside authentication, left the user a bare 500
            // (ScaleOut/PostgresRestartTests).
            return SessionState.Current;
        }
    }

    /// <summary>Wraps Identity's cookie check: a session whose stamp is no longer current is refused and its cookie removed first.</summary>
    public static Func<CookieValidatePrincipalContext, Task> Before(Func<CookieValidatePrincipalContext, Task> identityCheck) => async context =>
    {
        if (context.Principal is { } principal && !await CurrentAsync(context.HttpContext, principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await identityCheck(context);
    };
}
