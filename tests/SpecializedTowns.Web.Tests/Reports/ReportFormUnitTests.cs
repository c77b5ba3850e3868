using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reports;

/// <summary>
/// The monthly report form speaks the unit of its inputs: last month's figure beside a 万元 field and the flag on a figure
/// that fell are in 万元 at full precision, so 20,150 typed under 20,196 does not read "2.02亿元 低于 2.02亿元".
/// </summary>
public class ReportFormUnitTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Hints_and_flags_beside_wan_yuan_inputs_are_in_wan_yuan_as_typed(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "lishan-township");
        await using var _ = factory;
        int forceId;
        ReportMonth month;
        decimal lastYearToDate;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            forceId = await db.TaskForces.Where(f => f.Town!.Name == "历山镇蜂蜜专业镇").Select(f => f.Id).SingleAsync();
            month = ReportMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
            // Last month's report as the form compares with it, made to cross 1亿 with a figure that rounds like the one typed below.
            var previous = await db.MonthlyReports.SingleAsync(r => r.TaskForceId == forceId && r.Year == month.Previous.Year && r.Month == month.Previous.Month);
            previous.OutputYearToDateWanYuan = lastYearToDate = 20196;
            await db.SaveChangesAsync();
        }
        var url = $"/Reports/Report/{forceId}/{month.Year}/{month.Month}";
        var form = WebUtility.HtmlDecode(await client.GetStringAsync(url));
        form.ShouldContain("上月：20,196万元");
        form.ShouldNotContain("上月：2.02亿元");

        var fields = new Dictionary<string, string>
        {
            ["Input.OutputWanYuan"] = "1800", ["Input.OutputYearToDateWanYuan"] = "20150", ["Input.InvestmentYearToDateWanYuan"] = "30000",
            ["Input.Employees"] = "300", ["Input.NewMarketEntities"] = "2", ["Input.NewAboveScaleEnterprises"] = "0", ["Input.Progress"] = "完成本月工作",
            ["__RequestVerificationToken"] = PageSignIn.Antiforgery(await client.GetStringAsync(url)),
        };
        if (month.Month == 1) return; // cumulative figures restart in January: nothing to compare
        var refused = WebUtility.HtmlDecode(await (await client.PostAsync(url + "?handler=Submit", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync());
        refused.ShouldContain($"当年累计产值 20,150万元 低于上月报送的 {lastYearToDate:#,0}万元：当年累计数不应减少");
        refused.ShouldNotContain("2.02亿元 低于");
    }

    [Fact]
    public async Task Within_the_month_the_form_offers_no_报送_and_says_the_day_it_opens()
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "lishan-township");
        await using var _ = factory;
        int forceId;
        using (var scope = factory.Services.CreateScope())
            forceId = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().TaskForces.Where(f => f.Town!.Name == "历山镇蜂蜜专业镇").Select(f => f.Id).SingleAsync();
        var month = ReportMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
        var next = month.Next;

        // This month is not over: 报送 would be refused (ReportDeadline.EnsureMonthEnded), so the button is shown disabled
        // with the day it opens, and only 保存草稿 posts.
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync($"/Reports/Report/{forceId}/{month.Year}/{month.Month}"));
        var submit = page.QuerySelector("#submit-report");
        submit.ShouldNotBeNull();
        submit.HasAttribute("disabled").ShouldBeTrue();
        (submit.GetAttribute("formaction") ?? "").ShouldNotContain("handler=Submit");
        page.QuerySelector("#report-form")!.InnerHtml.ShouldNotContain("handler=Submit");
        page.QuerySelector("#submit-opens")!.TextContent.ShouldContain($"{next.Year}年{next.Month}月1日起方可报送");
        page.QuerySelector("#save-draft").ShouldNotBeNull();
    }
}

