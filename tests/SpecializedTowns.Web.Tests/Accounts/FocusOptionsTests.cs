using System.Net;
using System.Text.RegularExpressions;
using Shouldly;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>
/// The top bar's jurisdiction switch: a page carries only the choice being looked at; the cities and counties below the
/// person's own jurisdiction come from /Account/Focus?handler=Options when the person reaches for the switch.
/// </summary>
public class FocusOptionsTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_page_carries_the_switch_without_its_list_which_comes_on_request_for_those_who_may_switch(StorageProvider provider)
    {
        var province = await SeededPlatforms.ClientAsync(provider, "shanxi-office");
        var page = WebUtility.HtmlDecode(await province.GetStringAsync("/Towns"));
        var select = Regex.Match(page, @"<select class=""form-select form-select-sm place-switch""[^>]*>(.*?)</select>", RegexOptions.Singleline);
        select.Success.ShouldBeTrue();
        select.Value.ShouldContain("hx-get=\"/Account/Focus?handler=Options\"");
        Regex.Matches(select.Groups[1].Value, "<option").Count.ShouldBe(1, "only 山西省（全部） until the list is asked for");

        var options = WebUtility.HtmlDecode(await province.GetStringAsync("/Account/Focus?handler=Options"));
        options.ShouldNotContain("<html");
        options.ShouldStartWith("<option value=\"山西省\">山西省（全部）</option>");
        options.ShouldContain("<option value=\"山西省/运城市\">运城市</option>");
        options.ShouldContain("<option value=\"山西省/运城市/垣曲县\">　垣曲县</option>", Case.Sensitive, "counties indented under their city");
        options.ShouldNotContain("历山镇", Case.Sensitive, "cities and counties only");
        options.IndexOf("山西省/运城市\"", StringComparison.Ordinal).ShouldBeLessThan(options.IndexOf("山西省/运城市/垣曲县\"", StringComparison.Ordinal));

        // A city office sees its own counties only.
        var city = WebUtility.HtmlDecode(await (await SeededPlatforms.ClientAsync(provider, "yuncheng-office")).GetStringAsync("/Account/Focus?handler=Options"));
        city.ShouldContain("<option value=\"山西省/运城市/垣曲县\">　垣曲县</option>");
        city.ShouldNotContain("阳泉市");

        // Without scripts the top bar links to the same choices on a page of their own, which returns where it came from
        // (only within the platform).
        page.ShouldContain("<noscript><a class=\"btn btn-sm btn-outline-light\" href=\"/Account/Focus?returnUrl=%2FTowns\">切换</a></noscript>");
        var plain = WebUtility.HtmlDecode(await province.GetStringAsync("/Account/Focus?returnUrl=%2FTowns"));
        plain.ShouldContain("<input type=\"hidden\" name=\"returnUrl\" value=\"/Towns\">");
        plain.ShouldContain("<option value=\"山西省/运城市/垣曲县\">　垣曲县</option>");
        WebUtility.HtmlDecode(await province.GetStringAsync("/Account/Focus?returnUrl=https%3A%2F%2Fexample.com%2F"))
            .ShouldContain("<input type=\"hidden\" name=\"returnUrl\" value=\"/\">");

        // A county office has nothing below it: no switch on its pages.
        var county = WebUtility.HtmlDecode(await (await SeededPlatforms.ClientAsync(provider, "yuanqu-office")).GetStringAsync("/Towns"));
        county.ShouldNotContain("place-switch");

        // Township staff and experts cannot switch at all.
        foreach (var user in new[] { "lishan-township", "expert-zhang" })
            (await (await SeededPlatforms.ClientAsync(provider, user)).GetAsync("/Account/Focus?handler=Options")).StatusCode.ShouldBe(HttpStatusCode.NotFound, user);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Only_a_city_or_county_below_the_person_is_taken_as_the_focus_not_a_path_crafted_to_look_like_one(StorageProvider provider)
    {
        var city = await SeededPlatforms.SignedInAsync(provider, "yuncheng-office");
        async Task<string> FocusAsync(string path)
        {
            var form = await city.GetStringAsync("/Account/Focus");
            var token = PageSignIn.Antiforgery(form);
            var posted = await city.PostAsync("/Account/Focus", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["path"] = path, ["returnUrl"] = "/Enterprises",
            }));
            posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var page = WebUtility.HtmlDecode(await city.GetStringAsync("/Enterprises"));
            return Regex.Match(page, @"<select class=""form-select form-select-sm place-switch""[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
        }

        (await FocusAsync("山西省/运城市/垣曲县")).ShouldContain("垣曲县");
        var crafted = await FocusAsync("山西省/运城市/../阳泉市");
        crafted.ShouldNotContain("阳泉市");
        crafted.ShouldContain("运城市");
        (await FocusAsync("山西省/运城市/不存在县")).ShouldNotContain("不存在县");
    }
}
