using System.Net;
using System.Text.RegularExpressions;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Exports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Tasks;

/// <summary>The 责任清单 task by task, as the office sends it to the member units: from the plan page, the 逾期清单 and 导出.</summary>
public class TaskExportTests
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static async Task<HttpClient> SignedInAsync(StorageProvider provider, string user)
    {
        var factory = await SeededPlatforms.GetAsync(provider);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, user, SeededPlatforms.Password);
        return client;
    }

    private static async Task<List<object?[]>> XlsxAsync(HttpClient client, string url, string fileName)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Xlsx);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldStartWith(fileName);
        return ExportFiles.Xlsx(await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task<string> PlanIdAsync(HttpClient client) =>
        Regex.Match(await client.GetStringAsync("/Tasks"), "href=\"/Tasks/Plan/(\\d+)\">垣曲县2024年专业镇建设年度行动计划<").Groups[1].Value;

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_plan_page_exports_its_tasks_with_units_deadlines_and_milestones(StorageProvider provider)
    {
        var office = await SignedInAsync(provider, "yuanqu-office");
        var id = await PlanIdAsync(office);
        id.ShouldNotBeEmpty();
        var page = await office.GetStringAsync($"/Tasks/Plan/{id}");
        page.ShouldContain($"href=\"/Tasks/Plan/{id}?handler=Export&amp;format=xlsx\"");
        static int Shown(string page) => Regex.Matches(page, "href=\"/Tasks/Detail/(\\d+)\"").Select(m => m.Groups[1].Value).Distinct().Count();
        var shown = Shown(page);
        shown.ShouldBeGreaterThanOrEqualTo(11, "垣曲's ten tasks of 垣政办发〔2023〕19号 四 and the office's （十一）");

        var rows = await XlsxAsync(office, $"/Tasks/Plan/{id}?handler=Export&format=xlsx", "责任清单任务_垣曲县_");
        rows[0].ShouldBe(["序号", "行动计划", "分组", "任务", "依据条款", "牵头单位", "配合单位", "期限", "进度（%）", "状态", "里程碑"]);
        rows.Count.ShouldBe(shown + 1);
        rows.Skip(1).Select(r => r[0]).ShouldBe(Enumerable.Range(1, shown).Select(i => (object?)(double)i));
        var first = rows[1];
        ((string)first[3]!).ShouldBe("（一） 实施专业镇市场主体倍增行动");
        first[4].ShouldBe("垣政办发〔2023〕19号 四（一）");
        first[5].ShouldBe("县工科局、县农业农村局、县行政审批服务管理局");
        ((string)first[6]!).ShouldContain("县文旅局");
        ((string)first[6]!).ShouldContain("历山镇");
        first[7].ShouldBeOfType<DateTime>();
        first[8].ShouldBeOfType<double>();
        rows.Skip(1).ShouldAllBe(r => r[9] is string && ((string)r[9]!).Length > 0);
        // Milestones written out with their deadline and state, one per line.
        rows.Skip(1).ShouldContain(r => r[10] is string && Regex.IsMatch((string)r[10]!, @"^1\. .+（\d{4}年\d{1,2}月\d{1,2}日前，"));

        // The page's filters are kept: 县农业农村局's tasks only.
        var agriculture = Regex.Match(page, "<option value=\"(\\d+)\"[^>]*>县农业农村局</option>").Groups[1].Value;
        agriculture.ShouldNotBeEmpty();
        var filtered = await XlsxAsync(office, $"/Tasks/Plan/{id}?unit={agriculture}&handler=Export&format=xlsx", "责任清单任务_");
        filtered.Count.ShouldBe(Shown(await office.GetStringAsync($"/Tasks/Plan/{id}?unit={agriculture}")) + 1);
        filtered.Count.ShouldBeLessThan(rows.Count, "县农业农村局 has no part in （十一）");
        filtered.Skip(1).ShouldAllBe(r => ((string)r[5]! + "、" + (string?)r[6]).Contains("县农业农村局"));

        // Another county's plan is not there to export.
        var other = await SignedInAsync(provider, "xinjiang-office");
        (await other.GetAsync($"/Tasks/Plan/{id}?handler=Export&format=xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_overdue_list_exports_every_overdue_item_under_its_lead_unit(StorageProvider provider)
    {
        var office = await SignedInAsync(provider, "yuanqu-office");
        var page = await office.GetStringAsync("/Tasks/Overdue");
        page.ShouldContain("href=\"/Tasks/Overdue?handler=Export&amp;format=xlsx\"");
        var totals = Regex.Match(page, "逾期任务 (\\d+) 项、逾期里程碑 (\\d+) 个");
        totals.Success.ShouldBeTrue();
        // One line per unit in the export: a task two units lead is two lines, and the headline says so beside its totals.
        var slots = Regex.Match(page, "下表合计任务 (\\d+) 项次、里程碑 (\\d+) 个次");
        var items = slots.Success ? int.Parse(slots.Groups[1].Value) + int.Parse(slots.Groups[2].Value)
            : int.Parse(totals.Groups[1].Value) + int.Parse(totals.Groups[2].Value);
        items.ShouldBeGreaterThan(0);

        var rows = await XlsxAsync(office, "/Tasks/Overdue?handler=Export&format=xlsx", "逾期清单_垣曲县_");
        rows[0].ShouldBe(["牵头单位", "所在地", "行动计划", "任务", "逾期事项", "期限", "逾期天数"]);
        rows.Count.ShouldBe(items + 1);
        rows.Skip(1).ShouldAllBe(r => (string)r[1]! == "垣曲县" && r[5] is DateTime && (double)r[6]! > 0);
        rows.Skip(1).ShouldContain(r => (string)r[4]! == "任务本身");

        var exports = await office.GetStringAsync("/Exports");
        exports.ShouldContain("href=\"/Tasks?handler=TaskExport&amp;format=xlsx\"");
        exports.ShouldContain("href=\"/Tasks/Overdue?handler=Export&amp;format=xlsx\"");
        var all = await XlsxAsync(office, "/Tasks?handler=TaskExport&format=xlsx", "责任清单任务_垣曲县_");
        all.Count.ShouldBeGreaterThanOrEqualTo(12);
        all.Skip(1).Select(r => (string)r[3]!).ShouldContain("（一） 实施专业镇市场主体倍增行动");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_overdue_headline_counts_each_task_once_as_the_bell_does(StorageProvider provider)
    {
        // 运城 sees tasks several units lead together: counted per unit they made "逾期任务 43 项" beside the bell's 21 (qa105 4).
        var office = await SignedInAsync(provider, "yuncheng-office");
        var page = await office.GetStringAsync("/Tasks/Overdue");
        var tasks = int.Parse(Regex.Match(page, "逾期任务 (\\d+) 项、逾期里程碑 \\d+ 个").Groups[1].Value);
        var notifications = await office.GetStringAsync("/Notifications");
        tasks.ShouldBe(int.Parse(Regex.Match(notifications, "(\\d+) 项任务已逾期").Groups[1].Value));

        var slots = Regex.Match(page, "下表合计任务 (\\d+) 项次、里程碑 (\\d+) 个次");
        slots.Success.ShouldBeTrue("the demo's 运城 tasks have several lead units");
        int.Parse(slots.Groups[1].Value).ShouldBeGreaterThan(tasks);
        var rows = await XlsxAsync(office, "/Tasks/Overdue?handler=Export&format=xlsx", "逾期清单_");
        rows.Count.ShouldBe(int.Parse(slots.Groups[1].Value) + int.Parse(slots.Groups[2].Value) + 1);
    }
}
