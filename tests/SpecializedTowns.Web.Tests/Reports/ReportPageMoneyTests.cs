using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reports;

/// <summary>
/// A submitted monthly report reads as it was typed: money in 万元 at full precision with the unit written, the same as the
/// form, its hints and the flags (20,196.57万元), never rounded into 亿元 (2.02亿元) beside a flag that speaks 万元.
/// </summary>
public class ReportPageMoneyTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_read_only_table_shows_money_in_wan_yuan_at_full_precision(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "xinjiang-office");
        await using var _ = factory;
        MonthlyReport report;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            report = await db.MonthlyReports.Where(r => r.State == ReportState.Submitted || r.State == ReportState.Accepted)
                .Where(r => r.TaskForce!.Town!.County!.Path.StartsWith("山西省/运城市/新绛县"))
                .OrderByDescending(r => r.Year).ThenByDescending(r => r.Month).FirstAsync();
            report.OutputWanYuan = 1234.5m;
            report.OutputYearToDateWanYuan = 20196.57m;
            report.InvestmentYearToDateWanYuan = 123456.78m;
            report.Employees = 1321;
            await db.SaveChangesAsync();
        }

        var response = await client.GetAsync($"/Reports/Report/{report.TaskForceId}/{report.Year}/{report.Month}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var table = Regex.Match(html, "<table[^>]*id=\"report-figures\".*?</table>", RegexOptions.Singleline).Value;
        table.ShouldNotBeEmpty("a submitted report is shown read-only to the office");
        string Cell(string figure) => Regex.Match(table, $"<td>{figure}</td>\\s*<td class=\"num\">([^<]*)</td>").Groups[1].Value;
        Cell("当月产值").ShouldBe("1,234.5万元");
        Cell("当年累计产值").ShouldBe("20,196.57万元");
        Cell("当年累计完成投资").ShouldBe("123,456.78万元");
        Cell("从业人员").ShouldBe("1,321人");
        table.ShouldNotContain("亿元");
    }
}
