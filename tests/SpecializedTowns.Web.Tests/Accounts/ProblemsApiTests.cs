using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>The problem ledger through /api/v1/problems and its pages, on both providers, with the demo accounts.</summary>
public class ProblemsApiTests
{
    // Its own demo platform: Bad_input_is_refused… counts the county's problems before and after its refusals, and a test
    // raising a problem in 垣曲县 on the same platform (the audit page's) could land in between. The tests here write
    // problems of their own, which no test on the shared read-only platform may see either.
    private static readonly DemoPlatforms Platforms = new();

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<(int County, int Town, int Enterprise, Dictionary<string, int> Units)> ChoicesAsync(HttpClient client, string town, string enterprise)
    {
        var options = await JsonAsync(await client.GetAsync("/api/v1/problems/form-options"));
        var county = options.GetProperty("countyId").GetInt32();
        int Pick(string list, string name) => options.GetProperty(list).EnumerateArray().Single(i => i.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();
        var units = options.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("name").GetString()!, u => u.GetProperty("id").GetInt32());
        return (county, Pick("towns", town), Pick("enterprises", enterprise), units);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_problem_goes_from_the_township_through_the_office_and_the_lead_unit_back_to_its_raiser(StorageProvider provider)
    {
        var township = await Platforms.ClientAsync(provider, "lishan-township");
        var (county, town, enterprise, units) = await ChoicesAsync(township, "历山镇蜂蜜专业镇", "垣曲县历山蜂业有限公司");
        units.ShouldContainKey("县农业农村局");
        var created = await JsonAsync(await township.PostAsJsonAsync("/api/v1/problems", new
        {
            title = "蜂蜜检测能力不足，外送检测周期长", description = "产品需送运城检测，单次周期 7 天以上。",
            source = "调研走访", kind = "individual", category = "market", countyId = county, townId = town, enterpriseId = enterprise,
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        (created.GetProperty("stateName").GetString(), created.GetProperty("raisedBy").GetString(), created.GetProperty("sourceName").GetString()).ShouldBe(("待受理", "历山镇专业镇专干", "调研走访"));
        created.GetProperty("allowedSteps").GetArrayLength().ShouldBe(0);

        var office = await Platforms.ClientAsync(provider, "yuanqu-office");
        var member = await Platforms.ClientAsync(provider, "yuanqu-member");
        (await member.GetAsync($"/api/v1/problems/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "no unit named yet");
        var asOffice = await JsonAsync(await office.GetAsync($"/api/v1/problems/{id}"));
        asOffice.GetProperty("allowedSteps").EnumerateArray().Select(s => s.GetString()).ShouldBe(["accept", "decline"]);

        var deadline = DateTime.UtcNow.AddHours(8).AddDays(14).ToString("yyyy-MM-dd");
        var accepted = await JsonAsync(await office.PostAsJsonAsync($"/api/v1/problems/{id}/steps", new
        {
            action = "accept", leadUnitId = units["县农业农村局"], cooperatingUnitIds = new[] { units["县市场监督管理局"] }, deadline, note = "请县农业农村局牵头",
        }));
        (accepted.GetProperty("leadUnit").GetString(), accepted.GetProperty("deadline").GetString(), accepted.GetProperty("deadlineStatus").GetString())
            .ShouldBe(("县农业农村局", deadline, "on-track"));

        var handled = await JsonAsync(await member.PostAsJsonAsync($"/api/v1/problems/{id}/steps", new { action = "handle", note = "已联系省检测机构设立送检点" }));
        handled.GetProperty("allowedSteps").EnumerateArray().Select(s => s.GetString()).ShouldBe(["handle", "answer"]);
        var answered = await JsonAsync(await member.PostAsJsonAsync($"/api/v1/problems/{id}/steps", new { action = "answer", note = "县检验检测中心已开通蜂蜜检测，周期 2 天" }));
        answered.GetProperty("stateName").GetString().ShouldBe("已答复");
        (await member.PostAsJsonAsync($"/api/v1/problems/{id}/steps", new { action = "confirm" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var closed = await JsonAsync(await township.PostAsJsonAsync($"/api/v1/problems/{id}/steps", new { action = "confirm", note = "已解决" }));
        closed.GetProperty("stateName").GetString().ShouldBe("已办结");
        closed.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("action").GetString())
            .ShouldBe(["登记问题", "受理", "办理", "答复", "提出人确认解决，办结"]);

        // Another county's office: 404, the same answer as for a problem that does not exist.
        var other = await Platforms.ClientAsync(provider, "xinjiang-office");
        var outside = await other.GetAsync($"/api/v1/problems/{id}");
        var missing = await other.GetAsync("/api/v1/problems/999999");
        (outside.StatusCode, missing.StatusCode).ShouldBe((HttpStatusCode.NotFound, HttpStatusCode.NotFound));
        static async Task<string> Body(HttpResponseMessage r) => Regex.Replace(await r.Content.ReadAsStringAsync(), "\"traceId\":\"[^\"]*\"", "");
        (await Body(outside)).ShouldBe(await Body(missing));
        (await Body(outside)).ShouldContain("未找到问题");
        (await other.PostAsJsonAsync($"/api/v1/problems/{id}/steps", new { action = "reopen", note = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var otherList = await JsonAsync(await other.GetAsync("/api/v1/problems?pageSize=500"));
        otherList.GetProperty("items").EnumerateArray().ShouldAllBe(p => p.GetProperty("county").GetString() == "新绛县");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Bad_input_is_refused_naming_the_field_in_chinese_and_nothing_is_written(StorageProvider provider)
    {
        var office = await Platforms.ClientAsync(provider, "yuanqu-office");
        var before = (await JsonAsync(await office.GetAsync("/api/v1/problems?pageSize=1"))).GetProperty("total").GetInt32();
        var (county, town, _, units) = await ChoicesAsync(office, "历山镇蜂蜜专业镇", "垣曲县历山蜂业有限公司");

        var bad = await JsonAsync(await office.PostAsJsonAsync("/api/v1/problems", new
        {
            title = "", description = new string('述', 2001), source = "来信", kind = "individual", category = "用地", countyId = county, townId = town,
            deadline = "2025/3/5",
        }), HttpStatusCode.BadRequest);
        bad.GetProperty("title").GetString().ShouldBe("请求参数有误");
        var errors = bad.GetProperty("errors");
        errors.GetProperty("title")[0].GetString().ShouldBe("请填写问题标题");
        errors.GetProperty("description")[0].GetString().ShouldBe("问题描述不超过 2000 字（现为 2001 字）");
        errors.GetProperty("source")[0].GetString()!.ShouldStartWith("未知的来源“来信”，可用：survey（调研走访）");
        errors.GetProperty("deadline")[0].GetString().ShouldBe("“2025/3/5”不是有效的日期，请写成 2025-03-05 的格式");
        errors.GetProperty("enterpriseId")[0].GetString().ShouldBe("个性问题请选择所涉企业");

        var past = await JsonAsync(await office.PostAsJsonAsync("/api/v1/problems", new
        {
            title = "t", description = "d", source = "survey", kind = "common", category = "land", countyId = county, deadline = "2020-01-01",
            leadUnitId = 999999,
        }), HttpStatusCode.BadRequest);
        past.GetProperty("errors").GetProperty("deadline")[0].GetString().ShouldBe("办理时限不能早于今天");
        past.GetProperty("errors").GetProperty("leadUnitId")[0].GetString().ShouldBe("所选牵头单位不是该县可选的单位");
        (await JsonAsync(await office.GetAsync("/api/v1/problems?pageSize=1"))).GetProperty("total").GetInt32().ShouldBe(before, "nothing half-written");

        var leader = await Platforms.ClientAsync(provider, "yuncheng-leader");
        var refused = await leader.PostAsJsonAsync("/api/v1/problems", new { title = "t" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("您的角色不能登记问题");
        (await leader.GetAsync("/api/v1/problems/form-options")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var id = (await JsonAsync(await office.PostAsJsonAsync("/api/v1/problems", new
        {
            title = "古城镇渔业专业镇冷库用地", description = "d", source = "survey", kind = "common", category = "land", countyId = county,
        }), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var noLead = await JsonAsync(await office.PostAsJsonAsync($"/api/v1/problems/{id}/steps", new { action = "accept", deadline = "2099-01-01" }), HttpStatusCode.BadRequest);
        noLead.GetProperty("errors").GetProperty("leadUnitId")[0].GetString().ShouldBe("受理时须指定牵头单位");
        var noReason = await JsonAsync(await office.PostAsJsonAsync($"/api/v1/problems/{id}/steps", new { action = "decline" }), HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").GetProperty("note")[0].GetString().ShouldBe("请写明不予受理的理由");
        var wrongStep = await JsonAsync(await office.PostAsJsonAsync($"/api/v1/problems/{id}/steps", new { action = "answer", note = "x" }), HttpStatusCode.Conflict);
        wrongStep.GetProperty("detail").GetString().ShouldBe("问题当前为“待受理”，不能“答复”");
        (await JsonAsync(await office.PostAsJsonAsync($"/api/v1/problems/{id}/steps", new { action = "close" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("action")[0].GetString()!.ShouldContain("accept、decline");
        _ = units;

        (await JsonAsync(await office.GetAsync("/api/v1/problems?pageSize=0"), HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("pageSize").GetArrayLength().ShouldBe(1);
        (await JsonAsync(await office.GetAsync("/api/v1/problems?status=finished"), HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("status")[0].GetString()!.ShouldContain("未知的状态");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Lists_filter_page_and_show_the_overdue_and_the_figures_by_unit(StorageProvider provider)
    {
        var anonymous = await Platforms.ClientAsync(provider, null);
        foreach (var path in new[] { "/api/v1/problems", "/api/v1/problems/1", "/api/v1/problems/by-unit", "/api/v1/problems/form-options" })
            (await anonymous.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);

        var city = await Platforms.ClientAsync(provider, "yuncheng-office");
        var overdue = await JsonAsync(await city.GetAsync("/api/v1/problems?overdue=true&sort=overdue"));
        overdue.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(3);
        var days = overdue.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("daysOverdue").GetInt32()).ToList();
        days.ShouldBeInOrder(SortDirection.Descending);
        days.ShouldAllBe(d => d > 0);

        var xinjiang = await JsonAsync(await city.GetAsync("/api/v1/problems?jurisdiction=" + Uri.EscapeDataString("新绛县") + "&category=financing&pageSize=2"));
        xinjiang.GetProperty("items").EnumerateArray().ShouldAllBe(p => p.GetProperty("county").GetString() == "新绛县" && p.GetProperty("categoryName").GetString() == "融资");
        (await JsonAsync(await city.GetAsync("/api/v1/problems?status=open&source=" + Uri.EscapeDataString("月报")))).GetProperty("items").EnumerateArray()
            .ShouldAllBe(p => p.GetProperty("sourceName").GetString() == "月报" && p.GetProperty("state").GetString() != "closed");

        var member = await Platforms.ClientAsync(provider, "yuanqu-member");
        var mine = await JsonAsync(await member.GetAsync("/api/v1/problems?pageSize=500"));
        mine.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(4);
        var figures = await JsonAsync(await member.GetAsync("/api/v1/problems/by-unit"));
        var agriculture = figures.EnumerateArray().Single(f => f.GetProperty("unit").GetString() == "县农业农村局");
        agriculture.GetProperty("county").GetString().ShouldBe("垣曲县");
        agriculture.GetProperty("overdue").GetInt32().ShouldBeGreaterThanOrEqualTo(1);

        var openapi = await anonymous.GetStringAsync("/openapi/v1.json");
        openapi.ShouldContain("/api/v1/problems/{id}/steps");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_registration_page_shows_messages_beside_the_fields_keeps_what_was_typed_and_saves_when_right(StorageProvider provider)
    {
        var factory = await Platforms.GetAsync(provider);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, "yuanqu-office", SeededPlatforms.Password);
        var form = await client.GetStringAsync("/Problems/New");
        var token = PageSignIn.Antiforgery(form);
        var county = Regex.Match(form, "<option value=\"(\\d+)\" selected=\"selected\">垣曲县</option>").Groups[1].Value;
        county.ShouldNotBeEmpty("the only county of a county office is chosen already");

        var wrong = await client.PostAsync("/Problems/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.CountyId"] = county, ["Input.Title"] = "古城镇冷链物流用电增容",
            ["Input.Description"] = "", ["Input.Source"] = "EnterpriseReport", ["Input.Kind"] = "Individual", ["Input.Category"] = "Energy",
            ["Input.Deadline"] = "2020-01-01",
        }));
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await wrong.Content.ReadAsStringAsync();
        page.ShouldContain("请填写问题描述");
        page.ShouldContain("个性问题请选择所涉企业");
        page.ShouldContain("办理时限不能早于今天");
        page.ShouldContain("value=\"古城镇冷链物流用电增容\"");
        page.ShouldNotContain("Exception");

        var enterprise = Regex.Match(page, "<option value=\"(\\d+)\"[^>]*>垣曲县古城冷链物流有限公司</option>").Groups[1].Value;
        // What was chosen stays chosen when the form comes back (the choices mark themselves, not the select's tag helper).
        var leadSelect = Regex.Match(page, "name=\"Input.LeadUnitId\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
        var lead = Regex.Matches(leadSelect, "<option value=\"(\\d+)\"").Last().Groups[1].Value;
        var again = await (await client.PostAsync("/Problems/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.CountyId"] = county, ["Input.Title"] = "古城镇冷链物流用电增容",
            ["Input.Description"] = "", ["Input.Source"] = "EnterpriseReport", ["Input.Kind"] = "Individual", ["Input.Category"] = "Energy",
            ["Input.EnterpriseId"] = enterprise, ["Input.LeadUnitId"] = lead,
        }))).Content.ReadAsStringAsync();
        again.ShouldContain("请填写问题描述");
        Regex.Matches(again, "<option value=\"(\\d+)\"[^>]*selected=\"selected\"").Select(m => m.Groups[1].Value).ShouldBe([county, enterprise, lead], ignoreOrder: true);

        var saved = await client.PostAsync("/Problems/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.CountyId"] = county, ["Input.Title"] = "古城镇冷链物流用电增容",
            ["Input.Description"] = "冷库扩建后用电负荷增加。", ["Input.Source"] = "EnterpriseReport", ["Input.Kind"] = "Individual", ["Input.Category"] = "Energy",
            ["Input.EnterpriseId"] = enterprise,
        }));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var detail = await client.GetStringAsync(saved.Headers.Location!.ToString());
        detail.ShouldContain("问题已登记，等待领导小组办公室受理");
        detail.ShouldContain("受理并转牵头单位");

        // Another county's office: a Chinese 404 on the page as on the API.
        var other = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(other, "xinjiang-office", SeededPlatforms.Password);
        var outside = await other.GetAsync(saved.Headers.Location!.ToString());
        outside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outside.Content.ReadAsStringAsync()).ShouldContain("不在您的数据范围内");
        // A form posted without the antiforgery token is refused.
        (await client.PostAsync("/Problems/New", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Title"] = "x" }))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
