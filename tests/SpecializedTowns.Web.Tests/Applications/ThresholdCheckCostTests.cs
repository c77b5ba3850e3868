using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Recognition;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Applications;

/// <summary>
/// Decision 0021's freshness check costs a query on threshold_values only on a request that reads a standard, once however many
/// times it reads one; a number saved through another process still counts on its next such request.
/// </summary>
public class ThresholdCheckCostTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_page_that_reads_no_standard_makes_no_threshold_query_and_one_that_reads_many_makes_one(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        await using var other = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        var office = await PageSignIn.BrowserAsync(factory, "shanxi-office");
        using var queries = new DatabaseCommands(storage.ConnectionString, sql => sql.Contains("threshold_values", StringComparison.Ordinal));

        foreach (var page in new[] { "/Projects", "/Problems", "/Tasks", "/Enterprises" })
            (await office.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.OK, page);
        queries.Count.ShouldBe(0, "pages that read no standard");

        // 动态调整 checks every visible town against every standard: one MAX for the request.
        (await office.GetAsync("/Adjustments")).StatusCode.ShouldBe(HttpStatusCode.OK);
        queries.Count.ShouldBe(1);
        (await office.GetAsync("/Adjustments")).StatusCode.ShouldBe(HttpStatusCode.OK);
        queries.Count.ShouldBe(2, "each request that reads a standard checks again");

        // A number saved through the other process: the next request here that reads the standard applies it (MAX, then the rows).
        using (var s = other.Services.CreateScope())
        {
            var saved = await ThresholdValueStore.SetAsync(s.ServiceProvider.GetRequiredService<TownsDbContext>(), s.ServiceProvider.GetRequiredService<PolicyCatalog>(),
                TimeProvider.System, new UserScope(101, Roles.Office, "山西省", null), "shanxi-office", "shanxi-provincial", "employment", null, 10000, "晋政办发〔2022〕80号 附件1 二（测试）");
            saved.Ok.ShouldBeTrue();
        }
        var catalog = factory.Services.GetRequiredService<PolicyCatalog>();
        // Outside a request nothing checks: this process has not read the number yet.
        catalog.FindStandard("shanxi-provincial")!.Criteria.Single(c => c.Key == "employment").Value.ShouldBeNull();
        var before = queries.Count;
        (await office.GetAsync("/Projects")).StatusCode.ShouldBe(HttpStatusCode.OK);
        queries.Count.ShouldBe(before, "not read by a page that reads no standard");
        var adjustments = await office.GetStringAsync("/Adjustments");
        queries.Count.ShouldBe(before + 2);
        catalog.FindStandard("shanxi-provincial")!.Criteria.Single(c => c.Key == "employment").Value.ShouldBe(10000);
        adjustments.ShouldNotContain("data-standard=\"shanxi-provincial\"");
    }
}
