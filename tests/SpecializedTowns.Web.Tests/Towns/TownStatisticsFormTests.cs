using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.BadInput;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>
/// The 统计 tab of a town's page, posted as the office would: a blank year, figures out of the platform's ranges, a number
/// too large for its field and a correction that would clear figures already entered are each refused next to the field,
/// with what was typed shown again and nothing written.
/// </summary>
public class TownStatisticsFormTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Blank_absurd_and_clearing_figures_are_refused_next_to_the_field_and_nothing_is_written(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        var (townId, latestYear) = await LishanAsync(factory);
        var url = $"/Towns/Detail/{townId}";

        // The form as it opens: the year filled in, every figure empty.
        var blank = await RefusedAsync(factory, client, url, new() { ["Figures.Year"] = "2025" });
        Text(blank).ShouldContain("请至少填写一项统计数据");

        var absurd = await RefusedAsync(factory, client, url, new()
        {
            ["Figures.Year"] = "2025", ["Figures.OutputValueWanYuan"] = "99999999999999", ["Figures.RevenueWanYuan"] = "1e9",
            ["Figures.TaxWanYuan"] = "5000", ["Figures.Employment"] = "99999999999", ["Figures.CityMarketSharePercent"] = "150",
        });
        Message(absurd, "OutputValueWanYuan").ShouldBe("年产值超出合理范围，请核对单位是否为万元");
        Message(absurd, "RevenueWanYuan").ShouldBe("营收超出合理范围，请核对单位是否为万元");
        Message(absurd, "Employment").ShouldBe("就业人数超出合理范围");
        Message(absurd, "CityMarketSharePercent").ShouldBe("全市占有率应在 0 到 100 之间");
        // What was typed comes back, the number too large for its field included.
        absurd.ShouldContain("value=\"99999999999999\"");
        absurd.ShouldContain("value=\"1e9\"");
        absurd.ShouldContain("value=\"99999999999\"");

        var notAYear = await RefusedAsync(factory, client, url, new() { ["Figures.Year"] = "明年", ["Figures.OutputValueWanYuan"] = "1000" });
        Text(notAYear).ShouldContain("“明年”不是年份，请填写 2000 到");

        var taxAboveOutput = await RefusedAsync(factory, client, url, new()
        {
            ["Figures.Year"] = "2025", ["Figures.OutputValueWanYuan"] = "1000", ["Figures.TaxWanYuan"] = "5000",
        });
        Message(taxAboveOutput, "TaxWanYuan").ShouldBe("税收不能大于年产值");

        // A correction of one figure of a year already entered would clear the others: refused until the clearing is confirmed.
        var clearing = await RefusedAsync(factory, client, url, new() { ["Figures.Year"] = latestYear.ToString(), ["Figures.OutputValueWanYuan"] = "12345" });
        Message(clearing, "TaxWanYuan").ShouldStartWith($"{latestYear}年已填");
        Text(clearing).ShouldContain("确认清空");
        clearing.ShouldContain("value=\"12345\"");

        // A year with figures in range saves.
        var saved = await PostAsync(client, url, new() { ["Figures.Year"] = "2025", ["Figures.OutputValueWanYuan"] = "18500", ["Figures.TaxWanYuan"] = "520" });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_year_begun_with_its_revenue_alone_does_not_hide_the_last_complete_year(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        var (townId, latestYear) = await LishanAsync(factory);
        string Row(string html) => Text(Regex.Match(html, "<tr[^>]*>(?:(?!</tr>).)*历山镇蜂蜜专业镇.*?</tr>", RegexOptions.Singleline).Value);
        var before = Row(await client.GetStringAsync("/Towns"));
        before.ShouldContain("亿元");
        var dashboard = Text(await client.GetStringAsync("/"));
        dashboard.ShouldContain($"年产值统计年度 {latestYear}年");

        var next = (latestYear + 1).ToString();
        (await PostAsync(client, $"/Towns/Detail/{townId}", new() { ["Figures.Year"] = next, ["Figures.RevenueWanYuan"] = "1200" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Row(await client.GetStringAsync("/Towns")).ShouldBe(before);
        Text(await client.GetStringAsync("/")).ShouldContain($"年产值统计年度 {latestYear}年");
        var gap = Text(await client.GetStringAsync($"/Towns/Detail/{townId}"));
        gap.ShouldNotContain("年产值 缺数据");
    }

    /// <summary>历山镇蜂蜜专业镇 and its latest year with every figure the form checks against (年产值, 税收).</summary>
    private static async Task<(int TownId, int LatestYear)> LishanAsync(PlatformFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var townId = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => t.Id).SingleAsync();
        return (townId, await db.TownStatistics.Where(s => s.SpecializedTownId == townId && s.OutputValueWanYuan != null && s.TaxWanYuan != null)
            .MaxAsync(s => s.Year));
    }

    private static async Task<string> RefusedAsync(PlatformFactory factory, HttpClient client, string url, Dictionary<string, string> fields)
    {
        var before = await StateAsync(factory);
        var response = await PostAsync(client, url, fields);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"refused and shown again: {string.Join(", ", fields)}");
        Text(body).ShouldContain("统计数据未保存");
        before.ShouldHaveNoDataWritten(await StateAsync(factory), string.Join(", ", fields));
        return body;
    }

    private static async Task<DbState> StateAsync(PlatformFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await DbState.CaptureAsync(scope.ServiceProvider.GetRequiredService<TownsDbContext>(), "town_annual_statistics");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(url);
        fields["__RequestVerificationToken"] = PageSignIn.Antiforgery(html);
        return await client.PostAsync(url + "?handler=Statistics", new FormUrlEncodedContent(fields));
    }

    /// <summary>The message shown under a field of the form.</summary>
    private static string Message(string html, string field) =>
        Text(Regex.Match(html, $"id=\"fig-{field}\"[^>]*>\\s*<div class=\"invalid-feedback\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);

    private static string Text(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), "\\s+", " ").Trim();
}
