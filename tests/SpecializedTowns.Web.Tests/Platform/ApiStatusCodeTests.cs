using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Web.Api;
using SpecializedTowns.Web.Tests.BadInput;
using SpecializedTowns.Web.Tests.Infrastructure;
using SpecializedTowns.Data;

namespace SpecializedTowns.Web.Tests.Platform;

/// <summary>
/// The status code of every kind of refusal, family by family of /api/v1 (contracts/web-and-api.md): 400 naming the field,
/// 401 without a token, 403 for a role not allowed the action on a record it can see, 404 for a record that does not exist or
/// lies outside the caller's scope (one answer for both), 409 for the record's state. Each is problem+json with a Chinese
/// title, and a refusal writes nothing. On a demo platform of its own: the applications case files one, and the refusals
/// compare every table before and after, which another class's writes landing in between would upset.
/// </summary>
public class ApiStatusCodeTests
{
    private static readonly DemoPlatforms Own = new();

    private static Task<HttpClient> As(StorageProvider provider, string? user) => Own.ClientAsync(provider, user);

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The refusal as the contract has it; for a 400 with <paramref name="field"/>, that field is named in errors.</summary>
    private static async Task<JsonElement> RefusedAsync(HttpResponseMessage response, HttpStatusCode expected, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";
        response.StatusCode.ShouldBe(expected, $"{what}: {body}");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", what);
        Chinese.ShouldBeClean(body, what);
        var problem = JsonDocument.Parse(body).RootElement;
        Chinese.Has(problem.GetProperty("title").GetString()).ShouldBeTrue($"{what}: a Chinese title: {body}");
        problem.GetProperty("status").GetInt32().ShouldBe((int)expected, what);
        if (field is not null) Chinese.Has(problem.GetProperty("errors").GetProperty(field)[0].GetString()).ShouldBeTrue($"{what}: {field} is named: {body}");
        return problem;
    }

    private static async Task<DbState> StateAsync(StorageProvider provider)
    {
        using var scope = (await Own.GetAsync(provider)).Services.CreateScope();
        return await DbState.CaptureAsync(scope.ServiceProvider.GetRequiredService<TownsDbContext>());
    }

    /// <summary>The id of the item of a list whose <paramref name="property"/> is <paramref name="value"/>.</summary>
    private static async Task<int> IdAsync(HttpClient client, string list, string value, string property = "name") =>
        (await OkAsync(await client.GetAsync(list))).GetProperty("items").EnumerateArray()
            .First(i => i.GetProperty(property).GetString() == value).GetProperty("id").GetInt32();

