using Microsoft.Playwright;
using System.Text.RegularExpressions;

namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class TownBrowserTests(BrowserFixture fixture)
{
    /// <summary>
    /// The enterprise, project and 修改记录 tabs of a town's page are fetched after the page shows: in a browser they are
    /// there when opened, and the project tab's count reaches its label.
    /// </summary>
    [BrowserFact]
    public async Task A_town_s_page_fills_its_enterprise_project_and_history_tabs_after_it_shows()
    {
        var page = await fixture.SignedInPageAsync("yuanqu-office");
        await page.GotoAsync(fixture.BaseUrl + "/Towns");
        // Followed by its address rather than clicked: on a loaded machine a click on a row that was still moving (the list
        // settling as it drew) once landed beside the link and no page came.
        await page.GotoAsync(fixture.BaseUrl + await page.GetAttributeAsync("table >> a[href^='/Towns/Detail/']:has-text('历山镇')", "href"));

        var projects = page.Locator("button[data-bs-target='#tab-projects']");
        await Assertions.Expect(projects).ToHaveTextAsync(new Regex(@"^项目（\d+）$"));
        await page.ClickAsync("button[data-bs-target='#tab-enterprises']");
        await page.WaitForSelectorAsync("#tab-enterprises.show a[href^='/Enterprises/Detail/']");
        (await page.InnerTextAsync("#tab-enterprises")).ShouldNotContain("正在读取");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("town-enterprises.png"), FullPage = true });

        await projects.ClickAsync();
        var count = int.Parse(Regex.Match(await projects.InnerTextAsync(), @"\d+").Value);
        (await page.Locator("#tab-projects a[href^='/Projects/Detail/']").CountAsync()).ShouldBe(Math.Min(count, 20));
        (await page.InnerTextAsync("#tab-projects")).ShouldContain("在重点项目库中查看");

        // A change made in the browser is in the 修改记录 tab the next time the page shows (another town: 历山's page is
        // the other browser tests').
        await page.GotoAsync(fixture.BaseUrl + "/Towns");
        await page.GotoAsync(fixture.BaseUrl + await page.GetAttributeAsync("table >> a[href^='/Towns/Detail/']:has-text('古城镇')", "href"));
        await page.ClickAsync("main a[href^='/Towns/Edit/']");
        await page.FillAsync("#Input_LeadingProducts", "鲤鱼、鲢鱼、鱼苗（修改记录测试）");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("/Towns/Detail/"));
        await page.ClickAsync("button[data-bs-target='#tab-audit']");
        await page.WaitForSelectorAsync("#tab-audit.show");
        // The tab shows at once and fills when its fragment arrives: wait for the entry rather than read it mid-load.
        await Assertions.Expect(page.Locator("#tab-audit")).ToContainTextAsync("yuanqu-office");
        (await page.InnerTextAsync("#tab-audit")).ShouldNotContain("正在读取");
    }
}
