using Microsoft.Playwright;

namespace SpecializedTowns.E2E;

/// <summary>
/// The layout on a phone (375px): the menu folds into an off-canvas panel opened from the top bar, the content takes the
/// width, wide tables scroll inside their card and no page scrolls sideways. The desktop layout stays as it was.
/// </summary>
[Collection("browser")]
public sealed class LayoutBrowserTests(BrowserFixture fixture)
{
    private async Task<string> FirstLinkAsync(IPage page, string list, string prefix)
    {
        await page.GotoAsync(fixture.BaseUrl + list);
        return await page.EvaluateAsync<string>($"document.querySelector('main a[href^=\"{prefix}\"]').getAttribute('href')");
    }

    /// <summary>
    /// The table cells that stand past the right edge of the screen with nothing to scroll them into view: the page itself does
    /// not scroll sideways (its scrollWidth stays 375), so a table wider than a card that does not scroll loses its last
    /// columns without a trace (qa110 9: the 工作台's 目标监测 hid 状态). A cell is reachable when a box around it scrolls.
    /// </summary>
    private static Task<string[]> CutCellsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        (() => {
            const width = document.documentElement.clientWidth;
            const scrolls = el => { const x = getComputedStyle(el).overflowX; return (x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth; };
            const cut = [];
            for (const cell of document.querySelectorAll('main table th, main table td')) {
                if (cell.offsetParent === null) continue;
                const r = cell.getBoundingClientRect();
                if (r.width === 0 || r.right <= width + 1) continue;
                let el = cell.parentElement, reachable = false;
                for (; el && el !== document.body; el = el.parentElement) if (scrolls(el)) { reachable = true; break; }
                if (!reachable) cut.push(cell.textContent.trim().slice(0, 20));
            }
            return cut;
        })()
        """);

    /// <summary>The buttons in the content whose label breaks over lines (“保/存草/稿”), by their label.</summary>
    private static Task<string[]> BrokenButtonsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        [...document.querySelectorAll('main .btn')].filter(b => b.offsetParent !== null && b.textContent.trim().length > 0)
            .filter(b => { const line = parseFloat(getComputedStyle(b).lineHeight) || 20; const pad = parseFloat(getComputedStyle(b).paddingTop) + parseFloat(getComputedStyle(b).paddingBottom); return b.getBoundingClientRect().height - pad > line * 1.5; })
            .map(b => b.textContent.trim())
        """);

    [BrowserFact]
    public async Task At_375px_the_dashboards_targets_show_their_state_and_the_report_buttons_keep_their_labels()
    {
        foreach (var user in new[] { "lishan-township", "yuanqu-member" })
        {
            var page = await fixture.SignedInPageAsync(user, 375, 800);
            await page.GotoAsync(fixture.BaseUrl + "/");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await CutCellsAsync(page)).ShouldBeEmpty(user);
            // 状态 is what the reader looks for: it comes before 期限, within the first screen's width where it fits.
            var headers = (await page.Locator("#dashboard-targets thead th").AllInnerTextsAsync()).ToList();
            headers.IndexOf("状态").ShouldBeLessThan(headers.IndexOf("期限"), user);
        }

