using System.Net;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Problems;

/// <summary>
/// The lists whose filters are keys of their own (规上企业 yes/no, a policy pack, a year, a clause) read them as the enum
/// filters are read (ListFilterValueTests): any case or the Chinese name, and a value naming nothing said above the list.
/// </summary>
public class MoreListFilterValueTests
{
    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keys_of_a_lists_own_are_read_in_any_case_and_unknown_ones_are_said()
    {
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");

        var above = await PageAsync(office, "/Enterprises?aboveScale=YES");
        above.ShouldNotContain("filter-note");
        above.ShouldContain("class=\"nav-link active\" href=\"/Enterprises?aboveScale=yes\"");
        (await PageAsync(office, "/Enterprises?aboveScale=maybe")).ShouldContain("未知的规上企业“maybe”，已显示全部");

        var document = await PageAsync(office, "/Targets?document=YUANQU-2023-19");
        document.ShouldNotContain("filter-note");
        document.ShouldContain("<option value=\"yuanqu-2023-19\" selected=\"selected\">");
        var nowhere = await PageAsync(office, "/Targets?document=nowhere-2099-1");
        nowhere.ShouldContain("未知的政策文件“nowhere-2099-1”，已显示全部");
        nowhere.ShouldNotContain("selected=\"selected\">垣");

        (await PageAsync(office, "/Support/Training?year=all")).ShouldNotContain("filter-note");
        (await PageAsync(office, "/Support/Training?year=abc")).ShouldContain("未知的年度“abc”，已显示");
        (await PageAsync(office, "/Support/Funds?clause=" + Uri.EscapeDataString("第九十九条"))).ShouldContain("未知的支持条款“第九十九条”，已显示全部");
        (await PageAsync(office, "/Support/Funds?clause=")).ShouldNotContain("filter-note");
    }
}
