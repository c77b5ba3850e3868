using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Notifications;

/// <summary>
/// A leader (read-only) hears of what the leadership is to press — overdue problems and 督办通知书 overdue for rectification
/// (垣政办发〔2023〕19号 五（四）, 新政办发〔2023〕33号 四（五）) — labelled 查看, and its bell, card and list agree.
/// </summary>
public partial class LeaderReminderTests
{
    private static readonly HtmlParser Html = new();

    [GeneratedRegex("查看全部（([0-9,]+)）")]
    private static partial Regex SeeAll();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_leader_reads_overdue_problems_and_rectification_with_a_view_link_and_the_counts_agree(StorageProvider provider)
    {
        var (factory, leader) = await PageSignIn.OwnPlatformAsync(provider, "yuncheng-leader");
        await using var _ = factory;

        var page = Html.ParseDocument(await leader.GetStringAsync("/Notifications"));
        var rows = page.QuerySelectorAll("tbody tr").ToList();
        var texts = rows.Select(r => WebUtility.HtmlDecode(r.QuerySelectorAll("td")[2].TextContent.Trim())).ToList();
        // The demo's 垣曲 problems past their limit, and 垣曲's notice to 古城镇 past its rectification date, as the city office hears of them.
        texts.ShouldContain(t => Regex.IsMatch(t, "^古城黄河水产水域滩涂养殖证续期办理时间长：逾期 \\d+ 天未答复$"));
        texts.ShouldContain(t => Regex.IsMatch(t, "^皋落乡食用菌专业镇菌种生产技术人员短缺：逾期 \\d+ 天未答复$"));
        texts.ShouldContain(t => Regex.IsMatch(t, "^垣专办督〔2026〕1号（古城镇）：逾期 \\d+ 天未完成整改$"));
        texts.ShouldNotContain(t => t.Contains("请督办") || t.Contains("请决定处理"), "the leader is asked to do nothing");
        rows.Select(r => r.QuerySelector("td:last-child a")!.TextContent.Trim()).ShouldAllBe(label => label == "查看");
        rows.ShouldAllBe(r => r.QuerySelector("td:last-child")!.ClassList.Contains("text-nowrap"));

        // The bell, the dashboard's card and the list count the same.
        var total = int.Parse(SeeAll().Match(await leader.GetStringAsync("/Notifications?handler=BellItems")).Groups[1].Value);
        // A row standing for several matters ("N 项任务已逾期") counts as that many, as the 全部 button adds them up.
        total.ShouldBe(int.Parse(page.QuerySelector("a[data-items]")!.GetAttribute("data-items")!));
        total.ShouldBeGreaterThanOrEqualTo(rows.Count);
        (await leader.GetStringAsync("/Notifications?handler=Bell")).ShouldContain($"aria-label=\"通知提醒 {total} 条\"");
        var card = Html.ParseDocument(await leader.GetStringAsync("/Notifications?handler=Summary"));
        card.QuerySelector("h2 a.badge")!.TextContent.Trim().ShouldBe(total.ToString());
        card.QuerySelectorAll("a.btn").Select(a => a.TextContent).ShouldContain(a => a.Contains("问题台账"));
        card.QuerySelectorAll("a.btn").Select(a => a.TextContent).ShouldContain(a => a.Contains("督办通知书"));

        // The office still has its own wording and 去处理.
        var office = await PageSignIn.BrowserAsync(factory, "yuncheng-office");
        var officePage = WebUtility.HtmlDecode(await office.GetStringAsync("/Notifications"));
        officePage.ShouldContain("去处理");
        officePage.ShouldContain("未答复，请督办");
    }
}
