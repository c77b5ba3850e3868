using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Recognition;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>
/// A town's page: its tabs count all of its enterprises and projects, list the first few and link to the full lists
/// (a large town has thousands of enterprises); the gap to the next tier is the recognition check of that town.
/// </summary>
public class TownDetailPageTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_town_s_page_counts_all_its_enterprises_and_projects_lists_the_first_and_links_to_the_rest(StorageProvider provider)
    {
        // Its own platform: the town gets more enterprises and projects than the demo gives any, some of the projects late.
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using (var db = storage.CreateContext())
        {
            var town = await db.Towns.Where(t => t.County!.Path.StartsWith("山西省/运城市/")).OrderBy(t => t.Id).FirstAsync();
            db.Enterprises.AddRange(Enumerable.Range(1, 30).Select(i => new Enterprise
            {
                Name = $"页面测试企业{i:D2}", Uscc = Uscc.Demo("140827", 950_000 + i), CountyId = town.CountyId, SpecializedTownId = town.Id,
                Role = i % 10 == 0 ? EnterpriseRole.Leading : EnterpriseRole.Supporting,
                Designations = i == 10 ? [new EnterpriseDesignation { Key = "high-tech" }] : [],
            }));
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            db.Projects.AddRange(Enumerable.Range(1, 25).Select(i => new KeyProject
            {
                Name = $"页面测试项目{i:D2}", SpecializedTownId = town.Id, CountyId = town.CountyId, OwnerName = "测试企业", Kind = ProjectKind.New,
                Role = ProjectRole.Flagship, TotalInvestmentWanYuan = 100, PlanYear = today.Year, Stage = ProjectStage.Planning,
                PlannedSignedOn = i % 5 == 0 ? today.AddDays(-30) : today.AddDays(200), CreatedAtUtc = DateTime.UtcNow,
            }));
            await db.SaveChangesAsync();
        }
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, "yuncheng-office", TestDatabases.DemoPassword);
        int townId, enterprises, projects, foreignTown;
        string townName, townCounty;
        List<string> firstListed;
        RecognitionStandard standard;
        RecognitionResult expectedCheck;
        using (var services = factory.Services.CreateScope())
        {
            var db = services.ServiceProvider.GetRequiredService<TownsDbContext>();
            var catalog = services.ServiceProvider.GetRequiredService<PolicyCatalog>();
            // The 运城 town with the most enterprises: more than the page lists.
            var biggest = await db.Towns.Where(t => t.County!.Path.StartsWith("山西省/运城市/"))
                .Select(t => new { t.Id, t.Name, t.Tier, County = t.County!.Name, CountyPath = t.County!.Path, Enterprises = db.Enterprises.Count(e => e.SpecializedTownId == t.Id) })
                .OrderByDescending(t => t.Enterprises).FirstAsync();
            (townId, townName, townCounty, enterprises) = (biggest.Id, biggest.Name, biggest.County, biggest.Enterprises);
            enterprises.ShouldBeGreaterThan(Pages.Towns.DetailModel.Listed, "the demo's largest 运城 town has more enterprises than the page lists");
            projects = await db.Projects.CountAsync(p => p.SpecializedTownId == townId);
            firstListed = await db.Enterprises.Where(e => e.SpecializedTownId == townId).OrderBy(e => e.Role).ThenBy(e => e.Name).ThenBy(e => e.Id)
                .Select(e => e.Name).Take(Pages.Towns.DetailModel.Listed).ToListAsync();
            foreignTown = await db.Towns.Where(t => t.County!.Path.StartsWith("山西省/阳泉市/")).Select(t => t.Id).FirstAsync();
            standard = catalog.Standards.Where(s => Tiers.Parse(s.Tier) is { } tier && tier > biggest.Tier
                    && catalog.AreaOf(s) is var area && (biggest.CountyPath == area || biggest.CountyPath.StartsWith(area + "/")))
                .OrderBy(s => Tiers.Parse(s.Tier)).First();
            // What the check of every town of the county says of this one.
            expectedCheck = (await StoredTownRecognition.RecognizeAsync(db, standard, biggest.CountyPath)).Single(r => r.TownId == townId).Result;
        }

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/Towns/Detail/{townId}"));
        page.ShouldContain($"企业（{enterprises:N0}）");
        // The two tabs are fetched as soon as the page is shown; the project tab puts its count into its label.
        page.ShouldContain($"<div hx-get=\"/Towns/Detail/{townId}?handler=Enterprises\" hx-trigger=\"load\"");
        page.ShouldContain($"<div hx-get=\"/Towns/Detail/{townId}?handler=Projects\" hx-trigger=\"load\"");
        var enterpriseTab = WebUtility.HtmlDecode(await client.GetStringAsync($"/Towns/Detail/{townId}?handler=Enterprises"));
        enterpriseTab.ShouldNotContain("<html", Case.Sensitive, "the tab alone, without the layout");
        Regex.Matches(enterpriseTab, @"<a href=""/Enterprises/Detail/\d+"">([^<]+)</a>").Select(m => m.Groups[1].Value).ShouldBe(firstListed, "leading enterprises first, then by name");
        firstListed.ShouldContain("页面测试企业10");
        enterpriseTab.ShouldContain("<td class=\"small\">高新技术企业</td>", Case.Sensitive, "designations by their Chinese names");
        enterpriseTab.ShouldNotContain("high-tech");
        enterpriseTab.ShouldContain($"<a class=\"small\" href=\"/Enterprises?town={townId}\">仅列出前 {Pages.Towns.DetailModel.Listed} 家（龙头企业在前），共 {enterprises:N0} 家，在企业名录中查看全部</a>");
        var projectTab = WebUtility.HtmlDecode(await client.GetStringAsync($"/Towns/Detail/{townId}?handler=Projects"));
        projectTab.ShouldContain($"<span id=\"town-project-count\" hx-swap-oob=\"true\">（{projects:N0}）</span>");
        Regex.Matches(projectTab, @"<a href=""/Projects/Detail/\d+"">").Count.ShouldBe(Math.Min(projects, Pages.Towns.DetailModel.Listed));
        projects.ShouldBeGreaterThan(Pages.Towns.DetailModel.Listed);
        projectTab.ShouldContain($"<a class=\"small\" href=\"/Projects?town={townId}\">仅列出前 {Pages.Towns.DetailModel.Listed} 个（有预警的在前），共 {projects:N0} 个，在重点项目库中查看全部</a>");
        // A town outside the office's city: neither tab, as for its page.
        foreach (var handler in new[] { "Enterprises", "Projects", "History" })
            (await client.GetAsync($"/Towns/Detail/{foreignTown}?handler={handler}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, handler);
        // Red before yellow before green.
        var badges = Regex.Matches(projectTab, @"<span class=""badge warn-(red|yellow|green)"">").Select(m => m.Groups[1].Value switch { "red" => 0, "yellow" => 1, _ => 2 }).ToList();
        badges.Count.ShouldBe(Pages.Towns.DetailModel.Listed);
        badges.ShouldBe(badges.Order().ToList());
        badges[0].ShouldBe(0, "the late projects are red and come first");

        var gap = Between(page, "id=\"tab-gap\"", "id=\"tab-audit\"");
        gap.ShouldContain($"对照 <strong>{standard.Name}</strong>");
        foreach (var c in expectedCheck.Criteria) gap.ShouldContain($"<tr><td>{c.Title}</td><td class=\"status-{c.Result}\">{Results.Chinese[c.Result]}</td><td>{c.Explanation}</td>");

        // The link: the enterprise list of that town, all of them, each named with the town.
        var list = WebUtility.HtmlDecode(await client.GetStringAsync($"/Enterprises?town={townId}"));
        list.ShouldContain($"共 {enterprises} 条");
        list.ShouldContain($"<option value=\"{townId}\" selected=\"selected\">{townName}（{townCounty}）</option>");
        list.ShouldNotContain($"<option value=\"{foreignTown}\"", Case.Sensitive, "the filter offers only the towns of the person's scope");
        Regex.Matches(list, @"<a href=""/Enterprises/Detail/\d+"">([^<]+)</a>").Select(m => m.Groups[1].Value).ShouldBe(firstListed, "the same order as the town's page");
        // A town outside the office's city is dropped with a note (qa105 5), and none of its enterprises is listed: the list is
        // the office's own, all of it.
        var foreign = WebUtility.HtmlDecode(await client.GetStringAsync($"/Enterprises?town={foreignTown}"));
        foreign.ShouldContain("所选专业镇不在您的数据范围内，已清除");
        foreign.ShouldNotContain("阳泉市");
        var all = WebUtility.HtmlDecode(await client.GetStringAsync("/Enterprises"));
        Regex.Match(foreign, @"共 ([\d,]+) 条").Groups[1].Value.ShouldBe(Regex.Match(all, @"共 ([\d,]+) 条").Groups[1].Value);
    }

    private static string Between(string page, string from, string to)
    {
        var start = page.IndexOf(from, StringComparison.Ordinal);
        start.ShouldBeGreaterThan(-1, from);
        var end = page.IndexOf(to, start, StringComparison.Ordinal);
        end.ShouldBeGreaterThan(start, to);
        return page[start..end];
    }
}
