using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Web.Tests.Infrastructure;
using static SpecializedTowns.Web.Tests.Applications.ApplicationDecisionTests;

namespace SpecializedTowns.Web.Tests.Applications;

/// <summary>
/// Decision 0021 (qa96 1): the province office enters the numbers 山西省级专业镇认定标准 leaves unset, on the platform, with their
/// 出处; they count at once in this process and the next request of another, the text's own numbers stay, and only the
/// standard's own office (or the administrator) enters them.
/// </summary>
public class ThresholdValueTests
{
    private static readonly HtmlParser Html = new();
    private const string Page = "/Policies/Thresholds/shanxi-provincial";
    private const string Cited = "晋政办发〔2022〕80号 附件1 二（测试）";
    private const string Town = "永济机电制造专业镇";
    private const string Facts =
        """{"category":"manufacturing","annualOutputValueWanYuan":680000,"leadingEnterprises":3,"supportingEnterprises":40,"localEmployment":12000,"provincialMarketSharePercent":60}""";

    private static readonly Dictionary<string, string> Numbers = new()
    {
        ["leading-enterprise"] = "2", ["supporting-enterprises"] = "30", ["output-value"] = "500,000", ["market-share"] = "30", ["employment"] = "10000",
    };

    private static ApplicationService Service(IServiceScope s) =>
        new(s.ServiceProvider.GetRequiredService<TownsDbContext>(), s.ServiceProvider.GetRequiredService<PolicyCatalog>(), TimeProvider.System);

    private static Task<HttpResponseMessage> EnterAsync(HttpClient client, string key, string? value, string? source, string? category = null) =>
        PostAsync(client, Page, Page, new()
        {
            ["CriterionKey"] = key, ["Category"] = category ?? "", ["Value"] = value ?? "", ["Source"] = source ?? "",
        });

