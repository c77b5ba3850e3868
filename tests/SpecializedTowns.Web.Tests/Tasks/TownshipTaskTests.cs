using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notifications;
using SpecializedTowns.Data.Tasks;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Tasks;

/// <summary>
/// 垣政办发〔2023〕19号 四（一）…（十） give every task also to "……各乡（镇）人民政府按职责分工负责": each township of 垣曲 is a
/// 配合单位 of those tasks, so its staff see them in 责任清单 and the reminders and write their progress notes, and no more.
/// </summary>
public class TownshipTaskTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
    private const string Yuanqu = "山西省/运城市/垣曲县";

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Each_township_cooperates_on_the_tasks_the_text_gives_every_township(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var service = new TaskService(db, Catalog, new FixedClock(new DateOnly(2025, 3, 1)), new TaskSettings());
        var townships = await db.Jurisdictions.Where(j => j.Parent!.Path == Yuanqu).OrderBy(j => j.Id).Select(j => j.Name).ToListAsync();
        townships.Count.ShouldBe(11);

        var office = new UserScope(51, Roles.Office, Yuanqu, null);
        var rows = (await service.ListTasksAsync(office, new TaskFilter(PageSize: 500))).Items.Where(t => t.Plan.StartsWith("垣曲县")).ToList();
        var pack = Catalog.FindPack("yuanqu-2023-19")!;
        pack.KeyTasks.Count.ShouldBe(10);
        foreach (var k in pack.KeyTasks)
        {
            k.CooperatingUnits.ShouldContain(n => Core.Units.UnitNames.IsEveryTownship(n), k.Number);
            rows.Single(r => r.Number == k.Number).CooperatingUnits.Select(u => u.Name).TakeLast(11).ShouldBe(townships, k.Number);
        }
        // The office's own （十一） (问题台账) names no township.
        rows.Single(r => r.Number == "（十一）").CooperatingUnits.ShouldNotContain(u => townships.Contains(u.Name));

        // 历山镇's staff account belongs to the county's unit 历山镇 (the leading group's member): it sees those ten tasks.
        var lishanUnit = await db.Units.Where(u => u.Jurisdiction!.Path == Yuanqu && u.Name == "历山镇").Select(u => u.Id).SingleAsync();
        var lishanTown = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => t.Id).SingleAsync();
        var township = new UserScope(54, Roles.Township, Yuanqu + "/历山镇", lishanTown) { UnitId = lishanUnit };
        var seen = (await service.ListTasksAsync(township, new TaskFilter(PageSize: 500))).Items;
        seen.Count.ShouldBe(10);
        seen.ShouldAllBe(t => t.CooperatingUnits.Any(u => u.Id == lishanUnit));
        (await service.ListPlansAsync(township, null, null, 1, 20)).Items.Select(p => p.Place).ShouldBe(["垣曲县"]);

        // A 配合单位: it writes notes; the figures stay the lead unit's, and nothing of the office's is open to it.
        var expo = seen.Single(t => t.Number == "（七）").Id;
        var view = await service.TaskAsync(township, expo);
        view.Role.ShouldBe(TaskRole.Cooperating);
        view.CanNote.ShouldBeTrue();
        view.CanReport.ShouldBeFalse();
        view.CanManage.ShouldBeFalse();
        await service.NoteAsync(township, "lishan-township", expo, "组织 3 家蜂蜜企业参加省农博会");
        (await service.TaskAsync(township, expo)).Task.Notes.ShouldContain(n => n.Text == "组织 3 家蜂蜜企业参加省农博会");
        await Should.ThrowAsync<TaskForbiddenException>(() => service.ReportAsync(township, "lishan-township", expo, new ProgressReport(null, 50, null, null, null)));
        await Should.ThrowAsync<TaskNotFoundException>(() => service.TaskAsync(township, rows.Single(r => r.Number == "（十一）").Id));

        // The deadlines are the lead units' to keep: of the overdue tasks it only shares it hears in one line of information,
        // not one reminder each, nor a red "10 项任务已逾期"; the bell counts that line once.
        var overdue = seen.Where(t => t.Light == TaskLight.Overdue).ToList();
        overdue.Count.ShouldBeGreaterThan(1);
        (await TaskReminders.ForAsync(service, township, CancellationToken.None))
            .ShouldBe([new Reminder("责任清单", ReminderLevel.Info, $"本县（市、区）有 {overdue.Count} 项任务逾期，贵乡镇为配合单位", "/Tasks/Overdue")]);
        (await TaskReminders.CountAsync(service, township, CancellationToken.None)).ShouldBe(1);

        // A task it leads is its own to act on: that one is reminded task by task, and the line counts the rest.
        var led = overdue[0];
        (await db.TaskUnits.SingleAsync(u => u.TaskId == led.Id && u.UnitId == lishanUnit)).Role = UnitRole.Lead;
        await db.SaveChangesAsync();
        var reminders = await TaskReminders.ForAsync(service, township, CancellationToken.None);
        reminders.Count.ShouldBe(2);
        reminders[0].ShouldBe(new Reminder("责任清单", ReminderLevel.Red,
            $"{led.Number} {led.Title}：已逾期（{led.Deadline.Year}年{led.Deadline.Month}月{led.Deadline.Day}日）".TrimStart(), $"/Tasks/Detail/{led.Id}"));
        reminders[1].Text.ShouldBe($"本县（市、区）有 {overdue.Count - 1} 项任务逾期，贵乡镇为配合单位");
        (await TaskReminders.CountAsync(service, township, CancellationToken.None)).ShouldBe(2);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_township_s_bell_card_and_list_show_the_shared_overdue_tasks_as_one_line(StorageProvider provider)
    {
        var (factory, client) = await PageSignIn.OwnPlatformAsync(provider, "lishan-township");
        await using var _ = factory;
        var list = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/Notifications?area=" + Uri.EscapeDataString("责任清单")));
        var line = System.Text.RegularExpressions.Regex.Matches(list, "本县（市、区）有 ([0-9]+) 项任务逾期，贵乡镇为配合单位");
        line.Count.ShouldBe(1);
        int.Parse(line[0].Groups[1].Value).ShouldBeGreaterThan(1);
        list.ShouldNotContain("已逾期（", customMessage: "no task of the county's is the township's to lead");
        list.ShouldNotContain("项任务已逾期");

        // The bell, its list and the dashboard's card count the same things, the shared line once.
        var items = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/Notifications?handler=BellItems"));
        var total = int.Parse(System.Text.RegularExpressions.Regex.Match(items, "查看全部（([0-9,]+)）").Groups[1].Value, System.Globalization.NumberStyles.AllowThousands);
        (await client.GetStringAsync("/Notifications?handler=Bell")).ShouldContain($"aria-label=\"通知提醒 {total} 条\"");
        var card = await client.GetStringAsync("/Notifications?handler=Summary");
        card.ShouldContain($"href=\"/Notifications\">{total:N0}</a>");
        card.ShouldContain("责任清单 <span class=\"badge warn-yellow\">1</span>");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_township_account_finds_the_county_plan_in_its_responsibility_list(StorageProvider provider)
    {
        var factory = await SeededPlatforms.GetAsync(provider);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, "lishan-township", SeededPlatforms.Password);
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/Tasks"));
        page.ShouldNotContain("暂无与您（本单位）有关的年度行动计划任务");
        page.ShouldContain("垣曲县2024年专业镇建设年度行动计划");
    }
}
