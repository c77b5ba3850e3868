using System.Net;
using System.Text.RegularExpressions;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Platform;

/// <summary>
/// The lists that grow with the province (目标监测, 通知提醒, 专班月报, 政策文件) page with the shared pager as the other lists
/// do: 20 rows a page, the filters kept in the page links, and a page past the end said so with the way back.
/// </summary>
public partial class GrowingListPagingTests
{
    [GeneratedRegex("共 (\\d+) (?:项目标|项|个专班|份文件)，第 (\\d+) / (\\d+) 页")]
    private static partial Regex Pager();

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static (int Total, int Page, int Pages) PagerOf(string page, string url) =>
        Pager().Match(page) is { Success: true } m ? (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value))
        : throw new ShouldAssertException($"{url} has no pager");

    private static int Ticks(string page) => Regex.Matches(page, "name=\"ids\"").Count;

    [Fact]
    public async Task The_province_targets_page_twenty_at_a_time_and_keep_their_filter()
    {
        var province = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "shanxi-office");
        var first = await PageAsync(province, "/Targets");
        var (total, page, pages) = PagerOf(first, "/Targets");
        total.ShouldBeGreaterThan(20, "the demo's packs hold more targets than one page");
        (page, pages).ShouldBe((1, (total + 19) / 20));
        Ticks(first).ShouldBe(20);
        var second = await PageAsync(province, "/Targets?page=2");
        Ticks(second).ShouldBe(Math.Min(20, total - 20));
        // The counts by state above the list are of every target, whichever page is shown.
        Regex.Matches(second, "text-decoration-none\" href=\"[^\"]*\">[^<]* (\\d+)</a>").Sum(m => int.Parse(m.Groups[1].Value)).ShouldBe(total);

        var past = await PageAsync(province, "/Targets?page=99");
        past.ShouldContain("已超出最后一页");
        Ticks(past).ShouldBe(0);
        past.ShouldNotContain("没有符合筛选条件的目标");

        // A filtered list is paged on its own, and its page links keep the filter.
        var (state, count) = Regex.Matches(first, "href=\"\\?document=&state=(\\w+)\">[^<]* (\\d+)</a>")
            .Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value))).MaxBy(s => s.Item2);
        count.ShouldBeGreaterThan(0);
        var filtered = await PageAsync(province, $"/Targets?state={state}&page=99");
        PagerOf(filtered, state).Total.ShouldBe(count);
        filtered.ShouldContain($"href=\"/Targets?state={state}&page={(count + 19) / 20}\">回到第");
    }

    [Fact]
    public async Task Reminders_reports_and_policies_page_and_say_a_page_past_the_end()
    {
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuncheng-office");

        var reminders = await PageAsync(office, "/Notifications");
        var (count, _, pages) = PagerOf(reminders, "/Notifications");
        // The pager counts matters as the area buttons do (a reminder for the rest stands for many); it pages the rows.
        var rows = Regex.Matches(reminders, ">(?:去处理|查看)</a>").Count;
        rows.ShouldBeLessThanOrEqualTo(count);
        if (pages > 1) rows.ShouldBe(20);
        var pastReminders = await PageAsync(office, "/Notifications?page=99");
        pastReminders.ShouldContain("已超出最后一页");
        pastReminders.ShouldNotContain("没有需要您处理的事项");

        var month = await PageAsync(office, "/Reports");
        var (forces, _, _) = PagerOf(month, "/Reports");
        month.ShouldContain($"共 {forces} 个专班</span>");
        var pastMonth = await PageAsync(office, "/Reports?page=99");
        pastMonth.ShouldContain("已超出最后一页");
        // The month's counts stay those of every task force.
        pastMonth.ShouldContain($"共 {forces} 个专班</span>");
        Regex.Matches(pastMonth, "name=\"ids\"").Count.ShouldBe(0);

        var policies = await PageAsync(office, "/Policies");
        PagerOf(policies, "/Policies").Total.ShouldBeGreaterThan(1);
        (await PageAsync(office, "/Policies?page=99")).ShouldContain("已超出最后一页");
    }
}
