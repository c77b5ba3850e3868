using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;

namespace SpecializedTowns.E2E;

/// <summary>
/// QA120 #6 and #8 as the person sees them: a month's report opened in two tabs before the first save, a bookmarked month
/// that cannot be reported, and 月报 in a county without a 专班.
/// </summary>
[Collection("browser")]
public sealed class ReportTwoTabsBrowserTests(BrowserFixture fixture)
{
    private static string Shot(string name) => Path.Combine(Path.GetTempPath(), name);

    [BrowserFact]
    public async Task The_second_tabs_first_save_is_refused_with_its_figures_kept_and_says_another_window()
    {
        int forceId;
        var month = ReportMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
        using (var scope = fixture.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            // A 新绛 task force nobody has started this month's report for (no other browser test writes these).
            forceId = await db.TaskForces.Where(f => f.County!.Path.Contains("新绛县"))
                .Where(f => !db.MonthlyReports.Any(r => r.TaskForceId == f.Id && r.Year == month.Year && r.Month == month.Month))
                .OrderByDescending(f => f.Id).Select(f => f.Id).FirstAsync();
        }
        var url = $"{fixture.BaseUrl}/Reports/Report/{forceId}/{month.Year}/{month.Month}";
        var first = await fixture.SignedInPageAsync("xinjiang-office");
        var second = await first.Context.NewPageAsync();
        await first.GotoAsync(url);
        await second.GotoAsync(url);

        await first.FillAsync("#Input_OutputWanYuan", "2100");
        await first.ClickAsync("#save-draft");
        (await first.InnerTextAsync(".alert-success")).ShouldContain("草稿已保存");

        await second.FillAsync("#Input_OutputWanYuan", "2200");
        await second.ClickAsync("#save-draft");
        var alert = await second.InnerTextAsync("#report-error");
        alert.ShouldStartWith("该记录已在另一窗口中保存（");
        alert.ShouldContain("您填写的内容未保存但已保留在下方");
        alert.ShouldNotContain("他人");
        (await second.InputValueAsync("#Input_OutputWanYuan")).ShouldBe("2200");
        await second.ScreenshotAsync(new() { Path = Shot("report-two-tabs.png"), FullPage = true });
        using (var scope = fixture.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<TownsDbContext>().MonthlyReports
                .Where(r => r.TaskForceId == forceId && r.Year == month.Year && r.Month == month.Month).Select(r => r.OutputWanYuan).SingleAsync())
                .ShouldBe(2100m, "the first tab's draft stands");

        // Compared and saved again: it goes through.
        await second.ClickAsync("#save-draft");
        (await second.InnerTextAsync(".alert-success")).ShouldContain("草稿已保存");
        (await second.InputValueAsync("#Input_OutputWanYuan")).ShouldBe("2200");
        await first.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_month_not_yet_begun_says_so_and_a_county_without_a_task_force_is_told_there_is_no_summary()
    {
        int forceId;
        using (var scope = fixture.Services.CreateScope())
            forceId = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().TaskForces.Where(f => f.Town!.Name == "历山镇蜂蜜专业镇").Select(f => f.Id).SingleAsync();
        var next = ReportMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).Next;
        var township = await fixture.SignedInPageAsync("lishan-township");
        await township.GotoAsync($"{fixture.BaseUrl}/Reports/Report/{forceId}/{next.Year}/{next.Month}");
        (await township.InnerTextAsync("#report-unavailable")).ShouldBe($"{next.Chinese}尚未开始，不能填报");
        await township.ScreenshotAsync(new() { Path = Shot("report-not-begun.png"), FullPage = true });
        await township.Context.CloseAsync();

        var yongji = await fixture.SignedInPageAsync("yongji-office");
        await yongji.GotoAsync($"{fixture.BaseUrl}/Reports");
        (await yongji.InnerTextAsync("#summary-none")).ShouldContain("永济市尚未设立专业镇推进专班，没有可通报的月报");
        (await yongji.Locator("#summary-docx").CountAsync()).ShouldBe(0);
        await yongji.ScreenshotAsync(new() { Path = Shot("reports-no-task-force.png"), FullPage = true });
        await yongji.Context.CloseAsync();
    }
}
