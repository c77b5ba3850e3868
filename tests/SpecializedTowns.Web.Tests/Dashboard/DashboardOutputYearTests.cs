using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Dashboard;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Dashboard;

/// <summary>工作台's 年产值 card and chart compare the towns on one year: never one town's newer figure under another's older one, never a sum of years.</summary>
public class DashboardOutputYearTests
{
    [Fact]
    public void The_comparison_year_is_the_newest_one_at_least_half_the_reporting_towns_have()
    {
        StatisticsYear.Compared([]).ShouldBeNull();
        StatisticsYear.Compared([[2023, 2024], [2024], [2024, 2025]]).ShouldBe(2024, "one town ahead does not set the year");
        StatisticsYear.Compared([[2024, 2025], [2024, 2025], [2024], []]).ShouldBe(2025, "two of three reporting towns");
        StatisticsYear.Compared([[2022], [2023], [2024]]).ShouldBe(2024, "scattered years: the newest of those most shared");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task One_town_reporting_a_newer_year_does_not_retitle_the_chart_nor_mix_years_in_the_total(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        string town;
        int year;
        List<(string Name, decimal Output)> figures;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var towns = await db.Towns.Include(t => t.Statistics).Where(t => t.County!.Path.StartsWith("山西省/运城市/垣曲县")).ToListAsync();
            towns.Count.ShouldBeGreaterThan(1, "垣曲 has several towns in the demo");
            year = towns.SelectMany(t => t.Statistics).Where(s => s.OutputValueWanYuan != null).Max(s => s.Year);
            figures = towns.Where(t => t.Statistics.Any(s => s.Year == year && s.OutputValueWanYuan != null))
                .Select(t => (t.Name, t.Statistics.Single(s => s.Year == year).OutputValueWanYuan!.Value)).ToList();
            // One town, with figures of the demo's newest year, files the next year's already, far larger.
            var ahead = towns.First(t => t.Statistics.Any(s => s.Year == year && s.OutputValueWanYuan != null));
            town = ahead.Name;
            ahead.Statistics.Add(new TownAnnualStatistics { Year = year + 1, OutputValueWanYuan = 987_654m });
            await db.SaveChangesAsync();
            (towns.Count(t => t.Statistics.Any(s => s.Year == year + 1 && s.OutputValueWanYuan != null)) * 2).ShouldBeLessThan(towns.Count(t => t.Statistics.Any(s => s.OutputValueWanYuan != null)));
        }

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        html.ShouldContain($"各专业镇年产值（{year}年，单位：亿元）");
        html.ShouldNotContain($"各专业镇年产值（{year + 1}年");
        html.ShouldContain($"年产值统计年度 {year}年");
        html.ShouldContain($"1 个镇已报送{year + 1}年及以后数据");
        // The total is the year's figures alone, not the newer one added to the others' older ones.
        html.ShouldContain($"{year}年专业镇年产值合计</div><div class=\"fs-4\">{Quantity.Figure(figures.Sum(f => f.Output))}</div>");
        html.ShouldNotContain(Quantity.Figure(987_654m));
        var table = Regex.Match(html, "<summary>表格</summary>.*?</table>", RegexOptions.Singleline).Value;
        table.ShouldContain($"<tr><td>{town}</td><td class=\"num\">{Quantity.Figure(figures.Single(f => f.Name == town).Output)}</td></tr>");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Towns_that_have_not_reported_the_compared_year_show_a_dash_and_are_counted_apart(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        int year;
        string late;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var towns = await db.Towns.Include(t => t.Statistics).Where(t => t.County!.Path.StartsWith("山西省/运城市/垣曲县")).OrderBy(t => t.Id).ToListAsync();
            year = towns.SelectMany(t => t.Statistics).Where(s => s.OutputValueWanYuan != null).Max(s => s.Year);
            // All but one town file the next year: the chart moves to it, and the late town is a dash, not its older figure.
            var reporting = towns.Where(t => t.Statistics.Any(s => s.OutputValueWanYuan != null)).ToList();
            late = reporting[0].Name;
            foreach (var t in reporting.Skip(1)) t.Statistics.Add(new TownAnnualStatistics { Year = year + 1, OutputValueWanYuan = 10_000m });
            await db.SaveChangesAsync();
            reporting.Count.ShouldBeGreaterThanOrEqualTo(3, "the late town is the minority");
        }

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        html.ShouldContain($"各专业镇年产值（{year + 1}年，单位：亿元）");
        html.ShouldContain($"尚未报送{year + 1}年年产值");
        var table = Regex.Match(html, "<summary>表格</summary>.*?</table>", RegexOptions.Singleline).Value;
        table.ShouldContain($"<tr><td>{late}</td><td class=\"num text-muted\">—</td></tr>");
    }
}
