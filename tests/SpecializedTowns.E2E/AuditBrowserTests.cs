namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class AuditBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task A_change_made_in_the_browser_shows_on_the_audit_page_and_in_the_records_history_with_its_address()
    {
        var page = await fixture.SignedInPageAsync("xinjiang-office");
        await page.GotoAsync(fixture.BaseUrl + "/Enterprises");
        await page.ClickAsync("table >> a[href^='/Enterprises/Detail/'] >> nth=0");
        var detailUrl = page.Url;
        var name = (await page.InnerTextAsync("h1")).Trim();

        await page.ClickAsync("main a[href^='/Enterprises/Edit/']");
        var changed = name + "（审计）";
        await page.FillAsync("#Input_Name", changed);
        await page.ClickAsync("button[type=submit]:has-text('保存')");

        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.ClickAsync("nav >> text=审计日志");
        (await page.InnerTextAsync("h1")).ShouldBe("审计日志");
        await page.FillAsync("#search", changed);
        await page.ClickAsync("form.filter-bar button[type=submit]");
        var row = page.Locator("#audit-table > tbody > tr").First;
        var text = await row.InnerTextAsync();
        text.ShouldContain("xinjiang-office");
        text.ShouldContain("127.0.0.1");
        text.ShouldContain("修改");
        await row.Locator("summary").ClickAsync();
        var changes = await row.Locator("table.audit-changes").InnerTextAsync();
        changes.ShouldContain(name);
        changes.ShouldContain(changed);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("audit.png"), FullPage = true });

        // The link leads to the record, its 修改记录 opened.
        await row.Locator("a").First.ClickAsync();
        page.Url.ShouldStartWith(detailUrl.Split('#')[0]);
        var history = page.Locator("details#tab-audit");
        (await history.GetAttributeAsync("open")).ShouldNotBeNull();
        (await history.InnerTextAsync()).ShouldContain("xinjiang-office");
    }
}
