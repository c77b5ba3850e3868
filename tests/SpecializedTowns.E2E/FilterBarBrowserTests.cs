using Microsoft.Playwright;

namespace SpecializedTowns.E2E;

/// <summary>qa105 #5: a filter bar shows the filters of the list under it, also after the browser's 返回.</summary>
[Collection("browser")]
public sealed class FilterBarBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task After_going_back_the_filter_bar_shows_the_filters_of_the_list_shown()
    {
        var page = await fixture.SignedInPageAsync("yuncheng-office");
        await page.GotoAsync(fixture.BaseUrl + "/Problems?status=open");
        await page.SelectOptionAsync("form.filter-bar #category", new SelectOptionValue { Index = 1 });
        var chosen = await page.InputValueAsync("form.filter-bar #category");
        chosen.ShouldNotBe("");
        await page.ClickAsync("form.filter-bar button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("category=" + chosen));

        await page.GoBackAsync();
        await page.WaitForURLAsync(u => !u.Contains("category=" + chosen));
        // The browser would put back the category last chosen over the list of every category.
        await Assertions.Expect(page.Locator("form.filter-bar #category")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("form.filter-bar #status")).ToHaveValueAsync("open");
    }
}
