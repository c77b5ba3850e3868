using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reports;

/// <summary>
/// /api/v1/reports on the demo platforms for tests that write (<see cref="WritingPlatforms"/>: these send, reopen and accept
/// reports), loaded today: the demo's reports cover the three months before this one, so the month before last is always
/// closed and last month always has 历山's accepted report.
/// </summary>
public class ReportsApiTests
{
    private static ReportMonth ThisMonth => ReportMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<int> ForceAsync(HttpClient client, string town)
    {
        var list = await JsonAsync(await client.GetAsync("/api/v1/reports/task-forces?pageSize=100"));
        return list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("town").GetString() == town).GetProperty("id").GetInt32();
    }

    private static string Path(int force, ReportMonth month) => $"/api/v1/reports/{force}/{month.Year}/{month.Month}";

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Task_forces_and_reports_are_seen_within_scope_and_another_county_gets_404(StorageProvider provider)
    {
        var xinjiang = await WritingPlatforms.ClientAsync(provider, "xinjiang-office");
        var forces = await JsonAsync(await xinjiang.GetAsync("/api/v1/reports/task-forces"));
        forces.GetProperty("total").GetInt32().ShouldBe(4);
        var green = forces.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("town").GetString() == "绛州绿专业镇");
        green.GetProperty("leadUnits").EnumerateArray().Select(u => u.GetProperty("name").GetString()).ShouldBe(["县农业农村局", "县蔬菜中心"], ignoreOrder: true);
        green.GetProperty("responsibleLeader").GetString().ShouldBe("王会民");

        var yuanqu = await WritingPlatforms.ClientAsync(provider, "yuanqu-office");
        var lishan = await ForceAsync(yuanqu, "历山镇蜂蜜专业镇");
        var greenId = green.GetProperty("id").GetInt32();
        (await yuanqu.GetAsync($"/api/v1/reports/task-forces/{greenId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var xinjiangReport = (await JsonAsync(await xinjiang.GetAsync("/api/v1/reports?pageSize=1"))).GetProperty("items")[0].GetProperty("id").GetInt32();
        var notFound = await JsonAsync(await yuanqu.GetAsync($"/api/v1/reports/{xinjiangReport}"), HttpStatusCode.NotFound);
        notFound.GetProperty("title").GetString().ShouldBe("未找到月报");
        (await yuanqu.PutAsJsonAsync(Path(greenId, ThisMonth), new { progress = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await yuanqu.PostAsJsonAsync($"/api/v1/reports/{xinjiangReport}/steps", new { action = "accept" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var township = await WritingPlatforms.ClientAsync(provider, "lishan-township");
        var own = await JsonAsync(await township.GetAsync("/api/v1/reports?pageSize=100"));
        own.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
        own.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("town").GetString() == "历山镇蜂蜜专业镇");
        (await township.GetAsync($"/api/v1/reports/task-forces/{greenId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var member = await WritingPlatforms.ClientAsync(provider, "xinjiang-member");
        (await JsonAsync(await member.GetAsync("/api/v1/reports/task-forces"))).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("town").GetString()).ShouldBe(["新绛中药材专业镇", "绛州绿专业镇"], ignoreOrder: true);
        var expert = await WritingPlatforms.ClientAsync(provider, "expert-zhang");
        (await JsonAsync(await expert.GetAsync("/api/v1/reports"))).GetProperty("total").GetInt32().ShouldBe(0);
        (await expert.GetAsync($"/api/v1/reports/task-forces/{lishan}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await WritingPlatforms.ClientAsync(provider, null)).GetAsync("/api/v1/reports")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await WritingPlatforms.ClientAsync(provider, null)).GetAsync("/api/v1/reports/task-forces")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await JsonAsync(await xinjiang.GetAsync("/api/v1/reports?state=done"), HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!.ShouldContain("未知的状态");
        (await JsonAsync(await xinjiang.GetAsync("/api/v1/reports?state=accepted&pageSize=100"))).GetProperty("items").EnumerateArray()
            .ShouldAllBe(i => i.GetProperty("state").GetString() == "accepted");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_closed_month_shows_missing_and_late_and_a_reopened_month_takes_a_late_report(StorageProvider provider)
    {
        var office = await WritingPlatforms.ClientAsync(provider, "xinjiang-office");
        var closed = ThisMonth.Previous.Previous;
        var month = await JsonAsync(await office.GetAsync($"/api/v1/reports/months/{closed.Year}/{closed.Month}"));
        string Timeliness(JsonElement m, string town) => m.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("town").GetString() == town).GetProperty("timeliness").GetString()!;
        Timeliness(month, "万安钻石专业镇").ShouldBe("on-time");
        Timeliness(month, "绛州非遗文创专业镇").ShouldBe("late");
        Timeliness(month, "新绛中药材专业镇").ShouldBe("missing");
        month.GetProperty("missing").GetInt32().ShouldBe(1);
        month.GetProperty("late").GetInt32().ShouldBe(1);

        var member = await WritingPlatforms.ClientAsync(provider, "xinjiang-member");
        var herbs = await ForceAsync(member, "新绛中药材专业镇");
        var report = new
        {
            outputWanYuan = 1300.5, outputYearToDateWanYuan = 90000, investmentYearToDateWanYuan = 90000, employees = 1500, newMarketEntities = 2,
            newAboveScaleEnterprises = 0, progress = "补报：中药材仓储项目完成选址", submit = true,
            // Not last month's 累计 plus this month's 当月: flagged, so explained.
            outputYearToDateExplanation = "累计数含前期漏统的合作社产值",
        };
        (await JsonAsync(await member.PutAsJsonAsync(Path(herbs, closed), report), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("截止并锁定");
        (await JsonAsync(await member.PostAsJsonAsync($"{Path(herbs, closed)}/reopen", new { reason = "补报" }), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldBe("只有领导小组办公室可以“重新开放”月报");
        (await JsonAsync(await office.PostAsJsonAsync($"{Path(herbs, closed)}/reopen", new { reason = "" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("重新开放须写明理由");
        var reopened = await JsonAsync(await office.PostAsJsonAsync($"{Path(herbs, closed)}/reopen", new { reason = "牵头单位人员调整，申请补报" }));
        reopened.GetProperty("reopenedUntil").GetString().ShouldBe(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(7).ToString("yyyy-MM-dd"));
        reopened.GetProperty("open").GetBoolean().ShouldBeTrue();

        var sent = await JsonAsync(await member.PutAsJsonAsync(Path(herbs, closed), report));
        sent.GetProperty("state").GetString().ShouldBe("submitted");
        sent.GetProperty("timeliness").GetString().ShouldBe("late");
        sent.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("action").GetString()).ShouldBe(["reopen", "submit"]);
        sent.GetProperty("steps")[0].GetProperty("reason").GetString()!.ShouldEndWith("牵头单位人员调整，申请补报");
        sent.GetProperty("steps")[1].GetProperty("userName").GetString().ShouldBe("新绛县农业农村局");
        (await JsonAsync(await office.GetAsync($"/api/v1/reports/months/{closed.Year}/{closed.Month}"))).GetProperty("missing").GetInt32().ShouldBe(0);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_township_must_explain_a_drop_before_submitting_and_only_its_office_accepts(StorageProvider provider)
    {
        var township = await WritingPlatforms.ClientAsync(provider, "lishan-township");
        var lishan = await ForceAsync(township, "历山镇蜂蜜专业镇");
        var last = await JsonAsync(await township.GetAsync($"/api/v1/reports?year={ThisMonth.Previous.Year}&month={ThisMonth.Previous.Month}"));
        var lastOutput = last.GetProperty("items")[0].GetProperty("outputWanYuan").GetDecimal();
        var body = new Dictionary<string, object?>
        {
            ["outputWanYuan"] = Math.Round(lastOutput / 2, 2), ["outputYearToDateWanYuan"] = 99999, ["investmentYearToDateWanYuan"] = 99999, ["employees"] = 2300,
            ["newMarketEntities"] = 1, ["newAboveScaleEnterprises"] = 0, ["progress"] = "养蜂技术培训一期", ["submit"] = true,
        };

        var refused = await JsonAsync(await township.PutAsJsonAsync(Path(lishan, ThisMonth), body), HttpStatusCode.BadRequest);
        refused.GetProperty("errors").GetProperty("outputExplanation")[0].GetString().ShouldBe("当月产值与上月相比异常，请说明原因后再报送");
        refused.GetProperty("flags")[0].GetProperty("figure").GetString().ShouldBe("output");
        refused.GetProperty("flags")[0].GetProperty("text").GetString()!.ShouldContain("下降 50%");
        (await JsonAsync(await township.PutAsJsonAsync($"/api/v1/reports/{lishan}/{ThisMonth.Year}/13", body), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("month")[0].GetString().ShouldBe("月份不正确");

        var supporting = await WritingPlatforms.ClientAsync(provider, "yuanqu-member");
        (await JsonAsync(await supporting.PutAsJsonAsync(Path(lishan, ThisMonth), body), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString()!.ShouldContain("只有专班牵头单位");

        // Explained, it is still this month's report: sent only once the month is over, kept meanwhile as a draft.
        body["outputExplanation"] = "阴雨天气多，蜂群采蜜量下降";
        body["outputYearToDateExplanation"] = "累计数按县统计局口径重新核定";
        (await JsonAsync(await township.PutAsJsonAsync(Path(lishan, ThisMonth), body), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldStartWith($"{ThisMonth.Chinese}尚未结束，{ReportDeadline.Chinese(ThisMonth.Next.FirstDay)}起方可报送");
        body["submit"] = false;
        var draft = await JsonAsync(await township.PutAsJsonAsync(Path(lishan, ThisMonth), body));
        draft.GetProperty("state").GetString().ShouldBe("draft");
        draft.GetProperty("flags")[0].GetProperty("explanation").GetString().ShouldBe("阴雨天气多，蜂群采蜜量下降");

        // Acceptance, on a report sent after its month: 绛州绿's of last month (demo), waiting for 新绛's office. The unit that
        // sent it does not accept it, nor does another county's office.
        var office = await WritingPlatforms.ClientAsync(provider, "xinjiang-office");
        var member = await WritingPlatforms.ClientAsync(provider, "xinjiang-member");
        var id = (await JsonAsync(await office.GetAsync("/api/v1/reports?state=submitted&pageSize=100"))).GetProperty("items").EnumerateArray()
            .First(i => i.GetProperty("town").GetString() == "绛州绿专业镇").GetProperty("id").GetInt32();
        (await JsonAsync(await member.PostAsJsonAsync($"/api/v1/reports/{id}/steps", new { action = "accept" }), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldBe("只有领导小组办公室可以“审核通过”月报");
        (await JsonAsync(await member.PostAsJsonAsync($"/api/v1/reports/{id}/steps", new { action = "approve" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("action")[0].GetString()!.ShouldContain("accept（审核通过）");
        (await (await WritingPlatforms.ClientAsync(provider, "yuanqu-office")).PostAsJsonAsync($"/api/v1/reports/{id}/steps", new { action = "accept" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The city and province offices read 新绛's report but neither return nor accept it, nor are asked to (qa86 2).
        foreach (var above in new[] { "yuncheng-office", "shanxi-office" })
        {
            var reader = await WritingPlatforms.ClientAsync(provider, above);
            (await JsonAsync(await reader.GetAsync($"/api/v1/reports/{id}"))).GetProperty("state").GetString().ShouldBe("submitted");
            (await JsonAsync(await reader.PostAsJsonAsync($"/api/v1/reports/{id}/steps", new { action = "return", reason = "上级办公室测试退回" }), HttpStatusCode.Forbidden))
                .GetProperty("detail").GetString().ShouldBe("本专班的月报由新绛县领导小组办公室退回，上级办公室只能查看");
            (await reader.PostAsJsonAsync($"/api/v1/reports/{id}/steps", new { action = "accept" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await JsonAsync(await reader.GetAsync("/api/v1/reports/reminders"))).EnumerateArray()
                .ShouldNotContain(r => r.GetProperty("kind").GetString() == "awaiting-acceptance");
            var green = await ForceAsync(reader, "绛州绿专业镇");
            (await reader.PutAsJsonAsync($"/api/v1/reports/task-forces/{green}", new { leadUnitIds = Array.Empty<int>(), reportsFrom = "2020-01" }))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        var reminders = await JsonAsync(await office.GetAsync("/api/v1/reports/reminders"));
        reminders.EnumerateArray().ShouldContain(r => r.GetProperty("kind").GetString() == "awaiting-acceptance" && r.GetProperty("reportId").GetInt32() == id);
        var accepted = await JsonAsync(await office.PostAsJsonAsync($"/api/v1/reports/{id}/steps", new { action = "accept", reason = "已核" }));
        accepted.GetProperty("stateName").GetString().ShouldBe("已审核");
        (await JsonAsync(await office.PostAsJsonAsync($"/api/v1/reports/{id}/steps", new { action = "return", reason = "x" }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("月报当前为“已审核”，不能“退回修改”");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_csv_export_is_the_side_by_side_table_in_utf8_with_a_bom(StorageProvider provider)
    {
        var office = await WritingPlatforms.ClientAsync(provider, "xinjiang-office");
        var month = ThisMonth.Previous.Previous.Previous;
        var response = await office.GetAsync($"/Reports/Compare?handler=Csv&month={month}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"专班月报对比-{month.Year}年{month.Month}月.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Split(',').ShouldBe(["指标", "万安钻石专业镇", "新绛中药材专业镇", "绛州绿专业镇", "绛州非遗文创专业镇"], ignoreOrder: true);
        lines[0].ShouldStartWith("指标,");
        lines.Select(l => l.Split(',')[0]).ShouldBe(["指标", "牵头单位", "状态", "报送日期", "当月产值（万元）", "当年累计产值（万元）", "当年累计完成投资（万元）",
            "从业人员（人）", "当月新增市场主体（户）", "当月新增规上企业（家）", "工作进展", "下月计划", "困难问题", "异常及说明"]);
        lines.Single(l => l.StartsWith("状态,")).ShouldBe("状态,已审核,已审核,已审核,已审核");

        // The page shows the same table.
        var page = await office.GetStringAsync($"/Reports/Compare?month={month}");
        page.ShouldContain("id=\"compare-table\"");
        page.ShouldContain("绛州非遗文创专业镇");
        (await office.GetByteArrayAsync($"/api/v1/reports/months/{month.Year}/{month.Month}/comparison.csv")).ShouldBe(bytes);

        // Another county's office exports only its own task force.
        var yuanqu = await WritingPlatforms.ClientAsync(provider, "yuanqu-office");
        var theirs = Encoding.UTF8.GetString(await yuanqu.GetByteArrayAsync($"/Reports/Compare?handler=Csv&month={month}"));
        theirs.Split("\r\n")[0].ShouldBe("\uFEFF指标,历山镇蜂蜜专业镇");
    }
}
