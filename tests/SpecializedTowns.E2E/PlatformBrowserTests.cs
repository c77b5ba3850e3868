namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class PlatformBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Sign_in_shows_the_dashboard_of_the_users_own_jurisdiction()
    {
        var page = await fixture.SignedInPageAsync("yuncheng-office");
        (await page.InnerTextAsync("header")).ShouldContain("运城市");
        (await page.InnerTextAsync("main")).ShouldContain("目标监测");
        await page.WaitForSelectorAsync("#output-chart canvas");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("dashboard.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task Town_list_filters_and_detail_tabs_work()
    {
        var page = await fixture.SignedInPageAsync("yuncheng-office");
        await page.GotoAsync(fixture.BaseUrl + "/Towns");
        await page.SelectOptionAsync("#jurisdiction", "垣曲县");
        await page.ClickAsync("form.filter-bar button[type=submit]");
        var rows = await page.Locator("tbody tr").CountAsync();
        rows.ShouldBe(3);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("towns.png") });

        await page.ClickAsync("text=历山镇蜂蜜专业镇");
        (await page.InnerTextAsync("h1")).ShouldContain("历山镇蜂蜜专业镇");
        await page.ClickAsync("button[data-bs-target='#tab-gap']");
        await page.WaitForSelectorAsync("#tab-gap.show");
        (await page.InnerTextAsync("#tab-gap")).ShouldContain("运城市级专业镇认定标准");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("town-gap.png"), FullPage = true });
        await page.ClickAsync("button[data-bs-target='#tab-statistics']");
        await page.WaitForSelectorAsync("#tab-statistics.show #stats-chart canvas");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("town-statistics.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task A_wrong_password_is_refused_in_chinese_and_keeps_the_user_name()
    {
        var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/Account/Login");
        await page.FillAsync("#UserName", "yuanqu-office");
        await page.FillAsync("#Password", "wrong-password-1");
        await page.ClickAsync("button[type=submit]");
        (await page.InnerTextAsync(".alert")).ShouldContain("用户名或密码错误");
        (await page.InputValueAsync("#UserName")).ShouldBe("yuanqu-office");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("login-error.png") });
    }
}
