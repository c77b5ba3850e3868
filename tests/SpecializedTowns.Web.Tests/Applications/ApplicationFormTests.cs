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
/// 认定申报 pages posted as their users would: facts that cannot be read or are out of range come back next to their fields
/// in Chinese, all at once, with what was typed; an expert's missing conclusions are named as the standard names them;
/// a submission without materials or with facts missing asks for confirmation first. Nothing is written on a refusal.
/// </summary>
public class ApplicationFormTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Facts_that_do_not_fit_their_field_are_refused_next_to_it_all_at_once_and_no_draft_is_saved(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        int townId;
        using (var scope = factory.Services.CreateScope())
            townId = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Towns.Where(t => t.Name == "古城镇渔业专业镇").Select(t => t.Id).SingleAsync();
        var url = $"/Applications/New?townId={townId}";

        // Too large for an int, too large for a decimal: once saved as blanks ("龙头企业 —").
        var overflow = await RefusedAsync(factory, client, url, new()
        {
            ["Facts.LeadingEnterprises"] = "99999999999", ["Facts.AnnualOutputValueWanYuan"] = "1e40", ["Facts.SupportingEnterprises"] = "12",
        });
        Message(overflow, "f-leading").ShouldBe("龙头企业数量超出合理范围");
        Message(overflow, "f-output").ShouldBe("年产值超出合理范围，请核对单位是否为万元");
        overflow.ShouldContain("value=\"99999999999\"");
        overflow.ShouldContain("value=\"1e40\"");
        overflow.ShouldContain("value=\"12\"");

        var negative = await RefusedAsync(factory, client, url, new()
        {
            ["Facts.AnnualOutputValueWanYuan"] = "-5", ["Facts.LocalEmployment"] = "-1", ["Facts.ProvincialMarketSharePercent"] = "150",
            ["Facts.LeadingEnterprises"] = "1.5",
        });
        Message(negative, "f-output").ShouldBe("年产值不能为负数");
        Message(negative, "f-employment").ShouldBe("带动当地就业人数不能为负数");
        Message(negative, "f-province").ShouldBe("主导产品全省市场占有率应在 0 到 100 之间");
        Message(negative, "f-leading").ShouldBe("龙头企业数量应为整数");
        Text(negative).ShouldNotContain("annualOutputValueWanYuan");
        negative.ShouldContain("value=\"-5\"");
        negative.ShouldContain("value=\"150\"");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_expert_s_missing_conclusions_are_named_as_the_standard_names_them(StorageProvider provider)
    {
        var (factory, expert) = await PageSignIn.OwnPlatformAsync(provider, "expert-zhang");
        await using var _ = factory;
        int id;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var service = new ApplicationService(db, scope.ServiceProvider.GetRequiredService<PolicyCatalog>(), TimeProvider.System);
            var expertId = (await db.Users.SingleAsync(u => u.UserName == "expert-zhang")).Id;
            var town = await db.Towns.SingleAsync(t => t.Name == "古城镇渔业专业镇");
            var county = new UserScope(100, Roles.Office, "山西省/运城市/垣曲县", null);
            // Neither the leading enterprises nor the output stated: the experts decide both.
            id = await service.CreateAsync(county, "yuanqu-office", town.Id, "yuncheng-municipal",
                """{"category":"specialty-agriculture","supportingEnterprises":12,"localEmployment":900,"provincialMarketSharePercent":60}""");
            await service.SubmitAsync(county, "yuanqu-office", id);
            // 900 local jobs fail 带动就业: sent to the experts all the same, as the office may when it confirms.
            await service.AcceptAsync(new UserScope(101, Roles.Office, "山西省/运城市", null), "yuncheng-office", id, [expertId], confirmFailedPreCheck: true);
        }
        var url = $"/Applications/Detail/{id}";
        var page = await expert.GetStringAsync(url);
        var keys = Regex.Matches(page, "name=\"Met\\[([^\\]]+)\\]\" value=\"\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        keys.ShouldContain("leading-enterprise");
        keys.ShouldContain("output-value");
        keys.ShouldContain(ExpertScore.Overall, "an expert always gives an overall opinion");
        var fields = keys.SelectMany(k => new[] { ($"Met[{k}]", ""), ($"Comments[{k}]", "") }).ToDictionary(f => f.Item1, f => f.Item2);

        var before = await StateAsync(factory);
        var response = await PostAsync(expert, url, url + "?handler=Score", fields);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var error = Text(Regex.Match(await response.Content.ReadAsStringAsync(), "<div class=\"alert alert-danger[^\"]*\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);
        error.ShouldContain("龙头企业");
        error.ShouldContain("年产值");
        error.ShouldContain("请在“总体意见”中选择“建议认定”或“不建议认定”");
        error.ShouldNotContain("leading-enterprise");
        error.ShouldNotContain("output-value");
        before.ShouldHaveNoDataWritten(await StateAsync(factory), "an empty score");

        // Conclusions without comments: named the same way.
        var noComment = keys.SelectMany(k => new[] { ($"Met[{k}]", "true"), ($"Comments[{k}]", "") }).ToDictionary(f => f.Item1, f => f.Item2);
        var second = Text(await (await PostAsync(expert, url, url + "?handler=Score", noComment)).Content.ReadAsStringAsync());
        second.ShouldContain("每项结论须附评审意见");
        second.ShouldNotContain("output-value");
        before.ShouldHaveNoDataWritten(await StateAsync(factory), "a score without comments");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Submitting_without_materials_or_with_facts_missing_asks_for_confirmation_first(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        int id;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var service = new ApplicationService(db, scope.ServiceProvider.GetRequiredService<PolicyCatalog>(), TimeProvider.System);
            var town = await db.Towns.SingleAsync(t => t.Name == "古城镇渔业专业镇");
            id = await service.CreateAsync(new UserScope(100, Roles.Office, "山西省/运城市/垣曲县", null), "yuanqu-office", town.Id, "yuncheng-municipal",
                """{"category":"specialty-agriculture","supportingEnterprises":12}""");
        }
        var url = $"/Applications/Detail/{id}";
        // The list names the standard as its document does, not by its code.
        var list = Text(await client.GetStringAsync("/Applications"));
        list.ShouldContain("运城市级专业镇认定标准");
        list.ShouldNotContain("yuncheng-municipal");
        var page = Text(await client.GetStringAsync(url));
        page.ShouldContain("尚未上传申报材料");
        page.ShouldContain("年产值");

        var before = await StateAsync(factory);
        var refused = await PostAsync(client, url, url + "?handler=Submit", []);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = Text(await refused.Content.ReadAsStringAsync());
        text.ShouldContain("请确认后再提交");
        text.ShouldContain("尚未上传申报材料");
        before.ShouldHaveNoDataWritten(await StateAsync(factory), "a submission not confirmed");

        (await PostAsync(client, url, url + "?handler=Submit", new() { ["ConfirmGaps"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using (var scope = factory.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Applications.SingleAsync(a => a.Id == id)).State.ShouldBe(ApplicationState.Submitted);
        // The history names who submitted as everyone knows them, not by their sign-in name.
        var history = Regex.Match(await client.GetStringAsync(url), "<h2 class=\"h6\">办理记录</h2>.*?</ol>", RegexOptions.Singleline).Value;
        history.ShouldContain("提交申报");
        history.ShouldContain("垣曲县专业镇办");
        history.ShouldNotContain("yuanqu-office");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_reviewer_sees_the_declared_facts_beside_the_registered_ones_with_each_difference_flagged(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        int id;
        decimal? registeredOutput;
        int registeredSupporting;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var service = new ApplicationService(db, scope.ServiceProvider.GetRequiredService<PolicyCatalog>(), TimeProvider.System);
            var town = await db.Towns.SingleAsync(t => t.Name == "古城镇渔业专业镇");
            var registered = (await SpecializedTowns.Data.Recognition.StoredTownRecognition.LoadAsync(db, db.Towns.Where(t => t.Id == town.Id))).Single().Facts;
            registeredOutput = registered.AnnualOutputValueWanYuan;
            registeredSupporting = registered.SupportingEnterprises!.Value;
            // The output overstated, the supporting enterprises as registered.
            var declared = (registeredOutput ?? 1000m) * 2 + 1000m;
            id = await service.CreateAsync(new UserScope(100, Roles.Office, "山西省/运城市/垣曲县", null), "yuanqu-office", town.Id, "yuncheng-municipal",
                $$"""{"category":"specialty-agriculture","annualOutputValueWanYuan":{{declared}},"supportingEnterprises":{{registeredSupporting}}}""");
        }
        var html = await client.GetStringAsync($"/Applications/Detail/{id}");
        var table = Regex.Match(html, "<table[^>]*id=\"facts-vs-registry\".*?</table>", RegexOptions.Singleline).Value;
        table.ShouldNotBeEmpty();
        Text(table).ShouldContain("平台登记");
        var output = Regex.Match(table, "<tr class=\"([^\"]*)\" data-fact=\"annualOutputValueWanYuan\">(.*?)</tr>", RegexOptions.Singleline);
        output.Groups[1].Value.ShouldBe("table-warning");
        Text(output.Groups[2].Value).ShouldContain("不一致");
        if (registeredOutput is not null) Text(output.Groups[2].Value).ShouldContain("申报高于平台登记");
        var supporting = Regex.Match(table, "<tr class=\"([^\"]*)\" data-fact=\"supportingEnterprises\">(.*?)</tr>", RegexOptions.Singleline);
        supporting.Groups[1].Value.ShouldBe("");
        Text(supporting.Groups[2].Value).ShouldContain("一致");
        Text(supporting.Groups[2].Value).ShouldNotContain("不一致");
        Text(html).ShouldContain("申报事实有 1 项与平台登记的统计数据不一致");
    }

    /// <summary>The form of the page posted with the fields given over what the page put there.</summary>
    private static async Task<string> RefusedAsync(PlatformFactory factory, HttpClient client, string url, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(url);
        var form = Regex.Match(html, "<form method=\"post\" id=\"application-form\".*?</form>", RegexOptions.Singleline).Value;
        var posted = Regex.Matches(form, "<input [^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"").ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        posted["StandardId"] = Regex.Match(form, "<option value=\"([^\"]+)\" selected").Groups[1].Value;
        foreach (var (k, v) in fields) posted[k] = v;
        var before = await StateAsync(factory);
        var response = await client.PostAsync("/Applications/New", new FormUrlEncodedContent(posted));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"refused and shown again: {string.Join(", ", fields)}");
        before.ShouldHaveNoDataWritten(await StateAsync(factory), string.Join(", ", fields));
        return body;
    }

    private static async Task<DbState> StateAsync(PlatformFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await DbState.CaptureAsync(scope.ServiceProvider.GetRequiredService<TownsDbContext>(), "recognition_applications");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handlerUrl, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = PageSignIn.Antiforgery(html);
        return await client.PostAsync(handlerUrl, new FormUrlEncodedContent(fields));
    }

    /// <summary>The message shown under the input with this id.</summary>
    private static string Message(string html, string inputId) =>
        Text(Regex.Match(html, $"id=\"{inputId}\"[^>]*>\\s*<div class=\"invalid-feedback\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);

    private static string Text(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), "\\s+", " ").Trim();
}
