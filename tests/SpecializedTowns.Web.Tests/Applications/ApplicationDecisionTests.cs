using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Web.Tests.BadInput;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Applications;

/// <summary>
/// 领导小组审定 on the detail page, posted as 运城's office would: a town that fails a condition of the standard is not
/// recognised whatever the form says, and the decision it can take is recorded with its reason.
/// </summary>
public class ApplicationDecisionTests
{
    // 古城镇渔业 meets every figure of 运城's standard but the market share, and claims no large national market; its output
    // is below 2亿元 but above the relaxed floor with a geographical indication, which leaves the experts something to judge.
    private const string FailsMarketShare =
        """{"category":"specialty-agriculture","annualOutputValueWanYuan":15000,"historicalOriginOrGeographicalIndication":true,"leadingEnterprises":2,"supportingEnterprises":12,"localEmployment":2500,"provincialMarketSharePercent":8,"largeNationalMarketSpace":false}""";

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_town_failing_a_condition_is_not_recognised_and_the_page_names_the_condition(StorageProvider provider)
    {
        var (factory, city) = await PageSignIn.OwnPlatformAsync(provider, "yuncheng-office");
        await using var _ = factory;
        var id = await AwaitingDecisionAsync(factory, FailsMarketShare);
        var url = $"/Applications/Detail/{id}";

        var page = await city.GetStringAsync(url);
        Text(Regex.Match(page, "id=\"decision-unmet\".*?</div>", RegexOptions.Singleline).Value).ShouldContain("市场占有率");
        page.ShouldMatch("id=\"d-Recognize\"[^>]*disabled");

        var before = await StateAsync(factory);
        var refused = await PostAsync(city, url, url + "?handler=Decide", new()
        {
            ["Decision"] = "Recognize", ["DocumentNumber"] = "运专领发〔2025〕9号", ["Reason"] = "发展前景好",
            ["PublicityEndsOn"] = DateTime.UtcNow.AddHours(8).AddDays(7).ToString("yyyy-MM-dd"),
        });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var error = Text(Regex.Match(await refused.Content.ReadAsStringAsync(), "<div class=\"alert alert-danger[^\"]*\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);
        error.ShouldContain("不能认定");
        error.ShouldContain("市场占有率");
        // 古城镇渔业 is already at 储备: what remains is 不予认定（保留储备）, not 列入储备 (qa86 12).
        error.ShouldContain("可选择“不予认定（保留储备）”");
        before.ShouldHaveNoDataWritten(await StateAsync(factory), "recognising a town that fails a condition");

        // The form offers no 列入储备 for it, and does not ask for a 文号 to keep it where it is.
        page.ShouldNotContain("id=\"d-Reserve\"");
        Text(Regex.Match(page, "<label class=\"form-check-label\" for=\"d-Reject\">.*?</label>", RegexOptions.Singleline).Value).ShouldBe("不予认定（保留储备）");
        page.ShouldContain("文号（认定时必填）");

        // 列入储备 posted anyway (an old form) is refused beside the choice, and writes nothing.
        var reserve = await PostAsync(city, url, url + "?handler=Decide", new()
        {
            ["Decision"] = "Reserve", ["DocumentNumber"] = "运专领发〔2025〕10号", ["Reason"] = "全省市场占有率不足，列入储备培育",
        });
        reserve.StatusCode.ShouldBe(HttpStatusCode.OK);
        Text(Regex.Match(await reserve.Content.ReadAsStringAsync(), "id=\"decision-error\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value)
            .ShouldBe("该专业镇已在储备梯次，列入储备不会改变其梯次；未予认定时请选择“不予认定（保留储备）”并写明理由");
        before.ShouldHaveNoDataWritten(await StateAsync(factory), "列入储备 for a town already at 储备");

        (await PostAsync(city, url, url + "?handler=Decide", new()
        {
            ["Decision"] = "Reject", ["DocumentNumber"] = "", ["Reason"] = "全省市场占有率不足，保留储备继续培育",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var history = Text(Regex.Match(await city.GetStringAsync(url), "<h2 class=\"h6\">办理记录</h2>.*?</ol>", RegexOptions.Singleline).Value);
        history.ShouldContain("审定：不予认定（保留储备）");
        history.ShouldContain("全省市场占有率不足，保留储备继续培育");
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var saved = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
        (saved.State, saved.DecisionDocumentNumber).ShouldBe((ApplicationState.Rejected, (string?)null));
        (await db.Towns.AsNoTracking().SingleAsync(t => t.Name == "古城镇渔业专业镇")).Tier.ShouldBe(Core.Towns.Tier.Reserve);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_refused_expert_review_keeps_every_choice_and_names_the_missing_one_beside_its_criterion(StorageProvider provider)
    {
        var (factory, _) = await PageSignIn.OwnPlatformAsync(provider, "yuncheng-office");
        await using var __ = factory;
        // The market share not stated leaves it to the experts beside the output under the relaxed floor.
        var id = await InExpertReviewAsync(factory,
            """{"category":"specialty-agriculture","annualOutputValueWanYuan":15000,"historicalOriginOrGeographicalIndication":true,"leadingEnterprises":2,"supportingEnterprises":12,"localEmployment":2500}""");
        var expert = await PageSignIn.BrowserAsync(factory, "expert-zhang");
        var url = $"/Applications/Detail/{id}";
        var page = await expert.GetStringAsync(url);
        var keys = Regex.Matches(page, "name=\"Met\\[([^\\]]+)\\]\" value=\"true\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        keys.ShouldContain("overall");
        var criteria = keys.Where(k => k != "overall").ToList();
        criteria.Count.ShouldBeGreaterThan(1, "one criterion chosen and one left");
        var (chosen, left) = (criteria[0], criteria[1]);

        // As the browser posts it: each radio group with its hidden empty value after it, the chosen radio first.
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", PageSignIn.Antiforgery(page)),
            new($"Met[{chosen}]", "true"), new($"Met[{chosen}]", ""), new($"Comments[{chosen}]", "产值经统计局核实"),
            new($"Met[{left}]", ""), new($"Comments[{left}]", ""),
            new("Met[overall]", "true"), new("Met[overall]", ""), new("Comments[overall]", ""),
        };
        foreach (var other in criteria.Skip(2)) { fields.Add(new($"Met[{other}]", "false")); fields.Add(new($"Met[{other}]", "")); fields.Add(new($"Comments[{other}]", "不足")); }
        var before = await StateAsync(factory);
        var refused = await expert.PostAsync(url + "?handler=Score", new FormUrlEncodedContent(fields));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await refused.Content.ReadAsStringAsync();
        before.ShouldHaveNoDataWritten(await StateAsync(factory), "a review missing a choice");

        html.ShouldMatch($"id=\"m-{chosen}-y\"[^>]*checked");
        html.ShouldMatch("id=\"m-overall-y\"[^>]*checked");
        foreach (var other in criteria.Skip(2)) html.ShouldMatch($"id=\"m-{other}-n\"[^>]*checked");
        html.ShouldNotMatch($"id=\"m-{left}-[yn]\"[^>]*checked");
        html.ShouldContain("产值经统计局核实");
        Beside(html, left).ShouldBe("请选择“符合”或“不符合”");
        Beside(html, "overall").ShouldBe("请填写总体评审意见");
        Beside(html, chosen).ShouldBeEmpty();
        Text(html).ShouldContain("评审意见未保存");
    }

    /// <summary>The message shown beside a criterion of the expert's review form.</summary>
    private static string Beside(string html, string key) =>
        Text(Regex.Match(html, $"id=\"m-{key}-error\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_publicity_period_years_ahead_is_refused_beside_the_date_and_the_history_writes_dates_as_the_page_does(StorageProvider provider)
    {
        var (factory, city) = await PageSignIn.OwnPlatformAsync(provider, "yuncheng-office");
        await using var _ = factory;
        var id = await AwaitingDecisionAsync(factory,
            """{"category":"specialty-agriculture","annualOutputValueWanYuan":15000,"historicalOriginOrGeographicalIndication":true,"leadingEnterprises":2,"supportingEnterprises":12,"localEmployment":2500,"provincialMarketSharePercent":60}""");
        var url = $"/Applications/Detail/{id}";
        var decision = new Dictionary<string, string> { ["Decision"] = "Recognize", ["DocumentNumber"] = "运专领发〔2025〕11号", ["PublicityEndsOn"] = "2099-12-31" };

        var before = await StateAsync(factory);
        var refused = await PostAsync(city, url, url + "?handler=Decide", new(decision));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await refused.Content.ReadAsStringAsync();
        var beside = Text(Regex.Match(html, "id=\"pub\"[^>]*>\\s*<div class=\"invalid-feedback\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);
        beside.ShouldContain("公示截止日期应在");
        beside.ShouldContain("公示期不超过 30 天");
        html.ShouldContain("value=\"2099-12-31\"");
        before.ShouldHaveNoDataWritten(await StateAsync(factory), "a publicity period ending in 2099");

        // The other inputs the decision refuses are placed beside their fields too (they were refused as the state once, 409 in the API).
        // (认定 without its number: the town is at 储备 already, so 列入储备 is refused for itself, not for the number.)
        var noNumber = await (await PostAsync(city, url, url + "?handler=Decide", new() { ["Decision"] = "Recognize", ["DocumentNumber"] = " " })).Content.ReadAsStringAsync();
        Text(Regex.Match(noNumber, "id=\"doc\"[^>]*>\\s*<div class=\"invalid-feedback\" id=\"doc-error\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value)
            .ShouldBe("认定或列入储备须填写文号");
        noNumber.ShouldMatch("id=\"doc\"[^>]*is-invalid|class=\"[^\"]*is-invalid[^\"]*\" id=\"doc\"");
        var noReason = await (await PostAsync(city, url, url + "?handler=Decide", new() { ["Decision"] = "Reject" })).Content.ReadAsStringAsync();
        Text(Regex.Match(noReason, "id=\"why-error\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value).ShouldBe("不予认定须写明理由");
        Text(noReason).ShouldContain("未办理：不予认定须写明理由");
        before.ShouldHaveNoDataWritten(await StateAsync(factory), "a decision without its number or reason");

        var end = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(7);
        decision["PublicityEndsOn"] = end.ToString("yyyy-MM-dd");
        decision["Settlement"] = "申报数含尚未录入平台的企业，已核对名单";
        (await PostAsync(city, url, url + "?handler=Decide", decision)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var history = Text(Regex.Match(await city.GetStringAsync(url), "<h2 class=\"h6\">办理记录</h2>.*?</ol>", RegexOptions.Singleline).Value);
        history.ShouldContain($"运专领发〔2025〕11号；公示至 {end.Year}年{end.Month}月{end.Day}日");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_returned_application_shows_why_and_the_county_corrects_its_figures_on_the_page(StorageProvider provider)
    {
        var (factory, county) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        var id = await GuchengApplication.ReturnedAsync(factory);
        var url = $"/Applications/Detail/{id}";
        var page = await county.GetStringAsync(url);
        Text(Regex.Match(page, "id=\"returned-banner\".*?</div>\\s*</div>", RegexOptions.Singleline).Value).ShouldContain("退回理由：全省市场占有率与统计年鉴不符，请核实后修改");
        FactsForm(page)["Facts.ProvincialMarketSharePercent"].ShouldBe("8");

        var before = await StateAsync(factory);
        var bad = FactsForm(page)
            .With("Facts.ProvincialMarketSharePercent", "150").With("Facts.LocalEmployment", "-1").With("Facts.SupportingEnterprises", "15");
        var refused = await bad.PostAsync(county, url + "?handler=Facts");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await refused.Content.ReadAsStringAsync();
        Message(html, "f-province").ShouldBe("主导产品全省市场占有率应在 0 到 100 之间");
        Message(html, "f-employment").ShouldBe("带动当地就业人数不能为负数");
        html.ShouldContain("value=\"150\"");
        html.ShouldContain("value=\"15\"");
        Text(html).ShouldContain("申报事实未保存");
        before.ShouldHaveNoDataWritten(await StateAsync(factory), "facts out of range");

        var good = FactsForm(page).With("Facts.ProvincialMarketSharePercent", "58");
        (await good.PostAsync(county, url + "?handler=Facts")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using (var scope = factory.Services.CreateScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Applications.SingleAsync(a => a.Id == id);
            saved.FactsJson.ShouldContain("\"provincialMarketSharePercent\":58");
            (saved.State, saved.PreCheckOutcome).ShouldBe((ApplicationState.Returned, "eligible"));
        }
        var after = Text(await county.GetStringAsync(url));
        after.ShouldContain("修改申报事实");
        after.ShouldContain("预检：符合认定条件");
    }

    /// <summary>The facts form of the detail page as the page filled it, antiforgery token included.</summary>
    private static BrowserForm FactsForm(string html) => BrowserForm.Of(html, "form#facts-form");

    /// <summary>The message shown under the input with this id.</summary>
    private static string Message(string html, string inputId) =>
        Text(Regex.Match(html, $"id=\"{inputId}\"[^>]*>\\s*<div class=\"invalid-feedback\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);

    /// <summary>An application of 古城镇渔业 to 运城's standard with the facts given, filed by 垣曲 and sent to expert-zhang.</summary>
    internal static async Task<int> InExpertReviewAsync(PlatformFactory factory, string facts)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var service = new ApplicationService(db, scope.ServiceProvider.GetRequiredService<PolicyCatalog>(), TimeProvider.System);
        var expertId = (await db.Users.SingleAsync(u => u.UserName == "expert-zhang")).Id;
        var town = await db.Towns.SingleAsync(t => t.Name == "古城镇渔业专业镇");
        var county = new UserScope(100, Roles.Office, "山西省/运城市/垣曲县", null);
        var id = await service.CreateAsync(county, "yuanqu-office", town.Id, "yuncheng-municipal", facts);
        await service.SubmitAsync(county, "yuanqu-office", id);
        // Some facts given fail a hard criterion on purpose (审定 is refused): sent to the experts all the same, confirmed.
        await service.AcceptAsync(new UserScope(101, Roles.Office, "山西省/运城市", null), "yuncheng-office", id, [expertId], confirmFailedPreCheck: true);
        return id;
    }

    /// <summary>An application of 古城镇渔业 to 运城's standard with the facts given, filed by 垣曲, through expert review, awaiting the decision.</summary>
    internal static async Task<int> AwaitingDecisionAsync(PlatformFactory factory, string facts)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var service = new ApplicationService(db, scope.ServiceProvider.GetRequiredService<PolicyCatalog>(), TimeProvider.System);
        var expertId = (await db.Users.SingleAsync(u => u.UserName == "expert-zhang")).Id;
        var town = await db.Towns.SingleAsync(t => t.Name == "古城镇渔业专业镇");
        var county = new UserScope(100, Roles.Office, "山西省/运城市/垣曲县", null);
        var city = new UserScope(101, Roles.Office, "山西省/运城市", null);
        var id = await service.CreateAsync(county, "yuanqu-office", town.Id, "yuncheng-municipal", facts);
        await service.SubmitAsync(county, "yuanqu-office", id);
        await service.AcceptAsync(city, "yuncheng-office", id, [expertId], confirmFailedPreCheck: true);
        var open = (await service.ViewAsync(city, id)).OpenCriteria;
        open.ShouldNotBeEmpty("an expert who has nothing to judge cannot score, and the panel cannot conclude without the score");
        await service.ScoreAsync(new UserScope(expertId, Roles.Expert, "山西省/运城市", null), "expert-zhang", id,
            open.Append(ExpertScore.Overall).ToDictionary(k => k, _ => (true, "经核实")));
        await service.ConcludeAsync(city, "yuncheng-office", id);
        return id;
    }

    internal static async Task<DbState> StateAsync(PlatformFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await DbState.CaptureAsync(scope.ServiceProvider.GetRequiredService<TownsDbContext>(), "recognition_applications");
    }

    internal static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handlerUrl, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = PageSignIn.Antiforgery(html);
        return await client.PostAsync(handlerUrl, new FormUrlEncodedContent(fields));
    }

    internal static string Text(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), "\\s+", " ").Trim();
}
