using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Exports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Problems;

/// <summary>
/// A problem answered after its time limit keeps that fact (垣政办发〔2023〕19号 五（四）“推进不到位”): 逾期 N 天答复 on its page and in
/// the list, 答复日期 and 逾期天数 in the export, answeredOn and daysLateAtAnswer in the API, 逾期答复 and 按期答复率 for its lead unit.
/// </summary>
public class ProblemLateAnswerTests
{
    private static readonly HtmlParser Html = new();
    private const string Title = "皋落乡食用菌专业镇菌种生产技术人员短缺";

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_answer_two_days_late_stays_late_on_the_page_the_list_the_export_the_api_and_the_unit_figures(StorageProvider provider)
    {
        var (factory, member) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-member");
        await using var _ = factory;
        var office = await PageSignIn.BrowserAsync(factory, "yuanqu-office");

        // The demo's 皋落乡 problem is in 县农业农村局's hands (yuanqu-member), two days past its limit.
        var list = await member.GetStringAsync("/Problems");
        var id = Regex.Match(list, $"href=\"/Problems/Detail/(\\d+)\">{Title}").Groups[1].Value;
        id.ShouldNotBeEmpty();
        var url = $"/Problems/Detail/{id}";
        var before = await member.GetStringAsync(url);
        Html.ParseDocument(before).QuerySelector("#problem-answered-late").ShouldBeNull();
        var answered = await member.PostAsync(url + "?handler=Answer", new FormUrlEncodedContent(
            [new("Note", "已组织省农科院专家开展菌种生产技术培训，培养技术人员 6 名"), new("__RequestVerificationToken", PageSignIn.Antiforgery(before))]));
        answered.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = Html.ParseDocument(await office.GetStringAsync(url));
        page.QuerySelector("#problem-state")!.TextContent.Trim().ShouldBe("已答复");
        page.QuerySelector("#problem-answered-late")!.TextContent.Trim().ShouldBe("逾期 2 天答复");
        var row = Html.ParseDocument(await office.GetStringAsync("/Problems")).QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(Title));
        row.QuerySelector(".answered-late")!.TextContent.Trim().ShouldBe("逾期 2 天答复");

        var response = await office.GetAsync("/Problems?handler=Export&format=xlsx");
        var rows = ExportFiles.Xlsx(await response.Content.ReadAsByteArrayAsync());
        var header = rows[0].Select(h => (string)h!).ToList();
        var exported = rows.Skip(1).Single(r => (string)r[header.IndexOf("问题")]! == Title);
        Convert.ToInt32(exported[header.IndexOf("逾期天数")]).ShouldBe(2);
        exported[header.IndexOf("答复日期")].ShouldBeOfType<DateTime>();
        DateOnly.FromDateTime((DateTime)exported[header.IndexOf("答复日期")]!).ShouldBe(
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Shanghai")));
        ((string)exported[header.IndexOf("状态")]!).ShouldBe("已答复");
        // A problem answered in time has an answer date and no days overdue.
        var inTime = rows.Skip(1).Single(r => (string)r[header.IndexOf("问题")]! == "历山蜂蜜线上销售渠道单一，品牌推广不足");
        inTime[header.IndexOf("答复日期")].ShouldBeOfType<DateTime>();
        inTime[header.IndexOf("逾期天数")].ShouldBeNull();

        // The API says what the page and the export say: the answer's day and how late it came (0 in time, null where nothing is measured).
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Shanghai")).ToString("yyyy-MM-dd");
        var api = await PageSignIn.ApiClientAsync(factory, "yuanqu-office", TestDatabases.DemoPassword);
        async Task<JsonElement> Listed(string title) =>
            JsonDocument.Parse(await api.GetStringAsync("/api/v1/problems?pageSize=200&search=" + Uri.EscapeDataString(title))).RootElement
                .GetProperty("items").EnumerateArray().Single(p => p.GetProperty("title").GetString() == title);
        var late = await Listed(Title);
        (late.GetProperty("answeredOn").GetString(), late.GetProperty("daysLateAtAnswer").GetInt32()).ShouldBe((today, 2));
        var single = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/problems/{id}")).RootElement;
        (single.GetProperty("answeredOn").GetString(), single.GetProperty("daysLateAtAnswer").GetInt32()).ShouldBe((today, 2));
        var onTime = await Listed("历山蜂蜜线上销售渠道单一，品牌推广不足");
        onTime.GetProperty("answeredOn").ValueKind.ShouldBe(JsonValueKind.String);
        onTime.GetProperty("daysLateAtAnswer").GetInt32().ShouldBe(0);
        var open = JsonDocument.Parse(await api.GetStringAsync("/api/v1/problems?status=open&pageSize=1")).RootElement.GetProperty("items")[0];
        open.GetProperty("answeredOn").ValueKind.ShouldBe(JsonValueKind.Null);
        open.GetProperty("daysLateAtAnswer").ValueKind.ShouldBe(JsonValueKind.Null);
        var schemas = JsonNode.Parse(await api.GetStringAsync("/openapi/v1.json"))!["components"]!["schemas"]!;
        foreach (var schema in new[] { "ProblemSummary", "ProblemDetail" })
        {
            schemas[schema]!["properties"]!["answeredOn"]!["description"]!.GetValue<string>().ShouldContain("答复日期");
            schemas[schema]!["properties"]!["daysLateAtAnswer"]!["description"]!.GetValue<string>().ShouldContain("逾期 N 天答复");
        }

        var units = Html.ParseDocument(await office.GetStringAsync("/Problems?tab=units"));
        var headings = units.QuerySelectorAll("#unit-figures thead th").Select(th => th.TextContent.Trim()).ToList();
        var agriculture = units.QuerySelectorAll("#unit-figures tbody tr").First(r => r.QuerySelectorAll("td")[1].TextContent.Trim() == "县农业农村局");
        var cells = agriculture.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        // 县农业农村局 answered two: 历山蜂蜜 in time, 皋落乡 two days late.
        cells[headings.IndexOf("逾期答复")].ShouldBe("1");
        cells[headings.IndexOf("按期答复率")].ShouldBe("50.0%");
        cells[headings.IndexOf("逾期")].ShouldBe("0", "answered, it is no longer overdue now");
    }
}
