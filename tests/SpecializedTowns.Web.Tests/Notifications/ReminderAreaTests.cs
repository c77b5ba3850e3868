using System.Net;
using System.Text.RegularExpressions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Notifications;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Notifications;

/// <summary>
/// 通知提醒's ?area= tells an area with nothing due now (an empty list) from a word that names no area (said above the
/// list, which is shown whole), as the other lists do with their filters.
/// </summary>
public partial class ReminderAreaTests
{
    [GeneratedRegex("href=\"/Notifications\\?area=([^\"]+)\"")]
    private static partial Regex AreaLink();

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_area_that_names_nothing_is_said_and_the_whole_list_shown()
    {
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        var all = await PageAsync(office, "/Notifications");
        all.ShouldContain("class=\"btn btn-sm btn-primary\" href=\"/Notifications\">全部");

        var unknown = await PageAsync(office, "/Notifications?area=" + Uri.EscapeDataString("催办"));
        unknown.ShouldContain("未知的事项类别“催办”，已显示全部");
        unknown.ShouldContain("class=\"btn btn-sm btn-primary\" href=\"/Notifications\">全部");
        unknown.ShouldContain("去处理");

        // Every area a source files under is one the page knows: with nothing due it is an empty list, not an unknown word.
        foreach (var area in ReminderCentre.Areas)
        {
            var page = await PageAsync(office, "/Notifications?area=" + Uri.EscapeDataString(area));
            page.ShouldNotContain("filter-note", customMessage: area);
            page.ShouldNotContain("class=\"btn btn-sm btn-primary\" href=\"/Notifications\">全部", customMessage: area);
        }
    }

    [Fact]
    public async Task Every_area_the_demo_accounts_are_reminded_under_is_a_known_area()
    {
        var seen = new HashSet<string>();
        foreach (var user in new[] { "admin", "shanxi-office", "yuncheng-office", "yuanqu-office", "yuanqu-member", "lishan-township", "xinjiang-office" })
        {
            var page = await PageAsync(await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, user), "/Notifications");
            foreach (Match m in AreaLink().Matches(page)) seen.Add(Uri.UnescapeDataString(m.Groups[1].Value));
        }
        seen.ShouldNotBeEmpty();
        seen.ShouldBeSubsetOf(ReminderCentre.Areas);
    }
}
