using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;
using static SpecializedTowns.Web.Tests.Applications.ApplicationDecisionTests;

namespace SpecializedTowns.Web.Tests.Applications;

/// <summary>
/// qa110 3 (last point): 盂县中药材 declared 12 配套企业 against 4 on the platform, 形式审查 showed “不一致”, and it was recognised
/// without anyone settling it. 审定 now asks for the difference to be settled or explained, on the page and through the API,
/// and the decision record keeps both figures and the note.
/// </summary>
public class DecisionSettlementTests
{
    // 古城镇渔业 meets 运城's standard with these figures; 12 配套企业 is more than its enterprise library holds.
    private const string Facts =
        """{"category":"specialty-agriculture","annualOutputValueWanYuan":15000,"historicalOriginOrGeographicalIndication":true,"leadingEnterprises":2,"supportingEnterprises":12,"localEmployment":2500,"provincialMarketSharePercent":60}""";

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Recognising_on_declared_figures_that_differ_from_the_platform_s_needs_a_settlement_kept_on_the_decision(StorageProvider provider)
    {
        var (factory, city) = await PageSignIn.OwnPlatformAsync(provider, "yuncheng-office");
        await using var _ = factory;
        var id = await AwaitingDecisionAsync(factory, Facts);
        var url = $"/Applications/Detail/{id}";
        string expected;
        using (var scope = factory.Services.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<SpecializedTowns.Data.Applications.ApplicationService>();
            var view = await service.ViewAsync(new SpecializedTowns.Data.Accounts.UserScope(101, SpecializedTowns.Core.Accounts.Roles.Office, "山西省/运城市", null), id);
            expected = DeclaredFacts.ToSettle(view.Comparison)!;
        }
        expected.ShouldContain("配套企业申报 12 家，平台登记");

        var page = await city.GetStringAsync(url);
        Text(Regex.Match(page, "id=\"settlement-differences\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value).ShouldStartWith(expected);
        var publicity = DateTime.UtcNow.AddHours(8).AddDays(7).ToString("yyyy-MM-dd");
        var before = await StateAsync(factory);

        // The API refuses it without the note, naming the figures.
        var api = await PageSignIn.ApiClientAsync(factory, "yuncheng-office", TestDatabases.DemoPassword);
        var refusedApi = await api.PostAsJsonAsync($"/api/v1/applications/{id}/steps",
            new { action = "decide", decision = "recognize", documentNumber = "运专领发〔2025〕12号", publicityEndsOn = publicity, settlement = " " });
        var body = await refusedApi.Content.ReadAsStringAsync();
        refusedApi.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!.ShouldContain($"申报与平台登记不一致（{expected}），审定须核定或说明");
        before.ShouldHaveNoDataWritten(await StateAsync(factory), "a decision without the settlement (API)");

        // The page refuses it beside the field and keeps what was typed.
        var fields = new Dictionary<string, string>
        {
            ["Decision"] = "Recognize", ["DocumentNumber"] = "运专领发〔2025〕12号", ["PublicityEndsOn"] = publicity, ["Reason"] = "产业特色鲜明",
        };
        var refused = await PostAsync(city, url, url + "?handler=Decide", new(fields));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await refused.Content.ReadAsStringAsync();
        Text(Regex.Match(html, "id=\"settlement-error\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value).ShouldContain("审定须核定或说明");
        html.ShouldContain("value=\"运专领发〔2025〕12号\"");
        before.ShouldHaveNoDataWritten(await StateAsync(factory), "a decision without the settlement (page)");

        fields["Settlement"] = "申报 12 家含 8 家尚未录入企业库的专业合作社，已核对名单";
        (await PostAsync(city, url, url + "?handler=Decide", new(fields))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var history = Text(Regex.Match(await city.GetStringAsync(url), "<h2 class=\"h6\">办理记录</h2>.*?</ol>", RegexOptions.Singleline).Value);
        history.ShouldContain($"审定：拟认定，进入公示");
        history.ShouldContain($"申报与平台登记核定：{expected}。说明：申报 12 家含 8 家尚未录入企业库的专业合作社，已核对名单");

        using var check = factory.Services.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<TownsDbContext>();
        (await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id)).State.ShouldBe(ApplicationState.Publicity);
    }
}
