using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reports;

/// <summary>A monthly report's money as UI.md writes it: 亿元 from 1亿 up, not 95,370万元.</summary>
public class ReportPageMoneyTests
{
    [Fact]
    public async Task A_year_to_date_output_of_over_one_yi_reads_in_yi_yuan()
    {
        var factory = await SeededPlatforms.GetAsync(StorageProvider.Sqlite);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var report = await db.MonthlyReports.Where(r => r.OutputYearToDateWanYuan >= 10000)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Month).FirstAsync();
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuncheng-office");
        var response = await office.GetAsync($"/Reports/Report/{report.TaskForceId}/{report.Year}/{report.Month}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain(Quantity.Figure(report.OutputYearToDateWanYuan!.Value));
        Quantity.Figure(report.OutputYearToDateWanYuan!.Value).ShouldEndWith("亿元");
        html.ShouldNotContain(report.OutputYearToDateWanYuan!.Value.ToString("#,0") + "万元");
    }
}
