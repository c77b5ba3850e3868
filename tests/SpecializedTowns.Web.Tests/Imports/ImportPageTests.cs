using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Imports;

/// <summary>The import page as htmx drives it: upload, poll the check, read the preview, confirm, poll the write. Its own platform, since it writes.</summary>
public partial class ImportPageTests
{
    private static readonly DemoPlatforms Platforms = new();

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

    [Fact]
    public async Task An_office_uploads_a_template_sees_the_preview_and_confirms()
    {
        var client = await Platforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        var page = await client.GetStringAsync("/Imports?kind=town-statistics");
        page.ShouldContain("专业镇年度统计");
        page.ShouldContain("/Imports?handler=Template&kind=town-statistics");
        var token = PageSignIn.Antiforgery(page);
        // The example taken over as the clerk's own row: its “示例：” deleted.
        var template = TestFiles.ExampleTakenOver(await client.GetByteArrayAsync("/Imports?handler=Template&kind=town-statistics"));

        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(template);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "统计.xlsx");
        var upload = await client.PostAsync("/Imports?handler=Upload&kind=town-statistics", form);
        upload.StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = JobId().Match(await upload.Content.ReadAsStringAsync()).Groups[1].Value;
        id.ShouldNotBeEmpty();

        var checkedHtml = await PollAsync(client, id, "import-summary");
        checkedHtml.ShouldContain("错误 0");
        checkedHtml.ShouldContain("确认导入");
        checkedHtml.ShouldContain("历山镇蜂蜜专业镇");

        var commit = await client.PostAsync($"/Imports?handler=Commit&id={id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        commit.StatusCode.ShouldBe(HttpStatusCode.OK);
        var done = await PollAsync(client, id, "import-done");
        done.ShouldContain("已导入“统计.xlsx”");
        // The write ran after the request, and still names who confirmed it in the history.
        using (var services = (await Platforms.GetAsync(StorageProvider.Sqlite)).Services.CreateScope())
        {
            var db = services.ServiceProvider.GetRequiredService<TownsDbContext>();
            var written = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "TownAnnualStatistics").OrderByDescending(e => e.Id).FirstAsync();
            (written.UserName, written.DisplayName, written.ActorPath).ShouldBe(("yuanqu-office", "垣曲县专业镇办", "山西省/运城市/垣曲县"));
        }

        // Another person cannot see this upload.
        var other = await Platforms.SignedInAsync(StorageProvider.Sqlite, "xinjiang-office");
        (await other.GetStringAsync($"/Imports?handler=Status&id={id}")).ShouldContain("已过期");
    }

    [Fact]
    public async Task A_row_pasted_twice_is_shown_as_taken_once_not_as_a_row_to_check()
    {
        var client = await Platforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        var token = PageSignIn.Antiforgery(await client.GetStringAsync("/Imports?kind=enterprises"));
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(ImportRepeatTests.PastedTwice());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "企业.xlsx");
        var id = JobId().Match(await (await client.PostAsync("/Imports?handler=Upload&kind=enterprises", form)).Content.ReadAsStringAsync()).Groups[1].Value;
        var html = WebUtility.HtmlDecode(await PollAsync(client, id, "import-summary"));
        html.ShouldContain("重复 1 行（只导入一次）");
        html.ShouldNotContain("warning-tally", customMessage: "a copy taken once is not a figure to check (需核实)");
        html.ShouldContain("有 1 行与前面的行每一格都相同（见下表），只导入一次，不影响其他行。");
        html.ShouldContain("<td>第 12 行</td><td></td><td>第 12 行与第 5 行完全相同，只导入一次</td>");
        html.ShouldContain("确认导入");
    }

    [Fact]
    public async Task A_template_uploaded_as_downloaded_shows_that_its_example_row_must_go_and_offers_no_import()
    {
        var client = await Platforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        var page = await client.GetStringAsync("/Imports?kind=project-progress");
        WebUtility.HtmlDecode(page).ShouldContain("模板第 2 行（灰色斜体，“所属专业镇”以“示例：”开头）是示例，不会被导入");
        var token = PageSignIn.Antiforgery(page);
        var template = await client.GetByteArrayAsync("/Imports?handler=Template&kind=project-progress");
        var (sheet, _) = TestFiles.ReadBack(template, "月度进展");
        sheet["A2"].ShouldStartWith("示例：");

        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(template);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "月度进展.xlsx");
        var id = JobId().Match(await (await client.PostAsync("/Imports?handler=Upload&kind=project-progress", form)).Content.ReadAsStringAsync()).Groups[1].Value;
        var html = WebUtility.HtmlDecode(await PollAsync(client, id, "import-summary"));
        html.ShouldContain("<td>第 2 行</td><td>所属专业镇</td><td>第 2 行是模板自带的示例，请删除后再导入（如已改为真实数据，请去掉“所属专业镇”开头的“示例：”）</td>");
        html.ShouldContain("文件有 1 行存在错误，未导入任何数据");
        html.ShouldNotContain("确认导入");

        // The marked file says it at the example row, in the clerk's own workbook.
        var (marked, _) = TestFiles.ReadBack(await client.GetByteArrayAsync($"/Imports?handler=Marked&id={id}"), "月度进展");
        var errorColumn = marked.Single(c => c.Value == "错误说明" && c.Key.EndsWith('1') && !char.IsDigit(c.Key[^2])).Key[..^1];
        marked[errorColumn + "2"].ShouldContain("第 2 行是模板自带的示例，请删除后再导入");
    }

    [Fact]
    public async Task An_empty_file_is_called_empty_and_no_file_is_asked_for()
    {
        var client = await Platforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        var token = PageSignIn.Antiforgery(await client.GetStringAsync("/Imports?kind=town-statistics"));
        async Task<string> UploadAsync(HttpContent? file)
        {
            var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            if (file is not null) form.Add(file, "file", "专业镇年度统计.csv");
            return WebUtility.HtmlDecode(await (await client.PostAsync("/Imports?handler=Upload&kind=town-statistics", form)).Content.ReadAsStringAsync());
        }
        (await UploadAsync(new ByteArrayContent([]))).ShouldContain("“专业镇年度统计.csv”是空文件（0 字节），请检查后重新选择");
        (await UploadAsync(null)).ShouldContain("请选择要上传的文件");
    }

    [Fact]
    public async Task A_leader_is_told_there_is_nothing_to_import()
    {
        var client = await Platforms.SignedInAsync(StorageProvider.Sqlite, "yuncheng-leader");
        (await client.GetStringAsync("/Imports")).ShouldContain("您的角色没有可导入的数据");
    }
}
