using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notifications;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Projects;

public class ReminderTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Each_person_is_reminded_of_the_projects_that_need_them(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var agriculture = db.Units.Where(u => u.Name == "县农业农村局" && u.Jurisdiction!.Name == "垣曲县").Select(u => u.Id).Single();
        var member = new UserScope(4, Roles.MemberUnit, "山西省/运城市/垣曲县", null) { UnitId = agriculture };
        var reminders = await ProjectReminders.ForAsync(db, member, today, new ProjectWarningSettings(), default);
        // Every red reason of the project, the overdue signing first (its investment, none yet, may be red too).
        reminders.ShouldContain(r => r.Level == ReminderLevel.Red && r.Text.StartsWith("历山镇蜂蜜冷链仓储项目：计划签约日期已过 12 天，尚未签约"));
        reminders.ShouldContain(r => r.Level == ReminderLevel.Red && r.Text == "历山镇蜂蜜冷链仓储项目：用地保障受阻");
        // Only its own projects: 皋落 belongs to 县工科局.
        reminders.ShouldNotContain(r => r.Text.StartsWith("皋落"));

        // The office is told of red projects only, and nothing of guarantees or monthly rows.
        var office = new UserScope(1, Roles.Office, "山西省/运城市/垣曲县", null);
        var officeReminders = await ProjectReminders.ForAsync(db, office, today, new ProjectWarningSettings(), default);
        officeReminders.ShouldAllBe(r => r.Level == ReminderLevel.Red);
        officeReminders.Select(r => r.Link).Distinct().Count().ShouldBe(3);

        // A project under way without last month's row reminds the unit responsible for it; the reminder goes once it is reported.
        var fish = db.Projects.Single(p => p.Name == "黄河鱼苗繁育基地技改项目");
        db.ProjectProgress.RemoveRange(db.ProjectProgress.Where(p => p.ProjectId == fish.Id));
        await db.SaveChangesAsync();
        var last = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        (await ProjectReminders.ForAsync(db, member, today, new ProjectWarningSettings(), default))
            .ShouldContain(r => r.Text == $"黄河鱼苗繁育基地技改项目：{last.Year}年{last.Month}月进展尚未填报");
        await new ProjectService(db, TimeProvider.System).ReportAsync(member, "县农业农村局", fish.Id,
            new ProgressInput { Year = last.Year, Month = last.Month, InvestmentCompletedWanYuan = 10, PhysicalProgress = "正常生产" });
        (await ProjectReminders.ForAsync(db, member, today, new ProjectWarningSettings(), default)).ShouldNotContain(r => r.Text.Contains("进展尚未填报"));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_red_project_is_reminded_of_by_its_red_reasons_not_by_a_yellow_one_that_comes_first(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var settings = new ProjectWarningSettings();
        var office = new UserScope(1, Roles.Office, "山西省/运城市/垣曲县", null);
        var red = await ProjectQueries.ListAsync(db, office, new ProjectFilter { Warning = WarningLevel.Red, Page = 1, PageSize = 50 }, today, settings, default);
        red.Items.ShouldNotBeEmpty();
        var reminders = await ProjectReminders.ForAsync(db, office, today, settings, default);
        foreach (var project in red.Items)
        {
            // The page badges a red reminder 紧急; its text must say what is red (历山蜂产品精深加工扩建项目: its investment, not
            // “距计划投产还有 20 天”).
            var reminder = reminders.Single(r => r.Link == $"/Projects/Detail/{project.Id}");
            reminder.Level.ShouldBe(ReminderLevel.Red);
            foreach (var warning in project.Warnings.Where(w => w.Level == WarningLevel.Red)) reminder.Text.ShouldContain(warning.Text);
            foreach (var warning in project.Warnings.Where(w => w.Level == WarningLevel.Yellow)) reminder.Text.ShouldNotContain(warning.Text);
        }
    }

    [Fact]
    public void A_project_reason_names_the_warnings_of_its_light()
    {
        ProjectWarnings.Reason([new(WarningLevel.Yellow, "距计划投产还有 20 天"), new(WarningLevel.Red, "投资严重滞后：…")]).ShouldBe("投资严重滞后：…");
        ProjectWarnings.Reason([new(WarningLevel.Yellow, "距计划投产还有 20 天"), new(WarningLevel.Yellow, "投资进度滞后：…")]).ShouldBe("距计划投产还有 20 天；投资进度滞后：…");
    }

    [Fact]
    public async Task The_bell_shows_the_count_and_the_notification_page_lists_them_by_area()
    {
        var factory = await SeededPlatforms.GetAsync(StorageProvider.Sqlite);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, "yuanqu-member", SeededPlatforms.Password);
        var bell = await client.GetAsync("/Notifications?handler=Bell");
        bell.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await bell.Content.ReadAsStringAsync();
        html.ShouldContain("badge rounded-pill");
        html.ShouldNotContain("<html");
        html = await client.GetStringAsync("/Notifications?handler=BellItems");
        html.ShouldContain("历山镇蜂蜜冷链仓储项目：用地保障受阻");

        // The problems its unit leads, accepted and waiting for its answer, are there too.
        html.ShouldContain("问题台账");

        // The dashboard shows without them and fills its reminder card afterwards, counted by area.
        var dashboard = await client.GetStringAsync("/");
        dashboard.ShouldContain("hx-get=\"/Notifications?handler=Summary\"");
        var card = await client.GetStringAsync("/Notifications?handler=Summary");
        card.ShouldNotContain("<html");
        card.ShouldContain("/Notifications?area=" + Uri.EscapeDataString("重点项目"));
        card.ShouldContain("/Notifications?area=" + Uri.EscapeDataString("问题台账"));

        var office = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(office, "yuanqu-office", SeededPlatforms.Password);
        var officePage = await office.GetStringAsync("/Notifications?area=" + Uri.EscapeDataString("问题台账"));
        officePage.ShouldContain("待受理");
        officePage.ShouldNotContain("请办理并答复");
        // The demo's 2024 plan is past its deadlines: the office hears it in one line, the lead unit task by task.
        (await office.GetStringAsync("/Notifications?area=" + Uri.EscapeDataString("责任清单"))).ShouldContain("项任务已逾期");
        (await client.GetStringAsync("/Notifications?area=" + Uri.EscapeDataString("责任清单"))).ShouldContain("已逾期（2024年");

        var page = await client.GetStringAsync("/Notifications?area=" + Uri.EscapeDataString("重点项目"));
        page.ShouldContain("去处理");
        page.ShouldContain("历山镇蜂蜜冷链仓储项目");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Thousands_of_red_projects_are_listed_by_urgency_and_the_rest_counted_in_one_reminder(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var place = await db.Projects.Where(p => p.County!.Name == "垣曲县").Select(p => new { p.SpecializedTownId, p.CountyId }).FirstAsync();
        for (var i = 0; i < 70; i++)
            db.Projects.Add(new KeyProject
            {
                Name = $"逾期项目{i:00}", SpecializedTownId = place.SpecializedTownId, CountyId = place.CountyId, OwnerName = "测试企业",
                Kind = ProjectKind.New, Role = ProjectRole.Flagship, TotalInvestmentWanYuan = 100, PlanYear = today.Year, Stage = ProjectStage.Planning,
                PlannedSignedOn = today.AddDays(-1 - i), CreatedAtUtc = DateTime.UtcNow,
            });
        await db.SaveChangesAsync();

        var office = new UserScope(1, Roles.Office, "山西省/运城市/垣曲县", null);
        var reds = (await ProjectQueries.ListAsync(db, office, new ProjectFilter { Warning = WarningLevel.Red, PageSize = int.MaxValue }, today, new ProjectWarningSettings())).Items;
        reds.Count.ShouldBeGreaterThan(ProjectReminders.Listed + 20);
        var reminders = await ProjectReminders.ForAsync(db, office, today, new ProjectWarningSettings(), default);
        reminders.Count.ShouldBe(ProjectReminders.Listed + 1);
        reminders.Take(ProjectReminders.Listed).Select(r => r.Link).ShouldBe(reds.Take(ProjectReminders.Listed).Select(p => $"/Projects/Detail/{p.Id}"), "the most urgent first");
        reminders[0].Text.ShouldBe("逾期项目69：计划签约日期已过 70 天，尚未签约");
        var rest = reminders[^1];
        (rest.Level, rest.Link, rest.Count).ShouldBe((ReminderLevel.Red, "/Projects?warning=Red", reds.Count - ProjectReminders.Listed));
        rest.Text.ShouldBe($"另有 {reds.Count - ProjectReminders.Listed} 个项目红色预警，请在重点项目库中按预警查看");
        reminders.Total().ShouldBe(reds.Count, "the notification page counts every red project");

        // Unlisted (the dashboard's card), they are one red reminder that counts them all; the bell counts as far as 100.
        var unlisted = await ProjectReminders.ForAsync(db, office, today, new ProjectWarningSettings(), default, listed: false);
        unlisted.Select(r => (r.Level, r.Count, r.Link)).ShouldBe([(ReminderLevel.Red, reds.Count, "/Projects?warning=Red")]);
        (await ProjectReminders.CountAsync(db, office, today, new ProjectWarningSettings(), 100, default)).ShouldBe(Math.Min(reds.Count, 100));
        (await ProjectReminders.CountAsync(db, office, today, new ProjectWarningSettings(), 10, default)).ShouldBe(10);
    }

    [Fact]
    public async Task The_library_narrows_to_one_responsible_unit_as_a_member_unit_s_reminder_links_it()
    {
        var factory = await SeededPlatforms.GetAsync(StorageProvider.Sqlite);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(client, "yuanqu-office", SeededPlatforms.Password);
        int agriculture;
        using (var services = factory.Services.CreateScope())
            agriculture = await services.ServiceProvider.GetRequiredService<TownsDbContext>().Units
                .Where(u => u.Name == "县农业农村局" && u.Jurisdiction!.Name == "垣曲县").Select(u => u.Id).SingleAsync();
        var all = await client.GetStringAsync("/Projects");
        all.ShouldContain("皋落食用菌工厂化生产线项目");
        var own = await client.GetStringAsync($"/Projects?unit={agriculture}");
        own.ShouldContain("历山镇蜂蜜冷链仓储项目");
        own.ShouldNotContain("皋落食用菌工厂化生产线项目");
        own.ShouldContain("责任单位：县农业农村局");
        own.ShouldContain($"name=\"unit\" value=\"{agriculture}\"");
    }
}
