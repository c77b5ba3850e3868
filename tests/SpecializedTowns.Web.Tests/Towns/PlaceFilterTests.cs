using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Towns;

/// <summary>The 行政区划 filter of the list pages: its choices, and what it says about a place that is not one of them.</summary>
public class PlaceFilterTests
{
    private static readonly string[] Lists = ["/Towns", "/Reserve", "/Enterprises", "/Support/Listing", "/Support/Funds"];

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_office_s_own_place_is_all_of_it_and_other_names_are_told_apart(StorageProvider provider)
    {
        var yuncheng = await SeededPlatforms.ClientAsync(provider, "yuncheng-office");
        foreach (var list in Lists)
        {
            // Its own city is everything it sees, not "out of scope" (the province office was told 山西省 was).
            var own = await yuncheng.GetStringAsync($"{list}?jurisdiction=运城市");
            own.ShouldNotContain("已显示全部", customMessage: list);
            (await yuncheng.GetStringAsync($"{list}?jurisdiction=朔州市")).ShouldContain("“朔州市”不在您的数据范围内，已显示全部。", customMessage: list);
            (await yuncheng.GetStringAsync($"{list}?jurisdiction=不存在县")).ShouldContain("没有名为“不存在县”的行政区划，已显示全部。", customMessage: list);
        }
        // The office's own city is one of the choices: it stays chosen after the form is sent.
        WebUtility.HtmlDecode(await yuncheng.GetStringAsync("/Towns?jurisdiction=" + Uri.EscapeDataString("山西省/运城市")))
            .ShouldContain("<option value=\"山西省/运城市\" selected=\"selected\">");
        // A county office has nothing to choose between (its own county is all it sees): no select. Its own county by name
        // is fine, its city contains what it sees, a township is not a choice.
        var yuanqu = await SeededPlatforms.ClientAsync(provider, "yuanqu-office");
        var ownCounty = WebUtility.HtmlDecode(await yuanqu.GetStringAsync("/Towns?jurisdiction=垣曲县"));
        ownCounty.ShouldNotContain("id=\"jurisdiction\"");
        ownCounty.ShouldNotContain("已显示");
        WebUtility.HtmlDecode(await yuanqu.GetStringAsync("/Towns?jurisdiction=运城市")).ShouldContain("“运城市”包含您的数据范围垣曲县，已显示垣曲县的全部。");
        WebUtility.HtmlDecode(await yuanqu.GetStringAsync("/Towns?jurisdiction=历山镇")).ShouldContain("“历山镇”是乡镇（街道），这里按市、县（市、区）筛选，已显示全部。");

        // Filtered to a county, the 专业镇 choices are that county's towns only.
        foreach (var list in new[] { "/Enterprises", "/Support/Events", "/Support/Platforms", "/Support/Talents", "/Support/Training", "/Support/Brands" })
        {
            var all = WebUtility.HtmlDecode(await yuncheng.GetStringAsync(list));
            var one = WebUtility.HtmlDecode(await yuncheng.GetStringAsync(list + "?jurisdiction=" + Uri.EscapeDataString("山西省/运城市/垣曲县")));
            System.Text.RegularExpressions.Regex.IsMatch(all, "<option value=\"\\d+\"[^>]*>永济机电制造专业镇").ShouldBeTrue(list);
            System.Text.RegularExpressions.Regex.IsMatch(one, "<option value=\"\\d+\"[^>]*>永济机电制造专业镇").ShouldBeFalse(list);
            System.Text.RegularExpressions.Regex.IsMatch(one, "<option value=\"\\d+\"[^>]*>历山镇蜂蜜专业镇").ShouldBeTrue(list);
        }

        // The select sends the path; a bare name (older links) still finds the county.
        foreach (var written in new[] { "山西省/运城市/垣曲县", "垣曲县", "运城市/垣曲县" })
        {
            var county = WebUtility.HtmlDecode(await yuncheng.GetStringAsync("/Towns?jurisdiction=" + Uri.EscapeDataString(written)));
            county.ShouldNotContain("已显示全部", customMessage: written);
            county.ShouldContain("<option value=\"山西省/运城市/垣曲县\" selected=\"selected\">", customMessage: written);
            county.ShouldContain("垣曲县");
            county.ShouldNotContain("永济市</td>", customMessage: written);
        }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Two_counties_of_one_name_are_two_choices_and_the_bare_name_is_not_guessed(StorageProvider provider)
    {
        // 晋城市's 城区 and 阳泉市's are both in the reference tree, which holds all 117 counties.
        var storage = TestDatabases.Create(provider);
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: true, password: SeededPlatforms.Password);
        using (var services = factory.Services.CreateScope())
        {
            var db = services.ServiceProvider.GetRequiredService<TownsDbContext>();
            db.Jurisdictions.Count(j => j.Name == "城区" && j.Level == JurisdictionLevel.County).ShouldBe(2);
        }
        var province = factory.CreateClient(new() { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(province, "shanxi-office", SeededPlatforms.Password);

        foreach (var list in Lists)
        {
            var page = WebUtility.HtmlDecode(await province.GetStringAsync(list));
            page.ShouldContain("<option value=\"山西省/阳泉市/城区\">", customMessage: list);
            page.ShouldContain("<option value=\"山西省/晋城市/城区\">", customMessage: list);
            // Cities in the order of their division codes (太原 140100, 大同 140200, 阳泉 140300), not of their characters.
            page.IndexOf("value=\"山西省/太原市\"").ShouldBeLessThan(page.IndexOf("value=\"山西省/大同市\""), list);
            page.IndexOf("value=\"山西省/大同市\"").ShouldBeLessThan(page.IndexOf("value=\"山西省/阳泉市\""), list);
            page.IndexOf("value=\"山西省/阳泉市\"").ShouldBeLessThan(page.IndexOf("value=\"山西省/阳泉市/城区\""), list);

            var bare = WebUtility.HtmlDecode(await province.GetStringAsync(list + "?jurisdiction=城区"));
            bare.ShouldContain("“城区”有 2 处：阳泉市/城区、晋城市/城区，请写明上级，如“晋城市/城区”。已显示全部。", customMessage: list);
            bare.ShouldNotContain("selected=\"selected\">　城区", customMessage: list);

            var chosen = WebUtility.HtmlDecode(await province.GetStringAsync(list + "?jurisdiction=" + Uri.EscapeDataString("山西省/晋城市/城区")));
            chosen.ShouldNotContain("已显示全部", customMessage: list);
            chosen.ShouldContain("<option value=\"山西省/晋城市/城区\" selected=\"selected\">", customMessage: list);
        }

        // 阳泉's office has one 城区: the name is enough there.
        var yangquan = factory.CreateClient(new() { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(yangquan, "yangquan-office", SeededPlatforms.Password);
        var own = WebUtility.HtmlDecode(await yangquan.GetStringAsync("/Towns?jurisdiction=城区"));
        own.ShouldNotContain("已显示全部");
        own.ShouldContain("<option value=\"山西省/阳泉市/城区\" selected=\"selected\">");
        own.ShouldNotContain("晋城市/城区");

        // The API reads the place the same way: the bare name is a 400 naming both, the path is an answer.
        var api = factory.CreateClient();
        var token = await api.PostAsync("/api/v1/auth/token", JsonContent(new { userName = "shanxi-office", password = SeededPlatforms.Password }));
        api.DefaultRequestHeaders.Authorization = new("Bearer", JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString());
        var ambiguous = await api.GetAsync("/api/v1/enterprises?jurisdiction=" + Uri.EscapeDataString("城区"));
        ambiguous.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await ambiguous.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("jurisdiction")[0].GetString()
            .ShouldBe("“城区”有 2 处：阳泉市/城区、晋城市/城区，请写明上级，如“晋城市/城区”。");
        (await api.GetAsync("/api/v1/enterprises?jurisdiction=" + Uri.EscapeDataString("晋城市/城区"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
