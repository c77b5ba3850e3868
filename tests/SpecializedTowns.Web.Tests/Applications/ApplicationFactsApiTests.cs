using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Applications;

/// <summary>
/// PUT /api/v1/applications/{id}/facts: the applicant corrects a draft's or a returned application's facts through the API
/// under the page's rules — its scope, its role, its states, its messages — and a correction sent against a version the
/// application has since left is refused with who acted last, as the other API edits are.
/// </summary>
public class ApplicationFactsApiTests
{
    private static Task<HttpClient> ApiAsync(PlatformFactory factory, string user) => PageSignIn.ApiClientAsync(factory, user, TestDatabases.DemoPassword);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        text.ShouldNotContain("Exception");
        return JsonDocument.Parse(text).RootElement;
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient api, int id, int? version, string factsJson) =>
        api.PutAsync($"/api/v1/applications/{id}/facts", new StringContent(
            $"{{\"version\":{(version is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")},\"facts\":{factsJson}}}",
            System.Text.Encoding.UTF8, "application/json"));

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_applicant_corrects_a_returned_application_s_facts_and_reads_them_back(StorageProvider provider)
    {
        var (factory, _) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _f = factory;
        var id = await GuchengApplication.ReturnedAsync(factory);
        var county = await ApiAsync(factory, "yuanqu-office");

        var read = await JsonAsync(await county.GetAsync($"/api/v1/applications/{id}"), HttpStatusCode.OK);
        var version = read.GetProperty("version").GetInt32();
        read.GetProperty("standardName").GetString().ShouldBe("运城市级专业镇认定标准");
        read.GetProperty("facts").GetProperty("provincialMarketSharePercent").GetDecimal().ShouldBe(8m);

        // Figures out of range: each beside its field, in the words the page's form uses, and nothing written.
        var before = await ApplicationDecisionTests.StateAsync(factory);
        var bad = await JsonAsync(await PutAsync(county, id, version,
            GuchengApplication.Stated.Replace("\"provincialMarketSharePercent\":8", "\"provincialMarketSharePercent\":150").Replace("\"localEmployment\":2500", "\"localEmployment\":-1")),
            HttpStatusCode.BadRequest);
        bad.GetProperty("title").GetString().ShouldBe("申报事实有误");
        var errors = bad.GetProperty("errors");
        errors.GetProperty("facts.provincialMarketSharePercent")[0].GetString().ShouldBe("主导产品全省市场占有率应在 0 到 100 之间");
        errors.GetProperty("facts.localEmployment")[0].GetString().ShouldBe("带动当地就业人数不能为负数");
        // A word for a number, and another field than the town's: named by their fields too.
        (await JsonAsync(await PutAsync(county, id, version, GuchengApplication.Stated.Replace("\"leadingEnterprises\":2", "\"leadingEnterprises\":\"两家\"")), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("facts.leadingEnterprises")[0].GetString()!.ShouldContain("类型不对：应为数字");
        (await JsonAsync(await PutAsync(county, id, version, GuchengApplication.Stated.Replace("specialty-agriculture", "manufacturing")), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("facts.category")[0].GetString().ShouldBe("申报领域应与专业镇登记的领域一致（特优农业）");
        (await JsonAsync(await PutAsync(county, id, version, "[1]"), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("facts")[0].GetString()!.ShouldContain("请提供申报事实");
        before.ShouldHaveNoDataWritten(await ApplicationDecisionTests.StateAsync(factory), "facts refused");

        var saved = await JsonAsync(await PutAsync(county, id, version, GuchengApplication.Stated.Replace("\"provincialMarketSharePercent\":8", "\"provincialMarketSharePercent\":58")), HttpStatusCode.OK);
        saved.GetProperty("version").GetInt32().ShouldBe(version + 1);
        saved.GetProperty("preCheck").GetProperty("outcome").GetString().ShouldBe("eligible");
        saved.GetProperty("stateName").GetString().ShouldBe("退回修改");
        var again = await JsonAsync(await county.GetAsync($"/api/v1/applications/{id}"), HttpStatusCode.OK);
        again.GetProperty("facts").GetProperty("provincialMarketSharePercent").GetDecimal().ShouldBe(58m);
        again.GetProperty("facts").GetProperty("localEmployment").GetInt32().ShouldBe(2500);
        var last = again.GetProperty("events")[again.GetProperty("events").GetArrayLength() - 1];
        (last.GetProperty("action").GetString(), last.GetProperty("reason").GetString()).ShouldBe(("修改申报事实", "预检：符合认定条件"));
        using (var scope = factory.Services.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Applications.AsNoTracking().SingleAsync(a => a.Id == id);
            stored.FactsJson.ShouldContain("\"provincialMarketSharePercent\":58");
            stored.PreCheckOutcome.ShouldBe("eligible");
        }

        // Sent again at the version read before that save: refused, with who saved and the version to read at. The save in
        // between was this same account's, so it is not called 他人's (QA120 #6).
        var stale = await JsonAsync(await PutAsync(county, id, version, GuchengApplication.Stated), HttpStatusCode.Conflict);
        stale.GetProperty("title").GetString().ShouldBe("该记录已由您在别处修改");
        stale.GetProperty("version").GetInt32().ShouldBe(version + 1);
        stale.GetProperty("detail").GetString()!.ShouldContain("您提交的内容未保存");
        (await JsonAsync(await county.GetAsync($"/api/v1/applications/{id}"), HttpStatusCode.OK))
            .GetProperty("facts").GetProperty("provincialMarketSharePercent").GetDecimal().ShouldBe(58m, "the stale correction wrote nothing");
        // Without a version, as the page saves: whatever is there is corrected.
        (await JsonAsync(await PutAsync(county, id, null, GuchengApplication.Stated), HttpStatusCode.OK)).GetProperty("preCheck").GetProperty("outcome").GetString().ShouldNotBe("eligible");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Only_the_applicant_in_scope_corrects_and_only_while_the_application_is_theirs(StorageProvider provider)
    {
        var (factory, _) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _f = factory;
        var id = await GuchengApplication.ReturnedAsync(factory);
        var before = await ApplicationDecisionTests.StateAsync(factory);

        // Another county's office and an expert not assigned to it: there is no such application for them.
        foreach (var outsider in new[] { "xinjiang-office", "expert-zhang" })
            (await JsonAsync(await PutAsync(await ApiAsync(factory, outsider), id, null, GuchengApplication.Stated), HttpStatusCode.NotFound))
                .GetProperty("title").GetString().ShouldBe("未找到认定申报");
        // A member unit of 垣曲 sees it but does not apply: the standard names the county government.
        (await JsonAsync(await PutAsync(await ApiAsync(factory, "yuanqu-member"), id, null, GuchengApplication.Stated), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString()!.ShouldContain("由县政府申报，申报事实、申报材料和提交由垣曲县专业镇办（县领导小组办公室）办理");
        before.ShouldHaveNoDataWritten(await ApplicationDecisionTests.StateAsync(factory), "corrections refused by scope or role");

        // Submitted again, it is the reviewer's: the applicant's correction is refused as the page refuses it.
        var county = await ApiAsync(factory, "yuanqu-office");
        (await JsonAsync(await county.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "submit" }), HttpStatusCode.OK))
            .GetProperty("stateName").GetString().ShouldBe("待形式审查");
        var submitted = await ApplicationDecisionTests.StateAsync(factory);
        (await JsonAsync(await PutAsync(county, id, null, GuchengApplication.Stated), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("申报当前为“待形式审查”，不能“修改申报事实”");
        submitted.ShouldHaveNoDataWritten(await ApplicationDecisionTests.StateAsync(factory), "a correction of a submitted application");
        (await JsonAsync(await PutAsync(county, id + 1000, null, GuchengApplication.Stated), HttpStatusCode.NotFound)).GetProperty("title").GetString().ShouldBe("未找到认定申报");
    }

    [Fact]
    public async Task The_endpoint_is_documented_beside_its_neighbours()
    {
        var api = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, null);
        var document = JsonDocument.Parse(await api.GetStringAsync("/openapi/v1.json")).RootElement;
        var put = document.GetProperty("paths").GetProperty("/api/v1/applications/{id}/facts").GetProperty("put");
        put.GetProperty("tags")[0].GetString().ShouldBe("认定申报");
        put.GetProperty("summary").GetString()!.ShouldContain("修改申报事实");
        put.GetProperty("description").GetString()!.ShouldContain("version");
        put.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).ShouldBeTrue();
    }
}
