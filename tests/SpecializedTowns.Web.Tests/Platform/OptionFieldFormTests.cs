using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Platform;

/// <summary>
/// A form posted with an option its list did not offer (a tampered select, an old page) is shown again with the field's
/// own Chinese message beside it, and nothing is saved: not a town registered at 储备 for a 梯次 that could not be read,
/// nor a platform saved with the functions that could.
/// </summary>
public class OptionFieldFormTests
{
    // Its own platform: the controls save.
    private static readonly DemoPlatforms Platforms = new();

    private static async Task<(HttpClient Client, TownsDbContext Db, IServiceScope Scope)> OfficeAsync()
    {
        var factory = await Platforms.GetAsync(StorageProvider.Sqlite);
        var client = await Platforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        var scope = factory.Services.CreateScope();
        return (client, scope.ServiceProvider.GetRequiredService<TownsDbContext>(), scope);
    }

    private static async Task<(BrowserForm Form, IHtmlDocument Page)> FormAsync(HttpClient client, string url, string field)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>().First(f => f.QuerySelector($"[name='{field}']") is not null);
        return (BrowserForm.Of(form, BrowserForm.Unchosen.FirstRealOption), page);
    }

    private static async Task<(HttpStatusCode Status, string Page)> PostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_tier_the_list_did_not_offer_is_named_beside_the_field_and_no_town_is_registered()
    {
        var (client, db, scope) = await OfficeAsync();
        using var owned = scope;
        var (form, page) = await FormAsync(client, "/Towns/Edit", "Input.Name");
        var township = page.QuerySelector("input[name='Input.TownshipIds']")!.GetAttribute("value")!;
        form = form.With("Input.Name", "选项核对专业镇").With("Input.TownshipIds", township).With("Input.LeadingIndustry", "核对产业");

        var (status, shown) = await PostAsync(client, "/Towns/Edit", form.With("Input.Tier", "Golden").Fields);
        status.ShouldBe(HttpStatusCode.OK);
        shown.ShouldContain("“现有梯次”只能从列表中选择（");
        shown.ShouldNotContain("Golden");
        (await db.Towns.AnyAsync(t => t.Name == "选项核对专业镇")).ShouldBeFalse("a 梯次 that could not be read registers nothing");

        // The same form with a 梯次 from the list saves: it was refused for the 梯次 alone.
        (await client.PostAsync("/Towns/Edit", form.With("Input.Tier", "Reserve").Content())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await db.Towns.AnyAsync(t => t.Name == "选项核对专业镇")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_function_the_list_did_not_offer_is_named_by_its_list_and_the_platform_is_not_saved_without_it()
    {
        var (client, db, scope) = await OfficeAsync();
        using var owned = scope;
        var (form, page) = await FormAsync(client, "/Support/Platforms/Edit", "Input.Name");
        var mode = page.QuerySelector("input[name='Input.Mode']")!.GetAttribute("value")!;
        var function = page.QuerySelector("input[name='Input.Functions']")!.GetAttribute("value")!;
        form = form.With("Input.Name", "选项核对服务平台").With("Input.Operator", "选项核对运营公司").With("Input.EstablishedYear", "2020")
            .With("Input.Mode", mode).With("Input.Functions", function);

        var (status, shown) = await PostAsync(client, "/Support/Platforms/Edit", form.Fields.Append(new("Input.Functions", "Teleport")));
        status.ShouldBe(HttpStatusCode.OK);
        shown.ShouldContain("“平台功能”只能从列表中选择（");
        shown.ShouldNotContain("Teleport");
        (await db.ServicePlatforms.AnyAsync(p => p.Name == "选项核对服务平台")).ShouldBeFalse("the function that could be read is not saved alone");

        (await client.PostAsync("/Support/Platforms/Edit", form.Content())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await db.ServicePlatforms.AnyAsync(p => p.Name == "选项核对服务平台")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_form_shown_again_for_a_field_it_could_not_read_has_saved_nothing()
    {
        var (client, db, scope) = await OfficeAsync();
        using var owned = scope;

        // 人才: the year is not required, so the record was written without it and the form came back over it.
        var (talent, _) = await FormAsync(client, "/Support/Talents/Edit", "Input.Name");
        talent = talent.With("Input.Name", "读不出年份的人才").With("Input.Employer", "核对单位").With("Input.JobTitle", "工程师");
        var (status, shown) = await PostAsync(client, "/Support/Talents/Edit", talent.With("Input.Year", "二〇二四").Fields);
        status.ShouldBe(HttpStatusCode.OK);
        shown.ShouldContain("“二〇二四”不是年份");
        (await db.Talents.AnyAsync(t => t.Name == "读不出年份的人才")).ShouldBeFalse("the form shown again has written nothing");
        (await client.PostAsync("/Support/Talents/Edit", talent.With("Input.Year", "2024").Content())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await db.Talents.CountAsync(t => t.Name == "读不出年份的人才")).ShouldBe(1);

        // 品牌: a 荣誉 the list did not offer had saved the brand without its honour.
        var (brand, _) = await FormAsync(client, "/Support/Brands/Edit", "Input.Name");
        brand = brand.With("Input.Name", "核对荣誉品牌");
        (status, shown) = await PostAsync(client, "/Support/Brands/Edit", brand.With("Input.Honour", "Nobel").Fields);
        status.ShouldBe(HttpStatusCode.OK);
        shown.ShouldContain("“荣誉”只能从列表中选择（");
        (await db.Brands.AnyAsync(b => b.Name == "核对荣誉品牌")).ShouldBeFalse();
        (await client.PostAsync("/Support/Brands/Edit", brand.Content())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await db.Brands.AnyAsync(b => b.Name == "核对荣誉品牌")).ShouldBeTrue();
    }
}
