using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;

namespace SpecializedTowns.Web.Accounts;

/// <summary>
/// Identity's sign-in with one more condition: a disabled (停用) account is not allowed to sign in, on the page or for a
/// token. Sessions already open end through the security stamp, which disabling renews.
/// </summary>
public sealed class AccountSignInManager(
    UserManager<AppUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<AppUser> claims, IOptions<IdentityOptions> options,
    ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<AppUser> confirmation, TownsDbContext db)
    : SignInManager<AppUser>(users, context, claims, options, logger, schemes, confirmation)
{
    public const string DisabledMessage = "该账号已停用，不能登录。如需恢复，请联系系统管理员";

    /// <summary>
    /// Identity asks whether an account may sign in (<see cref="SignInManager{TUser}.CanSignInAsync"/>) before it looks at the
    /// password: refused there, anybody guessing user names would learn that one exists and is disabled. So the password is
    /// checked first, failures counted towards the lockout as for any account, and only the right password hears of the
    /// disabling (<see cref="SignInResult.NotAllowed"/>). The platform signs in by password only (no external logins, no
    /// second factor), so this is the one way in that needs the check.
    /// <para>
    /// The right password of a disabled account is no failure: it sets the count back to 0 as any right password does (a
    /// locked account is told of its lockout first, as before) and is audited as 已停用账号尝试登录, not 登录失败.
    /// </para>
    /// </summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        if (user.DisabledAtUtc is null || await UserManager.IsLockedOutAsync(user) || !await UserManager.CheckPasswordAsync(user, password))
        {
            var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
            return result.Succeeded && user.DisabledAtUtc is not null ? SignInResult.NotAllowed : result;
        }
        if (user.AccessFailedCount > 0) await UserManager.ResetAccessFailedCountAsync(user);
        await SignInAudit.RecordDisabledAttemptAsync(db, user);
        return SignInResult.NotAllowed;
    }
}

/// <summary>
/// An account whose password an administrator generated (new, or reset) changes it before anything else: every page sends
/// it to 修改密码 until it has. The flag rides in the sign-in as a claim (no query per request); changing the password
/// signs in again without it.
/// </summary>
public static class FirstPasswordChange
{
    public const string Claim = "st:must-change-password";
    public const string PasswordPage = "/Account/Password";

    public static bool MustChangePassword(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == Claim);

    public static IApplicationBuilder UseFirstPasswordChange(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (context.User.MustChangePassword()
            && !path.StartsWithSegments(PasswordPage) && !path.StartsWithSegments("/Account/Logout")
            && !path.StartsWithSegments("/Account/Login") && !path.StartsWithSegments("/Error") && !path.StartsWithSegments("/Status"))
        {
            if (path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new { title = TokenApi.ChangePasswordFirst, status = 403 }, context.RequestAborted);
                return;
            }
            // A fragment htmx loads into the page (the bell, the focus menu) would otherwise be replaced by the whole password page.
            if (context.Request.Headers.ContainsKey("HX-Request"))
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
            var back = path + context.Request.QueryString;
            context.Response.Redirect(PasswordPage + (HttpMethods.IsGet(context.Request.Method) && back != "/" ? "?returnUrl=" + Uri.EscapeDataString(back) : ""));
            return;
        }
        await next();
    });
}
