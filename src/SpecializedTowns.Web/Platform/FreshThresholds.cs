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
        if (context.User.Identity?.IsAuthenticated == true)
            await ThresholdValueStore.RefreshAsync(context.RequestServices.GetRequiredService<TownsDbContext>(),
                context.RequestServices.GetRequiredService<PolicyCatalog>(), context.RequestAborted);
        await next(context);
    });
}
