using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>Findings of the security review, each pinned.</summary>
public class HardeningTests
{
    [Fact]
    public async Task A_credit_code_does_not_reveal_an_enterprise_outside_the_scope()
    {
        var admin = await WritingPlatforms.ClientAsync(StorageProvider.Sqlite, "admin");
        var items = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/enterprises?search=" + Uri.EscapeDataString("皋落菌业"))).RootElement.GetProperty("items");
        var uscc = items[0].GetProperty("uscc").GetString()!;
        var factory = await WritingPlatforms.GetAsync(StorageProvider.Sqlite);

        async Task<HttpResponseMessage> Check(string user)
        {
            var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            await PageSignIn.SignInAsync(client, user, SeededPlatforms.Password);
            return await client.GetAsync($"/Enterprises/Edit?handler=CheckUscc&Input.Uscc={uscc}");
        }
        (await (await Check("yuanqu-office")).Content.ReadAsStringAsync()).ShouldContain("垣曲县皋落菌业有限公司");
        var other = await (await Check("xinjiang-office")).Content.ReadAsStringAsync();
        other.ShouldContain("已在其他地区登记");
        other.ShouldNotContain("皋落");
        (await Check("yuncheng-leader")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "read-only roles may not probe codes");
    }

    [Fact]
    public async Task Bad_api_input_gets_a_chinese_answer_not_a_500()
    {
        var office = await WritingPlatforms.ClientAsync(StorageProvider.Sqlite, "shuozhou-office");
        var townId = JsonDocument.Parse(await office.GetStringAsync("/api/v1/towns?search=" + Uri.EscapeDataString("山阴"))).RootElement.GetProperty("items")[0].GetProperty("id").GetInt32();
        // Only the county prepares (decision 0004) and the demo has no account of 山阴县's office: the administrator files for it,
        // the city reviews.
        var applicant = await WritingPlatforms.ClientAsync(StorageProvider.Sqlite, "admin");

        var noFacts = await applicant.PostAsJsonAsync("/api/v1/applications", new { townId, standardId = "shuozhou-municipal" });
        noFacts.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noFacts.Content.ReadAsStringAsync()).ShouldContain("请提供申报事实");

        var created = await applicant.PostAsJsonAsync("/api/v1/applications", new { townId, standardId = "shuozhou-municipal", facts = new { category = "specialty-agriculture" } });
        var createdBody = await created.Content.ReadAsStringAsync();
        created.StatusCode.ShouldBe(HttpStatusCode.Created, createdBody);
        var id = JsonDocument.Parse(createdBody).RootElement.GetProperty("id").GetInt32();
        (await applicant.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "submit" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var tooLong = await office.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "return", reason = new string('理', 2500) });
        // Over-long text is the caller's input, named as such (ApplicationFields), not a step the application refuses.
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadAsStringAsync()).ShouldContain("退回理由不超过 2000 字");

        // An option the API does not have is a bad field of the body, named as such, not a step the application refuses.
        var odd = await office.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "decide", decision = "42", reason = "r", documentNumber = "n" });
        odd.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await odd.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("decision")[0].GetString()!
            .ShouldStartWith("未知的 decision“42”");

        var wrongMethod = await office.DeleteAsync("/api/v1/towns");
        wrongMethod.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await wrongMethod.Content.ReadAsStringAsync()).ShouldContain("不支持的请求方法");
    }

    [Fact]
    public async Task A_town_cannot_name_a_document_that_does_not_govern_its_place()
    {
        var factory = await WritingPlatforms.GetAsync(StorageProvider.Sqlite);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, "yuanqu-office", SeededPlatforms.Password);
        var form = await client.GetStringAsync("/Towns/Edit");
        var token = PageSignIn.Antiforgery(form);
        form.ShouldNotContain("value=\"shuozhou-2023-19\"");
        var response = await client.PostAsync("/Towns/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "测试专业镇", ["Input.PolicyId"] = "shuozhou-2023-19", ["__RequestVerificationToken"] = token,
        }));
        (await response.Content.ReadAsStringAsync()).ShouldContain("所选文件不适用于您的行政区划");
    }
}
