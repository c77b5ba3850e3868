using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Dashboard;

/// <summary>
/// 工作台's 营收规模梯次 places every town by the one year the dashboard compares (its heading says which): a town that already
/// filed next year is not placed by it, and a town without that year's 营收 is counted apart, not placed by an older year.
/// </summary>
public class DashboardRevenueYearTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Every_town_is_placed_by_the_stated_year_and_those_without_it_are_counted_apart(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "shuozhou-office");
        await using var _ = factory;
        int year;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var towns = await db.Towns.Include(t => t.Statistics).Where(t => t.County!.Path.StartsWith("山西省/朔州市/")).ToListAsync();
            year = towns.SelectMany(t => t.Statistics).Where(s => s.OutputValueWanYuan != null).Max(s => s.Year);
            towns.Count(t => t.Statistics.Any(s => s.Year == year && s.RevenueWanYuan != null)).ShouldBe(4, "朔州's four towns all have the demo's newest year");
            // 平鲁小杂粮, below the lowest level, files next year already at 150亿元: were it placed by that, 100亿级 would count two.
            towns.Single(t => t.Name == "平鲁小杂粮专业镇").Statistics.Add(new TownAnnualStatistics { Year = year + 1, OutputValueWanYuan = 1_600_000m, RevenueWanYuan = 1_500_000m });
            // 山阴乳品 has not filed the year yet: its older 30亿级 must not stand in for it.
            var dairy = towns.Single(t => t.Name == "山阴乳品专业镇");
            db.TownStatistics.Remove(dairy.Statistics.Single(s => s.Year == year));
            dairy.Statistics.Single(s => s.Year == year - 1).RevenueWanYuan.ShouldNotBeNull();
            await db.SaveChangesAsync();
        }

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        html.ShouldContain($"营收规模梯次（{year}年，按各镇所属文件的层级，单位：个）");
        var note = Regex.Match(html, "<p[^>]*id=\"revenue-note\"[^>]*>(.*?)</p>", RegexOptions.Singleline).Groups[1].Value;
        note.ShouldContain($"1 个镇无{year}年营收数据，单列计数，不以其他年度数据定档");
        note.ShouldContain($"1 个镇已报送{year + 1}年及以后数据，仍按{year}年定档");
        var card = html[html.IndexOf("营收规模梯次（", StringComparison.Ordinal)..];
        var table = Regex.Match(card, "<summary>表格</summary>.*?</table>", RegexOptions.Singleline).Value;
        table.ShouldContain("<tr><td>100亿级</td><td class=\"num\">1</td></tr>", customMessage: "怀仁陶瓷 alone; 平鲁 stays below the lowest level");
        table.ShouldContain("<tr><td>未达最低档</td><td class=\"num\">1</td></tr>");
        table.ShouldContain($"<tr><td>无{year}年营收数据</td><td class=\"num\">1</td></tr>");
        table.ShouldNotContain("30亿级", customMessage: "山阴乳品 is not placed by its older year");
        // The chart draws the same bands.
        var chart = Regex.Match(html, "<script type=\"application/json\" id=\"dashboard-data\"[^>]*>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var bars = System.Text.Json.JsonDocument.Parse(chart).RootElement.GetProperty("revenue").EnumerateArray()
            .ToDictionary(b => b.GetProperty("name").GetString()!, b => b.GetProperty("value").GetInt32());
        bars[$"无{year}年营收数据"].ShouldBe(1);
        bars["100亿级"].ShouldBe(1);
        bars.ShouldNotContainKey("30亿级");
    }
}
