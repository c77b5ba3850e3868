using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Imports;

/// <summary>
/// The import page's counts and warnings (qa96 #7): every tile counts rows, as 共 N 行 and the sentence below do, and a
/// figure far off the year before is shown in the preview, in the written result and in the marked file. Its own platform, since it writes.
/// </summary>
public partial class EnterpriseStatisticsPageTests
{
    private static readonly DemoPlatforms Platforms = new();
    private static readonly ImportKind Stats = ImportKinds.Find("enterprise-statistics")!;

    [GeneratedRegex("id=\"job-([0-9a-f-]{36})\"")]
    private static partial Regex JobId();

    private static async Task<string> PollAsync(HttpClient client, string id, string until)
    {
        for (var i = 0; i < 600; i++)
        {
            var html = await client.GetStringAsync($"/Imports?handler=Status&id={id}");
            if (html.Contains(until)) return html;
            await Task.Delay(100);
        }
        throw new TimeoutException($"the import never showed “{until}”");
    }

    private static string Text(string html, string selector) =>
        new HtmlParser().ParseDocument(html).QuerySelector(selector)?.TextContent is { } t ? Regex.Replace(t, @"\s+", " ").Trim() : "";

    private static string?[] Row(string uscc, int year, string? output = null, string? name = null)
    {
        var values = new Dictionary<string, string> { ["uscc"] = uscc, ["year"] = year.ToString() };
        if (output is not null) values["output"] = output;
        if (name is not null) values["name"] = name;
        return TestFiles.Row(Stats, values);
    }

    [Fact]
    public async Task The_tiles_count_rows_and_a_jump_is_shown_before_and_after_the_write()
    {
        var client = await Platforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        var token = PageSignIn.Antiforgery(await client.GetStringAsync("/Imports?kind=enterprise-statistics"));
        var thisYear = TestDatabases.ChinaToday.Year;
        // Years the demo holds no figures for, so that every good row adds one.
        var (before, last) = (2017, 2018);
        string uscc, other;
        using (var services = (await Platforms.GetAsync(StorageProvider.Sqlite)).Services.CreateScope())
        {
            var db = services.ServiceProvider.GetRequiredService<TownsDbContext>();
            var codes = await db.Enterprises.Where(e => e.County!.Name == "垣曲县" && !e.Statistics.Any(s => s.Year <= last))
                .OrderBy(e => e.Id).Select(e => e.Uscc).Take(2).ToListAsync();
            (uscc, other) = (codes[0], codes[1]);
        }

        async Task<string> UploadAsync(byte[] content)
        {
            var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", "企业统计.xlsx");
            var id = JobId().Match(await (await client.PostAsync("/Imports?handler=Upload&kind=enterprise-statistics", form)).Content.ReadAsStringAsync()).Groups[1].Value;
            id.ShouldNotBeEmpty();
            return id;
        }

        string?[][] good = [Row(uscc, before, output: "900"), Row(uscc, last, output: "1.5亿"), Row(other, last, output: "100")];
        // Two bad rows with two problems each: this year (not over) with a wrong name, this year with a negative output.
        var bad = await UploadAsync(TestFiles.Xlsx(
            TestFiles.Header(Stats), Row(uscc, thisYear, output: "500", name: "错名字公司"), good[0], good[1], good[2], Row(other, thisYear, output: "-5")));
        var html = WebUtility.HtmlDecode(await PollAsync(client, bad, "import-summary"));
        var summary = Text(html, "#import-summary");
        summary.ShouldContain("新增 3 行");
        summary.ShouldContain("错误 2 行（4 处）");
        summary.ShouldContain("共 5 行数据");
        html.ShouldContain("文件有 2 行存在错误");
        html.ShouldContain($"{thisYear}年尚未结束，年度统计只能填报已结束的年份（{thisYear - 1}年及以前）");

        var jump = $"年产值 15,000万元，是{before}年（900万元）的 16.7 倍，请核实单位（万元）是否填对";
        var id = await UploadAsync(TestFiles.Xlsx(new[] { TestFiles.Header(Stats) }.Concat(good).ToArray()));
        html = WebUtility.HtmlDecode(await PollAsync(client, id, "import-summary"));
        Text(html, "#import-summary").ShouldContain("错误 0 行");
        Text(html, "#import-summary").ShouldContain("需核实 1 行");
        html.ShouldContain($"<td>第 3 行</td><td>年产值（万元）</td><td>{jump}</td>");
        html.ShouldContain("确认导入");

        var commit = await client.PostAsync($"/Imports?handler=Commit&id={id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        commit.StatusCode.ShouldBe(HttpStatusCode.OK);
        var done = WebUtility.HtmlDecode(await PollAsync(client, id, "import-done"));
        Text(done, "#import-done").ShouldContain("新增 3 条");
        done.ShouldContain($"<td>第 3 行</td><td>年产值（万元）</td><td>{jump}</td>");

        var (marked, _) = TestFiles.ReadBack(await client.GetByteArrayAsync($"/Imports?handler=Marked&id={id}"), "数据");
        marked["J3"].ShouldBe($"【年产值（万元）】{ErrorWorkbook.WarningMark}{jump}");
    }
}
