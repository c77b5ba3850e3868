using System.Net;
using System.Text.RegularExpressions;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Platform;

/// <summary>An expert reviews applications: the menu offers that and what it needs, not pages empty or refused to them.</summary>
public class ExpertMenuTests
{
    [Fact]
    public async Task An_expert_s_menu_holds_only_what_an_expert_can_use()
    {
        var expert = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "expert-zhang");
        var links = Menu(await expert.GetStringAsync("/Applications"));
        links.ShouldBe(["/", "/Applications", "/Notifications", "/Policies"]);
        foreach (var link in links) (await expert.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.OK, link);

        // Everyone else keeps the full menu.
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        Menu(await office.GetStringAsync("/Applications")).ShouldContain("/Towns");
        Menu(await office.GetStringAsync("/Applications")).ShouldContain("/Reserve");
    }

    private static List<string> Menu(string html) =>
        Regex.Matches(Regex.Match(html, "<nav class=\"sidebar[^\"]*\"[^>]*>.*?</nav>", RegexOptions.Singleline).Value, "href=\"([^\"]+)\"")
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
}
