using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reports;

/// <summary>
/// QA120 #6: a month's report opened in two tabs before anything was saved. The first save makes the draft; the second tab's
/// first save must not write over it silently, but be refused as a changed version is, keeping what was typed; and a refusal
/// names "他人" only when the saver was somebody else (the shared wording of every edit form, EditConflicts).
/// </summary>
public class ReportTwoWindowsTests
{
    private static readonly HtmlParser Parser = new();

    private static async Task<(int ForceId, ReportMonth Month, string Url)> NewMonthAsync(PlatformFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var forceId = await db.TaskForces.Where(f => f.Town!.Name == "历山镇蜂蜜专业镇").Select(f => f.Id).SingleAsync();
        var month = ReportMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
        (await db.MonthlyReports.AnyAsync(r => r.TaskForceId == forceId && r.Year == month.Year && r.Month == month.Month))
            .ShouldBeFalse("the demo has no report yet for this month: the case is two tabs opened before the first save");
        return (forceId, month, $"/Reports/Report/{forceId}/{month.Year}/{month.Month}");
    }

    private static async Task<decimal?> OutputAsync(PlatformFactory factory, int forceId, ReportMonth month)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TownsDbContext>().MonthlyReports
            .Where(r => r.TaskForceId == forceId && r.Year == month.Year && r.Month == month.Month).Select(r => r.OutputWanYuan).SingleAsync();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_second_tabs_first_save_is_refused_as_saved_in_another_window_and_keeps_what_was_typed(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "lishan-township");
        await using var _ = factory;
        var (forceId, month, url) = await NewMonthAsync(factory);

        // Both tabs are opened before either saves: the same account, the same cookies.
        var first = BrowserForm.Holding(await client.GetStringAsync(url), "Input.Version");
        var second = BrowserForm.Holding(await client.GetStringAsync(url), "Input.Version");
        first["Input.Version"].ShouldBeNullOrEmpty();

        (await first.With("Input.OutputWanYuan", "2100").PostAsync(client, url + "?handler=Save")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var refused = await second.With("Input.OutputWanYuan", "2200").PostAsync(client, url + "?handler=Save");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK, "the second tab is answered with its form, not saved over the first");
        var page = Parser.ParseDocument(await refused.Content.ReadAsStringAsync());
        var alert = page.QuerySelector("#report-error")?.TextContent ?? "";
        alert.ShouldMatch(@"^该记录已在另一窗口中保存（\d{1,2}月\d{1,2}日 \d{2}:\d{2}），您填写的内容未保存但已保留在下方");
        alert.ShouldNotContain("他人");
        var shown = BrowserForm.Holding(page, "Input.Version");
        shown["Input.OutputWanYuan"].ShouldBe("2200", "what the second tab typed stays in the form");
        (await OutputAsync(factory, forceId, month)).ShouldBe(2100m, "the first tab's draft stands");

