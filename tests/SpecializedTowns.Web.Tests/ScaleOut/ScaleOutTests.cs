using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.ScaleOut;

/// <summary>Needs PostgreSQL and nginx: skipped with the reason where either is missing, never under CI (CI=true).</summary>
public sealed class ScaleOutFactAttribute : FactAttribute
{
    public ScaleOutFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") == "true") return;
        if ((PostgresServer.Unavailable ?? OwnPostgres.Unavailable ?? Nginx.Unavailable) is { } reason) Skip = reason;
    }
}

/// <summary>
/// Issue 8, beyond one machine: two web processes behind nginx on one PostgreSQL database. The sign-in cookie, antiforgery
/// tokens and TempData are sealed with the data-protection keys in the database, so a user carries on whichever process
/// answers; round robin sends each request of a form's GET/POST pair to a different process.
/// </summary>
[Collection(nameof(ScaleOutTests))]
public sealed partial class ScaleOutTests
{
    private const string Password = "Scale-out-2024";

    [GeneratedRegex(@"/Projects/Detail/(\d+)")]
    private static partial Regex ProjectLink();

    [GeneratedRegex("id=\"job-([0-9a-f-]{36})\"")]
    private static partial Regex JobId();

    private static async Task<string> PollAsync(Browser browser, string id, string until)
    {
        for (var i = 0; i < 600; i++)
        {
            var html = await browser.GetPageAsync($"/Imports?handler=Status&id={id}");
            html.ShouldNotContain("已过期", customMessage: "a process that did not take the upload still knows the job");
            if (html.Contains(until)) return html;
            await Task.Delay(100);
        }
        throw new TimeoutException($"the import never showed “{until}”");
    }

    [ScaleOutFact]
    public async Task A_signed_in_user_carries_on_a_workflow_and_an_import_whichever_of_two_processes_answers()
    {
        var storage = await TestDatabases.WithDemoAsync(StorageProvider.PostgreSql);
        // Pooled, as in production: the processes keep connections open across requests.
        var connection = new NpgsqlConnectionStringBuilder(storage.ConnectionString) { Pooling = true }.ConnectionString;

        // Started together: the setup lock lets one create the accounts while the other waits.
        await using var a = WebProcess.Start("web-a", "PostgreSql", connection, Password);
        await using var b = WebProcess.Start("web-b", "PostgreSql", connection, Password);
        await Task.WhenAll(a.WaitHealthyAsync(TimeSpan.FromSeconds(120)), b.WaitHealthyAsync(TimeSpan.FromSeconds(120)));
        await using var nginx = await Nginx.StartAsync([a.Port, b.Port]);

        using var browser = new Browser(nginx.BaseAddress);
        await browser.SignInAsync("yuanqu-office", Password);
        var list = await browser.GetPageAsync("/Projects");
        var id = ProjectLink().Match(list).Groups[1].Value;
        id.ShouldNotBeEmpty("the county office sees the demo projects");

        for (var round = 1; round <= 3; round++)
        {
            var form = await browser.GetPageAsync($"/Projects/Edit/{id}");
            var leader = $"分管副县长（第{round}轮）";
            var saved = await browser.SubmitAsync(form, $"/Projects/Edit/{id}", "Input.Name", new Dictionary<string, string> { ["Input.ResponsibleLeader"] = leader });
            saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"round {round}: {await saved.Content.ReadAsStringAsync()}");
            saved.Headers.Location!.ToString().ShouldBe($"/Projects/Detail/{id}");

            // The message travels in the TempData cookie, sealed by one process and opened by the other.
            var detail = await browser.GetPageAsync($"/Projects/Detail/{id}");
            detail.ShouldContain("项目已保存。");
            detail.ShouldContain(leader);
        }

