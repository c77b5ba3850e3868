using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reports;

/// <summary>
/// qa120 8: digits typed with a Chinese input method (１２００, １，２００．５) are the Arabic numerals they look like: a form's
/// number field reads them as MVC reads 1200 (NumberBinder), instead of refusing them as 不是数字.
/// </summary>
public class FullWidthNumberTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Full_width_digits_in_the_monthly_report_form_are_saved_as_numbers(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "lishan-township");
        await using var _ = factory;
        int forceId;
        var month = ReportMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
        decimal cumulative;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            forceId = await db.TaskForces.Where(f => f.Town!.Name == "历山镇蜂蜜专业镇").Select(f => f.Id).SingleAsync();
            // Last month's 累计 plus this month's, so that nothing but the digits' width is new.
            var previous = await db.MonthlyReports.AsNoTracking()
                .SingleOrDefaultAsync(r => r.TaskForceId == forceId && r.Year == month.Previous.Year && r.Month == month.Previous.Month);
            cumulative = (month.Month == 1 ? 0 : previous?.OutputYearToDateWanYuan ?? 0) + 1200.5m;
        }
        var url = $"/Reports/Report/{forceId}/{month.Year}/{month.Month}";
        var fields = new Dictionary<string, string>
        {
            ["Input.OutputWanYuan"] = "１２００．５", ["Input.OutputYearToDateWanYuan"] = Wide(cumulative.ToString("#,0.0", System.Globalization.CultureInfo.InvariantCulture)), ["Input.InvestmentYearToDateWanYuan"] = " ３００００ ",
            ["Input.Employees"] = "３００", ["Input.NewMarketEntities"] = "２", ["Input.NewAboveScaleEnterprises"] = "０", ["Input.Progress"] = "完成本月工作",
            ["__RequestVerificationToken"] = PageSignIn.Antiforgery(await client.GetStringAsync(url)),
        };
        var response = await client.PostAsync(url + "?handler=Save", new FormUrlEncodedContent(fields));
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        body.ShouldNotContain("不是数字");
        body.ShouldNotContain("不是整数");

        using var check = factory.Services.CreateScope();
        var saved = await check.ServiceProvider.GetRequiredService<TownsDbContext>().MonthlyReports.AsNoTracking()
            .SingleAsync(r => r.TaskForceId == forceId && r.Year == month.Year && r.Month == month.Month);
        (saved.OutputWanYuan, saved.OutputYearToDateWanYuan, saved.InvestmentYearToDateWanYuan, saved.Employees, saved.NewMarketEntities)
            .ShouldBe(((decimal?)1200.5m, (decimal?)cumulative, (decimal?)30000m, (int?)300, (int?)2));
    }

    // 1,234.5 as a Chinese input method types it: １，２３４．５.
    private static string Wide(string text) => new(text.Select(c => c is >= '0' and <= '9' or ',' or '.' ? (char)(c + 0xFEE0) : c).ToArray());
}
