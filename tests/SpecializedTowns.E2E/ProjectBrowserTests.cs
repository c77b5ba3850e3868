using Microsoft.Playwright;

namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class ProjectBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task A_signed_project_is_started_then_put_into_production_and_its_history_shows_both()
    {
        var page = await fixture.SignedInPageAsync("yuanqu-office");
        var list = await page.GotoAsync(fixture.BaseUrl + "/Projects");
        // The list comes without ECharts; it is fetched once the summary with its charts is there.
        (await list!.TextAsync()).ShouldNotContain("<script src=\"/lib/echarts");
        await page.WaitForSelectorAsync("#funnel-chart canvas");
        await page.WaitForSelectorAsync("#investment-chart canvas");
        (await page.InnerTextAsync("table.table-hover tbody")).ShouldContain("历山镇蜂蜜冷链仓储项目");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("projects.png"), FullPage = true });

        await page.ClickAsync("table.table-hover >> text=皋落食用菌工厂化生产线项目");
        (await page.InnerTextAsync("h1")).ShouldContain("皋落食用菌工厂化生产线项目");
        (await page.InnerTextAsync(".card .stage")).ShouldBe("签约");

        // 签约 → 开工 → 投产, each on the default date (today), with a note the history keeps.
        (await page.Locator("#stage option").AllInnerTextsAsync()).ShouldBe(["开工"]);
        await page.FillAsync("#note", "参加全县集中开工活动");
        await page.ClickAsync("form[action*='handler=Stage'] button[type=submit]");
        (await page.InnerTextAsync(".alert-success")).ShouldContain("开工");
        (await page.InnerTextAsync(".card .stage")).ShouldBe("开工");
        await page.SelectOptionAsync("#stage", "InProduction");
        await page.ClickAsync("form[action*='handler=Stage'] button[type=submit]");
        (await page.InnerTextAsync(".card .stage")).ShouldBe("投产");

        await page.ClickAsync("button[data-bs-target='#tab-history']");
        await page.WaitForSelectorAsync("#tab-history.show");
        var history = await page.InnerTextAsync("#tab-history");
        history.ShouldContain("签约 → 开工");
        history.ShouldContain("开工 → 投产");
        history.ShouldContain("参加全县集中开工活动");
        await page.ClickAsync("button[data-bs-target='#tab-profile']");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("project-detail.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task When_the_summary_cannot_be_had_the_library_says_so_and_still_lists_the_projects()
    {
        var page = await fixture.SignedInPageAsync("yuanqu-office");
        await page.RouteAsync("**/Projects?*handler=Summary*", route => route.FulfillAsync(new() { Status = 500, Body = "" }));
        await page.GotoAsync(fixture.BaseUrl + "/Projects?stage=Started");
        var alert = page.Locator("[role=alert]:has-text('这部分内容加载失败')");
        await alert.WaitForAsync();
        (await alert.InnerTextAsync()).ShouldBe("这部分内容加载失败（服务器出错），请稍后刷新页面重试。");
        (await page.Locator("text=正在汇总").CountAsync()).ShouldBe(0);
        (await page.InnerTextAsync("table.table-hover tbody")).ShouldContain("历山蜂产品精深加工扩建项目");
    }

    [BrowserFact]
    public async Task The_responsible_unit_reports_a_month_and_a_bad_figure_is_refused_in_chinese()
    {
        var page = await fixture.SignedInPageAsync("yuanqu-member");
        await page.GotoAsync(fixture.BaseUrl + "/Projects");
        (await page.Locator("a.btn:has-text('登记项目')").CountAsync()).ShouldBe(0);
        // The bell fills in after the page: the member unit is told of the blocked land guarantee of its project. Its
        // placeholder is a plain link to the notifications page, so the click waits for the bell itself (a dropdown).
        await page.ClickAsync("#bell.dropdown > a");
        await page.WaitForSelectorAsync("#bell .dropdown-menu a.dropdown-item");
        (await page.InnerTextAsync("#bell .dropdown-menu")).ShouldContain("历山镇蜂蜜冷链仓储项目：用地保障受阻");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("notifications-bell.png") });
        await page.Keyboard.PressAsync("Escape");
        await page.ClickAsync("table.table-hover >> text=黄河鱼苗繁育基地技改项目");
        await page.ClickAsync("button[data-bs-target='#tab-progress']");
        await page.WaitForSelectorAsync("#tab-progress.show");

        await page.FillAsync("#ProgressForm_InvestmentCompletedWanYuan", "36.5");
        await page.FillAsync("#ProgressForm_PhysicalProgress", "");
        await page.ClickAsync("form[action*='handler=Progress'] button[type=submit]");
        (await page.InnerTextAsync("#tab-progress")).ShouldContain("请填写形象进度");
        (await page.InputValueAsync("#ProgressForm_InvestmentCompletedWanYuan")).ShouldBe("36.5");

        await page.FillAsync("#ProgressForm_PhysicalProgress", "二号循环水车间设备调试");
        await page.FillAsync("#ProgressForm_Difficulties", "电力增容待批");
        await page.ClickAsync("form[action*='handler=Progress'] button[type=submit]");
        (await page.InnerTextAsync(".alert-success")).ShouldContain("进展已保存");
        var table = await page.InnerTextAsync("#tab-progress table");
        table.ShouldContain("二号循环水车间设备调试");
        table.ShouldContain("36.5万元");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("project-progress.png"), FullPage = true });
    }
}
