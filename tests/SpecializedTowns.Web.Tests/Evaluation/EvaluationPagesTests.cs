using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Evaluation;

/// <summary>The 年度评估 pages as an office uses them, on a demo platform of the test's own (they write).</summary>
public partial class EvaluationPagesTests
{
    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex Version();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formPage, params (string, string)[] fields)
    {
        var token = PageSignIn.Antiforgery(formPage);
        return await client.PostAsync(url, new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", token))));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Deleting_a_draft_says_so_on_the_list_it_returns_to(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        var created = await PostAsync(office, "/Evaluations", await office.GetStringAsync("/Evaluations"), ("Input.Year", "2025"), ("Input.Kind", "unit"));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var detailUrl = created.Headers.Location!.OriginalString;
        var detail = await office.GetStringAsync(detailUrl);

        var deleted = await PostAsync(office, detailUrl + "?handler=Delete", detail, ("Version", Version().Match(detail).Groups[1].Value));
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        deleted.Headers.Location!.OriginalString.ShouldBe("/Evaluations");
        (await office.GetStringAsync("/Evaluations")).ShouldContain("评估草稿已删除");
        (await office.GetAsync(detailUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<(string Url, string Page)> DraftAsync(HttpClient office, int year)
    {
        var created = await PostAsync(office, "/Evaluations", await office.GetStringAsync("/Evaluations"), ("Input.Year", year.ToString()), ("Input.Kind", "town"));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var url = created.Headers.Location!.OriginalString;
        return (url, await office.GetStringAsync(url));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_report_form_refuses_a_malformed_number_and_downloads_the_report_under_a_proper_one(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "xinjiang-office");
        await using var _ = factory;
        var (url, detail) = await DraftAsync(office, 2024);
        detail.ShouldContain("id=\"report-form\"");

        var refused = await PostAsync(office, url + "?handler=Report", detail, ("Document.Number", "新专镇办【2025】3号"), ("Document.Date", ""));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = await refused.Content.ReadAsStringAsync();
        page.ShouldContain("评估报告未生成：发文字号“新专镇办【2025】3号”年份应用六角括号“〔〕”括入，不用“【】”。应写作：新专镇办〔2025〕3号");
        page.ShouldContain("value=\"新专镇办【2025】3号\"");
        page.ShouldContain("data-error-for=\"Document.Number\"");

        var number = $"新专镇办〔{TestDatabases.ChinaToday.Year}〕3号";
        var report = await PostAsync(office, url + "?handler=Report", page, ("Document.Number", number), ("Document.Date", ""));
        report.StatusCode.ShouldBe(HttpStatusCode.OK);
        report.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        using (var word = WordprocessingDocument.Open(new MemoryStream(await report.Content.ReadAsByteArrayAsync()), false))
        {
            var paragraphs = word.MainDocumentPart!.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
            paragraphs[0].ShouldBe("新绛县专业镇发展领导小组办公室");
            paragraphs[3].ShouldBe(number);
        }
        // Kept with the evaluation: the page shows it and fills the form with it next time.
        var after = await office.GetStringAsync(url);
        after.ShouldContain($"发文字号：{number}");
        after.ShouldContain($"name=\"Document.Number\" value=\"{number}\"");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Publishing_after_the_records_moved_shows_what_changed_and_publishes_once_confirmed(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "xinjiang-office");
        await using var _ = factory;
        var (url, detail) = await DraftAsync(office, 2024);
        var version = Version().Match(detail).Groups[1].Value;

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var town = await db.Towns.SingleAsync(t => t.Name == "绛州绿专业镇");
            var stats = await db.TownStatistics.SingleAsync(s => s.SpecializedTownId == town.Id && s.Year == 2024);
            stats.OutputValueWanYuan *= 2;
            await db.SaveChangesAsync();
        }

        var held = await PostAsync(office, url + "?handler=Publish", detail, ("Version", version), ("Document.Number", ""), ("Document.Date", ""), ("CoverageReason", "已结合各单位工作职责核实"));
        held.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await held.Content.ReadAsStringAsync();
        var panel = page[page.IndexOf("id=\"publish-changes\"", StringComparison.Ordinal)..];
        panel.ShouldContain("数据已变化，评估未发布。");
        panel.ShouldContain("绛州绿专业镇");
        panel.ShouldContain("总分 ");
        panel.ShouldContain("按最新结果发布");
        page.ShouldContain(">草稿</span>");
        var newVersion = Version().Match(page).Groups[1].Value;
        newVersion.ShouldNotBe(version);

        var confirmed = await PostAsync(office, url + "?handler=Publish", page, ("Version", newVersion), ("Document.Number", ""), ("Document.Date", ""), ("CoverageReason", "已结合各单位工作职责核实"));
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var published = await office.GetStringAsync(url);
        published.ShouldContain("评估已发布，结果已冻结");
        published.ShouldContain(">已发布</span>");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_draft_of_the_running_year_is_a_preview_that_cannot_be_published(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "xinjiang-office");
        await using var _ = factory;
        var year = TestDatabases.ChinaToday.Year;
        var (url, detail) = await DraftAsync(office, year);
        detail.ShouldContain($"年中预览：{year}年度尚未结束");
        detail.ShouldContain("id=\"publish-button\" type=\"button\" disabled");

        var refused = await PostAsync(office, url + "?handler=Publish", detail, ("Version", Version().Match(detail).Groups[1].Value));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await refused.Content.ReadAsStringAsync();
        page.ShouldContain($"{year}年度尚未结束，年度评估要按全年的数据评定，{year + 1}年1月1日起才能发布。");
        page.ShouldContain(">草稿</span>");
    }
}
