namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class BatchBrowserTests(BrowserFixture fixture)
{
    /// <summary>三个一批 over a city: a county's projects come when its group is opened; ticks in one stay when another opens.</summary>
    [BrowserFact]
    public async Task A_city_office_ticks_projects_of_two_counties_opened_one_after_the_other()
    {
        var page = await fixture.SignedInPageAsync("yuncheng-office", 1366, 900);
        await page.GotoAsync(fixture.BaseUrl + "/Projects/Batches");
        var groups = page.Locator("details[data-county]");
        (await groups.CountAsync()).ShouldBeGreaterThan(1);
        (await page.Locator("input[name='Input.ProjectIds']").CountAsync()).ShouldBe(0, "nothing listed before a county is opened");

        var first = groups.Nth(0);
        await first.Locator("summary").ClickAsync();
        await first.Locator("input[name='Input.ProjectIds']").First.WaitForAsync();
        await first.Locator("input[name='Input.ProjectIds']").First.CheckAsync();
        var second = groups.Nth(1);
        await second.Locator("summary").ClickAsync();
        await second.Locator("input[name='Input.ProjectIds']").First.WaitForAsync();
        await second.Locator("input[name='Input.ProjectIds']").First.CheckAsync();

        (await page.Locator("input[name='Input.ProjectIds']:checked").CountAsync()).ShouldBe(2);
        // Closing and opening a county again does not fetch it anew (its ticks stay).
        await first.Locator("summary").ClickAsync();
        await first.Locator("summary").ClickAsync();
        (await page.Locator("input[name='Input.ProjectIds']:checked").CountAsync()).ShouldBe(2);
    }
}
