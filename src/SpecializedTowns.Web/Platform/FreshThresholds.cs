using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Recognition;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// Before a signed-in request reads a standard, the numbers offices entered for it are brought up to the database's (decision
/// 0021): a number saved through the other web process behind the same database counts here from the next request, with no
/// restart and no signal between the processes. Anonymous requests read no standard.
/// </summary>
public static class FreshThresholds
{
    public static IApplicationBuilder UseFreshThresholds(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Not while /Error is re-executed for a failed request: the user is still signed in then, and with the database down
        // this read would fail again inside the handler and turn the page's 503 into a bare 500.
        if (context.User.Identity?.IsAuthenticated == true && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null)
            await ThresholdValueStore.RefreshAsync(context.RequestServices.GetRequiredService<TownsDbContext>(),
                context.RequestServices.GetRequiredService<PolicyCatalog>(), context.RequestAborted);
        await next(context);
    });
}
