using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data.Documents;
using SpecializedTowns.Data.Evaluation;
using SpecializedTowns.Data.Reports;
using SpecializedTowns.Web.Tests.Applications;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>
/// The top bar's switch (关注范围) narrows what a city office is shown to one county; what the office may do stays what its own
/// jurisdiction allows: it keeps the review steps it has over that county's records, and gains none of the county office's.
/// </summary>
public class FocusRightsTests
{
    /// <summary>Chooses the county in the top bar's switch, as the browser posts it.</summary>
    internal static async Task FocusAsync(HttpClient client, string path)
    {
        var form = await client.GetStringAsync("/Account/Focus");
        var token = PageSignIn.Antiforgery(form);
        var posted = await client.PostAsync("/Account/Focus", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["path"] = path, ["returnUrl"] = "/",
        }));
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        WebUtility.HtmlDecode(await client.GetStringAsync("/Towns")).ShouldContain($"<option value=\"{path}\" selected");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_city_office_looking_at_one_county_still_reviews_its_application_under_the_city_standard(StorageProvider provider)
    {
        var (factory, city) = await PageSignIn.OwnPlatformAsync(provider, "yuncheng-office");
        await using var _ = factory;
        int id, expert;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var service = new ApplicationService(db, scope.ServiceProvider.GetRequiredService<PolicyCatalog>(), TimeProvider.System);
            expert = (await db.Users.SingleAsync(u => u.UserName == "expert-zhang")).Id;
            var town = await db.Towns.SingleAsync(t => t.Name == "古城镇渔业专业镇");
            var county = new UserScope(100, Roles.Office, "山西省/运城市/垣曲县", null);
            id = await service.CreateAsync(county, "yuanqu-office", town.Id, "yuncheng-municipal",
                """{"category":"specialty-agriculture","annualOutputValueWanYuan":25000,"historicalOriginOrGeographicalIndication":true,"leadingEnterprises":2,"supportingEnterprises":12,"localEmployment":2500,"provincialMarketSharePercent":20,"largeNationalMarketSpace":true}""");
            await service.SubmitAsync(county, "yuanqu-office", id);
        }

        await FocusAsync(city, "山西省/运城市/垣曲县");
        var url = $"/Applications/Detail/{id}";
        var page = WebUtility.HtmlDecode(await city.GetStringAsync(url));
        page.ShouldContain("形式审查通过，交专家评审", Case.Sensitive, "the city's standard is reviewed by the city's office, whichever county it looks at");
        page.ShouldNotContain("本申报由运城市领导小组办公室审查");
        // The dashboard's to-do, narrowed to the county, still asks the city office for the step only it takes.
        WebUtility.HtmlDecode(await city.GetStringAsync("/")).ShouldMatch($@"第 {id} 号 古城镇渔业专业镇</a> <span class=""text-muted"">待形式审查");

        var accepted = await ApplicationDecisionTests.PostAsync(city, url, url + "?handler=Accept", new() { ["Experts"] = expert.ToString() });
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect, ApplicationDecisionTests.Text(await accepted.Content.ReadAsStringAsync()));
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            (await db.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync()).ShouldBe(ApplicationState.ExpertReview);
        }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Looking_at_a_county_lends_a_city_office_none_of_the_county_offices_rights(StorageProvider provider)
    {
        var factory = await SeededPlatforms.GetAsync(provider);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var applications = new ApplicationService(db, scope.ServiceProvider.GetRequiredService<PolicyCatalog>(), TimeProvider.System);
        var evaluations = scope.ServiceProvider.GetRequiredService<EvaluationService>();
        var cityId = await db.Users.Where(u => u.UserName == "yuncheng-office").Select(u => u.Id).SingleAsync();
        var city = new UserScope(cityId, Roles.Office, "山西省/运城市", null);
        UserScope At(string county) => city with { JurisdictionPath = county };

        // 永济's own county-level standard is reviewed by 永济's office; 运城's by 运城's, wherever the city looks.
        applications.CanReview(At("山西省/运城市/永济市"), new RecognitionApplication { StandardId = "yongji-county" }).ShouldBeFalse();
        applications.CanReview(At("山西省/运城市/永济市"), new RecognitionApplication { StandardId = "yuncheng-municipal" }).ShouldBeTrue();
        applications.CanReview(city, new RecognitionApplication { StandardId = "yuncheng-municipal" }).ShouldBeTrue();

        // A county's annual evaluation is the county office's to run and edit; the city office runs its own.
        EvaluationService.CanEdit(At("山西省/运城市/垣曲县"), "山西省/运城市/垣曲县").ShouldBeFalse();
        EvaluationService.CanEdit(At("山西省/运城市/垣曲县"), "山西省/运城市").ShouldBeTrue();
        (await evaluations.AreasAsync(At("山西省/运城市/垣曲县"))).Select(a => a.Path).ShouldBe(["山西省/运城市"]);

        // The month's 通报 covers the county looked at, and is the city office's own document, not one in 新绛县's name.
        var summary = scope.ServiceProvider.GetRequiredService<ReportSummary>();
        var catalog = scope.ServiceProvider.GetRequiredService<PolicyCatalog>();
        var month = ReportMonth.Of(scope.ServiceProvider.GetRequiredService<ReportService>().Today).Previous;
        var input = await summary.InputAsync(At("山西省/运城市/新绛县"), month);
        input.Area.ShouldBe("新绛县");
        input.Office.ShouldBe(Offices.Office(catalog, "山西省/运城市"));
        input.Office.ShouldNotBe(Offices.Office(catalog, "山西省/运城市/新绛县"));
    }

    [Fact]
    public async Task The_notice_pages_cite_the_office_s_own_document_whatever_county_it_looks_at()
    {
        var factory = await SeededPlatforms.GetAsync(StorageProvider.Sqlite);
        var catalog = factory.Services.GetRequiredService<PolicyCatalog>();
        static System.Security.Claims.ClaimsPrincipal Office(string path, string home) => new(new System.Security.Claims.ClaimsIdentity(
        [
            new(System.Security.Claims.ClaimTypes.NameIdentifier, "1"), new(System.Security.Claims.ClaimTypes.Role, Roles.Office),
            new(UserScope.JurisdictionPathClaim, path), new(UserScope.HomePathClaim, home),
        ], "test"));

        // 运城市 has no document of its own here: looking at 新绛县 in the top bar does not lend its office 新绛's clause
        // (新政办发〔2023〕33号 四（五）) as its own basis; that is 新绛's office's to cite.
        var home = SpecializedTowns.Web.Pages.Notices.NoticeDisplay.Basis(catalog, Office("山西省/运城市", "山西省/运城市"));
        var focused = SpecializedTowns.Web.Pages.Notices.NoticeDisplay.Basis(catalog, Office("山西省/运城市/新绛县", "山西省/运城市"));
        focused.Basis.Own.ShouldBeEmpty();
        focused.Text.ShouldNotContain("政策依据：新政办发");
        focused.Text.ShouldBe(home.Text);
        SpecializedTowns.Web.Pages.Notices.NoticeDisplay.Basis(catalog, Office("山西省/运城市/新绛县", "山西省/运城市/新绛县")).Text.ShouldStartWith("政策依据：新政办发〔2023〕33号 四（五）");
    }
}
