using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Dashboard;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Platform;

/// <summary>工作台's 需要关注 card: filled after the page shows, with what the recognition check finds in the person's scope.</summary>
public class DashboardAttentionTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_dashboard_fills_its_attention_card_afterwards_with_the_towns_of_the_person_s_scope(StorageProvider provider)
    {
        // Its own platform: the card reads every town's statistics, which other tests change on the shared one.
        var storage = TestDatabases.Create(provider);
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: true, password: SeededPlatforms.Password);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, "yuncheng-office", SeededPlatforms.Password);

        IReadOnlyList<Attention> expected;
        int enterprises;
        using (var services = factory.Services.CreateScope())
        {
            var db = services.ServiceProvider.GetRequiredService<TownsDbContext>();
            var catalog = services.ServiceProvider.GetRequiredService<PolicyCatalog>();
            expected = await DashboardQueries.AttentionAsync(db, catalog, new UserScope(0, Roles.Office, "山西省/运城市", null));
            enterprises = await db.Enterprises.CountAsync(e => e.County!.Path.StartsWith("山西省/运城市/"));
        }
        expected.ShouldNotBeEmpty("the demo has 运城 towns that meet the next tier's standard");

        var dashboard = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        dashboard.ShouldContain("hx-get=\"/?handler=Attention\"");
        enterprises.ShouldBeGreaterThan(0);
        dashboard.ShouldContain($"登记企业 {enterprises:N0} 家", Case.Sensitive, "the city's registered enterprises, from the kept counts");
        dashboard.ShouldNotContain(expected[0].Text, Case.Sensitive, "the page shows before the towns are checked");

        var response = await client.GetAsync("/?handler=Attention");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var card = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        card.ShouldNotContain("<html");
        Regex.Match(card, @"需要关注 <span class=""badge text-bg-warning"">([\d,]+)</span>").Groups[1].Value.ShouldBe(expected.Count.ToString("N0"));
        foreach (var a in expected.Take(12))
        {
            // A standard that cannot be checked is named without a town.
            if (a.TownId != 0) card.ShouldContain($"<a href=\"/Towns/Detail/{a.TownId}\">{a.Town}</a>");
            card.ShouldContain(a.Text);
        }
        // Nothing from another city: 阳泉's towns are in the province office's card, not 运城's.
        card.ShouldNotContain("阳泉市级专业镇认定标准");

        // Signed out, the card is not served.
        var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await anonymous.GetAsync("/?handler=Attention")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_province_is_told_its_standard_is_not_configured_and_no_town_below_its_own_standard_is_sent_up(StorageProvider provider)
    {
        var storage = TestDatabases.Create(provider);
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: true, password: SeededPlatforms.Password);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, "shanxi-office", SeededPlatforms.Password);

        var card = WebUtility.HtmlDecode(await client.GetStringAsync("/?handler=Attention"));
        // 12-07: every 省级 criterion is unset, and the card said “对照山西省级专业镇认定标准无不符合项” for 市级 towns.
        card.ShouldContain("山西省级专业镇认定标准尚未配置，无法预检");
        card.ShouldNotContain("对照山西省级专业镇认定标准");
        card.ShouldNotContain("无不符合项，有需专家评审或缺数据的条件");
        // 平定砂器 and 郊区耐火材料 fail 阳泉's 市级 standard: they are to be adjusted at their tier, and not suggested for the next.
        using var services = factory.Services.CreateScope();
        var all = await DashboardQueries.AttentionAsync(services.ServiceProvider.GetRequiredService<TownsDbContext>(),
            services.ServiceProvider.GetRequiredService<PolicyCatalog>(), new UserScope(0, Roles.Office, "山西省", null));
        all[0].TownId.ShouldBe(0, "the standard that cannot be checked comes first");
        foreach (var town in new[] { "平定砂器刻花瓷专业镇", "郊区耐火材料专业镇" })
            all.Where(a => a.Town == town).Select(a => a.Kind).ShouldBe(["动态调整"], town);
        all.ShouldNotContain(a => a.Text.Contains("对照山西省级专业镇认定标准"));
    }
}
