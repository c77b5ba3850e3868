using Microsoft.Playwright;
using SpecializedTowns.Data.Tasks;

namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class TaskBrowserTests(BrowserFixture fixture)
{
    private static async Task<string> ProgressAsync(IPage page) =>
        (await page.InnerTextAsync("#task-progress .task-progress-value")).Trim();

    [BrowserFact]
    public async Task A_member_unit_finishes_a_milestone_and_the_office_approves_an_extension()
    {
        // The demo plans are as of 2024年9月16日: the platform's clock goes there for this test and comes back after it.
        var shift = TaskDemo.Today.ToDateTime(new TimeOnly(2, 0)) - fixture.Clock.GetUtcNow().UtcDateTime;
        fixture.Clock.Advance(shift);
        try
        {
            var member = await fixture.SignedInPageAsync("yuanqu-member");
            await member.ClickAsync("nav.sidebar >> text=责任清单");
            (await member.InnerTextAsync("tbody")).ShouldContain("垣曲县2024年专业镇建设年度行动计划");
            (await member.InnerTextAsync("tbody")).ShouldNotContain("新绛县");
            await member.ClickAsync("text=垣曲县2024年专业镇建设年度行动计划");
            (await member.InnerTextAsync("main")).ShouldContain("仅显示本单位牵头或配合的任务");
            (await member.InnerTextAsync("main")).ShouldNotContain("建立专业镇问题台账");
            await member.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("tasks-plan-member.png"), FullPage = true });

            // Filtering by status swaps the task list in place (htmx) and keeps the address shareable.
            await member.SelectOptionAsync("#status", "overdue");
            await member.WaitForURLAsync(u => u.Contains("status=overdue"));
            await member.WaitForFunctionAsync("() => document.querySelectorAll('#plan-tasks tbody tr').length === 2");
            await member.SelectOptionAsync("#status", "");
            await member.WaitForFunctionAsync("() => document.querySelectorAll('#plan-tasks tbody tr').length === 10");

            await member.ClickAsync("text=实施专业镇市场主体倍增行动");
            (await member.InnerTextAsync("h1")).ShouldContain("实施专业镇市场主体倍增行动");
            (await ProgressAsync(member)).ShouldBe("61%");
            (await member.InnerTextAsync(".card .light")).ShouldBe("逾期");
            var taskUrl = member.Url;

            // 新增农业经营主体 30 家 (due 7月31日) reported done: the task's weighted progress moves from 61% to 68%.
            await member.SelectOptionAsync("#report-milestone", new SelectOptionValue { Label = "新增农业经营主体 30 家" });
            (await member.InputValueAsync("#report-progress")).ShouldBe("80");
            await member.CheckAsync("#report-done");
            (await member.InputValueAsync("#report-progress")).ShouldBe("100");
            await member.FillAsync("#report-note", "已新增农业经营主体 31 家");
            await member.ClickAsync("text=保存进展");
            (await member.InnerTextAsync(".alert-success")).ShouldContain("进展已保存");
            (await ProgressAsync(member)).ShouldBe("68%");
            (await member.InnerTextAsync(".card .light")).ShouldBe("临期");
            (await member.InnerTextAsync("#milestones tr[data-milestone]:has-text('新增农业经营主体 30 家')")).ShouldContain("已完成");
            (await member.InnerTextAsync("#notes")).ShouldContain("已新增农业经营主体 31 家");

            // More time for 培育升规入统企业 2 家: refused without a reason, with the typed date kept; then sent.
            await member.SelectOptionAsync("#extension-target", new SelectOptionValue { Label = "培育升规入统企业 2 家（现期限 2024年9月25日）" });
            await member.FillAsync("#extension-deadline", "2024-11-30");
            await member.ClickAsync("text=提交延期申请");
            (await member.InnerTextAsync("#extension-form")).ShouldContain("请填写延期理由");
            (await member.InputValueAsync("#extension-deadline")).ShouldBe("2024-11-30");
            await member.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("tasks-extension-error.png"), FullPage = true });
            await member.FillAsync("#extension-reason", "第二家企业产值预计 11 月达到规上标准");
            await member.ClickAsync("text=提交延期申请");
            (await member.InnerTextAsync(".alert-success")).ShouldContain("延期申请已提交");
            (await member.InnerTextAsync("#extensions")).ShouldContain("待审批");
            await member.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("tasks-task-member.png"), FullPage = true });

            // The office sees the request waiting, approves it, and the milestone shows the new deadline beside the old.
            var office = await fixture.SignedInPageAsync("yuanqu-office");
            await office.GotoAsync(fixture.BaseUrl + "/Tasks");
            (await office.InnerTextAsync("#pending-extensions")).ShouldContain("2 份延期申请待您审批");
            await office.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("tasks-plans.png"), FullPage = true });
            await office.ClickAsync("#pending-extensions >> text=培育升规入统企业 2 家");
            office.Url.ShouldStartWith(taskUrl);
            var pending = office.Locator("#extensions .extension:has-text('培育升规入统企业 2 家')");
            await pending.Locator("textarea").FillAsync("同意，11 月底前完成");
            await pending.Locator("text=批准延期").ClickAsync();
            (await office.InnerTextAsync(".alert-success")).ShouldContain("已批准延期");
            var moved = await office.InnerTextAsync("#milestones tr[data-milestone]:has-text('培育升规入统企业 2 家')");
            moved.ShouldContain("2024年11月30日");
            moved.ShouldContain("原定 2024年9月25日");
            (await office.InnerTextAsync("#extensions")).ShouldContain("审批：批准，同意，11 月底前完成");
            (await office.InnerTextAsync(".card .light")).ShouldBe("正常推进");
            await office.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("tasks-task-approved.png"), FullPage = true });

            // The office's own form: a task without a name is refused beside the field, with the rest kept.
            await office.ClickAsync("text=修改任务");
            await office.FillAsync("#title", "");
            await office.FillAsync("#target-value", "85");
            await office.ClickAsync("text=保存任务");
            (await office.InnerTextAsync("main form")).ShouldContain("请填写任务名称");
            (await office.InputValueAsync("#target-value")).ShouldBe("85");
            await office.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("tasks-edit-error.png"), FullPage = true });

            await office.GotoAsync(fixture.BaseUrl + "/Tasks/Overdue");
            (await office.InnerTextAsync("#overdue")).ShouldContain("县发改局");
            (await office.InnerTextAsync("#overdue")).ShouldNotContain("县农业农村局");

            // A city office may start a plan for any of its counties; the chosen document's key tasks show before it does.
            var city = await fixture.SignedInPageAsync("yuncheng-office");
            await city.GotoAsync(fixture.BaseUrl + "/Tasks");
            await city.ClickAsync("text=新绛县2024年专业镇建设年度行动计划");
            (await city.Locator("#plan-tasks h2").AllInnerTextsAsync()).Count.ShouldBe(4);
            await city.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("tasks-plan-office.png"), FullPage = true });
            await city.GotoAsync(fixture.BaseUrl + "/Tasks/Overdue");
            foreach (var summary in await city.Locator("#overdue summary").AllAsync()) await summary.ClickAsync();
            (await city.InnerTextAsync("#overdue")).ShouldContain("开展“三个一批”集中签约活动");
            await city.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("tasks-overdue.png"), FullPage = true });
            await city.GotoAsync(fixture.BaseUrl + "/Tasks/New");
            await city.SelectOptionAsync("#policyId", "xinjiang-2023-33");
            await city.WaitForSelectorAsync("#pack-preview :text('新政办发〔2023〕33号 三（四）11')");
            await city.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("tasks-new.png"), FullPage = true });
            await city.CloseAsync();
            await member.CloseAsync();
        }
        finally
        {
            fixture.Clock.Advance(-shift);
        }
    }
}
