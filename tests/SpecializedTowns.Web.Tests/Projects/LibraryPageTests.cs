using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Projects;

/// <summary>
/// 重点项目库 shows its list first and fills its summary cards after (`?handler=Summary`, htmx): the cards must be asked
/// for with the page's own filter, and count what the list counts. The table orders by each of its headers.
/// </summary>
public class LibraryPageTests
{
    // Its own platform: the shared one gains projects from other tests while this one counts.
    private static readonly DemoPlatforms Own = new();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_summary_is_asked_for_with_the_page_s_filter_and_counts_what_the_list_counts_in_every_order(StorageProvider provider)
    {
        var factory = await Own.GetAsync(provider);
        var client = await Own.SignedInAsync(provider, "yuncheng-office");
        var parser = new HtmlParser();

        var page = parser.ParseDocument(await client.GetStringAsync("/Projects?stage=Started&page=1&sort=name"));
        var placeholder = page.QuerySelector("[hx-get^='/Projects']").ShouldNotBeNull();
        var url = placeholder.GetAttribute("hx-get")!;
        url.ShouldBe("/Projects?stage=Started&handler=Summary", "the filter goes along; the page and order do not");
        page.QuerySelector("#funnel-chart").ShouldBeNull("the cards come afterwards");
        var listed = page.QuerySelectorAll("table.table-hover tbody tr").Length;

        var started = parser.ParseDocument(await client.GetStringAsync(url));
        started.QuerySelector("#funnel-chart").ShouldNotBeNull();
        started.QuerySelector("#projects-data").ShouldNotBeNull();
        var total = int.Parse(started.QuerySelector(".fs-4")!.TextContent.Replace("个", "").Trim());
        total.ShouldBeGreaterThan(0);
        total.ShouldBe(listed, "运城's started projects fit on one page");
        var funnel = started.QuerySelectorAll("details table tbody tr").Take(ProjectTerms.Stages.Length)
            .ToDictionary(r => r.Children[0].TextContent, r => int.Parse(r.Children[1].TextContent));
        funnel[ProjectTerms.Chinese(ProjectStage.Started)].ShouldBe(total);
        funnel.Where(f => f.Key != ProjectTerms.Chinese(ProjectStage.Started)).ShouldAllBe(f => f.Value == 0);

        // The warning filter narrows the cards as it narrows the list; a key in other letters is the same key.
        var redPage = parser.ParseDocument(await client.GetStringAsync("/Projects?warning=Red&PAGE=1"));
        var redUrl = redPage.QuerySelector("[hx-get^='/Projects']")!.GetAttribute("hx-get")!;
        redUrl.ShouldBe("/Projects?warning=Red&handler=Summary");
        var reds = parser.ParseDocument(await client.GetStringAsync(redUrl));
        var redTotal = int.Parse(reds.QuerySelector(".fs-4")!.TextContent.Replace("个", "").Trim());
        redTotal.ShouldBe(redPage.QuerySelectorAll("table.table-hover tbody tr").Length);
        redTotal.ShouldBeGreaterThan(0);
        reds.QuerySelector("a.warn-red")!.TextContent.ShouldBe($"红色预警 {redTotal}");

        List<(int Id, string Name, decimal Investment)> projects;
        using (var services = factory.Services.CreateScope())
            projects = (await services.ServiceProvider.GetRequiredService<TownsDbContext>().Projects
                .Where(p => p.County!.Path.StartsWith("山西省/运城市/")).Select(p => new { p.Id, p.Name, p.TotalInvestmentWanYuan }).ToListAsync())
                .Select(p => (p.Id, p.Name, p.TotalInvestmentWanYuan)).ToList();
        var yuncheng = projects.Count;
        // In the database's own order of names (its collation), as the page asks for it.
        List<string> byName;
        using (var services = factory.Services.CreateScope())
            byName = await services.ServiceProvider.GetRequiredService<TownsDbContext>().Projects
                .Where(p => p.County!.Path.StartsWith("山西省/运城市/")).OrderBy(p => p.Name).ThenBy(p => p.Id).Select(p => p.Name).Take(20).ToListAsync();
        var all = parser.ParseDocument(await client.GetStringAsync("/Projects?handler=Summary"));
        int.Parse(all.QuerySelector(".fs-4")!.TextContent.Replace("个", "").Trim()).ShouldBe(yuncheng);

        // Filtered by warning, a header still orders the table: the filtered projects, largest investment first.
        List<string> Names(AngleSharp.Dom.IDocument d) =>
            d.QuerySelectorAll("table.table-hover tbody tr").Select(r => r.Children[2].QuerySelector("a")!.TextContent).ToList();
        var warned = Names(parser.ParseDocument(await client.GetStringAsync("/Projects?warning=Yellow")));
        warned.Count.ShouldBeGreaterThan(1);
        Names(parser.ParseDocument(await client.GetStringAsync("/Projects?warning=Yellow&sort=investment")))
            .ShouldBe(projects.Where(p => warned.Contains(p.Name)).OrderByDescending(p => p.Investment).ThenBy(p => p.Id).Select(p => p.Name));

        // Every order of the table's headers answers, in its order.
        foreach (var (sort, column) in new[] { ("name", 2), ("town", 3), ("stage", 5), ("investment", 7), ("warning", 1) })
        {
            var sorted = parser.ParseDocument(await client.GetStringAsync($"/Projects?sort={sort}"));
            var cells = sorted.QuerySelectorAll("table.table-hover tbody tr").Select(r => r.Children[column]).ToList();
            cells.Count.ShouldBe(Math.Min(20, yuncheng), sort);
            var names = sorted.QuerySelectorAll("table.table-hover tbody tr").Select(r => r.Children[2].QuerySelector("a")!.TextContent).ToList();
            if (sort == "name") names.ShouldBe(byName, sort);
            if (sort == "investment")
                names.ShouldBe(projects.OrderByDescending(p => p.Investment).ThenBy(p => p.Id).Take(20).Select(p => p.Name), sort);
        }

        var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await anonymous.GetAsync("/Projects?handler=Summary")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
