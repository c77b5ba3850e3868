using System.Text;
using ExcelDataReader;

namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class ExportBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task A_clerk_ticks_two_enterprises_and_downloads_only_those_to_excel()
    {
        var page = await fixture.SignedInPageAsync("yuanqu-office", 1366, 768);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.GotoAsync(fixture.BaseUrl + "/Enterprises");
        var rows = page.Locator("table tbody tr");
        var names = new[] { await rows.Nth(0).Locator("td:nth-child(2) a").InnerTextAsync(), await rows.Nth(2).Locator("td:nth-child(2) a").InnerTextAsync() };
        await rows.Nth(0).Locator("input[name=ids]").CheckAsync();
        await rows.Nth(2).Locator("input[name=ids]").CheckAsync();
        (await page.Locator("input[data-export-all]").EvaluateAsync<bool>("b => b.indeterminate")).ShouldBeTrue();

        await page.ClickAsync(".export-menu .dropdown-toggle");
        (await page.InnerTextAsync("[data-export-count]")).ShouldBe("2");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("export-selected.png") });
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("button[data-export-selected][value=xlsx]"));
        download.SuggestedFilename.ShouldStartWith("企业名录_");
        download.SuggestedFilename.ShouldEndWith(".xlsx");

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        await using var file = await download.CreateReadStreamAsync();
        var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        buffer.Position = 0;
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(buffer);
        var exported = new List<string>();
        while (reader.Read()) exported.Add(reader.GetString(0));
        exported.ShouldBe(new[] { "企业名称", names[0], names[1] });
        // The page fetched the file itself and says so, with the rows it counted (asked once more after the download).
        await page.Locator("#export-status").Locator("text=已导出").WaitForAsync();
        (await page.Locator("#export-status").InnerTextAsync()).ShouldContain("（2 行）");

        // The header box ticks the whole page; unticking it leaves nothing to export.
        await page.Locator("input[data-export-all]").CheckAsync();
        (await page.Locator("input[name=ids]:checked").CountAsync()).ShouldBe(await rows.CountAsync());
        await page.Locator("input[data-export-all]").UncheckAsync();
        (await page.Locator("button[data-export-selected][value=xlsx]").IsDisabledAsync()).ShouldBeTrue();
        errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task The_export_page_downloads_the_whole_directory_and_shows_the_rows_it_wrote()
    {
        var page = await fixture.SignedInPageAsync("shanxi-office", 1366, 768);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.GotoAsync(fixture.BaseUrl + "/Exports");
        var row = page.Locator("#export-list tr", new() { HasText = "企业名录" });
        var download = await page.RunAndWaitForDownloadAsync(() => row.Locator("a[data-export]", new() { HasText = "CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldStartWith("企业名录_");
        download.SuggestedFilename.ShouldEndWith(".csv");
        await using var file = await download.CreateReadStreamAsync();
        using var reader = new StreamReader(file, Encoding.UTF8);
        var lines = 0;
        while (await reader.ReadLineAsync() is { Length: > 0 }) lines++;
        lines.ShouldBeGreaterThan(1);

        var status = page.Locator("#export-status");
        await status.Locator("text=已导出").WaitForAsync();
        (await status.InnerTextAsync()).ShouldContain($"（{lines - 1:N0} 行）");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("export-progress-done.png") });
        errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task An_expired_sign_in_is_said_instead_of_downloading_the_sign_in_page_and_a_closed_card_stays_closed()
    {
        var page = await fixture.SignedInPageAsync("yuanqu-office", 1366, 768);
        var downloads = 0;
        page.Download += (_, _) => downloads++;
        await page.GotoAsync(fixture.BaseUrl + "/Towns");

        // A list that does not count its rows: the card shows the time waited, then the file with the place in its name.
        var download = await page.RunAndWaitForDownloadAsync(async () =>
        {
            await page.ClickAsync(".export-menu .dropdown-toggle");
            await page.ClickAsync(".export-menu a[data-export][href*='format=csv']");
        });
        download.SuggestedFilename.ShouldStartWith("专业镇名录_垣曲县_");
        await page.Locator("#export-status").Locator("text=已导出").WaitForAsync();
        await page.Locator("#export-status .btn-close").ClickAsync();
        (await page.Locator("#export-status").IsVisibleAsync()).ShouldBeFalse();

        // The session is gone (expired, or signed out in another tab).
        await page.Context.ClearCookiesAsync();
        await page.ClickAsync(".export-menu .dropdown-toggle");
        await page.ClickAsync(".export-menu a[data-export][href*='format=xlsx']");
        var status = page.Locator("#export-status");
        await status.Locator("text=登录已过期").WaitForAsync();
        (await status.InnerTextAsync()).ShouldContain("导出失败");
        downloads.ShouldBe(1, "nothing downloaded for the expired session");
    }
}
