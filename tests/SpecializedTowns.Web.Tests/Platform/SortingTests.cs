using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Platform;

/// <summary>A list's column header sorts by it; clicked again, the other way round, with an arrow saying which way the rows run.</summary>
public class SortingTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static List<string> Strings(JsonElement page, string field) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(field).GetString()!).ToList();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_second_click_on_a_header_reverses_the_list_and_the_arrow_says_which_way(StorageProvider provider)
    {
        var page = await SeededPlatforms.SignedInAsync(provider, "yuncheng-office");
        var byName = await page.GetStringAsync("/Towns?sort=name");
        // The header of the column the list is sorted by links to the other way round and shows ▲ (A first).
        Regex.Match(byName, "<a href=\"([^\"]*)\">专业镇 ▲</a>").Groups[1].Value.ShouldBe("/Towns?sort=-name");
        // The 年产值 column names the one year it compares the towns on (StatisticsYear.Compared).
        byName.ShouldContain("<a href=\"/Towns?sort=output\">年产值（2024年）</a>");
        var reversed = await page.GetStringAsync("/Towns?sort=-name");
        Regex.Match(reversed, "<a href=\"([^\"]*)\">专业镇 ▼</a>").Groups[1].Value.ShouldBe("/Towns?sort=name");

        var api = await SeededPlatforms.ClientAsync(provider, "yuncheng-office");
        var up = Strings(await JsonAsync(await api.GetAsync("/api/v1/towns?sort=name&pageSize=200")), "name");
        var down = Strings(await JsonAsync(await api.GetAsync("/api/v1/towns?sort=-name&pageSize=200")), "name");
        up.Count.ShouldBeGreaterThan(3);
        up.ShouldBe(up.Order(StringComparer.Ordinal).ToList());
        down.ShouldBe(up.AsEnumerable().Reverse().ToList());

        // 问题台账 newest first unless reversed; 督办通知书 by deadline soonest first, or latest first reversed.
        var problems = (await JsonAsync(await api.GetAsync("/api/v1/problems?sort=-raised&pageSize=200"))).GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("raisedAtUtc").GetDateTime()).ToList();
        problems.Count.ShouldBeGreaterThan(3);
        problems.ShouldBe(problems.Order().ToList());
        (await page.GetStringAsync("/Problems")).ShouldContain("登记 ▼</a>");
        var deadlines = (await JsonAsync(await api.GetAsync("/api/v1/notices?sort=-deadline&pageSize=200"))).GetProperty("items").EnumerateArray()
            .Select(n => DateOnly.Parse(n.GetProperty("deadline").GetString()!)).ToList();
        deadlines.Count.ShouldBeGreaterThan(1);
        deadlines.ShouldBe(deadlines.OrderDescending().ToList());
        var bad = await api.GetAsync("/api/v1/notices?sort=-size");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("前加 - 为倒序");

        // 企业名录 by output: largest first, then smallest first; 重点项目库 by investment likewise.
        static decimal WanYuan(string cell) => cell.EndsWith("亿元") ? decimal.Parse(cell[..^2].Replace(",", "")) * 10000
            : cell.EndsWith("万元") ? decimal.Parse(cell[..^2].Replace(",", "")) : -1;
        List<decimal> Outputs(string html, int column) => Regex.Matches(Regex.Match(html, "<tbody>.*?</tbody>", RegexOptions.Singleline).Value, "<tr.*?</tr>", RegexOptions.Singleline)
            .Select(r => Regex.Matches(r.Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(c => Regex.Replace(c.Groups[1].Value, "<[^>]+>", "").Trim()).ToList())
            .Where(cells => cells.Count > column).Select(cells => WanYuan(cells[column])).ToList();
        var largest = Outputs(await page.GetStringAsync("/Enterprises?sort=output"), 8);
        var smallest = Outputs(await page.GetStringAsync("/Enterprises?sort=-output"), 8);
        largest.Count.ShouldBeGreaterThan(3);
        largest.ShouldBe(largest.OrderDescending().ToList());
        smallest.ShouldBe(smallest.Order().ToList());
        smallest[0].ShouldBeLessThan(largest[0]);
        var projects = await page.GetStringAsync("/Projects?sort=-investment");
        projects.ShouldContain("总投资 ▲</a>");
        // 预警 has one order only (most urgent first): its header never links to a reversed one.
        projects.ShouldNotContain("sort=-warning");
    }
}
