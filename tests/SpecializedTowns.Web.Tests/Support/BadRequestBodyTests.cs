using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Support;

/// <summary>Bodies and parameters the framework cannot bind come back naming the field in Chinese, and nothing is written.</summary>
public class BadRequestBodyTests
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain("Exception");
        body.ShouldNotContain("   at ");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task A_word_where_a_number_belongs_names_the_field_and_line_and_broken_json_says_so()
    {
        var api = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, "shuozhou-office");
        var factory = await SeededPlatforms.GetAsync(StorageProvider.Sqlite);
        int Grants() { using var scope = factory.Services.CreateScope(); return scope.ServiceProvider.GetRequiredService<TownsDbContext>().FundGrants.Count(); }
        var before = Grants();

        var wrongType = await ProblemAsync(await api.PostAsync("/api/v1/support/grants", Json("{\n  \"fundName\": \"朔州市专业镇发展专项资金\",\n  \"amountWanYuan\": \"八十万\"\n}")));
        wrongType.GetProperty("title").GetString().ShouldBe("请求参数有误");
        var message = wrongType.GetProperty("errors").GetProperty("amountWanYuan")[0].GetString()!;
        message.ShouldStartWith("“amountWanYuan”的值格式不对（第 3 行）");

        var broken = await ProblemAsync(await api.PostAsync("/api/v1/support/grants", Json("{\"fundName\": \"资金\", ")));
        broken.GetProperty("detail").GetString()!.ShouldContain("请求体不是有效的 JSON");

        var date = await ProblemAsync(await api.PostAsync("/api/v1/support/grants", Json("{\"grantedOn\": \"2025年3月1日\"}")));
        date.GetProperty("errors").GetProperty("grantedOn")[0].GetString()!.ShouldContain("日期请写成 2025-06-30");

        var page = await ProblemAsync(await api.GetAsync("/api/v1/support/grants?page=abc"));
        page.GetProperty("errors").GetProperty("page")[0].GetString().ShouldBe("参数“page”的值“abc”格式不对");

        Grants().ShouldBe(before, "nothing is written for a body that cannot be read");
    }
}
