using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Commendations;

/// <summary>
/// 全国市场占有率排名's form: the page carries the towns, and the enterprises of the town chosen come when it is chosen
/// (a province's towns hold tens of thousands of leading and supporting enterprises).
/// </summary>
public class RanksPageTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_form_lists_the_enterprises_of_the_town_chosen_and_no_town_outside_scope(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        int town, otherTown, foreignTown;
        List<string> expected;
        await using (var db = storage.CreateContext())
        {
            var yuncheng = await db.Towns.Where(t => t.County!.Path.StartsWith("山西省/运城市/")).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
            (town, otherTown) = (yuncheng[0], yuncheng[1]);
            foreignTown = await db.Towns.Where(t => !t.County!.Path.StartsWith("山西省/运城市/")).Select(t => t.Id).FirstAsync();
            expected = await db.Enterprises.Where(e => e.SpecializedTownId == town && (e.Role == EnterpriseRole.Leading || e.Role == EnterpriseRole.Supporting))
                .OrderBy(e => e.Role).ThenBy(e => e.Name).Select(e => e.Name).ToListAsync();
        }
        expected.ShouldNotBeEmpty();
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, "yuncheng-office", TestDatabases.DemoPassword);

        var page = await client.GetStringAsync("/Commendations/Ranks");
        var choices = Regex.Match(page, "<select[^>]*id=\"Input_EnterpriseId\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
        Regex.Matches(choices, "<option").Count.ShouldBe(1, "before a town is chosen only 不指定");
        page.ShouldContain("hx-get=\"/Commendations/Ranks?handler=Enterprises\"");

        var options = await client.GetStringAsync($"/Commendations/Ranks?handler=Enterprises&Input.TownId={town}");
        Regex.Matches(options, "<option value=\"\\d+\"[^>]*>([^<]*)</option>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ShouldBe(expected);
        options.ShouldStartWith("<option value=\"\">不指定");
        (await client.GetStringAsync($"/Commendations/Ranks?handler=Enterprises&Input.TownId={otherTown}")).ShouldNotContain(WebUtility.HtmlEncode(expected[0]) + "</option>");
        (await client.GetAsync($"/Commendations/Ranks?handler=Enterprises&Input.TownId={foreignTown}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A member unit reads the list but records nothing, so it gets no choices either.
        var member = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(member, "yuanqu-member", TestDatabases.DemoPassword);
        (await member.GetAsync($"/Commendations/Ranks?handler=Enterprises&Input.TownId={town}")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
    }
}
