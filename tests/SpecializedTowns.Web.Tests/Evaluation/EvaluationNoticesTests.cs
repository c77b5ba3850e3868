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
        var list = await JsonAsync(await city.GetAsync("/api/v1/evaluations?kind=town&year=2024&state=published"));
        var id = list.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("areaPath").GetString() == "山西省/运城市").GetProperty("id").GetInt32();

        var before = await JsonAsync(await city.GetAsync($"/api/v1/evaluations/{id}/notices"));
        before.GetArrayLength().ShouldBe(4);
        before.EnumerateArray().ShouldAllBe(s => s.GetProperty("noticeId").ValueKind == JsonValueKind.Null);

        // A bad phone refuses the whole batch: nothing is issued.
        var bad = await city.PostAsJsonAsync($"/api/v1/evaluations/{id}/notices", new { contactName = "王力", contactPhone = "12ab" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(bad)).GetProperty("errors").GetProperty("contactPhone")[0].GetString()!.ShouldContain("格式不对");
        (await JsonAsync(await city.GetAsync($"/api/v1/evaluations/{id}/notices"))).EnumerateArray()
            .ShouldAllBe(s => s.GetProperty("noticeId").ValueKind == JsonValueKind.Null);
        var county = await NoticePlatforms.ClientAsync(provider, "xinjiang-office");
        (await county.PostAsJsonAsync($"/api/v1/evaluations/{id}/notices", new { contactName = "王力", contactPhone = "0359-7521234" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var issued = await city.PostAsJsonAsync($"/api/v1/evaluations/{id}/notices", new { deadline = DateTime.Today.AddDays(30).ToString("yyyy-MM-dd"), contactName = "王力", contactPhone = "0359-2021234" });
        issued.StatusCode.ShouldBe(HttpStatusCode.Created);
        var supervised = (await JsonAsync(issued)).EnumerateArray().ToList();
        supervised.Count.ShouldBe(4);
        supervised.ShouldAllBe(s => s.GetProperty("documentNumber").GetString()!.Contains("〔"));
        supervised.Select(s => s.GetProperty("documentNumber").GetString()).Distinct().Count().ShouldBe(4);
        (await city.PostAsJsonAsync($"/api/v1/evaluations/{id}/notices", new { contactName = "王力", contactPhone = "0359-2021234" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Each notice rests on the evaluation and lists what the town fell short on; its .docx says so.
        var notices = await JsonAsync(await city.GetAsync($"/api/v1/notices?evaluationId={id}&pageSize=50"));
        notices.GetProperty("total").GetInt32().ShouldBe(4);
        var greenId = supervised.Single(s => s.GetProperty("subject").GetString() == "绛州绿专业镇").GetProperty("noticeId").GetInt32();
        var docx = await city.GetAsync($"/api/v1/notices/{greenId}/document");
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var text = word.MainDocumentPart!.Document.Body!.InnerText;
        text.ShouldContain("运城市2024年度专业镇评估结果");
        text.ShouldContain("主导产业产值增速得分");
        text.ShouldContain("督办通知书");
    }
}
