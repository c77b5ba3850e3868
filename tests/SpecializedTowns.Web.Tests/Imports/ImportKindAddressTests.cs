using System.Net;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Imports;

/// <summary>
/// 导入's tab in the address (?kind=) is read as the lists read a filter: the key in any case or the tab's title; one that
/// names no tab, or a tab the person may not use, is said above the page with the tab shown instead.
/// </summary>
public class ImportKindAddressTests
{
    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private const string StatisticsTab = "class=\"nav-link active\" href=\"/Imports?kind=town-statistics\"";

    [Fact]
    public async Task A_kind_that_names_no_tab_or_one_not_allowed_is_said_with_the_tab_shown_instead()
    {
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        foreach (var word in new[] { "town-statistics", "TOWN-STATISTICS", "专业镇年度统计" })
        {
            var page = await PageAsync(office, "/Imports?kind=" + Uri.EscapeDataString(word));
            page.ShouldContain(StatisticsTab, customMessage: word);
            page.ShouldNotContain("filter-note", customMessage: word);
        }
        var unknown = await PageAsync(office, "/Imports?kind=farms");
        unknown.ShouldContain("未知的导入类型“farms”，已显示“企业名录”");
        unknown.ShouldContain("class=\"nav-link active\" href=\"/Imports?kind=enterprises\"");

        // 企业名录 is the office's to import; a township's page says so instead of opening its first tab as if asked for.
        var township = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "lishan-township");
        var refused = await PageAsync(township, "/Imports?kind=enterprises");
        refused.ShouldContain("您不能导入“企业名录”，已显示“企业年度统计”");
        refused.ShouldNotContain("href=\"/Imports?kind=enterprises\"");
        (await PageAsync(township, "/Imports")).ShouldNotContain("filter-note");
    }
}
