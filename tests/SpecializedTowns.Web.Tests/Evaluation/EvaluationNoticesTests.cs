using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;
using SpecializedTowns.Web.Tests.Notices;

namespace SpecializedTowns.Web.Tests.Evaluation;

/// <summary>From a published ranking to the 督办通知书 of its laggards, through the API, on a platform of its own.</summary>
[Collection("notice-platform")]
public class EvaluationNoticesTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_supervised_of_a_published_evaluation_get_their_notices_in_one_batch(StorageProvider provider)
    {
        var city = await NoticePlatforms.ClientAsync(provider, "yuncheng-office");
        // 运城市's published 2024 ranking supervises one town, none issued yet (后 10% of six is none, but 新绛中药材 is below 60 at
        // 46.88: EvaluationServiceTests); its 2023 ranking, made and published here, ranks the four towns recognised by the end of
        // 2023 (新绛's, named 县级 on 2023-12-15; 永济's were recognised in 2024: qa110 4), three of them below 60.
        var list = await JsonAsync(await city.GetAsync("/api/v1/evaluations?kind=town&year=2024&state=published"));
        var published = list.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("areaPath").GetString() == "山西省/运城市").GetProperty("id").GetInt32();
        var demoSupervised = (await JsonAsync(await city.GetAsync($"/api/v1/evaluations/{published}/notices"))).EnumerateArray().ToList();
        demoSupervised.Select(s => s.GetProperty("subject").GetString()).ShouldBe(["新绛中药材专业镇"]);
        demoSupervised.ShouldAllBe(s => s.GetProperty("noticeId").ValueKind == JsonValueKind.Null);
        var cityDraft = await JsonAsync(await city.PostAsJsonAsync("/api/v1/evaluations", new { year = 2023, kind = "town" }));
        var id = cityDraft.GetProperty("id").GetInt32();
        (await city.PostAsJsonAsync($"/api/v1/evaluations/{id}/publish", new { version = cityDraft.GetProperty("version").GetInt32(), coverageReason = "已结合各单位工作职责核实" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var before = await JsonAsync(await city.GetAsync($"/api/v1/evaluations/{id}/notices"));
        string[] laggards = ["新绛中药材专业镇", "绛州绿专业镇", "绛州非遗文创专业镇"];
        before.EnumerateArray().Select(s => s.GetProperty("subject").GetString()).Order(StringComparer.Ordinal).ShouldBe(laggards.Order(StringComparer.Ordinal));
        before.EnumerateArray().ShouldAllBe(s => s.GetProperty("noticeId").ValueKind == JsonValueKind.Null);

        // A bad phone refuses the whole batch: nothing is issued.
        var bad = await city.PostAsJsonAsync($"/api/v1/evaluations/{id}/notices", new { contactName = "王力", contactPhone = "12ab", coverageReason = "已结合各单位工作职责核实" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(bad)).GetProperty("errors").GetProperty("contactPhone")[0].GetString()!.ShouldContain("格式不对");
        (await JsonAsync(await city.GetAsync($"/api/v1/evaluations/{id}/notices"))).EnumerateArray()
            .ShouldAllBe(s => s.GetProperty("noticeId").ValueKind == JsonValueKind.Null);
        var county = await NoticePlatforms.ClientAsync(provider, "xinjiang-office");
        // 新绛 reads its towns' rows of the city's evaluation, but the city's notices are the city's to issue.
        var byCounty = await county.PostAsJsonAsync($"/api/v1/evaluations/{id}/notices", new { contactName = "王力", contactPhone = "0359-7521234", coverageReason = "已结合各单位工作职责核实" });
        byCounty.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await JsonAsync(byCounty)).GetProperty("detail").GetString()!.ShouldContain("只有本级专业镇办公室可以下发督办通知书");

        var issued = await city.PostAsJsonAsync($"/api/v1/evaluations/{id}/notices", new { deadline = DateTime.Today.AddDays(30).ToString("yyyy-MM-dd"), contactName = "王力", contactPhone = "0359-2021234", coverageReason = "已结合各单位工作职责核实" });
        issued.StatusCode.ShouldBe(HttpStatusCode.Created);
        var supervised = (await JsonAsync(issued)).EnumerateArray().ToList();
        supervised.Count.ShouldBe(laggards.Length);
        supervised.ShouldAllBe(s => s.GetProperty("documentNumber").GetString()!.Contains("〔"));
        supervised.Select(s => s.GetProperty("documentNumber").GetString()).Distinct().Count().ShouldBe(supervised.Count);
        (await city.PostAsJsonAsync($"/api/v1/evaluations/{id}/notices", new { contactName = "王力", contactPhone = "0359-2021234", coverageReason = "已结合各单位工作职责核实" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Each notice rests on the evaluation and lists what the town fell short on; its .docx says so.
        var notices = await JsonAsync(await city.GetAsync($"/api/v1/notices?evaluationId={id}&pageSize=50"));
        notices.GetProperty("total").GetInt32().ShouldBe(laggards.Length);
        var noticeId = supervised.Single(s => s.GetProperty("subject").GetString() == "绛州绿专业镇").GetProperty("noticeId").GetInt32();
        // What follows a missed deadline comes from the city's own document (or the province's), never from 永济's draft.
        var detail = await JsonAsync(await city.GetAsync($"/api/v1/notices/{noticeId}"));
        detail.GetProperty("policyId").GetString().ShouldNotBe("yongji-2024-2025");
        (detail.GetProperty("overdueConsequence").GetString() ?? "").ShouldNotContain("永济");
        var docx = await city.GetAsync($"/api/v1/notices/{noticeId}/document");
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var text = word.MainDocumentPart!.Document.Body!.InnerText;
        text.ShouldContain("运城市2023年度专业镇评估结果");
        text.ShouldContain("绛州绿专业镇");
        text.ShouldContain("督办通知书");

        // 新绛县 ranks its own towns for the same year: where it would supervise 绛州绿 again, it sees the city's notice first.
        var countyClient = await NoticePlatforms.ClientAsync(provider, "xinjiang-office");
        var draft = await JsonAsync(await countyClient.PostAsJsonAsync("/api/v1/evaluations", new { year = 2023, kind = "town" }));
        var own = draft.GetProperty("id").GetInt32();
        (await countyClient.PostAsJsonAsync($"/api/v1/evaluations/{own}/publish", new { version = draft.GetProperty("version").GetInt32(), coverageReason = "已结合各单位工作职责核实" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var countyLaggard = (await JsonAsync(await countyClient.GetAsync($"/api/v1/evaluations/{own}/notices"))).EnumerateArray()
            .Single(s => s.GetProperty("subject").GetString() == "绛州绿专业镇");
        var number = supervised.Single(s => s.GetProperty("subject").GetString() == "绛州绿专业镇").GetProperty("documentNumber").GetString();
        countyLaggard.GetProperty("sameYearNotices").EnumerateArray().Select(n => n.GetString()).ShouldBe([number]);
        var page = await (await NoticePlatforms.SignedInAsync(provider, "xinjiang-office")).GetStringAsync($"/Evaluations/Detail/{own}");
        page.ShouldContain("本年度已收到 运城市");
        page.ShouldContain($">{number}</a>");
        // 新绛's own ranking supervises three of its four towns, each already noticed by the city.
        page.ShouldContain("其中 3 个对象已因本年度的其他评估收到督办通知书");
        // Its history names the subjects and sums up the stored score details instead of printing their JSON.
        var history = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(page, "<[^>]+>", " "));
        history.ShouldContain("绛州绿专业镇");
        history.ShouldContain("字的结构化内容，完整内容见导出");
        history.ShouldNotContain("town:");
        history.ShouldNotContain("\"key\":");
        // The city's own list, issued already, names the county's evaluation nowhere: it issued no notice yet.
        (await JsonAsync(await city.GetAsync($"/api/v1/evaluations/{id}/notices"))).EnumerateArray()
            .ShouldAllBe(s => s.GetProperty("sameYearNotices").GetArrayLength() == 0);
    }
}
