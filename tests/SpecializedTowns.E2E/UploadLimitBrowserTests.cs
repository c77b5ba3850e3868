using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notices;

namespace SpecializedTowns.E2E;

/// <summary>
/// Files that add up to more than one request takes (100 MB): the browser says so before sending, and when it sends anyway
/// the page answers beside the file field with what was typed, nothing saved; the import page says it in its result box; the
/// API answers a JSON problem in Chinese naming the limit. On the real server (Kestrel), whose limits are the ones at stake.
/// </summary>
[Collection("browser")]
public sealed class UploadLimitBrowserTests(BrowserFixture fixture)
{
    private const string Limit = "一次上传的文件合计不能超过 100 MB，请分几次上传";

    private async Task<int> NoticeAsync()
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var notices = scope.ServiceProvider.GetRequiredService<NoticeService>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "yuanqu-office");
        var issuer = new UserScope(user.Id, Roles.Office, "山西省/运城市/垣曲县", null) { UnitId = user.UnitId };
        var town = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => t.Id).SingleAsync();
        return await notices.CreateAsync(issuer, user.DisplayName, new NoticeDraft
        {
            RecipientKind = RecipientKind.Town, RecipientId = town, Basis = "2025年度专业镇发展评估结果",
            Findings = [new NoticeFinding("蜂蜜冷链仓储项目用地未落实", "2025年度评估·要素保障")],
            Deadline = notices.Today.AddDays(30), ContactName = "李明", ContactPhone = "0359-6022135",
        });
    }

    /// <summary>A file of <paramref name="bytes"/> on disk (Playwright takes no buffer over 50 MB), starting as its type does.</summary>
    private static string FileOf(string folder, string name, long bytes, byte[] head)
    {
        var path = Path.Combine(folder, name);
        using var file = File.Create(path);
        file.Write(head);
        file.SetLength(bytes);
        return path;
    }

    [BrowserFact]
    public async Task Eleven_photos_of_one_save_are_refused_beside_the_field_with_the_measures_kept_in_the_browser_and_by_the_server()
    {
        var id = await NoticeAsync();
        var folder = Directory.CreateTempSubdirectory("st-upload-").FullName;
        try
        {
            // Each under the 10 MB of a file, together over the 100 MB of a request.
            var photos = Enumerable.Range(1, 11).Select(i => FileOf(folder, $"现场照片{i}.pdf", 9_800_000, "%PDF-1.4 "u8.ToArray())).ToArray();
            var page = await fixture.SignedInPageAsync("lishan-township", 1366, 900);
            await page.GotoAsync($"{fixture.BaseUrl}/Notices/Detail/{id}");
            await page.FillAsync("#measures-1", "用地已纳入本年度土地利用计划调整方案");
            await page.SetInputFilesAsync("#file-1", photos);

            // The browser adds the sizes up and sends nothing.
            await page.ClickAsync("#item-1 form[enctype] button[type=submit]");
            var said = page.Locator("#item-1 [data-upload-total]");
            await said.WaitForAsync();
            (await said.InnerTextAsync()).ShouldBe($"本次选择的 11 个文件合计约 102.8 MB，{Limit}");
            page.Url.ShouldBe($"{fixture.BaseUrl}/Notices/Detail/{id}");

            // Without the browser's check (an old browser, scripts off) the server says the same beside the field.
            await page.EvaluateAsync("() => document.querySelector('meta[name=\"upload-max-bytes\"]').remove()");
            await page.ClickAsync("#item-1 form[enctype] button[type=submit]");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("handler=Record"), new() { Timeout = 120_000 });
            var item = await page.InnerTextAsync("#item-1");
            item.ShouldContain($"本次选择的 11 个文件合计约 102.8 MB，{Limit}");
            (await page.InputValueAsync("#measures-1")).ShouldBe("用地已纳入本年度土地利用计划调整方案");
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("notice-upload-too-large.png"), FullPage = true });

            using var scope = fixture.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            (await db.NoticeFiles.CountAsync(f => f.NoticeId == id)).ShouldBe(0);
            (await db.Notices.Where(n => n.Id == id).SelectMany(n => n.Items).Select(i => i.State).SingleAsync()).ShouldBe(ItemState.Open, "nothing half-written");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [BrowserFact]
    public async Task An_import_over_the_request_limit_is_answered_in_the_result_box()
    {
        var folder = Directory.CreateTempSubdirectory("st-upload-").FullName;
        try
        {
            var huge = FileOf(folder, "企业名录.xlsx", 110_000_000, "PK\u0003\u0004"u8.ToArray());
            var page = await fixture.SignedInPageAsync("yuanqu-office", 1366, 900);
            await page.GotoAsync(fixture.BaseUrl + "/Imports");
            // Past the browser's check: htmx showed nothing at all for the server's bare 413.
            await page.EvaluateAsync("() => document.querySelector('meta[name=\"upload-max-bytes\"]').remove()");
            await page.SetInputFilesAsync("#import-file", huge);
            await page.ClickAsync("#upload-button");
            var result = page.Locator("#import-job .alert-danger");
            await result.WaitForAsync(new() { Timeout = 120_000 });
            (await result.InnerTextAsync()).ShouldBe("文件超过 50MB，请拆分后分批导入");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [BrowserFact]
    public async Task The_api_answers_a_request_over_its_limit_with_a_chinese_problem_naming_the_limit()
    {
        var id = await NoticeAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl), Timeout = TimeSpan.FromMinutes(3) };
        async Task<string> TokenAsync(string user)
        {
            var issued = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = BrowserFixture.DemoPassword });
            return JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
        }

        // A file far over its 10 MB, as base64 in JSON: over the server's limit for a JSON body.
        var json = new StringContent($"{{\"fileName\":\"航拍.pdf\",\"content\":\"{new string('A', 40 * 1024 * 1024)}\"}}", System.Text.Encoding.UTF8, "application/json");
        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/notices/{id}/files") { Content = json };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync("lishan-township"));
        // As curl sends a large body: the server answers before the body is sent (without it, Kestrel closes the connection
        // on a body it will not read, and this client reports the broken pipe rather than the answer).
        upload.Headers.ExpectContinue = true;
        var refused = await http.SendAsync(upload);
        refused.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("title").GetString().ShouldBe("请求内容过大");
        problem.GetProperty("detail").GetString().ShouldBe("一次请求的内容不能超过 28.6 MB（本次约 40 MB）：文件请逐个上传，每个不超过 10 MB");

        var folder = Directory.CreateTempSubdirectory("st-upload-").FullName;
        try
        {
            var big = FileOf(folder, "企业名录.xlsx", 60 * 1024 * 1024, "PK\u0003\u0004"u8.ToArray());
            using var form = new MultipartFormDataContent();
            var stream = File.OpenRead(big);
            form.Add(new StreamContent(stream), "file", "企业名录.xlsx");
            using var import = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/enterprises?dryRun=true") { Content = form };
            import.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync("yuanqu-office"));
            import.Headers.ExpectContinue = true;
            var tooBig = await http.SendAsync(import);
            tooBig.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            var detail = JsonDocument.Parse(await tooBig.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
            detail.ShouldBe("导入文件不能超过 50 MB（本次约 60 MB），请拆分后分批导入");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