        // An import: uploaded to one process, its progress polled from both, confirmed on either, written once.
        var imports = await browser.GetPageAsync("/Imports?kind=town-statistics");
        // The template's example taken over as the clerk's own row (as downloaded, the example is refused).
        var template = Imports.TestFiles.ExampleTakenOver(
            await (await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/Imports?handler=Template&kind=town-statistics"))).Content.ReadAsByteArrayAsync());
        var token = BrowserForm.Holding(imports, "__RequestVerificationToken")["__RequestVerificationToken"]!;
        var upload = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(template);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        upload.Add(file, "file", "统计.xlsx");
        var uploaded = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/Imports?handler=Upload&kind=town-statistics") { Content = upload });
        uploaded.StatusCode.ShouldBe(HttpStatusCode.OK);
        var job = JobId().Match(await uploaded.Content.ReadAsStringAsync()).Groups[1].Value;
        job.ShouldNotBeEmpty();
        var polled = browser.Instances.Count;
        (await PollAsync(browser, job, "import-summary")).ShouldContain("确认导入");
        var commit = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/Imports?handler=Commit&id={job}")
            { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }) });
        commit.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await commit.Content.ReadAsStringAsync()).ShouldNotContain("已过期");
        (await PollAsync(browser, job, "import-done")).ShouldContain("已导入“统计.xlsx”");
        browser.Instances.Skip(polled).Distinct().Count().ShouldBe(2, "the import's polls were answered by both processes");

        // An export's progress: written by the process making the file, read from either (export.js polls it).
        var export = Guid.NewGuid();
        var csv = await browser.GetPageAsync($"/Enterprises?handler=Export&format=csv&progress={export}");
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length - 1;
        rows.ShouldBeGreaterThan(0);
        var exported = browser.Instances.Count;
        for (var i = 0; i < 2; i++)
        {
            var progress = System.Text.Json.JsonDocument.Parse(await browser.GetPageAsync($"/Exports?handler=Progress&id={export}")).RootElement;
            progress.GetProperty("finished").GetBoolean().ShouldBeTrue();
            progress.GetProperty("done").GetInt32().ShouldBe(rows);
        }
        browser.Instances.Skip(exported).Distinct().Count().ShouldBe(2, "the export's progress was read from both processes");

        string.Join(",", browser.Instances.Distinct().Order()).ShouldBe("web-a,web-b", "round robin reached both processes");
        // Every form was fetched from one process and posted to the other at least once.
        browser.Instances.Count.ShouldBeGreaterThan(8);

        await using var db = storage.CreateContext();
        (await db.DataProtectionKeys.CountAsync()).ShouldBe(1, "both processes use the one key ring in the database");
    }

    private static async Task<string> BouncedAsync(Browser browser, string url)
    {
        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), mayBounce: true);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"GET {url} after the stamp was renewed on the other process");
        return response.Headers.Location!.ToString();
    }

    /// <summary>
    /// A reset password, and a person's own password change, made on one process end the sessions another process holds at
    /// their next request, not at Identity's stamp check within the minute: the account's row is what both read (SessionStamps).
    /// Each browser asks one process directly, so which process holds the session and which renews the stamp is certain.
    /// </summary>
    [ScaleOutFact]
    public async Task A_password_renewed_on_one_process_ends_the_sessions_on_the_other_at_their_next_request()
    {
        var storage = await TestDatabases.WithDemoAsync(StorageProvider.PostgreSql);
        var connection = new NpgsqlConnectionStringBuilder(storage.ConnectionString) { Pooling = true }.ConnectionString;
        await using var a = WebProcess.Start("web-a", "PostgreSql", connection, Password);
        await using var b = WebProcess.Start("web-b", "PostgreSql", connection, Password);
        await Task.WhenAll(a.WaitHealthyAsync(TimeSpan.FromSeconds(120)), b.WaitHealthyAsync(TimeSpan.FromSeconds(120)));
        int memberId;
        await using (var db = storage.CreateContext())
            memberId = await db.Users.Where(u => u.UserName == "yuanqu-member").Select(u => u.Id).SingleAsync();

        // An administrator on A resets the password of a member signed in on B.
        using var member = new Browser(b.BaseAddress);
        await member.SignInAsync("yuanqu-member", Password);
        await member.GetPageAsync("/Towns");
        using var admin = new Browser(a.BaseAddress);
        await admin.SignInAsync("admin", Password);
        var users = await admin.GetPageAsync("/Admin/Users");
        var reset = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/Admin/Users?handler=Reset&id={memberId}")
            { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = BrowserForm.Holding(users, "__RequestVerificationToken")["__RequestVerificationToken"]! }) });
        reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetPageAsync(reset.Headers.Location!.ToString())).ShouldContain("yuanqu-member 的新密码");
        (await BouncedAsync(member, "/Towns")).ShouldContain("/Account/Login");

        // A person signed in on both changes their own password on A: B's session ends, A's carries on, on either process.
        using var laptop = new Browser(b.BaseAddress);
        await laptop.SignInAsync("yuanqu-office", Password);
        await laptop.GetPageAsync("/Towns");
        using var office = new Browser(a.BaseAddress);
        await office.SignInAsync("yuanqu-office", Password);
        var form = await office.GetPageAsync("/Account/Password");
        var changed = await office.SubmitAsync(form, "/Account/Password", "Current", new Dictionary<string, string>
            { ["Current"] = Password, ["New"] = "Scale-out-new-2024", ["Confirm"] = "Scale-out-new-2024" });
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await changed.Content.ReadAsStringAsync());
        (await BouncedAsync(laptop, "/Towns")).ShouldContain("/Account/Login");
        await office.GetPageAsync("/Towns");

        member.Instances.Distinct().ShouldBe(["web-b"]);
        laptop.Instances.Distinct().ShouldBe(["web-b"]);
        admin.Instances.Concat(office.Instances).Distinct().ShouldBe(["web-a"]);
    }
}

[CollectionDefinition(nameof(ScaleOutTests), DisableParallelization = true)]
public sealed class ScaleOutCollection;
