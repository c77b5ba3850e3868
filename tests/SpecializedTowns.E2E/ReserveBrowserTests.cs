namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class ReserveBrowserTests(BrowserFixture fixture)
{
    /// <summary>ECharts and the city outlines are fetched only as the county map nears the screen, below the heat map and the ranking.</summary>
    [BrowserFact]
    public async Task The_county_map_loads_its_scripts_only_as_it_nears_the_screen()
    {
        var page = await fixture.SignedInPageAsync("yongji-office", 1366, 500);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.GotoAsync(fixture.BaseUrl + "/Reserve?year=2024");
        (await page.EvaluateAsync<double>("document.getElementById('county-map').getBoundingClientRect().top - innerHeight")).ShouldBeGreaterThan(300, "the map starts well below the screen");
        await page.WaitForTimeoutAsync(500);
        (await page.EvaluateAsync<bool>("typeof echarts === 'undefined' && !document.querySelector('script[src*=echarts]')")).ShouldBeTrue("nothing of ECharts fetched yet");

        await page.Locator("#county-map-card").ScrollIntoViewIfNeededAsync();
        await page.WaitForSelectorAsync("#county-map canvas");
        (await page.EvaluateAsync<int>("document.querySelectorAll('script[src*=echarts]').length")).ShouldBe(2, "ECharts and 运城's outline");
        (await page.EvaluateAsync<int>("echarts.getInstanceByDom(document.getElementById('county-map')).getOption().series[0].data.length")).ShouldBeGreaterThan(0);
        errors.ShouldBeEmpty();
    }

    /// <summary>From the heat map to a 储备 town with its 培育方案 (ReserveDemo: 张营镇's 果品 enterprises belong to no town).</summary>
    [BrowserFact]
    public async Task The_yongji_office_goes_from_the_heat_map_to_a_reserve_town_with_its_plan()
    {
        var page = await fixture.SignedInPageAsync("yongji-office", 1366, 900);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        // The menu entry is wired at merge; the page lives at /Reserve.
        await page.GotoAsync(fixture.BaseUrl + "/Reserve?year=2024");
        (await page.InnerTextAsync("h1")).ShouldBe("储备培育");
        (await page.InnerTextAsync("#heatmap")).ShouldContain("乡镇 × 产业热力图：区位熵（对县）（2024年）");
        // The county map of 运城市 is drawn for the focus industry (as it nears the screen), its figures also in a table.
        await page.Locator("#county-map").ScrollIntoViewIfNeededAsync();
        await page.WaitForSelectorAsync("#county-map canvas");
        (await page.InnerTextAsync("#county-map-card h2")).ShouldStartWith("县域地图：");
        (await page.TextContentAsync("#county-table"))!.ShouldContain("永济市");
        // Back to the top, or the full-page shot shows the fixed top bar halfway down.
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("reserve.png"), FullPage = true });

        await page.ClickAsync("td.heat-cell[data-township='张营镇'][data-industry='果品'] a");
        await page.WaitForURLAsync(url => url.Contains("industry="));
        var rows = page.Locator("#candidates tr[data-candidate]");
        (await rows.CountAsync()).ShouldBe(1, "the cell filters the candidates to its industry");
        var row = await rows.InnerTextAsync();
        row.ShouldContain("张营镇");
        row.ShouldContain("永济市县级专业镇认定标准：未达 4 项");
        row.ShouldContain("龙头企业还差 1 家");

        // The plan's year is chosen once above the candidates and goes with the row's button; its tasks are led by 永济's office unit.
        var thisYear = DateTime.UtcNow.AddHours(8).Year.ToString();
        await page.SelectOptionAsync("#plan-year", thisYear);
        (await page.InputValueAsync("#plan-lead")).ShouldNotBeNullOrEmpty("永济 seats its office in 市工科局, a registered unit");
        var lead = (await page.InnerTextAsync("#plan-lead option:checked")).Split('（')[0];
        await page.ClickAsync("#candidates tr[data-candidate] button:has-text('列入储备')");
        await page.WaitForSelectorAsync(".alert-success");
        (await page.InnerTextAsync(".alert-success")).ShouldContain($"已将“张营镇果品专业镇”列入储备，并生成{thisYear}年培育方案（5 项任务，牵头单位：{lead}）");
        (await page.InnerTextAsync("td.heat-cell[data-township='张营镇'][data-industry='果品']")).ShouldContain("储备");

        await page.ClickAsync("#saved-plan");
        await page.WaitForURLAsync(url => url.Contains("/Tasks/Plan/"));
        var plan = await page.InnerTextAsync("main");
        plan.ShouldContain("张营镇果品专业镇培育方案");
        plan.ShouldContain("对照永济市县级专业镇认定标准补齐差距");
        plan.ShouldContain("龙头企业达到1 家（县级标准）");
        plan.ShouldContain("年产值达到1亿元（县级标准）");
    }
}