        // The 月报 form of the month under way: 保存草稿 and 报送 beside the note that 报送 opens after the month.
        var township = await fixture.SignedInPageAsync("lishan-township", 375, 800);
        var report = await FirstLinkAsync(township, "/Reports", "/Reports/Report/");
        var taskForce = report.Split('/')[3];
        var today = DateTime.UtcNow.AddHours(8);
        (await township.GotoAsync($"{fixture.BaseUrl}/Reports/Report/{taskForce}/{today.Year}/{today.Month}"))!.Status.ShouldBe(200);
        (await township.IsVisibleAsync("#save-draft")).ShouldBeTrue();
        (await BrokenButtonsAsync(township)).ShouldBeEmpty();
        (await CutCellsAsync(township)).ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task At_375px_the_menu_folds_away_and_no_page_scrolls_sideways()
    {
        var page = await fixture.SignedInPageAsync("yuanqu-office", 375, 800);
        (await page.IsVisibleAsync("#sidebar")).ShouldBeFalse();
        (await page.IsVisibleAsync("header .menu-toggle")).ShouldBeTrue();

        var urls = new List<string> { "/", "/Projects", "/Leads", "/Problems", "/Towns", "/Enterprises", "/Tasks", "/Notifications", "/Support/Funds" };
        urls.Add(await FirstLinkAsync(page, "/Problems", "/Problems/Detail/"));
        urls.Add(await FirstLinkAsync(page, "/Projects", "/Projects/Detail/"));
        urls.Add(await FirstLinkAsync(page, await FirstLinkAsync(page, "/Tasks", "/Tasks/Plan/"), "/Tasks/Detail/"));
        urls.Add(await FirstLinkAsync(page, "/Reports", "/Reports/Report/"));
        foreach (var url in urls)
        {
            var response = await page.GotoAsync(fixture.BaseUrl + url);
            response!.Status.ShouldBe(200, url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375, url);
            // The content has the screen, not what a fixed menu leaves of it.
            (await page.EvaluateAsync<double>("document.querySelector('main.content').getBoundingClientRect().width")).ShouldBeGreaterThan(360, url);
            // The page title is not squeezed to a character a line: one line, or (a long title) the width of the screen.
            (await page.EvaluateAsync<bool>("(() => { const h = document.querySelector('main h1'); if (!h) return true; const r = h.getBoundingClientRect(); return r.height < 40 || r.width > 300; })()"))
                .ShouldBeTrue(url);
            // The top bar is one line.
            (await page.EvaluateAsync<double>("document.querySelector('header .brand').getBoundingClientRect().height")).ShouldBeLessThan(30, url);
            // No table loses columns past the screen's edge inside a card that does not scroll.
            (await CutCellsAsync(page)).ShouldBeEmpty(url);
        }

        // 重点项目库: the table scrolls inside its card, its cells are not a character wide.
        await page.GotoAsync(fixture.BaseUrl + "/Projects");
        const string list = "[...document.querySelectorAll('main table.table')].filter(t => t.offsetParent !== null).sort((a, b) => b.rows[0].cells.length - a.rows[0].cells.length)[0]";
        (await page.EvaluateAsync<bool>($"(() => {{ const t = {list}; return t.scrollWidth > t.clientWidth && getComputedStyle(t).overflowX === 'auto'; }})()")).ShouldBeTrue();
        (await page.EvaluateAsync<double>($"{list}.tBodies[0].rows[0].cells[1].getBoundingClientRect().width")).ShouldBeGreaterThan(60);

        // The menu opens from the top bar and takes the person where they tap.
        await page.ClickAsync("header .menu-toggle");
        await page.Locator("#sidebar a[href='/Problems']").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await page.ClickAsync("#sidebar a[href='/Problems']");
        await page.WaitForURLAsync(fixture.BaseUrl + "/Problems");
        (await page.IsVisibleAsync("#sidebar")).ShouldBeFalse();
    }

    [BrowserFact]
    public async Task On_a_desktop_the_menu_is_the_fixed_white_column_it_was()
    {
        var page = await fixture.SignedInPageAsync("yuanqu-office");
        (await page.IsVisibleAsync("#sidebar")).ShouldBeTrue();
        (await page.IsVisibleAsync("header .menu-toggle")).ShouldBeFalse();
        (await page.IsVisibleAsync("#sidebar .offcanvas-header")).ShouldBeFalse();
        (await page.EvaluateAsync<double>("document.getElementById('sidebar').getBoundingClientRect().width")).ShouldBe(190);
        (await page.EvaluateAsync<string>("getComputedStyle(document.getElementById('sidebar')).backgroundColor")).ShouldBe("rgb(255, 255, 255)");
        (await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('#sidebar .offcanvas-body')).display")).ShouldBe("block");
        (await page.InnerTextAsync("header .brand")).Trim().ShouldBe("专业镇高质量发展管理平台");
        // Tables are tables again above md.
        await page.GotoAsync(fixture.BaseUrl + "/Projects");
        (await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('main table.table')).display")).ShouldBe("table");
    }

    [BrowserFact]
    public async Task Two_refused_fields_in_one_cell_give_two_lines_not_one_sentence()
    {
        var page = await fixture.SignedInPageAsync("yuanqu-office");
        await page.GotoAsync(fixture.BaseUrl + "/Projects/Edit");
        await page.FillAsync("#Input_TotalInvestmentWanYuan", "100");
        await page.FillAsync("#Input_PlanYear", "1900");
        await page.FillAsync("#Input_AnnualPlannedInvestmentWanYuan", "5000");
        // The server's refusals are what is looked at, not the browser's own checks.
        await page.EvaluateAsync("() => { const f = document.getElementById('Input_PlanYear').form; f.noValidate = true; f.requestSubmit(); }");
        var year = page.Locator("span[data-valmsg-for='Input.PlanYear']");
        var annual = page.Locator("span[data-valmsg-for='Input.AnnualPlannedInvestmentWanYuan']");
        await year.WaitForAsync();
        (await year.InnerTextAsync()).ShouldContain("计划年度");
        (await annual.InnerTextAsync()).ShouldContain("年度计划投资");
        var first = (await year.BoundingBoxAsync())!;
        var second = (await annual.BoundingBoxAsync())!;
        second.Y.ShouldBeGreaterThanOrEqualTo(first.Y + first.Height - 1);
    }
}
