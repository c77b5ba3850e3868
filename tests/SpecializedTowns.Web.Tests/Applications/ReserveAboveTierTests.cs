using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;
using static SpecializedTowns.Web.Tests.Applications.ApplicationDecisionTests;

namespace SpecializedTowns.Web.Tests.Applications;

/// <summary>
/// 列入储备 on the application of a town already recognised below the tier it applied for (a 县级 town for 市级) used to change
/// nothing the town showed. It is 列入市级培育（储备）: the town keeps its tier, its page shows the reserve with the decision's 文号,
/// and its tier history is not written a step it did not take (decision 0020).
/// </summary>
public class ReserveAboveTierTests
{
    private const string FailsMarketShare =
        """{"category":"specialty-agriculture","annualOutputValueWanYuan":15000,"historicalOriginOrGeographicalIndication":true,"leadingEnterprises":2,"supportingEnterprises":12,"localEmployment":2500,"provincialMarketSharePercent":8,"largeNationalMarketSpace":false}""";

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_county_level_town_reserved_for_the_city_tier_keeps_its_tier_and_its_page_shows_the_reserve(StorageProvider provider)
    {
        var (factory, city) = await PageSignIn.OwnPlatformAsync(provider, "yuncheng-office");
        await using var _ = factory;
        int townId, history;
        using (var scope = factory.Services.CreateScope())
        {
            // 古城镇渔业 as if 垣曲 had recognised it 县级 first.
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var town = await db.Towns.Include(t => t.TierHistory).SingleAsync(t => t.Name == "古城镇渔业专业镇");
            town.Tier = Tier.County;
            town.TierHistory.Add(new TierChange { Tier = Tier.County, EffectiveOn = new DateOnly(2024, 6, 1), DocumentNumber = "垣专领发〔2024〕2号", Note = "县级" });
            await db.SaveChangesAsync();
            (townId, history) = (town.Id, town.TierHistory.Count);
        }
        var id = await AwaitingDecisionAsync(factory, FailsMarketShare);
        var url = $"/Applications/Detail/{id}";

        var page = await city.GetStringAsync(url);
        Text(Regex.Match(page, "<label class=\"form-check-label\" for=\"d-Reserve\">.*?</label>", RegexOptions.Singleline).Value).ShouldBe("列入市级培育（储备）");
        Text(Regex.Match(page, "id=\"decision-reserve-help\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value)
            .ShouldBe("本专业镇现为县级，列入市级培育（储备）不改变其梯次：记为市级培育对象，在专业镇“历史”中可查，条件成熟后可再次申报。");
        Text(Regex.Match(page, "id=\"decision-unmet\".*?：", RegexOptions.Singleline).Value).ShouldContain("可列入市级培育（储备）或不予认定");

        (await PostAsync(city, url, url + "?handler=Decide", new()
        {
            ["Decision"] = "Reserve", ["DocumentNumber"] = "运专领发〔2025〕10号", ["Reason"] = "全省市场占有率不足，列入市级培育", ["Settlement"] = "申报数含尚未录入平台的企业，已核对名单",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Text(Regex.Match(await city.GetStringAsync(url), "<h2 class=\"h6\">办理记录</h2>.*?</ol>", RegexOptions.Singleline).Value)
            .ShouldContain("审定：列入市级培育（储备）");

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var town = await db.Towns.AsNoTracking().Include(t => t.TierHistory).SingleAsync(t => t.Id == townId);
            town.Tier.ShouldBe(Tier.County, "列入储备 does not lower a recognised town");
            town.TierHistory.Count.ShouldBe(history, "no tier step is written for a tier the town did not take");
            (await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id)).State.ShouldBe(ApplicationState.Reserved);
        }

        var detail = await city.GetStringAsync($"/Towns/Detail/{townId}");
        Text(Regex.Match(detail, "<span class=\"badge[^\"]*\" id=\"town-reserve-municipal\"[^>]*>.*?</span>", RegexOptions.Singleline).Value).ShouldBe("市级培育（储备）");
        detail.ShouldContain("运专领发〔2025〕10号");
        Text(Regex.Match(detail, "<tr class=\"town-reserve-row\">.*?</tr>", RegexOptions.Singleline).Value).Replace(" ", "")
            .ShouldEndWith($"运专领发〔2025〕10号列入市级培育（储备）（认定申报第{id}号审定），梯次仍为县级");
        Text(Regex.Match(detail, "<span class=\"tier [^\"]*\">.*?</span>").Value).ShouldBe("县级");
    }
}
