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

    [Fact]
    public async Task An_unknown_sort_or_tab_is_said_above_the_list_which_keeps_its_default()
    {
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        foreach (var list in new[] { "/Problems", "/Towns", "/Projects", "/Enterprises", "/Notices" })
        {
            var unknown = await PageAsync(office, list + "?sort=size");
            unknown.ShouldContain("未知的排序方式“size”，已按默认排序", customMessage: list);
            // The default order is the page with no sort at all, note aside.
            Rows(unknown).ShouldBe(Rows(await PageAsync(office, list)), list);
            (await PageAsync(office, list + "?sort=-")).ShouldContain("未知的排序方式“-”，已按默认排序", customMessage: list);
        }
        // The columns' own keys, either way round and in any letter case, are no note.
        foreach (var known in new[] { "/Problems?sort=-deadline", "/Towns?sort=NAME", "/Towns?sort=-output", "/Projects?sort=investment", "/Projects?sort=warning",
                     "/Enterprises?sort=-name", "/Notices?sort=Number", "/Problems?sort=" })
            (await PageAsync(office, known)).ShouldNotContain("filter-note", customMessage: known);
        var upper = await PageAsync(office, "/Towns?sort=NAME");
        Rows(upper).ShouldBe(Rows(await PageAsync(office, "/Towns?sort=name")));
        // The header says the order the list is in: 专业镇 ▲ for NAME, 预警 ▼ (the default) for a sort that names nothing.
        upper.ShouldContain("<a href=\"/Towns?sort=-name\">专业镇 ▲</a>");
        (await PageAsync(office, "/Projects?sort=size")).ShouldContain("<span>预警 ▼</span>");
        // 预警 sorts one way only (most urgent first): the other way is not a column's order but a silent sort by name.
        (await PageAsync(office, "/Projects?sort=-warning")).ShouldContain("未知的排序方式“-warning”，已按默认排序");

        (await PageAsync(office, "/Problems?tab=UNITS")).ShouldNotContain("filter-note");
        (await PageAsync(office, "/Problems?tab=" + Uri.EscapeDataString("按单位统计"))).ShouldContain("class=\"nav-link active\" href=\"/Problems?tab=units\"");
        var tab = await PageAsync(office, "/Problems?tab=archive");
        tab.ShouldContain("未知的标签页“archive”，已显示“问题清单”");
        tab.ShouldContain("class=\"nav-link active\" href=\"/Problems\"");
        // A tab that is someone else's (已逾期 is the office's) is said to be so, not unknown.
        var member = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-member");
        (await PageAsync(member, "/Problems?tab=overdue")).ShouldContain("您不能查看“已逾期”，已显示“问题清单”");
    }

    [Fact]
    public async Task Junk_in_a_sort_or_tab_is_a_note_never_a_500()
    {
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuncheng-office");
        string[] junk = [new string('x', 5000), "排序😀\u200b", "<script>alert(1)</script>", "--name", "-name-", "%00", " name", "'; drop table towns; --"];
        foreach (var value in junk)
            foreach (var url in new[] { "/Problems?sort=", "/Towns?sort=", "/Projects?sort=", "/Enterprises?sort=", "/Notices?sort=", "/Problems?tab=" })
            {
                var response = await office.GetAsync(url + Uri.EscapeDataString(value));
                response.StatusCode.ShouldBe(HttpStatusCode.OK, url + value[..Math.Min(20, value.Length)]);
                var html = await response.Content.ReadAsStringAsync();
                html.ShouldNotContain("<script>alert(1)</script>");
                // Said cut short: an address can carry a page of text.
                if (value.Length > 40) WebUtility.HtmlDecode(html).ShouldContain($"“{new string('x', 40)}…”");
                if (value.Trim() != "name") WebUtility.HtmlDecode(html).ShouldContain(url.EndsWith("tab=") ? "未知的标签页" : "未知的排序方式", customMessage: url + value[..Math.Min(20, value.Length)]);
            }
    }

    /// <summary>The list's rows (their first links), in order.</summary>
    private static List<string> Rows(string page) =>
        System.Text.RegularExpressions.Regex.Matches(page, "<tr[^>]*>\\s*<td[^>]*>.*?href=\"(/[A-Za-z]+/Detail/\\d+)\"", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value).ToList();
}
