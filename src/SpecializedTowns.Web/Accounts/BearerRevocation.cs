using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Web.Accounts;

/// <summary>
/// A bearer token carries the account's security stamp from when it was issued. Cookies are re-checked by
/// Identity every minute; tokens are not, so without this a reset password or a locked account would keep an
/// 8-hour token alive. The check is one primary-key lookup per API call, and a reset takes effect at once.
/// </summary>
public static class BearerRevocation
{
    public static IApplicationBuilder UseBearerRevocation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true
            && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !await StillValidAsync(context, user))
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        await next();
    });

    private static async Task<bool> StillValidAsync(HttpContext context, ClaimsPrincipal principal)
    {
        var services = context.RequestServices;
        var identity = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var id = principal.FindFirstValue(identity.UserIdClaimType);
        var stamp = principal.FindFirstValue(identity.SecurityStampClaimType);
        if (id is null || stamp is null) return false;

        var user = await services.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(id);
        return user is not null && user.SecurityStamp == stamp && user.DisabledAtUtc is null;
    }
}
