using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Tasks;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>/api/v1/tasks and the task pages: the same scope and rules as the service, answered in Chinese problem details.</summary>
public class TasksApiTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static string WithoutTrace(string body) => Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "");

    /// <summary>The demo's 垣曲 plan, its task （一） that 县农业农村局 leads, and the office's own （十一） it has no part in.</summary>
    internal static async Task<(int Plan, int MemberTask, int Ledger, int Cooperating)> YuanquAsync(HttpClient admin)
    {
        var plans = await JsonAsync(await admin.GetAsync("/api/v1/tasks/plans?search=" + Uri.EscapeDataString("垣曲县2024")));
        var plan = plans.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("isDemo").GetBoolean()).GetProperty("id").GetInt32();
        var tasks = (await JsonAsync(await admin.GetAsync($"/api/v1/tasks?plan={plan}&pageSize=100"))).GetProperty("items").EnumerateArray().ToList();
        int Numbered(string n) => tasks.Single(t => t.GetProperty("number").GetString() == n).GetProperty("id").GetInt32();
        return (plan, Numbered("（一）"), Numbered("（十一）"), Numbered("（三）"));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Without_credentials_the_task_api_answers_401_and_pages_ask_to_sign_in(StorageProvider provider)
    {
        var client = await SeededPlatforms.ClientAsync(provider, null);
        foreach (var path in new[] { "/api/v1/tasks", "/api/v1/tasks/1", "/api/v1/tasks/plans", "/api/v1/tasks/plans/1", "/api/v1/tasks/overdue" })
            (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
        (await client.PostAsJsonAsync("/api/v1/tasks/1/progress", new { progress = 10 })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var page = await client.GetAsync("/Tasks");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_member_unit_lists_its_own_tasks_and_another_county_gets_404(StorageProvider provider)
    {
        var (plan, memberTask, ledger, _) = await YuanquAsync(await SeededPlatforms.ClientAsync(provider, "admin"));
        var member = await SeededPlatforms.ClientAsync(provider, "yuanqu-member");
        var list = await JsonAsync(await member.GetAsync("/api/v1/tasks?pageSize=100"));
        list.GetProperty("total").GetInt32().ShouldBe(10);
        list.GetProperty("items").EnumerateArray().ShouldAllBe(t =>
            t.GetProperty("leadUnits").EnumerateArray().Concat(t.GetProperty("cooperatingUnits").EnumerateArray()).Any(u => u.GetProperty("name").GetString() == "县农业农村局"));
        var own = await JsonAsync(await member.GetAsync($"/api/v1/tasks/{memberTask}"));
        (own.GetProperty("role").GetString(), own.GetProperty("can").GetProperty("reportProgress").GetBoolean()).ShouldBe(("lead", true));

        var other = await member.GetAsync($"/api/v1/tasks/{ledger}");
        var missing = await member.GetAsync("/api/v1/tasks/999999");
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        WithoutTrace(await other.Content.ReadAsStringAsync()).ShouldBe(WithoutTrace(await missing.Content.ReadAsStringAsync()));
        (await other.Content.ReadAsStringAsync()).ShouldContain("未找到任务");

        var xinjiang = await SeededPlatforms.ClientAsync(provider, "xinjiang-office");
        (await xinjiang.GetAsync($"/api/v1/tasks/{memberTask}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await xinjiang.GetAsync($"/api/v1/tasks/plans/{plan}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonAsync(await xinjiang.GetAsync($"/api/v1/tasks?plan={plan}"))).GetProperty("total").GetInt32().ShouldBe(0);
        (await xinjiang.PostAsJsonAsync($"/api/v1/tasks/{memberTask}/notes", new { note = "越界" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var pages = (await SeededPlatforms.GetAsync(provider)).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(pages, "xinjiang-office", SeededPlatforms.Password);
        var page = await pages.GetAsync($"/Tasks/Detail/{memberTask}");
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await page.Content.ReadAsStringAsync()).ShouldContain("不在您的数据范围内");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Refusals_name_the_field_or_the_rule_in_chinese_and_change_nothing(StorageProvider provider)
    {
        var (_, memberTask, _, cooperating) = await YuanquAsync(await SeededPlatforms.ClientAsync(provider, "admin"));
        var member = await SeededPlatforms.ClientAsync(provider, "yuanqu-member");
        var before = await member.GetStringAsync($"/api/v1/tasks/{memberTask}");

        (await JsonAsync(await member.GetAsync("/api/v1/tasks?status=purple"), HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("status")[0].GetString()!.ShouldContain("未知的状态");
        (await JsonAsync(await member.GetAsync("/api/v1/tasks?plan=abc"), HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("plan")[0].GetString()!.ShouldContain("计划");
        (await JsonAsync(await member.GetAsync("/api/v1/tasks?overdue=maybe"), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("overdue", out _).ShouldBeTrue();
        var empty = await JsonAsync(await member.PostAsJsonAsync($"/api/v1/tasks/{memberTask}/extensions", new { reason = " " }), HttpStatusCode.BadRequest);
        empty.GetProperty("title").GetString().ShouldBe("请求参数有误");
        empty.GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("请填写延期理由");
        empty.GetProperty("errors").GetProperty("newDeadline")[0].GetString().ShouldBe("请填写申请延至的日期");
        var percent = await JsonAsync(await member.PostAsJsonAsync($"/api/v1/tasks/{memberTask}/progress", new { milestoneId = 0, progress = 101 }), HttpStatusCode.BadRequest);
        percent.GetProperty("errors").GetProperty("progress")[0].GetString()!.ShouldContain("0 到 100");
        // Done with 30 beside it says two things, refused like 100 without done (qa120 8), not saved as 100%.
        var open = System.Text.Json.JsonDocument.Parse(before).RootElement.GetProperty("milestones").EnumerateArray()
            .First(m => !m.GetProperty("done").GetBoolean()).GetProperty("id").GetInt32();
        var both = await member.PostAsJsonAsync($"/api/v1/tasks/{memberTask}/progress", new { milestoneId = open, progress = 30, done = true });
        both.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        System.Text.RegularExpressions.Regex.Unescape(await both.Content.ReadAsStringAsync()).ShouldContain("已完成的里程碑进度应为 100%（填写的是 30%）");
        (await JsonAsync(await member.PostAsJsonAsync($"/api/v1/tasks/{memberTask}/extensions/1/decision", new { note = "x" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("approve", out _).ShouldBeTrue();

        // On (三) the unit cooperates: figures are refused (403), words are not tried here to keep the shared data unchanged.
        var figures = await JsonAsync(await member.PostAsJsonAsync($"/api/v1/tasks/{cooperating}/progress", new { note = "x", progress = 50 }), HttpStatusCode.Forbidden);
        (figures.GetProperty("title").GetString(), figures.GetProperty("detail").GetString()).ShouldBe(("没有权限", "配合单位可以填写进展说明；进度和完成情况由牵头单位填报"));
        var leader = await SeededPlatforms.ClientAsync(provider, "yuncheng-leader");
        (await leader.PostAsJsonAsync($"/api/v1/tasks/{memberTask}/notes", new { note = "领导批示" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var expert = await SeededPlatforms.ClientAsync(provider, "expert-zhang");
        (await JsonAsync(await expert.GetAsync("/api/v1/tasks"), HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("评审专家");
        var yangquan = await SeededPlatforms.ClientAsync(provider, "yangquan-office");
        (await JsonAsync(await yangquan.PostAsJsonAsync("/api/v1/tasks/plans", new { policyId = "yuanqu-2023-19", year = 2030, jurisdiction = "垣曲县" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("jurisdiction")[0].GetString()!.ShouldContain("不在您的数据范围内");

        (await member.GetStringAsync($"/api/v1/tasks/{memberTask}")).ShouldBe(before);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task On_the_demo_day_a_unit_reports_asks_for_time_and_the_office_decides(StorageProvider provider)
    {
        var storage = TestDatabases.Create(provider);
        var clock = new FixedClock(TaskDemo.Today);
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: true, password: SeededPlatforms.Password)
            .WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        async Task<HttpClient> ClientAsync(string user)
        {
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var token = await JsonAsync(await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = SeededPlatforms.Password }));
            client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
            return client;
        }
        var office = await ClientAsync("yuanqu-office");
        var member = await ClientAsync("yuanqu-member");
        var (plan, memberTask, _, _) = await YuanquAsync(office);

        var task = await JsonAsync(await member.GetAsync($"/api/v1/tasks/{memberTask}"));
        (task.GetProperty("progress").GetDecimal(), task.GetProperty("status").GetString()).ShouldBe((61.7m, "overdue"));
        int Milestone(JsonElement t, string title) => t.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("title").GetString() == title).GetProperty("id").GetInt32();
        task = await JsonAsync(await member.PostAsJsonAsync($"/api/v1/tasks/{memberTask}/progress", new { milestoneId = Milestone(task, "新增农业经营主体 30 家"), done = true, note = "已新增 31 家" }));
        (task.GetProperty("progress").GetDecimal(), task.GetProperty("status").GetString(), task.GetProperty("statusName").GetString()).ShouldBe((68.3m, "due-soon", "临期"));
        task.GetProperty("notes")[0].GetProperty("unit").GetString().ShouldBe("县农业农村局");
        task.GetProperty("notes")[0].GetProperty("user").GetString().ShouldBe("垣曲县农业农村局");

        var upgrade = Milestone(task, "培育升规入统企业 2 家");
        task = await JsonAsync(await member.PostAsJsonAsync($"/api/v1/tasks/{memberTask}/extensions", new { milestoneId = upgrade, newDeadline = "2024-11-30", reason = "第二家企业年底前达规" }));
        var request = task.GetProperty("extensions")[0];
        (request.GetProperty("state").GetString(), request.GetProperty("previousDeadline").GetString()).ShouldBe(("pending", "2024-09-25"));
        (await JsonAsync(await member.PostAsJsonAsync($"/api/v1/tasks/{memberTask}/extensions/{request.GetProperty("id").GetInt32()}/decision", new { approve = true }), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString()!.ShouldContain("领导小组办公室审批");
        task = await JsonAsync(await office.PostAsJsonAsync($"/api/v1/tasks/{memberTask}/extensions/{request.GetProperty("id").GetInt32()}/decision", new { approve = true, note = "同意" }));
        var moved = task.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("id").GetInt32() == upgrade);
        (moved.GetProperty("deadline").GetString(), moved.GetProperty("originalDeadline").GetString(), moved.GetProperty("status").GetString()).ShouldBe(("2024-11-30", "2024-09-25", "on-track"));
        (task.GetProperty("extensions")[0].GetProperty("stateName").GetString(), task.GetProperty("extensions")[0].GetProperty("decisionNote").GetString()).ShouldBe(("已批准", "同意"));
        var again = await JsonAsync(await office.PostAsJsonAsync($"/api/v1/tasks/{memberTask}/extensions/{request.GetProperty("id").GetInt32()}/decision", new { approve = false, note = "再议" }), HttpStatusCode.Conflict);
        again.GetProperty("detail").GetString()!.ShouldContain("不能再次审批");

        // The milestone just finished was the unit's only overdue item; 县发改局's project library (due 8月15日) still is.
        (await JsonAsync(await member.GetAsync($"/api/v1/tasks/overdue?plan={plan}"))).GetArrayLength().ShouldBe(0);
        var overdue = (await JsonAsync(await office.GetAsync($"/api/v1/tasks/overdue?plan={plan}"))).EnumerateArray().ToList();
        overdue.Select(u => (u.GetProperty("unit").GetProperty("name").GetString(), u.GetProperty("milestones").GetInt32())).ShouldBe([("县发改局", 1)]);
        overdue[0].GetProperty("items")[0].GetProperty("daysOverdue").GetInt32().ShouldBe(32);
        var created = await JsonAsync(await office.PostAsJsonAsync("/api/v1/tasks/plans", new { policyId = "yuanqu-2023-19", year = 2025, jurisdiction = "垣曲县" }), HttpStatusCode.Created);
        created.GetProperty("groups")[0].GetProperty("tasks").GetArrayLength().ShouldBe(10);
        (await JsonAsync(await office.PostAsJsonAsync("/api/v1/tasks/plans", new { policyId = "yuanqu-2023-19", year = 2025, jurisdiction = "垣曲县" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("year")[0].GetString()!.ShouldContain("已有2025年");
        // A year outside the document's 执行期 needs carryOn (延用).
        (await JsonAsync(await office.PostAsJsonAsync("/api/v1/tasks/plans", new { policyId = "yuanqu-2023-19", year = 2026, jurisdiction = "垣曲县" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("year")[0].GetString()!.ShouldContain("执行期为2023—2025年，2026年不在其中");
        await JsonAsync(await office.PostAsJsonAsync("/api/v1/tasks/plans", new { policyId = "yuanqu-2023-19", year = 2026, jurisdiction = "垣曲县", carryOn = true }), HttpStatusCode.Created);

        // The page shows the same day and keeps what was typed when a request is refused.
        var pages = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(pages, "yuanqu-member", SeededPlatforms.Password);
        var form = await pages.GetStringAsync($"/Tasks/Detail/{memberTask}");
        form.ShouldContain("今天 2024年9月16日");
        var token = PageSignIn.Antiforgery(form);
        var refused = await pages.PostAsync($"/Tasks/Detail/{memberTask}?handler=Extension", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Extension.MilestoneId"] = "", ["Extension.NewDeadline"] = "2024-08-01", ["Extension.Reason"] = "资金未到位", ["__RequestVerificationToken"] = token,
        }));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain("申请的期限应晚于现在的期限（2024年12月31日）");
        html.ShouldContain(">资金未到位</textarea>");
        var garbled = await pages.PostAsync($"/Tasks/Detail/{memberTask}?handler=Progress", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Report.MilestoneId"] = upgrade.ToString(), ["Report.Progress"] = "七十", ["__RequestVerificationToken"] = token,
        }));
        var garbledPage = await garbled.Content.ReadAsStringAsync();
        garbledPage.ShouldContain("“七十”不是整数，请填写阿拉伯数字");
        // What was typed stays in the box to be corrected.
        garbledPage.ShouldContain("name=\"Report.Progress\" type=\"number\" min=\"0\" max=\"100\" step=\"1\" value=\"七十\"");
        var undated = await pages.PostAsync($"/Tasks/Detail/{memberTask}?handler=Extension", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Extension.MilestoneId"] = "", ["Extension.NewDeadline"] = "明年三月", ["Extension.Reason"] = "资金未到位", ["__RequestVerificationToken"] = token,
        }));
        (await undated.Content.ReadAsStringAsync()).ShouldContain("“明年三月”不是有效的日期，请写成 2025-03-05 的格式");
    }
}
