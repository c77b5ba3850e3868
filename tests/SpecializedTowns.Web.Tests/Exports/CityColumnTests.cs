using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Shouldly;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Exports;

/// <summary>
/// The province compares cities (QA 86 #10): its town and project exports carry 所在市 beside 所在县 so that a sheet pivots by
/// city; a city's, all of one city, do not. The dashboard's 年产值 chart says when it shows only the largest towns.
/// </summary>
public class CityColumnTests
{
    private static async Task<List<object?[]>> SheetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return ExportFiles.Xlsx(await response.Content.ReadAsByteArrayAsync());
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_province_s_town_and_project_exports_name_each_row_s_city(StorageProvider provider)
    {
        var province = await SeededPlatforms.SignedInAsync(provider, "shanxi-office");
        var towns = await SheetAsync(province, "/Towns?handler=Export&format=xlsx");
        var header = towns[0].Select(c => c?.ToString()).ToList();
        header.Take(3).ShouldBe(["专业镇", "所在市", "所在县（市、区）"]);
        var cityOf = towns.Skip(1).ToDictionary(r => (string)r[0]!, r => (string?)r[1]);
        cityOf["万安钻石专业镇"].ShouldBe("运城市");
        cityOf.Values.Distinct().Count().ShouldBeGreaterThan(2, "towns of several cities, each named");
        cityOf.Values.ShouldAllBe(c => c != null && c.EndsWith("市"));

        var projects = await SheetAsync(province, "/Projects?handler=Export&format=xlsx");
        projects[0].Select(c => c?.ToString()).Take(5).ShouldBe(["项目名称", "项目业主", "专业镇", "所在市", "所在县（市、区）"]);
        projects.Skip(1).ShouldNotBeEmpty();
        projects.Skip(1).ShouldAllBe(r => r[3] != null && ((string)r[3]!).EndsWith("市"));
        projects.Skip(1).Where(r => (string?)r[2] == "万安钻石专业镇").ShouldAllBe(r => (string?)r[3] == "运城市");

        // A city office reads one city: no column that says the same on every row.
        var city = await SeededPlatforms.SignedInAsync(provider, "yuncheng-office");
        (await SheetAsync(city, "/Towns?handler=Export&format=xlsx"))[0].Select(c => c?.ToString()).ShouldNotContain("所在市");
        (await SheetAsync(city, "/Projects?handler=Export&format=xlsx"))[0].Select(c => c?.ToString()).ShouldNotContain("所在市");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_dashboard_s_output_chart_says_it_lists_the_largest_towns_when_it_leaves_some_out(StorageProvider provider)
    {
        var province = WebUtility.HtmlDecode(await (await SeededPlatforms.SignedInAsync(provider, "shanxi-office")).GetStringAsync("/"));
        var shown = SpecializedTowns.Data.Dashboard.DashboardView.OutputShown;
        province.ShouldContain($"各专业镇年产值前 {shown} 位（");
        var reported = int.Parse(Regex.Match(province, $"(\\d+) 个镇报送了\\d+年年产值，图表列出最高的 {shown} 个").Groups[1].Value);
        reported.ShouldBeGreaterThan(shown, "the demo's province has more towns than the chart shows");
        province.ShouldContain($"<summary>表格（前 {shown} 位）</summary>");

        // A county's few towns are all shown, under the plain title.
        var county = WebUtility.HtmlDecode(await (await SeededPlatforms.SignedInAsync(provider, "yuanqu-office")).GetStringAsync("/"));
        county.ShouldContain("<h2 class=\"h6\" id=\"output-title\">各专业镇年产值（");
        county.ShouldNotContain("图表列出最高的");
        county.ShouldContain("<summary>表格</summary>");
    }
}

/// <summary>The province's dashboard sums its towns, output, projects, overdue tasks and open problems by city (QA 86 #10 c), after the page shows.</summary>
public class CitySummaryTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_province_s_dashboard_sums_each_city(StorageProvider provider)
    {
        var factory = await SeededPlatforms.GetAsync(provider);
        int yunchengTowns, yunchengProjects, yunchengOpen, yunchengOverdue;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var today = TestDatabases.ChinaToday;
            yunchengTowns = await db.Towns.CountAsync(t => t.County!.Path.StartsWith("山西省/运城市/"));
            yunchengProjects = await db.Projects.CountAsync(p => p.County!.Path.StartsWith("山西省/运城市/"));
            var places = db.Jurisdictions.Where(j => j.Path.StartsWith("山西省/运城市")).Select(j => j.Id);
            yunchengOpen = await db.Problems.CountAsync(p => places.Contains(p.JurisdictionId)
                && p.State != Core.Problems.ProblemState.Closed && p.State != Core.Problems.ProblemState.Declined);
            yunchengOverdue = await db.PlanTasks.Where(t => places.Contains(t.Plan!.JurisdictionId)).CountAsync(Core.Tasks.TaskLights.OverdueOn(today));
        }
        var province = await SeededPlatforms.SignedInAsync(provider, "shanxi-office");
        var page = WebUtility.HtmlDecode(await province.GetStringAsync("/"));
        var hook = Regex.Match(page, "<div hx-get=\"(/\\?handler=Cities[^\"]*)\" hx-trigger=\"load\"");
        hook.Success.ShouldBeTrue("the summary comes after the page shows");
        page.ShouldNotContain("id=\"city-summary\"");

        var table = WebUtility.HtmlDecode(await province.GetStringAsync(hook.Groups[1].Value));
        var row = Regex.Match(table, "<tr><td>运城市</td>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        var cells = Regex.Matches(row, "<td class=\"num\">\\s*(?:<span[^>]*>)?([^<]*)").Select(m => m.Groups[1].Value.Trim()).ToList();
        // 省级 市级 县级 储备, 合计, 年产值, 重点项目, 逾期任务, 在办问题
        cells.Count.ShouldBe(9);
        int.Parse(cells[4]).ShouldBe(yunchengTowns);
        int.Parse(cells[6]).ShouldBe(yunchengProjects);
        int.Parse(cells[7]).ShouldBe(yunchengOverdue);
        int.Parse(cells[8]).ShouldBe(yunchengOpen);
        table.ShouldContain("<tr><td>阳泉市</td>");

        // A county's dashboard has none, and the handler is not for it.
        var county = await SeededPlatforms.SignedInAsync(provider, "yuanqu-office");
        (await county.GetStringAsync("/")).ShouldNotContain("handler=Cities");
        (await county.GetAsync("/?handler=Cities")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
