using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Projects;

/// <summary>
/// 三个一批's form over several counties: the projects that may take part come one county at a time, when its group is
/// opened (a province holds 20,000); a county office sees its own list in full; a form shown again keeps its ticks.
/// </summary>
public class BatchFormTests
{
    private static List<int> Ticks(string html) => Regex.Matches(html, "name=\"Input.ProjectIds\" value=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value)).ToList();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_city_office_opens_a_county_at_a_time_and_a_county_office_sees_its_list(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        Dictionary<int, List<int>> open;
        int foreignCounty;
        await using (var db = storage.CreateContext())
        {
            open = (await db.Projects.Where(p => p.County!.Path.StartsWith("山西省/运城市/") && p.Stage < ProjectStage.AtTarget)
                .Select(p => new { p.CountyId, p.Id }).ToListAsync()).GroupBy(p => p.CountyId).ToDictionary(g => g.Key, g => g.Select(p => p.Id).Order().ToList());
            foreignCounty = await db.Projects.Where(p => !p.County!.Path.StartsWith("山西省/运城市/")).Select(p => p.CountyId).FirstAsync();
        }
        open.Count.ShouldBeGreaterThan(1, "the demo has open projects in more than one 运城 county");
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        var city = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(city, "yuncheng-office", TestDatabases.DemoPassword);

        var page = await city.GetStringAsync("/Projects/Batches");
        Ticks(page).ShouldBeEmpty("no project list before a county is opened");
        Regex.Matches(page, "data-county=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value)).Order().ShouldBe(open.Keys.Order());
        foreach (var (countyId, ids) in open)
            Ticks(await city.GetStringAsync($"/Projects/Batches?handler=Candidates&county={countyId}")).Order().ShouldBe(ids);
        (await city.GetAsync($"/Projects/Batches?handler=Candidates&county={foreignCounty}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Shown again after a refusal (no title): the ticked project's county comes open with it ticked, the others closed.
        var (tickedCounty, tickedIds) = open.First();
        var token = PageSignIn.Antiforgery(page);
        var again = await city.PostAsync("/Projects/Batches", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Kind"] = "Started", ["Input.HeldOn"] = "2024-06-01", ["Input.Title"] = "", ["Input.ProjectIds"] = tickedIds[0].ToString(),
            ["__RequestVerificationToken"] = token,
        }));
        var shown = await again.Content.ReadAsStringAsync();
        Ticks(shown).Order().ShouldBe(tickedIds);
        shown.ShouldContain($"<input class=\"form-check-input\" type=\"checkbox\" name=\"Input.ProjectIds\" value=\"{tickedIds[0]}\" id=\"p-{tickedIds[0]}\" checked=\"checked\">");
        Regex.IsMatch(shown, $"<details class=\"mb-1\" open=\"open\" data-county=\"{tickedCounty}\"").ShouldBeTrue();

        var county = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(county, "yuanqu-office", TestDatabases.DemoPassword);
        var own = await county.GetStringAsync("/Projects/Batches");
        own.ShouldNotContain("data-county=");
        Ticks(own).ShouldNotBeEmpty();
    }
}
