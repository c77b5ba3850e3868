namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class TargetBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task The_office_filters_targets_to_its_document_and_opens_one_with_its_history_chart()
    {
        var page = await fixture.SignedInPageAsync("yuanqu-office");
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.ClickAsync("nav >> text=目标监测");
        (await page.InnerTextAsync("h1")).ShouldBe("目标监测");

        await page.SelectOptionAsync("#document", "yuanqu-2023-19");
        await page.ClickAsync("form.filter-bar button[type=submit]");
        var groups = await page.Locator("h2.h6").AllInnerTextsAsync();
        groups.Count.ShouldBe(1);
        // The document's title once, with its number beside it.
        groups[0].ShouldBe("垣曲县促进专业镇高质量发展实施方案 垣政办发〔2023〕19号");
        (await page.InnerTextAsync("table.targets")).ShouldContain("垣政办发〔2023〕19号 二（二）");

        await page.ClickAsync("table.targets >> text=市级专业镇数量");
        (await page.InnerTextAsync("h1")).ShouldContain("市级专业镇数量");
        // The page does not wait for ECharts: the chart is drawn when it has come.
        (await (await page.APIRequest.GetAsync(page.Url)).TextAsync()).ShouldNotContain("<script src=\"/lib/echarts");
        await page.WaitForSelectorAsync("#history-chart canvas");
        (await page.InnerTextAsync("#history-table")).ShouldContain("2023年");
        (await page.InnerTextAsync("main")).ShouldContain("计算方法");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("targets.png"), FullPage = true });
    }
}
