using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Recognition;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// Before a request first reads a standard, the numbers offices entered for it are brought up to the database's (decision 0021):
/// a number saved through the other web process behind the same database counts here from the next request that reads one,
/// with no restart and no signal between the processes. Most pages read no standard and so make no query for it.
/// </summary>
public static class FreshThresholds
{
    public static IApplicationBuilder UseFreshThresholds(this IApplicationBuilder app)
    {
        var scopes = app.ApplicationServices.GetRequiredService<IServiceScopeFactory>();
        return app.Use(async (context, next) =>
    {
        // Not while /Error is re-executed for a failed request: with the database down the read would fail again inside the
        // handler and turn the page's 503 into a bare 500. The page then reads what this process applied last.
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
        {
            await next(context);
            return;
        }
        var catalog = context.RequestServices.GetRequiredService<PolicyCatalog>();
        using var check = catalog.CheckEnteredOnFirstRead(() =>
        {
            using var own = scopes.CreateScope();
            ThresholdValueStore.Refresh(own.ServiceProvider.GetRequiredService<TownsDbContext>(), catalog);
        });
        await next(context);
    });
    }
}
