namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class DictionaryBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task The_import_page_opens_the_dictionary_at_the_column_s_list_and_the_admin_finds_it_in_the_menu()
    {
        // A county office has no 系统 menu, but the import page takes it to the list a column is filled from.
        var page = await fixture.SignedInPageAsync("yuanqu-office");
        await page.GotoAsync(fixture.BaseUrl + "/Imports?kind=enterprises");
        (await page.Locator("nav.sidebar a[href='/Admin/Dictionaries']").CountAsync()).ShouldBe(0);
        await page.ClickAsync("#dictionary-note >> text=企业类型");
        page.Url.ShouldEndWith("/Admin/Dictionaries#enterprise-role");
        var section = page.Locator("section#enterprise-role");
        (await section.IsVisibleAsync()).ShouldBeTrue();
        // Scrolled to (smoothly: wait for it to settle) just below the sticky top bar, and marked as the one the link meant.
        await page.WaitForFunctionAsync("() => Math.abs(document.getElementById('enterprise-role').getBoundingClientRect().top - 64) < 2");
        (await section.EvaluateAsync<string>("s => getComputedStyle(s).outlineStyle")).ShouldBe("solid");
        (await section.Locator("tbody td.name").AllInnerTextsAsync()).ShouldBe(["龙头企业", "配套企业", "家庭农场", "专业合作社"]);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("dictionaries-from-import.png") });

        var admin = await fixture.SignedInPageAsync("admin");
        await admin.GotoAsync(fixture.BaseUrl + "/");
        await admin.ClickAsync("nav.sidebar >> text=字典");
        (await admin.InnerTextAsync("h1")).ShouldBe("字典");
        await admin.ClickAsync("nav.dictionary-index >> text=问题类别");
        admin.Url.ShouldEndWith("#problem-category");
        await admin.WaitForFunctionAsync("() => Math.abs(document.getElementById('problem-category').getBoundingClientRect().top - 64) < 2");
        await admin.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("dictionaries.png") });
    }
}