    private static async Task<int> RowsAsync(PlatformFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TownsDbContext>().ThresholdValues.CountAsync();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Once_the_office_enters_the_numbers_the_town_is_checked_against_them_here_and_in_the_other_process_without_a_restart(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        // The second web process behind the same database, started and serving before the numbers are entered.
        await using var other = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        var office = await PageSignIn.BrowserAsync(factory, "shanxi-office");
        var officeThere = await PageSignIn.BrowserAsync(other, "shanxi-office");
        var expert = await PageSignIn.BrowserAsync(factory, "expert-zhang");

        // 永济机电 applies to the provincial standard; the expert is not asked to score the numbers nobody has entered.
        int id;
        var province = new UserScope(101, Roles.Office, "山西省", null);
        using (var s = factory.Services.CreateScope())
        {
            var db = s.ServiceProvider.GetRequiredService<TownsDbContext>();
            var yongji = new UserScope(100, Roles.Office, "山西省/运城市/永济市", null);
            id = await Service(s).CreateAsync(yongji, "yongji-office", (await db.Towns.SingleAsync(t => t.Name == Town)).Id, "shanxi-provincial", Facts);
            await Service(s).SubmitAsync(yongji, "yongji-office", id);
            await Service(s).AcceptAsync(province, "shanxi-office", id, [(await db.Users.SingleAsync(u => u.UserName == "expert-zhang")).Id]);
        }
        var url = $"/Applications/Detail/{id}";
        var form = Html.ParseDocument(await expert.GetStringAsync(url)).QuerySelector("form[action*='handler=Score']")!;
        form.QuerySelectorAll("fieldset.unset-criterion").Select(f => f.QuerySelector("legend")!.TextContent.Trim())
            .ShouldBe(["龙头企业 待配置", "关联配套企业 待配置", "年产值 待配置", "市场占有率 待配置", "带动就业 待配置"]);
        form.QuerySelectorAll("fieldset.unset-criterion").ShouldAllBe(f => f.HasAttribute("disabled"));
        form.QuerySelectorAll("input[type=radio]").Select(r => r.GetAttribute("name")).Distinct().ShouldBe(["Met[category]", $"Met[{ExpertScore.Overall}]"]);
        (await PostAsync(expert, url, url + "?handler=Score", new()
        {
            ["Met[category]"] = "true", ["Comments[category]"] = "属于制造业", [$"Met[{ExpertScore.Overall}]"] = "true", [$"Comments[{ExpertScore.Overall}]"] = "建议认定",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using (var s = factory.Services.CreateScope()) await Service(s).ConcludeAsync(province, "shanxi-office", id);
        var recorded = await RecordedConclusionAsync(factory, id);

        // Before: the check says the standard has no numbers and where they go; so does the other process.
        (await office.GetStringAsync(url)).ShouldContain("data-not-configured");
        (await officeThere.GetStringAsync(url)).ShouldContain("data-not-configured");
        var policy = Html.ParseDocument(await office.GetStringAsync("/Policies/Detail/shanxi-2022-80"));
        policy.QuerySelector($"#thresholds-shanxi-provincial a[href='{Page}']").ShouldNotBeNull();
        var before = Html.ParseDocument(await office.GetStringAsync(Page));
        before.QuerySelectorAll("#threshold-slots tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim())
            .ShouldBe(["龙头企业", "关联配套企业", "年产值", "市场占有率", "带动就业"]);
        before.QuerySelectorAll("#threshold-slots .badge").Select(b => b.TextContent.Trim()).ShouldAllBe(t => t == "待配置");

        foreach (var (key, value) in Numbers)
        {
            var saved = await EnterAsync(office, key, value, Cited);
            saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, key);
            saved.Headers.Location!.OriginalString.ShouldBe(Page);
        }
        var after = Html.ParseDocument(await office.GetStringAsync(Page));
        after.QuerySelector("#threshold-done")!.TextContent.ShouldBe($"已录入带动就业：10,000 人（出处：{Cited}），即时生效");
        after.QuerySelectorAll("#threshold-slots .current-value").Select(v => v.TextContent.Trim())
            .ShouldBe(["2 家以上", "30 家以上", "50亿元以上", "30%以上", "10,000 人以上"]);

        // The panel concluded before the numbers were entered: its conclusion stays as recorded, and the expert and the office read
        // that the experts had no number for these criteria, which one counts now, and since when.
        (await RecordedConclusionAsync(factory, id)).ShouldBe(recorded);
        foreach (var (client, who) in new[] { (expert, "expert"), (office, "office"), (officeThere, "the other process") })
        {
            var since = Html.ParseDocument(await client.GetStringAsync(url)).QuerySelectorAll("#entered-since-scoring li");
            string.Join(" ", since.Select(li => li.GetAttribute("data-criterion"))).ShouldBe(string.Join(" ", Numbers.Keys), who);
            var output = since.Single(li => li.GetAttribute("data-criterion") == "output-value").TextContent;
            output.ShouldStartWith("“年产值”：评分时尚未配置（评审表中为“待配置”，专家未评此项）；现行 50亿元，");
            output.ShouldEndWith($"录入（出处：{Cited}）");
        }

        // After: this process and the other one check against the numbers, cite where they come from, and allow 认定.
        foreach (var client in new[] { office, officeThere })
        {
            var page = await client.GetStringAsync(url);
            page.ShouldNotContain("data-not-configured");
            page.ShouldContain("预检结论：<strong class=\"status-met\">");
            Text(page).ShouldContain($"年产值 68亿元，达到 50亿元 标准（数值标准50亿元由办公室录入，出处：{Cited}）");
        }
        var decided = await PostAsync(office, url, url + "?handler=Decide", new()
        {
            ["Decision"] = "Recognize", ["DocumentNumber"] = "晋专领发〔2026〕1号", ["Settlement"] = "申报数含尚未录入平台的企业，已核对名单",
            ["PublicityEndsOn"] = DateTime.UtcNow.AddHours(8).AddDays(7).ToString("yyyy-MM-dd"),
        });
        decided.StatusCode.ShouldBe(HttpStatusCode.Redirect, Text(await decided.Content.ReadAsStringAsync()));

        using var scope = factory.Services.CreateScope();
        var data = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        (await data.Applications.AsNoTracking().SingleAsync(a => a.Id == id)).State.ShouldBe(ApplicationState.Publicity);
        var rows = await data.ThresholdValues.AsNoTracking().OrderBy(v => v.Id).ToListAsync();
        rows.Select(r => $"{r.StandardId} {r.CriterionKey} {r.Category ?? "-"} {Quantity.Normalize(r.Value)} {r.Unit} {r.Source} {(r.SupersededAtUtc is null ? "现行" : "已替换")}").ShouldBe(
        [
            $"shanxi-provincial leading-enterprise - 2 家 {Cited} 现行", $"shanxi-provincial supporting-enterprises - 30 家 {Cited} 现行",
            $"shanxi-provincial output-value - 500000 万元 {Cited} 现行", $"shanxi-provincial market-share - 30 % {Cited} 现行",
            $"shanxi-provincial employment - 10000 人 {Cited} 现行",
        ]);
        rows.ShouldAllBe(r => r.EnteredBy != "");
        (await data.AuditEntries.AsNoTracking().CountAsync(e => e.EntityType == "ThresholdValue")).ShouldBe(5);
    }

    /// <summary>What the panel's conclusion recorded: the conclusions by criterion and the step's entry in the history.</summary>
    private static async Task<string> RecordedConclusionAsync(PlatformFactory factory, int id)
    {
        using var scope = factory.Services.CreateScope();
        var application = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Applications.AsNoTracking().Include(a => a.Events).SingleAsync(a => a.Id == id);
        return $"{application.PanelConclusionJson} {application.Events.Single(e => e.Action == "汇总专家结论").Reason}";
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Until_its_numbers_are_entered_the_standard_is_named_in_adjustment_and_on_the_dashboard_with_a_link_for_its_office(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "shanxi-office");
        await using var _ = factory;
        var admin = await PageSignIn.BrowserAsync(factory, "admin");
        // A reader whose 市级 towns (平定砂器) the provincial standard is the next tier of, who does not enter its numbers.
        var city = await PageSignIn.BrowserAsync(factory, "yangquan-office");
        async Task<AngleSharp.Dom.IElement?> UnsetOnDashboardAsync(HttpClient client) =>
            Html.ParseDocument(await client.GetStringAsync("/?handler=Attention")).QuerySelector("li.standard-not-configured");
        async Task<AngleSharp.Dom.IElement?> UnsetInAdjustmentAsync(HttpClient client) =>
            Html.ParseDocument(await client.GetStringAsync("/Adjustments")).QuerySelector(".standard-not-configured[data-standard='shanxi-provincial']");

        foreach (var client in new[] { office, admin })
        {
            (await UnsetOnDashboardAsync(client))!.QuerySelector($"a.enter-thresholds[href='{Page}']").ShouldNotBeNull();
            var line = (await UnsetInAdjustmentAsync(client))!;
            line.TextContent.ShouldBe("山西省级专业镇认定标准的量化条件尚未配置，不产生候选（录入数值标准）。");
            line.QuerySelector($"a[href='{Page}']").ShouldNotBeNull();
        }
        var told = (await UnsetOnDashboardAsync(city))!;
        told.TextContent.ShouldContain("山西省级专业镇认定标准尚未配置，无法预检：各项条件的数值标准待办公室录入");
        told.QuerySelector("a").ShouldBeNull();
        var plain = (await UnsetInAdjustmentAsync(city))!;
        plain.TextContent.ShouldBe("山西省级专业镇认定标准的量化条件尚未配置，不产生候选。");
        plain.QuerySelector("a").ShouldBeNull();

        foreach (var (key, value) in Numbers)
            (await EnterAsync(office, key, value, Cited)).StatusCode.ShouldBe(HttpStatusCode.Redirect, key);

        // Entered: 动态调整 measures against them (the line said “尚未配置” whatever was entered), and the dashboard no longer asks.
        foreach (var client in new[] { office, city })
        {
            (await UnsetOnDashboardAsync(client)).ShouldBeNull();
            (await UnsetInAdjustmentAsync(client)).ShouldBeNull();
            Text(await client.GetStringAsync("/Adjustments")).ShouldNotContain("量化条件尚未配置");
        }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_texts_numbers_cannot_be_overridden_bad_input_is_told_in_chinese_a_new_number_supersedes_and_only_the_standards_office_enters(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "shanxi-office");
        await using var _ = factory;
        // Signed in first: a sign-in is itself recorded, and the checks below count every row.
        var yuncheng = await PageSignIn.BrowserAsync(factory, "yuncheng-office");
        var admin = await PageSignIn.BrowserAsync(factory, "admin");

        // A criterion the text settles in words, not a number: refused beside the form, nothing written.
        var state = await StateAsync(factory);
        var words = await EnterAsync(office, "category", "1", Cited);
        words.StatusCode.ShouldBe(HttpStatusCode.OK);
        Text(await words.Content.ReadAsStringAsync()).ShouldContain("未录入：“申报领域”不是数值条件，由专家按文本评审，不录入数值");

        // Bad input, beside each field, with what was typed kept.
        var bad = Html.ParseDocument(await (await EnterAsync(office, "market-share", "120", " ")).Content.ReadAsStringAsync());
        bad.QuerySelector("#value-market-share-error")!.TextContent.ShouldBe("百分比不能超过 100");
        bad.QuerySelector("#source-market-share-error")!.TextContent.ShouldBe("请填写出处（文号及条款），说明数值的依据");
        bad.QuerySelector("#value-market-share")!.GetAttribute("value").ShouldBe("120");
        Html.ParseDocument(await (await EnterAsync(office, "employment", "很多", Cited)).Content.ReadAsStringAsync())
            .QuerySelector("#value-employment-error")!.TextContent.ShouldBe("数值应为数字，如 2、30 或 500000");
        Html.ParseDocument(await (await EnterAsync(office, "leading-enterprise", "1.5", Cited)).Content.ReadAsStringAsync())
            .QuerySelector("#value-leading-enterprise-error")!.TextContent.ShouldBe("“龙头企业”以家计，应为整数");
        Html.ParseDocument(await (await EnterAsync(office, "output-value", "0", Cited)).Content.ReadAsStringAsync())
            .QuerySelector("#value-output-value-error")!.TextContent.ShouldBe("数值应大于 0");
        state.ShouldHaveNoDataWritten(await StateAsync(factory), "numbers refused");

        // 运城's standard gives its numbers: its own office finds nothing to enter, and a posted number is refused with the text's.
        const string cityPage = "/Policies/Thresholds/yuncheng-municipal";
        Text(await yuncheng.GetStringAsync(cityPage)).ShouldContain("本标准的各项数值均由政策文本规定，无需录入。");
        var overridden = await PostAsync(yuncheng, cityPage, cityPage, new() { ["CriterionKey"] = "leading-enterprise", ["Value"] = "5", ["Source"] = "运政办发〔2023〕8号" });
        overridden.StatusCode.ShouldBe(HttpStatusCode.OK);
        var said = Text(await overridden.Content.ReadAsStringAsync());
        said.ShouldContain("“龙头企业”的数值由政策文本规定（1 家，");
        said.ShouldContain("不能在平台上改动");
        state.ShouldHaveNoDataWritten(await StateAsync(factory), "a number the text gives");

        // Scope: a city office may not enter the province's numbers, nor see the page; the link is not offered to it.
        (await yuncheng.GetAsync(Page)).Headers.Location!.OriginalString.ShouldContain("/Account/AccessDenied");
        var token = PageSignIn.Antiforgery(await yuncheng.GetStringAsync(cityPage));
        var posted = await yuncheng.PostAsync(Page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CriterionKey"] = "employment", ["Value"] = "10000", ["Source"] = Cited, ["__RequestVerificationToken"] = token,
        }));
        posted.Headers.Location!.OriginalString.ShouldContain("/Account/AccessDenied");
        Html.ParseDocument(await yuncheng.GetStringAsync("/Policies/Detail/shanxi-2022-80")).QuerySelector($"a[href='{Page}']").ShouldBeNull();
        state.ShouldHaveNoDataWritten(await StateAsync(factory), "a city office entering the province's numbers");

        // The administrator may; a second number supersedes the first, which stays in the history.
        (await EnterAsync(office, "employment", "8000", Cited)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await EnterAsync(admin, "employment", "10000", "晋政办发〔2022〕80号 附件1 二（更正）")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var history = Html.ParseDocument(await office.GetStringAsync(Page)).QuerySelectorAll("#threshold-history tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        history.Count.ShouldBe(2);
        (history[0][1], history[0][2], history[0][4]).ShouldBe(("10,000 人", "晋政办发〔2022〕80号 附件1 二（更正）", "现行"));
        history[1][1].ShouldBe("8,000 人");
        history[1][4].ShouldStartWith("已被替换（");
        (await RowsAsync(factory)).ShouldBe(2);
    }
}
