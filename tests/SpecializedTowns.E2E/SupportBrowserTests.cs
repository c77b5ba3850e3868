namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class SupportBrowserTests(BrowserFixture fixture)
{
    /// <summary>
    /// 朔州's office from the menu to 品牌标准: the 山西精品 quota is met by 怀仁陶瓷; 朔州陶瓷's 地理标志 is granted and shows
    /// up as the town's brand; then a grant recorded in error is deleted and 资金绩效 no longer counts it.
    /// </summary>
    [BrowserFact]
    public async Task The_shuozhou_office_tracks_the_brand_quota_grants_a_geographical_indication_and_deletes_a_grant()
    {
        var page = await fixture.SignedInPageAsync("shuozhou-office", 1366, 900);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.ClickAsync("nav.sidebar a.menu-item:has-text('品牌标准')");
        await page.WaitForURLAsync(url => url.EndsWith("/Support/Brands"));
        (await page.InnerTextAsync("#quota-rules")).ShouldContain("每个市级专业镇至少打造1个“山西精品”公用品牌");
        (await page.InnerTextAsync("#quota-towns")).ShouldContain("怀仁陶瓷专业镇");
        (await page.InnerTextAsync("#quota-rollup tr[data-path='山西省/朔州市']")).ShouldContain("朔州市");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("support-brands.png"), FullPage = true });

        await page.ClickAsync("main .nav-pills a:has-text('地理标志')");
        await page.WaitForURLAsync(url => url.EndsWith("/Support/Brands/GeoIndications"));
        await page.ClickAsync("#gi-list a:has-text('朔州陶瓷')");
        await page.WaitForSelectorAsync("#gi-move");
        (await page.InnerTextAsync("#gi-status")).ShouldBe("已受理");

        // Granted without a number is refused with the reason, and nothing changes.
        await page.SelectOptionAsync("#To", "Approved");
        await page.ClickAsync("#gi-move button[type=submit]");
        await page.WaitForSelectorAsync("main .alert-danger");
        (await page.InnerTextAsync("main .alert-danger")).ShouldContain("获批时请填写注册号或公告号");
        (await page.InnerTextAsync("#gi-status")).ShouldBe("已受理");

        await page.SelectOptionAsync("#To", "Approved");
        await page.FillAsync("#Number", "第 61234567 号");
        await page.ClickAsync("#gi-move button[type=submit]");
        await page.WaitForSelectorAsync("main .alert-success");
        (await page.InnerTextAsync("main .alert-success")).ShouldContain("已登记获批，地理标志已计入该专业镇的品牌");
        (await page.InnerTextAsync("#gi-status")).ShouldBe("已获批");
        (await page.InnerTextAsync("#gi-history")).ShouldContain("已获批");

        await page.GotoAsync(fixture.BaseUrl + "/Support/Brands?kind=GeographicalIndication");
        var brand = await page.InnerTextAsync("#brand-list");
        brand.ShouldContain("朔州陶瓷");
        brand.ShouldContain("地理标志获批");

        // A grant entered in error: deleted from its detail page, gone from the list.
        await page.GotoAsync(fixture.BaseUrl + "/Support/Funds");
        var first = page.Locator("main table tbody tr a[href^='/Support/Funds/Detail/']").First;
        var href = await first.GetAttributeAsync("href");
        await first.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Support/Funds/Detail/"));
        await page.ClickAsync("main form button:has-text('删除')");
        await page.WaitForURLAsync(url => url.EndsWith("/Support/Funds"));
        (await page.InnerTextAsync("main .alert-success")).ShouldContain("已删除资金奖补记录");
        (await page.Locator($"main a[href='{href}']").CountAsync()).ShouldBe(0);
    }
}
