using System.Security.Claims;

namespace SpecializedTowns.Web.Accounts;

/// <summary>
/// A bearer token carries the account's security stamp from when it was issued. Cookies are re-checked by
/// Identity every minute; tokens are not, so without this a reset password or a locked account would keep an
/// 8-hour token alive. The check is the one sessions have (<see cref="SessionStamps"/>): a reset takes effect at once.
/// </summary>
public static class BearerRevocation
{
    public static IApplicationBuilder UseBearerRevocation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true
            && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            switch (await SessionStamps.StateAsync(context, user))
            {
                case SessionState.Disabled:
                    // Said as the token endpoint says it: signing in again would not help.
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    await context.Response.WriteAsJsonAsync(new { title = AccountSignInManager.DisabledMessage, status = 401 }, context.RequestAborted);
                    return;
                case SessionState.Ended:
                    context.User = new ClaimsPrincipal(new ClaimsIdentity());
                    break;
            }
        }
        await next();
    });
}
