using Shouldly;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>
/// "下一页" reaches the next page on every list: the page number comes from the query string, not from the route value
/// Razor Pages also calls "page" (the page's path), which bound first and left every list on its first page.
/// </summary>
public class PagingTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Every_list_shows_the_page_asked_for(StorageProvider provider)
    {
        // Every list shows the pager on a page past its end (the demo has fewer than 20 rows in most), with the way back: an
        // empty state there ("没有符合条件的账号") would say the list is empty when it is not. (The demo has no applications:
        // /Applications rightly says so.)
        var admin = await SeededPlatforms.ClientAsync(provider, "admin");
        string[] lists =
        [
            "/Towns", "/Enterprises", "/Projects", "/Problems", "/Notices", "/Evaluations",
            "/Support/Talents", "/Support/Events", "/Support/Brands", "/Support/Brands/GeoIndications", "/Support/Training",
            "/Support/Finance", "/Support/Funds", "/Support/Listing", "/Support/Platforms", "/Tasks/Overdue", "/Admin/Users",
        ];
        var missed = new List<string>();
        foreach (var list in lists)
        {
            var html = await admin.GetStringAsync(list + "?page=2");
            if (!html.Contains("第 2 / ")) missed.Add(list + " " + System.Text.RegularExpressions.Regex.Match(html, "共 [^<]*页").Value + " " + System.Text.RegularExpressions.Regex.Match(html, "<h1[^>]*>[^<]*").Value);
        }
        missed.ShouldBeEmpty();

        // Far past the end, the way back is one click: to the last page.
        var past = await admin.GetStringAsync("/Towns?page=99");
        past.ShouldContain("第 99 / ");
        past.ShouldContain("已超出最后一页");
        System.Text.RegularExpressions.Regex.IsMatch(past, @"href=""/Towns\?page=\d+"">回到第 \d+ 页</a>").ShouldBeTrue();
        (await admin.GetStringAsync("/Towns")).ShouldNotContain("已超出最后一页");
    }
}
