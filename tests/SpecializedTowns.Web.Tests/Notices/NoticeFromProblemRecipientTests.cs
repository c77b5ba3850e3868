using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Accounts;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Notices;

/// <summary>
/// 问题台账 → 督办 → 据此下发督办通知书 when the problem's lead unit is a 市直 (or 省直) department: the city office's form has
/// that unit chosen as 整改对象, also while the top bar looks at the problem's county, and issues to it; a county office, which
/// supervises only its own townships and departments (新政办发〔2023〕33号 四（五）), is told why it cannot and whom to ask.
/// </summary>
public class NoticeFromProblemRecipientTests
{
    private static readonly HtmlParser Html = new();
    private const string Title = "皋落乡食用菌专业镇菌种生产技术人员短缺";

    private static HttpClient Client(PlatformFactory factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The notice form the problem page's 据此下发督办通知书 opens, as the browser has it.</summary>
    private static async Task<(string Url, IHtmlDocument Page)> NoticeFormAsync(HttpClient client, int problem)
    {
        var detail = Html.ParseDocument(await client.GetStringAsync($"/Problems/Detail/{problem}"));
        var link = detail.QuerySelector("#urge-notice")?.GetAttribute("href") ?? throw new InvalidOperationException("no 据此下发督办通知书 on the problem page");
        return (link, Html.ParseDocument(await client.GetStringAsync(link)));
    }

    private static string? Chosen(IHtmlDocument page) =>
        ((IHtmlSelectElement)page.QuerySelector("select[name='Input.Recipient']")!).Options.FirstOrDefault(o => o.IsSelected && o.Value.Length > 0)?.Value;

    /// <summary>Every field of the notice form as loaded, with the contact filled in, posted as the browser would.</summary>
    private static Task<HttpResponseMessage> IssueAsync(HttpClient client, IHtmlDocument page, string? recipient = null)
    {
        var form = BrowserForm.Of(page, "#notice-form").With("Input.ContactName", "王科长").With("Input.ContactPhone", "0359-6021234");
        return (recipient is null ? form : form.With("Input.Recipient", recipient)).PostAsync(client, "/Notices/New");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_problems_city_lead_unit_is_the_city_offices_recipient_and_a_county_office_is_told_why_it_is_not_its(StorageProvider provider)
    {
        var (factory, county) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var owned = factory;
        int problem, cityUnit, provinceUnit;
        string cityUnitName, provinceUnitName;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var p = await db.Problems.SingleAsync(x => x.Title == Title);
            // The acceptance form offers the county's units and those above it: this one was given to a 运城市 department.
            var unit = await db.Units.Where(u => u.Jurisdiction!.Path == "山西省/运城市").OrderBy(u => u.Id).FirstAsync();
            var above = await db.Units.Where(u => u.Jurisdiction!.Path == "山西省").OrderBy(u => u.Id).FirstAsync();
            (problem, cityUnit, cityUnitName, provinceUnit, provinceUnitName) = (p.Id, unit.Id, unit.Name, above.Id, above.Name);
            p.LeadUnitId = cityUnit;
            await db.SaveChangesAsync();
        }
        var city = Client(factory);
        await PageSignIn.SignInAsync(city, "yuncheng-office", TestDatabases.DemoPassword);

        // The city office: the 市直 department is its own to supervise, chosen, with the city office signing.
        var (_, page) = await NoticeFormAsync(city, problem);
        Chosen(page).ShouldBe($"Unit:{cityUnit}");
        page.QuerySelector("#notice-preview")!.TextContent.ShouldContain("发文机关：运城市");
        page.QuerySelector("#recipient-note").ShouldBeNull();

        // Looking at 垣曲县 in the top bar narrows the lists, not whom the office may supervise: still chosen, and issued.
        await FocusRightsTests.FocusAsync(city, "山西省/运城市/垣曲县");
        (_, page) = await NoticeFormAsync(city, problem);
        Chosen(page).ShouldBe($"Unit:{cityUnit}", "the county the city looks at does not take its own department off the list");
        page.QuerySelector("#notice-preview")!.TextContent.ShouldContain("发文机关：运城市");
        var issued = await IssueAsync(city, page);
        issued.StatusCode.ShouldBe(HttpStatusCode.Redirect, Html.ParseDocument(await issued.Content.ReadAsStringAsync()).QuerySelector(".alert-danger")?.TextContent);
        var at = issued.Headers.Location!.ToString();
        at.ShouldStartWith("/Notices/Detail/");
        (await city.GetAsync(at)).StatusCode.ShouldBe(HttpStatusCode.OK, "the office opens the notice it has just issued");
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var notice = await db.Notices.OrderByDescending(n => n.Id).FirstAsync();
            notice.RecipientUnitId.ShouldBe(cityUnit);
            notice.RecipientName.ShouldBe(cityUnitName);
            (await db.Jurisdictions.Where(j => j.Id == notice.IssuingJurisdictionId).Select(j => j.Path).SingleAsync()).ShouldBe("山西省/运城市");
        }

        // The county office: a department above it is not its recipient; the form says so and whom to ask, and refuses it.
        (_, page) = await NoticeFormAsync(county, problem);
        Chosen(page).ShouldBeNull();
        var note = page.QuerySelector("#recipient-note")!.TextContent;
        note.ShouldContain($"“{cityUnitName}”是运城市的单位，在垣曲县之上");
        note.ShouldContain("不能向上级单位下发");
        note.ShouldContain("请报请运城市");
        int count;
        using (var scope = factory.Services.CreateScope())
            count = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Notices.CountAsync();
        var refused = await IssueAsync(county, page, $"Unit:{cityUnit}");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain($"“{cityUnitName}”是运城市的单位，在垣曲县之上");
        using (var scope = factory.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Notices.CountAsync()).ShouldBe(count, "nothing issued");

        // A 省直 department is above the city office too; the province's office supervises it.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            (await db.Problems.SingleAsync(x => x.Id == problem)).LeadUnitId = provinceUnit;
            await db.SaveChangesAsync();
        }
        (_, page) = await NoticeFormAsync(city, problem);
        Chosen(page).ShouldBeNull();
        page.QuerySelector("#recipient-note")!.TextContent.ShouldContain($"“{provinceUnitName}”是山西省的单位，在运城市之上");
        var province = Client(factory);
        await PageSignIn.SignInAsync(province, "shanxi-office", TestDatabases.DemoPassword);
        (_, page) = await NoticeFormAsync(province, problem);
        Chosen(page).ShouldBe($"Unit:{provinceUnit}");
    }
}
