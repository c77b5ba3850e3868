using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Applications;

/// <summary>
/// 垣曲's application for 古城镇渔业专业镇 to 运城's city standard, made through the service as the county office makes it: the
/// record the page and API tests of an applicant's draft or returned application start from.
/// </summary>
internal static class GuchengApplication
{
    /// <summary>The facts 垣曲 states; the tests change one figure at a time from here.</summary>
    public const string Stated =
        """{"category":"specialty-agriculture","annualOutputValueWanYuan":25000,"leadingEnterprises":2,"supportingEnterprises":12,"localEmployment":2500,"provincialMarketSharePercent":8}""";

    /// <summary>Why 运城 returns it.</summary>
    public const string ReturnReason = "全省市场占有率与统计年鉴不符，请核实后修改";

    private static readonly UserScope Yuanqu = new(100, Roles.Office, "山西省/运城市/垣曲县", null);

    /// <summary>The draft, not yet submitted: its id and the town's.</summary>
    public static async Task<(int Id, int TownId)> DraftAsync(PlatformFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await DraftAsync(scope);
    }

    /// <summary>Submitted by 垣曲 and returned by 运城 for its market share.</summary>
    public static async Task<int> ReturnedAsync(PlatformFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var (id, _) = await DraftAsync(scope);
        var service = Service(scope);
        await service.SubmitAsync(Yuanqu, "yuanqu-office", id);
        await service.ReturnAsync(new UserScope(101, Roles.Office, "山西省/运城市", null), "yuncheng-office", id, ReturnReason);
        return id;
    }

    private static async Task<(int Id, int TownId)> DraftAsync(IServiceScope scope)
    {
        var town = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Towns.SingleAsync(t => t.Name == "古城镇渔业专业镇");
        return (await Service(scope).CreateAsync(Yuanqu, "yuanqu-office", town.Id, "yuncheng-municipal", Stated), town.Id);
    }

    private static ApplicationService Service(IServiceScope scope) =>
        new(scope.ServiceProvider.GetRequiredService<TownsDbContext>(), scope.ServiceProvider.GetRequiredService<PolicyCatalog>(), TimeProvider.System);
}
