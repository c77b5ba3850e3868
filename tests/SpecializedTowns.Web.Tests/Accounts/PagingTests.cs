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
        // Lists that show the pager on a page past their end (the demo has fewer than 20 rows in most); the applications and
        // user lists show an empty state there instead, and bind their page number the same way.
        var admin = await SeededPlatforms.ClientAsync(provider, "admin");
        string[] lists =
        [
            "/Towns", "/Enterprises", "/Projects", "/Problems", "/Notices", "/Evaluations",
            "/Support/Talents", "/Support/Events", "/Support/Brands", "/Support/Brands/GeoIndications", "/Support/Training",
            "/Support/Finance", "/Support/Funds", "/Support/Listing", "/Support/Platforms", "/Tasks/Overdue",
        ];
        var missed = new List<string>();
        foreach (var list in lists)
        {
            var html = await admin.GetStringAsync(list + "?page=2");
            if (!html.Contains("第 2 / ")) missed.Add(list + " " + System.Text.RegularExpressions.Regex.Match(html, "共 [^<]*页").Value + " " + System.Text.RegularExpressions.Regex.Match(html, "<h1[^>]*>[^<]*").Value);
        }
        missed.ShouldBeEmpty();
    }
}