    private static async Task UnauthorizedAsync(StorageProvider provider, string path) =>
        await RefusedAsync(await (await As(provider, null)).GetAsync(path), HttpStatusCode.Unauthorized);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Applications(StorageProvider provider)
    {
        var office = await As(provider, "yongji-office");
        var expert = await As(provider, "expert-zhang");
        var other = await As(provider, "yuanqu-office");
        var town = await IdAsync(office, "/api/v1/towns?search=" + Uri.EscapeDataString("开张镇"), "开张镇畜牧养殖专业镇");
        var elsewhere = await IdAsync(other, "/api/v1/towns?search=" + Uri.EscapeDataString("历山镇"), "历山镇蜂蜜专业镇");
        var facts = new { category = "specialty-agriculture", annualOutputValueWanYuan = 12000, leadingEnterprises = 1, supportingEnterprises = 6, localEmployment = 600, cityMarketSharePercent = 12 };
        int expertId;
        using (var scope = (await Own.GetAsync(provider)).Services.CreateScope())
            expertId = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Users.Where(u => u.UserName == "expert-zhang").Select(u => u.Id).SingleAsync();

        var id = (await OkAsync(await office.PostAsJsonAsync("/api/v1/applications", new { townId = town, standardId = "yongji-county", facts }), HttpStatusCode.Created))
            .GetProperty("id").GetInt32();
        await OkAsync(await office.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "submit" }));
        // What a step finds wrong with its input is a field to correct, as on the page: 400 naming it, no longer a 409.
        var submitted = await StateAsync(provider);
        (await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "return", reason = " " }), HttpStatusCode.BadRequest, "reason"))
            .GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("退回修改须写明理由");
        await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "return", reason = new string('理', 2001) }), HttpStatusCode.BadRequest, "reason");
        (await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "accept", experts = Array.Empty<int>() }), HttpStatusCode.BadRequest, "experts"))
            .GetProperty("errors").GetProperty("experts")[0].GetString()!.ShouldContain("至少一名评审专家");
        await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "accept", experts = new[] { 999999 } }), HttpStatusCode.BadRequest, "experts");
        submitted.ShouldHaveNoDataWritten(await StateAsync(provider), "application steps refused for their input");
        (await OkAsync(await office.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "accept", experts = new[] { expertId } })))
            .GetProperty("state").GetString().ShouldBe("ExpertReview");

        var before = await StateAsync(provider);
        await RefusedAsync(await office.GetAsync("/api/v1/applications?state=finished"), HttpStatusCode.BadRequest, "state");
        // A town outside the caller's scope named in the body is a field to correct, not a state of anything.
        await RefusedAsync(await office.PostAsJsonAsync("/api/v1/applications", new { townId = elsewhere, standardId = "yongji-county", facts }), HttpStatusCode.BadRequest, "townId");
        // The expert's 总体意见 is required: a score without it names scores.overall, before anything is tried.
        var noOverall = await RefusedAsync(await expert.PostAsJsonAsync($"/api/v1/applications/{id}/steps",
            new { action = "score", scores = new Dictionary<string, object> { ["leading-enterprises"] = new { met = true, comment = "龙头企业 1 家" } } }), HttpStatusCode.BadRequest, "scores.overall");
        noOverall.GetProperty("errors").GetProperty("scores.overall")[0].GetString()!.ShouldContain("总体意见");
        await RefusedAsync(await expert.PostAsJsonAsync($"/api/v1/applications/{id}/steps",
            new { action = "score", scores = new Dictionary<string, object> { ["overall"] = new { met = true, comment = " " } } }), HttpStatusCode.BadRequest, "scores.overall");
        // The office sees the application but scoring is the expert's: 403 (it was a 409, as if the state were wrong).
        (await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/applications/{id}/steps",
            new { action = "score", scores = new Dictionary<string, object> { ["overall"] = new { met = true, comment = "同意" } } }), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldBe("领导小组办公室不能执行“专家评分”");
        (await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "submit" }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("申报当前为“专家评审中”，不能“提交申报”");
        await RefusedAsync(await other.GetAsync($"/api/v1/applications/{id}"), HttpStatusCode.NotFound);
        await RefusedAsync(await other.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "return", reason = "x" }), HttpStatusCode.NotFound);
        await RefusedAsync(await office.GetAsync("/api/v1/applications/999999"), HttpStatusCode.NotFound);
        await UnauthorizedAsync(provider, "/api/v1/applications");
        before.ShouldHaveNoDataWritten(await StateAsync(provider), "refused application requests");

        // With the 总体意见 the same expert's score goes through.
        var scored = await OkAsync(await expert.PostAsJsonAsync($"/api/v1/applications/{id}/steps",
            new { action = "score", scores = new Dictionary<string, object> { ["overall"] = new { met = true, comment = "建议认定" } } }));
        scored.GetProperty("events").EnumerateArray().Last().GetProperty("action").GetString().ShouldBe("专家评分");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Projects_and_investment_leads(StorageProvider provider)
    {
        var office = await As(provider, "yuanqu-office");
        var member = await As(provider, "yuanqu-member");
        var other = await As(provider, "xinjiang-office");
        var project = await IdAsync(office, "/api/v1/projects?search=" + Uri.EscapeDataString("历山镇蜂蜜冷链仓储项目"), "历山镇蜂蜜冷链仓储项目");
        var lead = await IdAsync(office, "/api/v1/investment-leads?stage=negotiating&pageSize=100", "蜂王浆冻干粉生产项目");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");

        var before = await StateAsync(provider);
        await RefusedAsync(await office.GetAsync("/api/v1/projects?stage=done"), HttpStatusCode.BadRequest, "stage");
        await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/projects/{project}/stage", new { stage = "signed" }), HttpStatusCode.BadRequest, "on");
        // What the service finds wrong with the input is a 400 naming the field too, not a 409.
        await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/projects/{project}/stage", new { stage = "signed", on = "2999-01-01" }), HttpStatusCode.BadRequest, "on");
        await RefusedAsync(await office.PutAsJsonAsync($"/api/v1/projects/{project}/guarantees/land", new { status = "blocked" }), HttpStatusCode.BadRequest, "note");
        await RefusedAsync(await member.PostAsJsonAsync("/api/v1/projects", new { name = "x" }), HttpStatusCode.Forbidden);
        // A member unit that sees the project may not confirm its stage: 403, no longer a 409.
        (await RefusedAsync(await member.PostAsJsonAsync($"/api/v1/projects/{project}/stage", new { stage = "signed", on = today }), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldBe("项目阶段由领导小组办公室确认");
        (await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/projects/{project}/stage", new { stage = "at-target", on = today }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("下一步只能是");
        await RefusedAsync(await other.GetAsync($"/api/v1/projects/{project}"), HttpStatusCode.NotFound);
        await RefusedAsync(await other.PostAsJsonAsync($"/api/v1/projects/{project}/stage", new { stage = "signed", on = today }), HttpStatusCode.NotFound);
        await UnauthorizedAsync(provider, "/api/v1/projects");

        await RefusedAsync(await office.GetAsync("/api/v1/investment-leads?stage=won"), HttpStatusCode.BadRequest, "stage");
        await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/investment-leads/{lead}/steps", new { action = "sign" }), HttpStatusCode.BadRequest, "on");
        await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/investment-leads/{lead}/steps", new { action = "drop", reason = " " }), HttpStatusCode.BadRequest, "reason");
        (await RefusedAsync(await member.PostAsJsonAsync($"/api/v1/investment-leads/{lead}/steps", new { action = "drop", reason = "x" }), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldBe("招商引资项目的进展由领导小组办公室登记");
        (await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/investment-leads/{lead}/steps", new { action = "land", on = today }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldStartWith("签约后才能落地");
        await RefusedAsync(await other.GetAsync($"/api/v1/investment-leads/{lead}"), HttpStatusCode.NotFound);
        await UnauthorizedAsync(provider, "/api/v1/investment-leads");
        before.ShouldHaveNoDataWritten(await StateAsync(provider), "refused project and lead requests");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Tasks(StorageProvider provider)
    {
        var office = await As(provider, "xinjiang-office");
        var leader = await As(provider, "yuncheng-leader");
        var other = await As(provider, "yuanqu-office");
        // A task of 新绛's plan with a request already decided.
        var (task, extension) = (0, 0);
        foreach (var item in (await OkAsync(await office.GetAsync("/api/v1/tasks?pageSize=200"))).GetProperty("items").EnumerateArray())
        {
            var id = item.GetProperty("id").GetInt32();
            var decided = (await OkAsync(await office.GetAsync($"/api/v1/tasks/{id}"))).GetProperty("extensions").EnumerateArray()
                .FirstOrDefault(e => e.GetProperty("state").GetString() == "approved");
            if (decided.ValueKind == JsonValueKind.Undefined) continue;
            (task, extension) = (id, decided.GetProperty("id").GetInt32());
            break;
        }
        task.ShouldBeGreaterThan(0, "the demo has an approved extension");

        var before = await StateAsync(provider);
        await RefusedAsync(await office.GetAsync("/api/v1/tasks?status=purple"), HttpStatusCode.BadRequest, "status");
        await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/tasks/{task}/extensions/{extension}/decision", new { note = "x" }), HttpStatusCode.BadRequest, "approve");
        await RefusedAsync(await leader.PostAsJsonAsync($"/api/v1/tasks/{task}/notes", new { note = "领导批示" }), HttpStatusCode.Forbidden);
        (await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/tasks/{task}/extensions/{extension}/decision", new { approve = true }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("不能再次审批");
        await RefusedAsync(await other.GetAsync($"/api/v1/tasks/{task}"), HttpStatusCode.NotFound);
        await RefusedAsync(await other.PostAsJsonAsync($"/api/v1/tasks/{task}/notes", new { note = "x" }), HttpStatusCode.NotFound);
        await UnauthorizedAsync(provider, "/api/v1/tasks");
        before.ShouldHaveNoDataWritten(await StateAsync(provider), "refused task requests");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Reports(StorageProvider provider)
    {
        var office = await As(provider, "yuanqu-office");
        var member = await As(provider, "yuanqu-member");
        var other = await As(provider, "xinjiang-office");
        var accepted = await IdAsync(office, "/api/v1/reports?state=accepted&pageSize=100", "历山镇蜂蜜专业镇", "town");
        var submitted = await IdAsync(other, "/api/v1/reports?state=submitted&pageSize=100", "绛州绿专业镇", "town");

        var before = await StateAsync(provider);
        await RefusedAsync(await office.GetAsync("/api/v1/reports?state=late"), HttpStatusCode.BadRequest, "state");
        await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/reports/{accepted}/steps", new { action = "approve" }), HttpStatusCode.BadRequest, "action");
        (await RefusedAsync(await other.PostAsJsonAsync($"/api/v1/reports/{submitted}/steps", new { action = "return" }), HttpStatusCode.BadRequest, "reason"))
            .GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("退回修改须写明理由");
        // The unit sees the report, but acceptance is the office's: 403, no longer a 409.
        (await RefusedAsync(await member.PostAsJsonAsync($"/api/v1/reports/{accepted}/steps", new { action = "accept" }), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldBe("只有领导小组办公室可以“审核通过”月报");
        (await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/reports/{accepted}/steps", new { action = "return", reason = "x" }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("月报当前为“已审核”，不能“退回修改”");
        await RefusedAsync(await other.GetAsync($"/api/v1/reports/{accepted}"), HttpStatusCode.NotFound);
        await RefusedAsync(await other.PostAsJsonAsync($"/api/v1/reports/{accepted}/steps", new { action = "return", reason = "x" }), HttpStatusCode.NotFound);
        await UnauthorizedAsync(provider, "/api/v1/reports");
        before.ShouldHaveNoDataWritten(await StateAsync(provider), "refused report requests");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Problems(StorageProvider provider)
    {
        var office = await As(provider, "yuanqu-office");
        var member = await As(provider, "yuanqu-member");
        var leader = await As(provider, "yuncheng-leader");
        var other = await As(provider, "xinjiang-office");
        var registered = await IdAsync(office, "/api/v1/problems?status=registered&pageSize=100", "古城冷链物流冷库扩建用电增容", "title");
        var handling = await IdAsync(member, "/api/v1/problems?status=handling&pageSize=100", "历山镇蜂蜜专业镇冷链仓储项目建设用地指标未落实", "title");

        var before = await StateAsync(provider);
        await RefusedAsync(await office.GetAsync("/api/v1/problems?status=stuck"), HttpStatusCode.BadRequest, "status");
        await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/problems/{registered}/steps", new { action = "close" }), HttpStatusCode.BadRequest, "action");
        await RefusedAsync(await leader.PostAsJsonAsync("/api/v1/problems", new { title = "x" }), HttpStatusCode.Forbidden);
        // The lead unit sees its problem, but urging is the office's: 403, no longer a 409.
        (await RefusedAsync(await member.PostAsJsonAsync($"/api/v1/problems/{handling}/steps", new { action = "urge", note = "请加快" }), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldBe("只有本县（市、区）或上级领导小组办公室可以督办");
        (await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/problems/{registered}/steps", new { action = "answer", note = "x" }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("问题当前为“待受理”，不能“答复”");
        await RefusedAsync(await other.GetAsync($"/api/v1/problems/{registered}"), HttpStatusCode.NotFound);
        await RefusedAsync(await other.PostAsJsonAsync($"/api/v1/problems/{registered}/steps", new { action = "decline", note = "x" }), HttpStatusCode.NotFound);
        await UnauthorizedAsync(provider, "/api/v1/problems");
        before.ShouldHaveNoDataWritten(await StateAsync(provider), "refused problem requests");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Evaluations(StorageProvider provider)
    {
        var city = await As(provider, "yuncheng-office");
        var leader = await As(provider, "yuncheng-leader");
        var other = await As(provider, "yangquan-office");
        var list = (await OkAsync(await city.GetAsync("/api/v1/evaluations?year=2024"))).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("areaPath").GetString() == "山西省/运城市").ToList();
        var published = list.Single(e => e.GetProperty("state").GetString() == "published" && e.GetProperty("kind").GetString() == "town").GetProperty("id").GetInt32();
        var draft = list.Single(e => e.GetProperty("state").GetString() == "draft").GetProperty("id").GetInt32();

        var before = await StateAsync(provider);
        await RefusedAsync(await city.GetAsync("/api/v1/evaluations?kind=village"), HttpStatusCode.BadRequest, "kind");
        await RefusedAsync(await city.PutAsJsonAsync($"/api/v1/evaluations/{published}/document", new { documentNumber = "运专镇办〔2025〕3号", documentDate = "2025年1月" }),
            HttpStatusCode.BadRequest, "documentDate");
        // The city's leader reads the city's evaluations, but writing them is the city office's: 403, no longer a 409.
        (await RefusedAsync(await leader.PutAsJsonAsync($"/api/v1/evaluations/{published}/document", new { documentNumber = "运专镇办〔2025〕3号", documentDate = "2025-01-15" }),
            HttpStatusCode.Forbidden)).GetProperty("detail").GetString().ShouldBe("只有本级专业镇办公室可以填写评估报告的发文字号");
        (await RefusedAsync(await leader.PostAsJsonAsync($"/api/v1/evaluations/{published}/notices", new { contactName = "王力", contactPhone = "0359-7521234" }),
            HttpStatusCode.Forbidden)).GetProperty("detail").GetString().ShouldBe("只有本级专业镇办公室可以下发督办通知书");
        (await RefusedAsync(await leader.PostAsJsonAsync($"/api/v1/evaluations/{draft}/recalculate", new { }), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldBe("只有本级专业镇办公室可以修改本级评估");
        await RefusedAsync(await leader.DeleteAsync($"/api/v1/evaluations/{draft}"), HttpStatusCode.Forbidden);
        await RefusedAsync(await city.DeleteAsync($"/api/v1/evaluations/{published}"), HttpStatusCode.Conflict);
        await RefusedAsync(await city.PostAsJsonAsync($"/api/v1/evaluations/{published}/recalculate", new { }), HttpStatusCode.Conflict);
        await RefusedAsync(await other.GetAsync($"/api/v1/evaluations/{published}"), HttpStatusCode.NotFound);
        await RefusedAsync(await other.DeleteAsync($"/api/v1/evaluations/{published}"), HttpStatusCode.NotFound);
        await UnauthorizedAsync(provider, "/api/v1/evaluations");
        before.ShouldHaveNoDataWritten(await StateAsync(provider), "refused evaluation requests");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Notices(StorageProvider provider)
    {
        var office = await As(provider, "yuanqu-office");
        var township = await As(provider, "lishan-township");
        var other = await As(provider, "xinjiang-office");
        var notice = await IdAsync(office, "/api/v1/notices?status=issued&pageSize=100", "历山镇蜂蜜专业镇", "recipient");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");

        var before = await StateAsync(provider);
        await RefusedAsync(await office.GetAsync("/api/v1/notices?status=lost"), HttpStatusCode.BadRequest, "status");
        await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/notices/{notice}/items/1/verification", new { decision = "maybe" }), HttpStatusCode.BadRequest, "decision");
        // An empty batch is the body's to correct (400 naming notices), not a state of anything.
        await RefusedAsync(await office.PostAsJsonAsync("/api/v1/notices/batch", new { notices = Array.Empty<object>() }), HttpStatusCode.BadRequest, "notices");
        await RefusedAsync(await township.PostAsJsonAsync("/api/v1/notices", new { recipientKind = "town" }), HttpStatusCode.Forbidden);
        // The recipient sees its notice, but verifying is the issuing office's: 403, no longer a 409.
        (await RefusedAsync(await township.PostAsJsonAsync($"/api/v1/notices/{notice}/items/1/verification", new { decision = "accept" }), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldBe("只有下发通知书的领导小组办公室（或上级办公室）可以核验整改情况");
        (await RefusedAsync(await office.PostAsJsonAsync($"/api/v1/notices/{notice}/actions", new { actions = new[] { new { kind = "interview", takenOn = today } } }),
            HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("未到");
        await RefusedAsync(await other.GetAsync($"/api/v1/notices/{notice}"), HttpStatusCode.NotFound);
        await RefusedAsync(await other.PostAsync($"/api/v1/notices/{notice}/submit", null), HttpStatusCode.NotFound);
        await UnauthorizedAsync(provider, "/api/v1/notices");
        before.ShouldHaveNoDataWritten(await StateAsync(provider), "refused notice requests");
    }

    /// <summary>Targets, support and towns refuse by role and scope but have no step a state could refuse: no 409 there.</summary>
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Targets_support_and_towns(StorageProvider provider)
    {
        var office = await As(provider, "yuncheng-office");
        var leader = await As(provider, "yuncheng-leader");
        var other = await As(provider, "xinjiang-office");
        var town = await IdAsync(await As(provider, "yuanqu-office"), "/api/v1/towns?search=" + Uri.EscapeDataString("历山镇"), "历山镇蜂蜜专业镇");

        var before = await StateAsync(provider);
        await RefusedAsync(await office.GetAsync("/api/v1/targets?status=late"), HttpStatusCode.BadRequest, "status");
        await RefusedAsync(await office.GetAsync("/api/v1/targets/adjustments?tier=city"), HttpStatusCode.BadRequest, "tier");
        (await RefusedAsync(await leader.PostAsJsonAsync("/api/v1/targets/market-ranks", new { townId = town, product = "蜂蜜", year = 2024, rank = 40, rankingSource = "协会" }),
            HttpStatusCode.Forbidden)).GetProperty("detail").GetString().ShouldBe("只有领导小组办公室可以登记全国市场占有率排名");
        await RefusedAsync(await office.GetAsync("/api/v1/targets/no-such-target"), HttpStatusCode.NotFound);
        await RefusedAsync(await office.DeleteAsync("/api/v1/targets/market-ranks/999999"), HttpStatusCode.NotFound);
        await UnauthorizedAsync(provider, "/api/v1/targets");

        await RefusedAsync(await office.GetAsync("/api/v1/support/white-list?status=gone"), HttpStatusCode.BadRequest, "status");
        (await RefusedAsync(await leader.PostAsJsonAsync("/api/v1/support/grants", new { }), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldBe("您的角色不能登记资金奖补");
        await RefusedAsync(await office.GetAsync("/api/v1/support/grants/999999"), HttpStatusCode.NotFound);
        await UnauthorizedAsync(provider, "/api/v1/support/grants");

        await RefusedAsync(await office.GetAsync("/api/v1/towns?tier=city"), HttpStatusCode.BadRequest, "tier");
        await RefusedAsync(await office.GetAsync("/api/v1/towns?category=mining"), HttpStatusCode.BadRequest, "category");
        await RefusedAsync(await other.GetAsync($"/api/v1/towns/{town}"), HttpStatusCode.NotFound);
        await UnauthorizedAsync(provider, "/api/v1/towns");
        before.ShouldHaveNoDataWritten(await StateAsync(provider), "refused target, support and town requests");
    }

    /// <summary>
    /// Decision 0017: every list filter reads its code list through the one parser, so it takes the code in any letter case and
    /// with or without hyphens (the older InProduction), as well as the Chinese name, and never the stored number.
    /// </summary>
    [Fact]
    public async Task Every_list_filter_takes_the_code_in_any_case_and_refuses_a_number()
    {
        var admin = await As(StorageProvider.Sqlite, "admin");
        var failures = new List<string>();
        foreach (var field in ApiCodeFields.All.Where(f => f.Place == ApiFieldPlace.Query))
        {
            foreach (var entry in field.List.Entries)
                foreach (var value in new[] { entry.Code.ToUpperInvariant(), Pascal(entry.Code) })
                {
                    using var response = await admin.GetAsync($"{field.Path}?pageSize=1&{field.Field}={Uri.EscapeDataString(value)}");
                    if (response.StatusCode != HttpStatusCode.OK) failures.Add($"GET {field.Path}?{field.Field}={value}: {(int)response.StatusCode}");
                }
            using var number = await admin.GetAsync($"{field.Path}?pageSize=1&{field.Field}=2");
            if (number.StatusCode != HttpStatusCode.BadRequest
                || JsonNode.Parse(await number.Content.ReadAsStringAsync())?["errors"]?[field.Field] is null)
                failures.Add($"GET {field.Path}?{field.Field}=2 is not refused by naming the field");
        }
        failures.ShouldBeEmpty();
    }

    private static string Pascal(string code) => string.Concat(code.Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    [Fact]
    public async Task The_score_step_documents_the_overall_opinion()
    {
        var document = JsonNode.Parse(await (await As(StorageProvider.Sqlite, "admin")).GetStringAsync("/openapi/v1.json"))!;
        var steps = document["paths"]!["/api/v1/applications/{id}/steps"]!["post"]!;
        var description = steps["description"]!.GetValue<string>();
        description.ShouldContain("overall（总体意见）");
        description.ShouldContain("scores.overall");
        steps["responses"]!["403"].ShouldNotBeNull();
        steps["responses"]!["409"].ShouldNotBeNull();
        document["components"]!["schemas"]!["ApplicationStep"]!["properties"]!["scores"]!["description"]!.GetValue<string>().ShouldContain("overall");
    }
}
