using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Exports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>
/// 专业镇名录's 年产值 column (and its sort, and the export) holds the dashboard's one year: a town that filed next year already
/// is not set above the others by it, and a town without the year shows “—”, counted in a note, not its older figure.
/// </summary>
public class TownListYearTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_output_column_compares_one_year_and_names_it(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        int year;
        (int Id, string Name, decimal Output) ahead;
        (int Id, string Name, decimal Output) late;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var towns = await db.Towns.Include(t => t.Statistics).Where(t => t.County!.Path.StartsWith("山西省/运城市/垣曲县")).ToListAsync();
            year = towns.SelectMany(t => t.Statistics).Where(s => s.OutputValueWanYuan != null).Max(s => s.Year);
            var ofYear = towns.Where(t => t.Statistics.Any(s => s.Year == year && s.OutputValueWanYuan != null))
                .Select(t => (t.Id, t.Name, Output: t.Statistics.Single(s => s.Year == year).OutputValueWanYuan!.Value)).OrderBy(t => t.Output).ToList();
            ofYear.Count.ShouldBeGreaterThanOrEqualTo(3);
            // The smallest town files next year already, far larger; the largest has not filed the year yet.
            ahead = ofYear[0];
            late = ofYear[^1];
            towns.Single(t => t.Id == ahead.Id).Statistics.Add(new TownAnnualStatistics { Year = year + 1, OutputValueWanYuan = 987_654m });
            var lateTown = towns.Single(t => t.Id == late.Id);
            db.TownStatistics.Remove(lateTown.Statistics.Single(s => s.Year == year));
            await db.SaveChangesAsync();
        }

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/Towns?sort=output"));
        html.ShouldContain($"年产值（{year}年）");
        html.ShouldContain($"年产值、就业均为{year}年统计，各镇按同一年度比较；1 个镇尚无{year}年统计，记为“—”");
        html.ShouldNotContain(Quantity.Figure(987_654m));
        var rows = Regex.Matches(html, "<tr>\\s*<td class=\"select\">.*?</tr>", RegexOptions.Singleline).Select(m => m.Value).ToList();
        string Row(int id) => rows.Single(r => r.Contains($"href=\"/Towns/Detail/{id}\""));
        Row(ahead.Id).ShouldContain($"<td class=\"num\">{Quantity.Figure(ahead.Output)}</td>");
        Row(late.Id).ShouldContain("<td class=\"num\">—</td>");
        Row(late.Id).ShouldNotContain("亿元");
        // Largest first by the year's figures; the town without them last, not first.
        rows[0].ShouldNotContain($"href=\"/Towns/Detail/{ahead.Id}\"");
        rows[^1].ShouldContain($"href=\"/Towns/Detail/{late.Id}\"");

        // The download holds what the page shows: the year's figure, the year beside it, none for the late town.
        var (header, lines) = ExportFiles.Csv(await client.GetByteArrayAsync("/Towns?handler=Export&format=csv&sort=output"));
        int Col(string name) => Array.IndexOf(header, name);
        var aheadLine = lines.Single(l => l[0] == ahead.Name);
        (aheadLine[Col("统计年度")], aheadLine[Col("年产值（万元）")]).ShouldBe((year.ToString(), ahead.Output.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)));
        var lateLine = lines.Single(l => l[0] == late.Name);
        (lateLine[Col("统计年度")], lateLine[Col("年产值（万元）")]).ShouldBe(("", ""));

        // The API compares one year when asked (year=), and says each town's own year when not.
        var items = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/v1/towns?year={year}&sort=output&pageSize=100")).RootElement
            .GetProperty("items").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetInt32());
        items[ahead.Id].GetProperty("year").GetInt32().ShouldBe(year);
        items[ahead.Id].GetProperty("outputValueWanYuan").GetDecimal().ShouldBe(ahead.Output);
        items[late.Id].GetProperty("outputValueWanYuan").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var latest = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/towns?pageSize=100")).RootElement
            .GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == ahead.Id);
        latest.GetProperty("year").GetInt32().ShouldBe(year + 1);
        (await client.GetAsync("/api/v1/towns?year=99")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
