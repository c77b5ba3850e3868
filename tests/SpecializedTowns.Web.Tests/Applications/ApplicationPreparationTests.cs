using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Applications;

/// <summary>
/// 垣曲's application to 运城's city standard is prepared by 垣曲 (垣政办发〔2023〕19号 三: the county government applies;
/// docs/decisions/0004): the 运城 office that reviews it may read the draft but not create, correct, upload to or submit it —
/// refused in Chinese on the page and with a 403 in the API, nothing written — while 垣曲 still does all of it.
/// </summary>
public class ApplicationPreparationTests
{
    private static Task<HttpClient> ApiAsync(PlatformFactory factory, string user) => PageSignIn.ApiClientAsync(factory, user, TestDatabases.DemoPassword);

    private static async Task<(ApplicationState State, int Attachments, string Facts)> StoredAsync(PlatformFactory factory, int id)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var a = await db.Applications.AsNoTracking().SingleAsync(x => x.Id == id);
        return (a.State, await db.Set<ApplicationAttachment>().CountAsync(x => x.ApplicationId == id), a.FactsJson);
    }

    private static async Task ForbiddenAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var detail = JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!;
        detail.ShouldContain(what);
        detail.ShouldContain("由垣曲县专业镇办（县领导小组办公室）办理");
        detail.ShouldContain("您的办公室负责形式审查和审定");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_reviewing_city_office_cannot_prepare_the_county_s_application_in_the_api(StorageProvider provider)
    {
        var (factory, _) = await PageSignIn.OwnPlatformAsync(provider, "yuncheng-office");
        await using var _f = factory;
        var (id, townId) = await GuchengApplication.DraftAsync(factory);
        var city = await ApiAsync(factory, "yuncheng-office");

        // It reads the draft: it is the office that will review it.
        var read = JsonDocument.Parse(await city.GetStringAsync($"/api/v1/applications/{id}")).RootElement;
        var version = read.GetProperty("version").GetInt32();

        await ForbiddenAsync(await city.PutAsync($"/api/v1/applications/{id}/facts", new StringContent(
            $"{{\"version\":{version},\"facts\":{GuchengApplication.Stated.Replace("25000", "30000")}}}", System.Text.Encoding.UTF8, "application/json")), "不能修改申报事实");
        await ForbiddenAsync(await city.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "submit" }), "不能提交申报");
        await ForbiddenAsync(await city.PostAsJsonAsync("/api/v1/applications", new
        {
            townId, standardId = "yuncheng-municipal",
            facts = JsonDocument.Parse(GuchengApplication.Stated).RootElement,
        }), "不能新建申报");
        var stored = await StoredAsync(factory, id);
        stored.State.ShouldBe(ApplicationState.Draft);
        stored.Facts.ShouldContain("25000");

        // The county prepares and submits; then the city reviews, as before.
        var county = await ApiAsync(factory, "yuanqu-office");
        (await county.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "submit" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var returned = await city.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "return", reason = "请补充市场占有率的来源" });
        returned.StatusCode.ShouldBe(HttpStatusCode.OK, await returned.Content.ReadAsStringAsync());
        // A step the state does not allow is a 409 for the side whose step it is; the other side is refused the step as such (403).
        (await city.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "end-publicity" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await county.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "end-publicity" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_reviewing_city_office_cannot_prepare_the_county_s_application_on_the_page(StorageProvider provider)
    {
        var (factory, city) = await PageSignIn.OwnPlatformAsync(provider, "yuncheng-office");
        await using var _f = factory;
        var (id, townId) = await GuchengApplication.DraftAsync(factory);
        var page = $"/Applications/Detail/{id}";

        var html = await city.GetStringAsync(page);
        var text = ApplicationDecisionTests.Text(html);
        text.ShouldContain("申报事实、申报材料和提交由垣曲县专业镇办（县领导小组办公室）办理，提交后由您的办公室形式审查");
        html.ShouldNotContain("handler=Submit");
        html.ShouldNotContain("handler=Upload");
        html.ShouldNotContain("handler=Facts");

        var submitted = await ApplicationDecisionTests.PostAsync(city, "/Applications", $"{page}?handler=Submit", new Dictionary<string, string> { ["ConfirmGaps"] = "true" });
        submitted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var alert = ApplicationDecisionTests.Text(Regex.Match(await submitted.Content.ReadAsStringAsync(), "role=\"alert\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);
        alert.ShouldContain("不能提交申报：运城市级专业镇认定标准由县政府申报");

        var token = PageSignIn.Antiforgery(await city.GetStringAsync("/Applications"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent("%PDF-1.4 材料"u8.ToArray()), "file", "产值证明.pdf" },
        };
        var uploaded = await city.PostAsync($"{page}?handler=Upload", form);
        ApplicationDecisionTests.Text(await uploaded.Content.ReadAsStringAsync()).ShouldContain("不能上传申报材料");

        var stored = await StoredAsync(factory, id);
        stored.State.ShouldBe(ApplicationState.Draft);
        stored.Attachments.ShouldBe(0);

        // Nor does it start one: the town's page offers no 申报 and the new-application page says who files.
        var newPage = ApplicationDecisionTests.Text(await city.GetStringAsync($"/Applications/New?townId={townId}"));
        newPage.ShouldContain("由县政府申报，请联系垣曲县专业镇办");
        (await city.GetStringAsync("/Applications")).ShouldNotContain("href=\"/Applications/New\"");

        // 垣曲 sees the forms and uploads.
        var county = (factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        await PageSignIn.SignInAsync(county, "yuanqu-office", TestDatabases.DemoPassword);
        (await county.GetStringAsync(page)).ShouldContain("handler=Submit");
        (await county.GetStringAsync("/Applications")).ShouldContain("href=\"/Applications/New\"");
    }
}
