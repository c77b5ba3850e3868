using Microsoft.Playwright;

namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class ReportBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task A_township_must_explain_a_drop_before_submitting_and_the_office_sees_the_explanation_when_accepting()
    {
        var township = await fixture.SignedInPageAsync("lishan-township");
        await township.ClickAsync("nav.sidebar >> text=专班月报");
        await township.WaitForSelectorAsync("#reminders");
        (await township.InnerTextAsync("h1")).ShouldStartWith("专班月报");
        await township.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("reports-month.png"), FullPage = true });

        // The month to write is the newest one the task force page offers to fill in (the clock is shared, so ask the app).
        await township.ClickAsync("#month-table >> text=历山镇蜂蜜专业镇");
        // The month after the latest accepted one (the demo accepted last month's at loading time).
        var rows = township.Locator("#history-table tbody tr");
        var target = -1;
        for (var i = 0; i < await rows.CountAsync() - 1 && target < 0; i++)
            if (await rows.Nth(i).Locator("a.btn", new() { HasTextString = "填报" }).CountAsync() > 0 && (await rows.Nth(i + 1).InnerTextAsync()).Contains("已审核"))
                target = i;
        target.ShouldBeGreaterThanOrEqualTo(0, await township.InnerTextAsync("#history-table"));
        await township.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("reports-task-force.png"), FullPage = true });
        await rows.Nth(target).Locator("a.btn", new() { HasTextString = "填报" }).ClickAsync();
        await township.WaitForSelectorAsync("#report-form");
        var reportUrl = township.Url;
        (await township.InnerTextAsync("#report-state")).ShouldBe("未填报");
        (await township.InnerTextAsync("#month-projects")).ShouldContain("历山蜂产品精深加工扩建项目");

        // The month is not over: 报送 is not offered yet, and the day it opens is said beside it.
        (await township.IsDisabledAsync("#submit-report")).ShouldBeTrue();
        (await township.InnerTextAsync("#submit-opens")).ShouldContain("起方可报送");

        // 当月产值 far below last month's: the explanation box appears while typing; the draft is kept, and the figures that will
        // need a reason before it can be sent are named.
        await township.FillAsync("#Input_OutputWanYuan", "600");
        await township.WaitForSelectorAsync("#explain-OutputWanYuan:not([hidden])");
        await township.FillAsync("#Input_OutputYearToDateWanYuan", "99999");
        await township.FillAsync("#Input_InvestmentYearToDateWanYuan", "99999");
        await township.FillAsync("#Input_Employees", "2300");
        await township.FillAsync("#Input_NewMarketEntities", "2");
        await township.FillAsync("#Input_NewAboveScaleEnterprises", "0");
        await township.FillAsync("#Input_Progress", "蜂产品精深加工扩建项目灌装线设备到货，开展养蜂技术培训一期");
        await township.ClickAsync("#save-draft");
        (await township.InnerTextAsync(".alert-success")).ShouldContain("项指标与上月相比异常，报送前请逐项说明");
        (await township.InnerTextAsync("#report-state")).ShouldBe("草稿");
        (await township.InnerTextAsync("#explain-OutputWanYuan .alert")).ShouldContain("下降");
        // 99,999 is not last month's 累计 plus this month's 600 either: that gap is flagged too.
        (await township.InnerTextAsync("#explain-OutputYearToDateWanYuan")).ShouldContain("不等于上月累计");
        (await township.InputValueAsync("#Input_OutputWanYuan")).ShouldBe("600");
        (await township.InputValueAsync("#Input_Progress")).ShouldContain("灌装线设备到货");
        await township.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("reports-refused.png"), FullPage = true });

        // Explained and saved again: the draft keeps the reasons until the month is over and it can be sent.
        await township.FillAsync("#Input_OutputExplanation", "连续阴雨，蜂群采蜜量下降");
        await township.FillAsync("#Input_OutputYearToDateExplanation", "累计数按统计部门核定数填报");
        await township.ClickAsync("#save-draft");
        (await township.InnerTextAsync(".alert-success")).ShouldContain("草稿已保存");
        (await township.InnerTextAsync("#report-state")).ShouldBe("草稿");
        (await township.InputValueAsync("#Input_OutputExplanation")).ShouldBe("连续阴雨，蜂群采蜜量下降");
        await township.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("reports-submitted.png"), FullPage = true });

        // 新绛's office finds last month's report of 绛州绿 among its reminders, sees the flag with the explanation, and accepts.
        var month = reportUrl.Split('/')[^2] + "-" + reportUrl.Split('/')[^1].PadLeft(2, '0');
        var before = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd").AddMonths(-1).ToString("yyyy-MM");
        var xinjiang = await fixture.SignedInPageAsync("xinjiang-office");
        await xinjiang.GotoAsync(fixture.BaseUrl + "/Reports");
        await xinjiang.ClickAsync("#reminders a:has-text('绛州绿专业镇')");
        await xinjiang.WaitForSelectorAsync("#review");
        var flags = await xinjiang.InnerTextAsync("#review-flags");
        flags.ShouldContain("当月产值");
        flags.ShouldContain("说明：入冬后设施蔬菜进入换茬期");
        await xinjiang.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("reports-review.png"), FullPage = true });
        await xinjiang.FillAsync("#note", "情况属实");
        await xinjiang.ClickAsync("#accept-report");
        (await xinjiang.InnerTextAsync(".alert-success")).ShouldContain("审核通过");
        (await xinjiang.InnerTextAsync("#report-state")).ShouldBe("已审核");
        var history = await xinjiang.InnerTextAsync("#report-history");
        history.ShouldContain("新绛县专业镇办");
        history.ShouldContain("情况属实");

        // 新绛's office on that month: its four task forces, one with a flagged drop explained, side by side.
        await xinjiang.GotoAsync(fixture.BaseUrl + "/Reports?month=" + before);
        var table = await xinjiang.InnerTextAsync("#month-table");
        foreach (var town in new[] { "万安钻石专业镇", "绛州非遗文创专业镇", "绛州绿专业镇", "新绛中药材专业镇" }) table.ShouldContain(town);
        await xinjiang.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("reports-office-month.png"), FullPage = true });
        await xinjiang.ClickAsync("#compare-link");
        await xinjiang.WaitForSelectorAsync("#compare-table");
        (await xinjiang.Locator("#compare-table td.flagged").CountAsync()).ShouldBeGreaterThan(0);
        (await xinjiang.InnerTextAsync("#compare-table")).ShouldContain("入冬后设施蔬菜进入换茬期");
        await xinjiang.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("reports-office-compare.png"), FullPage = true });

        // The task forces of 附件1, and the form that adjusts one.
        await xinjiang.GotoAsync(fixture.BaseUrl + "/Reports/TaskForces");
        (await xinjiang.InnerTextAsync("table")).ShouldContain("县农业农村局、县蔬菜中心");
        await xinjiang.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("reports-task-forces.png"), FullPage = true });
        await xinjiang.ClickAsync("tr:has-text('绛州绿专业镇') >> a:has-text('修改')");
        (await xinjiang.InnerTextAsync("h1")).ShouldBe("调整专班：绛州绿专业镇");
        await xinjiang.FillAsync("#Input_ResponsibleLeader", "");
        await xinjiang.EvaluateAsync("document.querySelectorAll('#Input_LeadUnitIds option').forEach(o => o.selected = false)");
        await xinjiang.ClickAsync("main form button[type=submit]");
        (await xinjiang.InnerTextAsync("main form")).ShouldContain("请至少选择一个牵头单位");
        await xinjiang.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("reports-task-force-edit.png"), FullPage = true });
    }
}
