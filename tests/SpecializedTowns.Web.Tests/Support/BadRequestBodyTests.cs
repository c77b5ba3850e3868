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
        message.ShouldStartWith("“amountWanYuan”的值格式不对（第 3 行）：应为数字");

        var broken = await ProblemAsync(await api.PostAsync("/api/v1/support/grants", Json("{\"fundName\": \"资金\", ")));
        broken.GetProperty("detail").GetString()!.ShouldContain("请求体不是有效的 JSON");

        var date = await ProblemAsync(await api.PostAsync("/api/v1/support/grants", Json("{\"grantedOn\": \"2025年3月1日\"}")));
        date.GetProperty("errors").GetProperty("grantedOn")[0].GetString()!.ShouldContain("应为日期，写成 2025-06-30");

        var page = await ProblemAsync(await api.GetAsync("/api/v1/support/grants?page=abc"));
        page.GetProperty("errors").GetProperty("page")[0].GetString().ShouldBe("参数“page”的值“abc”格式不对");

        Grants().ShouldBe(before, "nothing is written for a body that cannot be read");
    }

    /// <summary>
    /// Damaged bodies on several endpoints, each answered with the field really at fault or where the JSON breaks: never the
    /// field the reader had got to before the break (the token endpoint used to blame userName for a body cut off in its
    /// value, the applications endpoint facts for one cut off after it), never a stack trace.
    /// </summary>
    public static TheoryData<string, string, string, string?, string> Malformed() => new()
    {
        // Cut off: in a value, after a comma, inside a nested object — where, and that it ends early.
        { "POST /api/v1/auth/token", "application/json", "{\"userName\":\"yuncheng-offi", null, "请求体不是有效的 JSON：内容在第 1 行第 27 字节处意外结束" },
        { "POST /api/v1/auth/token", "application/json", "{\"userName\":\"yuncheng-office\",\n\"password\":", null, "第 2 行第 12 字节处意外结束" },
        { "POST /api/v1/applications", "application/json", "{\"townId\":1,\"standardId\":\"yuncheng-municipal\",\"facts\":{\"category\":", null, "意外结束" },
        // Wrong syntax: a word without quotes, a missing comma, single quotes, a trailing comma.
        { "POST /api/v1/auth/token", "application/json", "{\"userName\":yuncheng-office}", null, "请求体不是有效的 JSON：在第 1 行第 13 字节处有误" },
        { "POST /api/v1/applications/1/steps", "application/json", "{\"action\":\"submit\" \"reason\":\"x\"}", null, "在第 1 行第 20 字节处有误" },
        { "PUT /api/v1/applications/1/facts", "application/json", "{'version':1}", null, "名称和文字须用英文双引号" },
        { "POST /api/v1/support/grants", "application/json", "{\"fundName\":\"资金\",}", null, "最后一项后不能有逗号" },
        // A value of the wrong kind: the field, and what it takes.
        { "POST /api/v1/applications", "application/json", "{\"townId\":\"古城镇\",\"standardId\":\"yuncheng-municipal\",\"facts\":{}}", "townId", "“townId”的值格式不对（第 1 行）：应为整数" },
        { "POST /api/v1/applications/1/steps", "application/json", "{\"action\":\"decide\",\"decision\":\"recognize\",\"publicityEndsOn\":\"2025年7月1日\"}", "publicityEndsOn", "应为日期，写成 2025-06-30" },
        { "POST /api/v1/applications/1/steps", "application/json", "{\"action\":\"score\",\"scores\":{\"market-share\":{\"met\":\"是\",\"comment\":\"x\"}}}", "scores.market-share.met", "应为 true 或 false" },
        { "POST /api/v1/applications/1/steps", "application/json", "{\"action\":\"accept\",\"experts\":[3,\"张\"]}", "experts[1]", "应为整数" },
        { "PUT /api/v1/applications/1/facts", "application/json", "{\"version\":\"最新\",\"facts\":{}}", "version", "应为整数" },
        { "PUT /api/v1/projects/1", "application/json", "{\"name\":\"项目\",\"plannedStartOn\":20250701}", "plannedStartOn", "应为日期" },
        { "POST /api/v1/auth/token", "application/json", "{\"userName\":[\"yuncheng-office\"],\"password\":\"x\"}", "userName", "应为文字" },
        // Unknown options: the ones there are, as the body writes them, each with its name on the pages.
        { "POST /api/v1/support/grants", "application/json", "{\"fundName\":\"资金\",\"kind\":\"gift\"}", "kind", "应为以下之一：special-fund（专项资金）、subsidy（奖补资金）、award（奖励）、interest-subsidy（贷款贴息）" },
        { "POST /api/v1/applications/1/steps", "application/json", "{\"action\":\"approve\"}", "action", "未知的 action“approve”：应为 submit、return" },
        { "POST /api/v1/applications/1/steps", "application/json", "{\"action\":\"decide\",\"decision\":\"yes\"}", "decision", "未知的 decision“yes”" },
        // A whole number whose field has a range of its own asks for that range, not for what an int holds (a percentage, a month, a year).
        { "POST /api/v1/tasks/13/progress", "application/json", "{\"progress\":\"abc\"}", "progress", "“progress”的值格式不对（第 1 行）：应为 0 到 100 的整数" },
        { "POST /api/v1/tasks/13/progress", "application/json", "{\"progress\":50.5}", "progress", "应为 0 到 100 的整数" },
        { "PUT /api/v1/projects/1/progress", "application/json", "{\"year\":2025,\"month\":\"三月\"}", "month", "应为 1 到 12 的整数" },
        { "PUT /api/v1/projects/1/progress", "application/json", "{\"year\":\"2025年\",\"month\":3}", "year", "应为 2000 到 2100 的整数" },
        { "POST /api/v1/evaluations", "application/json", "{\"year\":\"今年\",\"kind\":\"town\"}", "year", "应为 2000 到 2100 的整数" },
        // Numbers too big for their field.
        { "POST /api/v1/applications", "application/json", "{\"townId\":99999999999,\"standardId\":\"yuncheng-municipal\",\"facts\":{}}", "townId", "在 -2147483648 到 2147483647 之间" },
        { "POST /api/v1/support/grants", "application/json", "{\"fundName\":\"资金\",\"amountWanYuan\":1e400}", "amountWanYuan", "应为数字" },
        // Not an object at all, empty, or null.
        { "POST /api/v1/applications", "application/json", "[{\"townId\":1}]", null, "请求体应为对象" },
        { "POST /api/v1/auth/token", "application/json", "", null, "请求体为空" },
        { "POST /api/v1/applications/1/steps", "application/json", "   ", null, "请求体为空" },
        { "PUT /api/v1/applications/1/facts", "application/json", "null", null, "请求体为空" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_body_is_answered_with_the_field_at_fault_or_where_the_json_breaks(string endpoint, string contentType, string body, string? field, string expected)
    {
        var api = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, "yuncheng-office");
        var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        var problem = await ProblemAsync(await api.SendAsync(request));
        var detail = problem.GetProperty("detail").GetString()!;
        if (field is null)
        {
            detail.ShouldContain(expected);
            // No field is blamed for broken JSON: the one the reader had reached is not at fault.
            problem.TryGetProperty("errors", out _).ShouldBeFalse(detail);
            foreach (var name in new[] { "userName", "password", "townId", "standardId", "facts", "action", "version", "fundName" })
                detail.ShouldNotContain($"“{name}”");
        }
        else
        {
            var errors = problem.GetProperty("errors");
            errors.EnumerateObject().Select(e => e.Name).ShouldBe([field], detail);
            errors.GetProperty(field)[0].GetString()!.ShouldContain(expected);
        }
    }

    [Theory]
    [InlineData("POST /api/v1/auth/token", null, "text/plain")]
    [InlineData("POST /api/v1/auth/token", null, "application/x-www-form-urlencoded")]
    [InlineData("POST /api/v1/applications", "yuncheng-office", "text/plain")]
    [InlineData("PUT /api/v1/applications/1/facts", "yuanqu-office", "application/xml")]
    [InlineData("POST /api/v1/support/grants", "shuozhou-office", null)]
    public async Task A_body_that_is_not_json_is_415_saying_what_came_even_before_sign_in(string endpoint, string? user, string? contentType)
    {
        // The token endpoint is the one anybody may call: its content type is checked before any sign-in (it answered 401).
        var api = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, user);
        var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
        var content = new ByteArrayContent("{\"userName\":\"yuncheng-office\"}"u8.ToArray());
        if (contentType is not null) content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        var response = await api.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("title").GetString().ShouldBe("请求内容格式不对：请以 JSON（application/json）提交");
        problem.GetProperty("detail").GetString()!.ShouldContain(contentType is null ? "请求没有注明 Content-Type" : $"收到的是“{contentType}");
    }

    [Fact]
    public async Task The_token_endpoint_names_only_what_is_missing()
    {
        var api = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, null);
        var problem = await ProblemAsync(await api.PostAsync("/api/v1/auth/token", Json("{\"userName\":\"yuncheng-office\"}")));
        problem.GetProperty("title").GetString().ShouldBe("请填写密码");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["password"]);
    }
}