        // Saved again, knowingly, from the form as the page now shows it: it goes through.
        (await shown.PostAsync(client, url + "?handler=Save")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await OutputAsync(factory, forceId, month)).ShouldBe(2200m);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_first_save_after_someone_else_started_the_month_names_them(StorageProvider provider)
    {
        var (factory, township) = await PageSignIn.OwnPlatformAsync(provider, "lishan-township");
        await using var _ = factory;
        var office = await PageSignIn.BrowserAsync(factory, "yuanqu-office");
        var (forceId, month, url) = await NewMonthAsync(factory);

        var mine = BrowserForm.Holding(await township.GetStringAsync(url), "Input.Version");
        var theirs = BrowserForm.Holding(await office.GetStringAsync(url), "Input.Version");
        (await theirs.With("Input.OutputWanYuan", "1900").PostAsync(office, url + "?handler=Save")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var refused = await mine.With("Input.OutputWanYuan", "2000").PostAsync(township, url + "?handler=Save");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var alert = Parser.ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector("#report-error")?.TextContent ?? "";
        alert.ShouldStartWith("该记录已被他人修改（");
        alert.ShouldContain("您填写的内容未保存但已保留在下方");
        (await OutputAsync(factory, forceId, month)).ShouldBe(1900m);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Every_edit_form_and_the_api_say_another_window_not_someone_else_for_the_same_account(StorageProvider provider)
    {
        // The wording lives in one place (EditConflicts.Conflict): a project's edit form stands for the others.
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        int id;
        using (var scope = factory.Services.CreateScope())
            id = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Projects.Where(p => p.Name == "历山镇蜂蜜冷链仓储项目").Select(p => p.Id).SingleAsync();
        var url = $"/Projects/Edit/{id}";
        var first = BrowserForm.Holding(await client.GetStringAsync(url), "Input.Version");
        var second = BrowserForm.Holding(await client.GetStringAsync(url), "Input.Version");
        (await first.With("Input.Description", "第一个窗口写的说明").PostAsync(client, url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var refused = await second.With("Input.Description", "第二个窗口写的说明").PostAsync(client, url);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await refused.Content.ReadAsStringAsync();
        var alert = Parser.ParseDocument(html).QuerySelector("main .alert-danger")?.TextContent ?? "";
        alert.ShouldContain("该记录已在另一窗口中保存（");
        alert.ShouldContain("您填写的内容未保存但已保留在下方");
        alert.ShouldNotContain("他人");

        // The API, with a version read before the page's save: the same account is not "他人" there either.
        var api = await PageSignIn.ApiClientAsync(factory, "yuanqu-office", TestDatabases.DemoPassword);
        var project = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/projects/{id}")).RootElement;
        var body = new Dictionary<string, object?>
        {
            ["name"] = project.GetProperty("name").GetString(), ["townId"] = project.GetProperty("townId").GetInt32(),
            ["ownerEnterpriseId"] = project.GetProperty("ownerEnterpriseId").ValueKind == JsonValueKind.Number ? project.GetProperty("ownerEnterpriseId").GetInt32() : null,
            ["ownerName"] = project.GetProperty("owner").GetString(), ["kind"] = project.GetProperty("kind").GetString(), ["role"] = project.GetProperty("role").GetString(),
            ["description"] = "接口写的说明", ["totalInvestmentWanYuan"] = project.GetProperty("totalInvestmentWanYuan").GetDecimal(),
            ["annualPlannedInvestmentWanYuan"] = project.GetProperty("annualPlannedInvestmentWanYuan").GetDecimal(), ["planYear"] = project.GetProperty("planYear").GetInt32(),
            ["version"] = project.GetProperty("version").GetInt32() - 1,
        };
        var conflict = await api.PutAsJsonAsync($"/api/v1/projects/{id}", body);
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = JsonDocument.Parse(await conflict.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("title").GetString().ShouldBe("该记录已由您在别处修改");
        problem.GetProperty("detail").GetString()!.ShouldNotContain("他人");
    }

    [Fact]
    public async Task A_month_that_cannot_be_reported_says_why_on_the_page_as_the_api_does()
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "lishan-township");
        await using var _ = factory;
        int forceId, otherForce;
        ReportMonth from;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var force = await db.TaskForces.Where(f => f.Town!.Name == "历山镇蜂蜜专业镇").SingleAsync();
            (forceId, from) = (force.Id, ReportMonth.Of(force.ReportsFrom));
            otherForce = await db.TaskForces.Where(f => !f.County!.Path.Contains("垣曲县")).Select(f => f.Id).FirstAsync();
        }
        var next = ReportMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).Next;
        var before = from.Previous;

        async Task<string> ReasonAsync(int year, int month)
        {
            var response = await client.GetAsync($"/Reports/Report/{forceId}/{year}/{month}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{year}-{month}: a page that says why, not a bare 404");
            return Parser.ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("#report-unavailable")?.TextContent.Trim() ?? "";
        }
        (await ReasonAsync(next.Year, next.Month)).ShouldBe($"{next.Chinese}尚未开始，不能填报");
        (await ReasonAsync(before.Year, before.Month)).ShouldBe($"本专班自 {from.Chinese} 起报送月报，{before.Chinese}无需报送");
        (await ReasonAsync(2026, 13)).ShouldBe("月份不正确：没有2026年13月");
        // Another county's task force is still not found: the reason is never told about what one cannot see.
        (await client.GetAsync($"/Reports/Report/{otherForce}/{next.Year}/{next.Month}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The API answers the same words, from the same place.
        var api = await PageSignIn.ApiClientAsync(factory, "lishan-township", TestDatabases.DemoPassword);
        var put = await api.PutAsJsonAsync($"/api/v1/reports/{forceId}/{next.Year}/{next.Month}", new { outputWanYuan = 100 });
        JsonDocument.Parse(await put.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString().ShouldBe($"{next.Chinese}尚未开始，不能填报");
        put = await api.PutAsJsonAsync($"/api/v1/reports/{forceId}/{before.Year}/{before.Month}", new { outputWanYuan = 100 });
        JsonDocument.Parse(await put.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString().ShouldBe($"本专班自 {from.Chinese} 起报送月报，{before.Chinese}无需报送");
    }

    [Fact]
    public async Task An_area_without_a_task_force_gets_no_summary_but_is_told_why()
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "yongji-office");
        await using var _ = factory;
        const string why = "永济市尚未设立专业镇推进专班，没有可通报的月报";
        var month = ReportMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).Previous;

        var page = Parser.ParseDocument(await client.GetStringAsync("/Reports"));
        (page.QuerySelector("#summary-none")?.TextContent.Trim() ?? "").ShouldBe(why);
        page.QuerySelector("#summary-docx").ShouldBeNull("no 月报汇总 is offered where there is nothing to 通报");

        var api = await PageSignIn.ApiClientAsync(factory, "yongji-office", TestDatabases.DemoPassword);
        var refused = await api.GetAsync($"/api/v1/reports/summary.docx?month={month}");
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString().ShouldBe(why);

        // A county with task forces still gets its 通报.
        var xinjiang = await PageSignIn.ApiClientAsync(factory, "xinjiang-office", TestDatabases.DemoPassword);
        var issued = await xinjiang.GetAsync($"/api/v1/reports/summary.docx?month={month}");
        issued.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
