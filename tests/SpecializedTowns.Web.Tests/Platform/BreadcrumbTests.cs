using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Platform;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Platform;

/// <summary>The trail above a page: a detail or edit page leads back to the list it is reached from (Breadcrumbs).</summary>
public class BreadcrumbTests
{
    [Fact]
    public async Task Every_page_of_the_platform_has_its_place_and_every_list_above_one_is_a_page()
    {
        var factory = await SeededPlatforms.GetAsync(StorageProvider.Sqlite);
        var pages = factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>().Select(d => d.ViewEnginePath).ToHashSet();
        pages.Except(Breadcrumbs.Pages).ShouldBeEmpty("pages without a place in Breadcrumbs: a list, or under which list");
        Breadcrumbs.Pages.Except(pages).ShouldBeEmpty("places in Breadcrumbs for pages there are not");
        foreach (var page in pages)
            foreach (var level in Breadcrumbs.For(page))
                (pages.Contains(level.Url) || pages.Contains(level.Url + "/Index")).ShouldBeTrue($"{page}: {level.Name} ({level.Url}) is not a page");
    }

    /// <summary>The trail's items: each one's text and link (none for the page itself).</summary>
    private static async Task<List<(string Text, string? Href)>> TrailAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var doc = new HtmlParser().ParseDocument(html);
        return doc.QuerySelectorAll("nav[aria-label=breadcrumb] li")
            .Select(li => (li.TextContent.Trim(), li.QuerySelector("a")?.GetAttribute("href"))).ToList();
    }

    private static async Task<string> FirstLinkAsync(HttpClient client, string list, string pattern)
    {
        var match = Regex.Match(await client.GetStringAsync(list), $"href=\"({pattern})\"");
        match.Success.ShouldBeTrue($"{list} links to {pattern}");
        return match.Groups[1].Value;
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_detail_page_shows_its_list_between_the_home_page_and_its_own_name(StorageProvider provider)
    {
        var office = await SeededPlatforms.SignedInAsync(provider, "yuncheng-office");
        foreach (var (list, name, pattern) in new[]
                 {
                     ("/Towns", "专业镇名录", @"/Towns/Detail/\d+"), ("/Projects", "重点项目库", @"/Projects/Detail/\d+"),
                     ("/Problems", "问题台账", @"/Problems/Detail/\d+"), ("/Notices", "督办通知书/整改", @"/Notices/Detail/\d+"),
                     ("/Enterprises", "企业名录", @"/Enterprises/Detail/\d+"), ("/Policies", "政策文件", @"/Policies/Detail/[^""]+"),
                 })
        {
            var detail = await FirstLinkAsync(office, list, pattern);
            var trail = await TrailAsync(office, detail);
            trail.Count.ShouldBe(3, detail);
            trail[0].ShouldBe(("首页", "/"), detail);
            trail[1].ShouldBe((name, list), detail);
            trail[2].Href.ShouldBeNull(detail);
            trail[2].Text.ShouldNotBeNullOrWhiteSpace(detail);
            trail[2].Text.ShouldNotBe(name, detail);
        }

        // A task sits in its plan, a month's report with its task force, both under their lists.
        var plan = await FirstLinkAsync(office, "/Tasks", @"/Tasks/Plan/\d+");
        var task = await FirstLinkAsync(office, plan, @"/Tasks/Detail/\d+");
        var taskTrail = await TrailAsync(office, task);
        taskTrail.Select(t => t.Href).ShouldBe(["/", "/Tasks", plan, null]);
        var report = await FirstLinkAsync(office, "/Reports", @"/Reports/Report/\d+/\d+/\d+");
        var reportTrail = await TrailAsync(office, report);
        reportTrail.Select(t => t.Href).Take(2).ShouldBe(["/", "/Reports"]);
        reportTrail[2].Href.ShouldNotBeNull().ShouldStartWith("/Reports/TaskForce/");
        reportTrail[2].Text.ShouldEndWith("专班");
        reportTrail[3].Text.ShouldEndWith("月报");

        // An edit page too; a list itself has nothing between.
        (await TrailAsync(office, "/Projects/Edit")).Select(t => t.Href).ShouldBe(["/", "/Projects", null]);
        (await TrailAsync(office, "/Towns")).ShouldBe([("首页", "/"), ("专业镇名录", null)]);
    }
}
