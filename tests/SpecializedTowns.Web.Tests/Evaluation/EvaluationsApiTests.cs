using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Evaluation;

/// <summary>
/// /api/v1/evaluations, and the report files read back, on the demo platforms for tests that write
/// (<see cref="WritingPlatforms"/>): a county creates and publishes an evaluation here.
/// </summary>
public class EvaluationsApiTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<int> DemoTownsIdAsync(HttpClient client)
    {
        var list = await JsonAsync(await client.GetAsync("/api/v1/evaluations?kind=town&year=2024"));
        return list.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("areaPath").GetString() == "山西省/运城市").GetProperty("id").GetInt32();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_city_reads_its_published_evaluation_and_others_do_not(StorageProvider provider)
    {
        var city = await WritingPlatforms.ClientAsync(provider, "yuncheng-office");
        var id = await DemoTownsIdAsync(city);
        var detail = await JsonAsync(await city.GetAsync($"/api/v1/evaluations/{id}"));
        detail.GetProperty("state").GetString().ShouldBe("published");
        detail.GetProperty("kind").GetString().ShouldBe("town");
        detail.GetProperty("scheme").GetProperty("basis").GetString().ShouldBe("platform-default");
        var first = detail.GetProperty("results")[0];
        first.GetProperty("subject").GetString().ShouldBe("万安钻石专业镇");
        first.GetProperty("indicators").EnumerateArray().ShouldContain(i => i.GetProperty("key").GetString() == "output-growth"
            && i.GetProperty("evidence")[0].GetString()!.Contains("年度统计"));

        // 新绛 reads its own towns of it (EvaluationsAboveTests); 阳泉 has none in it, 垣曲's member unit and the township read no evaluation.
        foreach (var user in new[] { "yangquan-office", "yuanqu-member", "lishan-township" })
        {
            var other = await WritingPlatforms.ClientAsync(provider, user);
            (await other.GetAsync($"/api/v1/evaluations/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, user);
            (await JsonAsync(await other.GetAsync("/api/v1/evaluations"))).GetProperty("items").EnumerateArray()
                .ShouldNotContain(e => e.GetProperty("id").GetInt32() == id, user);
        }
        var leader = await WritingPlatforms.ClientAsync(provider, "yuncheng-leader");
        (await JsonAsync(await leader.GetAsync($"/api/v1/evaluations/{id}"))).GetProperty("canEdit").GetBoolean().ShouldBeFalse();
        var refused = await leader.PostAsJsonAsync("/api/v1/evaluations", new { year = 2023, kind = "town" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await JsonAsync(refused)).GetProperty("detail").GetString().ShouldBe("只有专业镇办公室可以发起评估");
        (await city.PostAsJsonAsync($"/api/v1/evaluations/{id}/recalculate", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_county_creates_scores_and_publishes_its_evaluation_with_clear_errors_on_the_way(StorageProvider provider)
    {
        var county = await WritingPlatforms.ClientAsync(provider, "xinjiang-office");
        // A year 新绛's towns were recognised by (named 县级 on 2023-12-15): before it they are no objects (qa110 4).
        var year = provider == StorageProvider.Sqlite ? 2023 : 2025;

        var bad = await county.PostAsJsonAsync("/api/v1/evaluations", new { year = 1999, kind = "village" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(bad)).GetProperty("errors").GetProperty("kind")[0].GetString()!.ShouldContain("未知的评估对象");
        var early = await county.PostAsJsonAsync("/api/v1/evaluations", new { year = 1999, kind = "town" });
        (await JsonAsync(early)).GetProperty("errors").GetProperty("year")[0].GetString()!.ShouldContain("2000 年");

        var created = await county.PostAsJsonAsync("/api/v1/evaluations", new { year, kind = "town" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var draft = await JsonAsync(created);
        var id = draft.GetProperty("id").GetInt32();
        draft.GetProperty("area").GetString().ShouldBe("新绛县");
        draft.GetProperty("state").GetString().ShouldBe("draft");
        var results = draft.GetProperty("results");
        results.GetArrayLength().ShouldBeGreaterThan(1);
        results.EnumerateArray().ShouldAllBe(r => r.GetProperty("place").GetString() == "新绛县");
        var again = await county.PostAsJsonAsync("/api/v1/evaluations", new { year, kind = "town" });
        (await JsonAsync(again)).GetProperty("errors").GetProperty("year")[0].GetString()!.ShouldContain("已存在");

        var subject = results[0].GetProperty("subjectKey").GetString();
        var version = draft.GetProperty("version").GetInt32();
        var badScore = await county.PutAsJsonAsync($"/api/v1/evaluations/{id}/manual-scores",
            new { version, subjectKey = subject, indicatorKey = "supervision-check", points = 101, reason = "" });
        badScore.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await JsonAsync(badScore)).GetProperty("errors");
        errors.GetProperty("points")[0].GetString().ShouldBe("得分应在 0 到 100 之间");
        errors.GetProperty("reason")[0].GetString()!.ShouldContain("评分理由");
        var scored = await JsonAsync(await county.PutAsJsonAsync($"/api/v1/evaluations/{id}/manual-scores",
            new { version, subjectKey = subject, indicatorKey = "supervision-check", points = 80, reason = "督查检查整改到位" }));
        var newVersion = scored.GetProperty("version").GetInt32();
        newVersion.ShouldBeGreaterThan(version);

        (await county.PostAsJsonAsync($"/api/v1/evaluations/{id}/publish", new { version, coverageReason = "已结合各单位工作职责核实" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var published = await JsonAsync(await county.PostAsJsonAsync($"/api/v1/evaluations/{id}/publish", new { version = newVersion, coverageReason = "已结合各单位工作职责核实" }));
        published.GetProperty("state").GetString().ShouldBe("published");
        (await county.DeleteAsync($"/api/v1/evaluations/{id}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The city above reads the county's evaluation.
        var city = await WritingPlatforms.ClientAsync(provider, "yuncheng-office");
        (await city.GetAsync($"/api/v1/evaluations/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_report_and_the_tables_open_and_say_what_the_ranking_says(StorageProvider provider)
    {
        var city = await WritingPlatforms.ClientAsync(provider, "yuncheng-office");
        var id = await DemoTownsIdAsync(city);
        var detail = await JsonAsync(await city.GetAsync($"/api/v1/evaluations/{id}"));
        var results = detail.GetProperty("results").EnumerateArray().ToList();

        var docx = await city.GetAsync($"/api/v1/evaluations/{id}/report.docx");
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        docx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        using (var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var body = word.MainDocumentPart!.Document.Body!;
            var text = body.InnerText;
            text.ShouldContain("关于运城市2024年度专业镇评估结果的报告");
            text.ShouldContain("运城市专业镇发展领导小组办公室");
            text.ShouldContain("平台默认");
            // The document cited as official texts cite it: its title in book-title marks, then its number.
            text.ShouldContain("根据《运城市促进专业镇高质量发展三年行动计划》（运政办发〔2023〕8号）关于开展专业镇年度评估的要求");
            var ranking = body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Table>().First();
            var rows = ranking.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>().ToList();
            rows.Count.ShouldBe(results.Count + 1);
            rows[1].InnerText.ShouldContain("万安钻石专业镇");
            // 94.97 on 70 of the 110 weight (hand count in EvaluationServiceTests).
            rows[1].InnerText.ShouldContain("94.97");
            // The commended are named with the clause they rest on.
            text.ShouldContain("拟予表扬名单");
            text.ShouldContain("万安钻石专业镇");
            // 前 20% of six is one town (not two, a third of them).
            text.ShouldNotContain("万安钻石专业镇、永济机电制造专业镇");
        }

        var xlsx = await city.GetAsync($"/api/v1/evaluations/{id}/tables.xlsx");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var sheets = book.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        sheets.Select(s => s.Name!.Value).ShouldBe(["排名", "指标明细", "指标体系"]);
        var rankingRows = ((WorksheetPart)book.WorkbookPart.GetPartById(sheets[0].Id!)).Worksheet.Descendants<Row>().ToList();
        rankingRows.Count.ShouldBe(results.Count + 1);
        string Cell(Row row, int i) => row.Elements<Cell>().ElementAt(i).InnerText;
        Cell(rankingRows[0], 3).ShouldBe("总分");
        Cell(rankingRows[1], 1).ShouldBe("万安钻石专业镇");
        decimal.Parse(Cell(rankingRows[1], 3), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(results[0].GetProperty("total").GetDecimal());
        var detailRows = ((WorksheetPart)book.WorkbookPart.GetPartById(sheets[1].Id!)).Worksheet.Descendants<Row>().ToList();
        var indicators = results.Sum(r => r.GetProperty("indicators").GetArrayLength());
        detailRows.Count.ShouldBe(indicators + 1);
        detailRows.Skip(1).Select(r => Cell(r, 8)).ShouldContain(evidence => evidence.Contains("68.00亿元"));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_commendation_page_lists_the_commended_of_published_evaluations_in_scope(StorageProvider provider)
    {
        var factory = await WritingPlatforms.GetAsync(provider);
        async Task<string> PageAsync(string user, string url)
        {
            var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            await PageSignIn.SignInAsync(client, user, SeededPlatforms.Password);
            return await client.GetStringAsync(url);
        }
        var city = await PageAsync("yuncheng-office", "/Commendations?year=2024");
        var list = city[city.IndexOf("id=\"evaluation-commended\"", StringComparison.Ordinal)..];
        list.ShouldContain("万安钻石专业镇");
        // 2nd of six is outside 前 20%.
        list.ShouldNotContain("永济机电制造专业镇");
        list.ShouldNotContain("绛州绿专业镇");
        (await PageAsync("yuncheng-office", "/Commendations?year=2023")).ShouldNotContain("永济机电制造专业镇</td>");
        (await PageAsync("yangquan-office", "/Commendations")).ShouldNotContain("evaluation-commended");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Publishing_returns_what_moved_since_the_draft_and_the_report_takes_its_number(StorageProvider provider)
    {
        // A platform of its own: the test changes a town's statistics.
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);
        var county = await PageSignIn.ApiClientAsync(factory, "xinjiang-office", TestDatabases.DemoPassword);

        var draft = await JsonAsync(await county.PostAsJsonAsync("/api/v1/evaluations", new { year = 2024, kind = "town" }));
        var id = draft.GetProperty("id").GetInt32();
        var version = draft.GetProperty("version").GetInt32();

        var bad = await county.PutAsJsonAsync($"/api/v1/evaluations/{id}/document", new { documentNumber = "新专镇办〔2026〕03号", documentDate = "" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(bad)).GetProperty("errors").GetProperty("documentNumber")[0].GetString()!.ShouldContain("序号不编虚位（3，不是 03）");
        var badDate = await county.PutAsJsonAsync($"/api/v1/evaluations/{id}/document", new { documentNumber = "", documentDate = "2026/1/5" });
        (await JsonAsync(badDate)).GetProperty("errors").GetProperty("documentDate")[0].GetString()!.ShouldContain("yyyy-MM-dd");
        var number = $"新专镇办〔{TestDatabases.ChinaToday.Year}〕3号";
        var numbered = await JsonAsync(await county.PutAsJsonAsync($"/api/v1/evaluations/{id}/document", new { documentNumber = number }));
        numbered.GetProperty("documentNumber").GetString().ShouldBe(number);
        numbered.GetProperty("version").GetInt32().ShouldBe(version);

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var town = await db.Towns.SingleAsync(t => t.Name == "绛州绿专业镇");
            (await db.TownStatistics.SingleAsync(s => s.SpecializedTownId == town.Id && s.Year == 2024)).OutputValueWanYuan *= 2;
            await db.SaveChangesAsync();
        }
        var held = await county.PostAsJsonAsync($"/api/v1/evaluations/{id}/publish", new { version, coverageReason = "已结合各单位工作职责核实" });
        held.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await JsonAsync(held);
        problem.GetProperty("title").GetString().ShouldBe("数据已变化，评估未发布");
        var green = problem.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("subject").GetString() == "绛州绿专业镇");
        green.GetProperty("after").GetProperty("total").GetDecimal().ShouldBeGreaterThan(green.GetProperty("before").GetProperty("total").GetDecimal());
        green.GetProperty("description").GetString()!.ShouldStartWith("总分 ");
        var newVersion = problem.GetProperty("version").GetInt32();
        newVersion.ShouldBeGreaterThan(version);
        (await JsonAsync(await county.GetAsync($"/api/v1/evaluations/{id}"))).GetProperty("state").GetString().ShouldBe("draft");

        var published = await county.PostAsJsonAsync($"/api/v1/evaluations/{id}/publish", new { version = newVersion, coverageReason = "已结合各单位工作职责核实" });
        published.StatusCode.ShouldBe(HttpStatusCode.OK);
        var detail = await JsonAsync(published);
        detail.GetProperty("state").GetString().ShouldBe("published");
        detail.GetProperty("documentNumber").GetString().ShouldBe(number);

        var docx = await county.GetAsync($"/api/v1/evaluations/{id}/report.docx");
        using var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        word.MainDocumentPart!.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().ElementAt(3).InnerText.ShouldBe(number);
    }
}
