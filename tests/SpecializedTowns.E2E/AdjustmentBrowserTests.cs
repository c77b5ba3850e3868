namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class AdjustmentBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task The_province_office_reads_the_proposal_to_exit_with_its_years_and_clauses()
    {
        var page = await fixture.SignedInPageAsync("shanxi-office", 1366, 900);
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.ClickAsync("nav >> text=动态调整");
        (await page.InnerTextAsync("h1")).ShouldBe("动态调整");
        var tabs = await page.InnerTextAsync("ul.nav-tabs");
        tabs.ShouldContain("升级候选");
        tabs.ShouldContain("建议退出/降级");

        await page.ClickAsync("ul.nav-tabs >> text=建议退出/降级");
        var table = page.Locator("table.adjustments");
        (await table.InnerTextAsync()).ShouldContain("平定砂器刻花瓷专业镇");
        await page.ClickAsync("table.adjustments summary");
        var row = await table.InnerTextAsync();
        row.ShouldContain("2023 年 上下游配套企业");
        row.ShouldContain("阳政办发〔2023〕24号 四（五）");
        row.ShouldContain("平台默认");
        await page.ClickAsync("ul.nav-tabs >> text=全部");
        await page.ClickAsync("table.adjustments tbody tr:first-child summary");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("adjustments.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task The_shuozhou_office_sees_the_commendations_a_year_triggered_and_records_a_ranking()
    {
        var page = await fixture.SignedInPageAsync("shuozhou-office", 1366, 900);
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.ClickAsync("nav >> text=表扬");
        (await page.InnerTextAsync("h1")).ShouldBe("表扬");
        var main = await page.InnerTextAsync("main");
        main.ShouldContain("怀仁市金沙滩日用瓷业有限公司2023年营收 10.75亿元，首次突破10亿元");
        main.ShouldContain("年度评估表扬名单");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("commendations.png"), FullPage = true });

        await page.SelectOptionAsync("#year", "2024");
        await page.ClickAsync("form.filter-bar button[type=submit]");
        var filtered = await page.InnerTextAsync("main");
        filtered.ShouldContain("骨质瓷餐具2024年全国市场占有率排名第 9 名，首次进入全国前10名");
        filtered.ShouldNotContain("首次突破10亿元");

        await page.ClickAsync("text=全国市场占有率排名登记");
        await page.FillAsync("#Input_Product", "羔羊肉");
        await page.FillAsync("#Input_Rank", "0");
        await page.ClickAsync("form:has(#Input_Product) button[type=submit]");
        await page.WaitForSelectorAsync("text=请选择专业镇");
        (await page.InnerTextAsync("main")).ShouldContain("全国排名名次应为 1 到 1000 之间的整数");
        (await page.InputValueAsync("#Input_Product")).ShouldBe("羔羊肉");
    }
}
