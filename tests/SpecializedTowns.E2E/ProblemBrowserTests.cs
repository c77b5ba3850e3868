using Microsoft.Playwright;

namespace SpecializedTowns.E2E;

[Collection("browser")]
public sealed class ProblemBrowserTests(BrowserFixture fixture)
{
    private static string Shot(string name) => BrowserFixture.ScreenshotPath(name);

    [BrowserFact]
    public async Task A_problem_raised_by_a_township_is_closed_by_its_raiser_after_the_lead_unit_answers()
    {
        // Another test may have moved the platform's clock on: time limits are set from the platform's today.
        var today = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var errors = new List<string>();

        // 历山镇's staff register it: the county is theirs already; a missing title is named beside the field.
        var township = await fixture.SignedInPageAsync("lishan-township");
        township.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await township.ClickAsync("nav.sidebar >> text=问题台账");
        await township.ClickAsync("text=登记问题");
        (await township.InputValueAsync("#Input_CountyId")).ShouldNotBeEmpty();
        await township.SelectOptionAsync("#Input_TownId", new SelectOptionValue { Label = "历山镇蜂蜜专业镇" });
        await township.SelectOptionAsync("#Input_Source", new SelectOptionValue { Label = "调研走访" });
        await township.SelectOptionAsync("#Input_Category", new SelectOptionValue { Label = "用地" });
        await township.CheckAsync("#kind-common");
        await township.FillAsync("#Input_Description", "全镇 40 余家蜂农合作社缺少集中分拣灌装车间，蜂蜜多以原蜜低价出售，拟建车间约 5 亩用地尚未落实。");
        await township.ClickAsync("#problem-form button[type=submit]");
        (await township.InnerTextAsync("#problem-form")).ShouldContain("请填写问题标题");
        (await township.InputValueAsync("#Input_Description")).ShouldStartWith("全镇 40 余家蜂农合作社");
        await township.ScreenshotAsync(new() { Path = Shot("problem-new-errors.png"), FullPage = true });
        await township.FillAsync("#Input_Title", "蜂蜜集中分拣灌装车间建设用地未落实");
        await township.ClickAsync("#problem-form button[type=submit]");
        await township.WaitForURLAsync(u => u.Contains("/Problems/Detail/"));
        var detailUrl = township.Url;
        (await township.InnerTextAsync("main")).ShouldContain("问题已登记，等待领导小组办公室受理");
        (await township.InnerTextAsync("#problem-actions")).ShouldContain("待领导小组办公室受理");

        // The county office accepts it and names 县农业农村局 to lead, with a time limit.
        var office = await fixture.SignedInPageAsync("yuanqu-office");
        await office.GotoAsync(detailUrl);
        await office.ClickAsync("text=受理并转牵头单位");
        (await office.InnerTextAsync("#problem-actions")).ShouldContain("受理时须指定牵头单位");
        await office.SelectOptionAsync("#lead", new SelectOptionValue { Label = "县农业农村局" });
        await office.CheckAsync("#cooperating >> text=县自然资源局");
        await office.CheckAsync("#cooperating label:text-is('历山镇')");
        await office.FillAsync("#deadline", today.AddDays(5).ToString("yyyy-MM-dd"));
        await office.FillAsync("#accept-note", "请县农业农村局牵头，会同县自然资源局研究用地指标。");
        await office.ScreenshotAsync(new() { Path = Shot("problem-accept.png"), FullPage = true });
        await office.ClickAsync("text=受理并转牵头单位");
        (await office.InnerTextAsync("#problem-state")).ShouldBe("已受理");
        (await office.InnerTextAsync("main")).ShouldContain("剩 5 天");

        // The lead unit handles and answers; the other steps are not offered to it.
        var member = await fixture.SignedInPageAsync("yuanqu-member");
        await member.GotoAsync(detailUrl);
        (await member.InnerTextAsync("#problem-actions")).ShouldNotContain("受理并转牵头单位");
        await member.FillAsync("#handle-note", "已会同县自然资源局、历山镇现场踏勘，拟利用镇区闲置厂房改建。");
        await member.ClickAsync("text=记录办理情况");
        (await member.InnerTextAsync("#problem-state")).ShouldBe("办理中");
        await member.FillAsync("#answer-note", "已协调历山镇闲置厂房 1 处（约 6 亩）租赁改建分拣灌装车间，无需新增建设用地，下月开工。");
        await member.ClickAsync("text=答复提出人");
        (await member.InnerTextAsync("#problem-state")).ShouldBe("已答复");
        (await member.InnerTextAsync("#problem-actions")).ShouldContain("待提出人（历山镇专业镇专干）确认");

        // The raiser confirms it solved: 办结, and the history says who did what.
        await township.GotoAsync(detailUrl);
        (await township.InnerTextAsync("#latest-answer")).ShouldContain("闲置厂房");
        await township.FillAsync("#confirm-note", "车间选址已落实，问题解决。");
        await township.ClickAsync("text=确认已解决，办结");
        (await township.InnerTextAsync("#problem-state")).ShouldBe("已办结");
        var history = await township.InnerTextAsync("#problem-history");
        foreach (var step in new[] { "登记问题 · 历山镇专业镇专干", "受理 · 垣曲县专业镇办", "办理 · 垣曲县农业农村局", "答复 · 垣曲县农业农村局", "提出人确认解决，办结 · 历山镇专业镇专干" })
            history.ShouldContain(step);
        await township.ScreenshotAsync(new() { Path = Shot("problem-closed.png"), FullPage = true });

        // The office's views: the ledger, what is overdue, and the figures by unit.
        await office.GotoAsync(fixture.BaseUrl + "/Problems");
        (await office.InnerTextAsync("#problem-list")).ShouldContain("蜂蜜集中分拣灌装车间建设用地未落实");
        await office.ScreenshotAsync(new() { Path = Shot("problems.png"), FullPage = true });
        await office.ClickAsync("text=已逾期");
        (await office.InnerTextAsync("main")).ShouldContain("提请领导小组办公室督办");
        await office.ScreenshotAsync(new() { Path = Shot("problems-overdue.png"), FullPage = true });
        await office.ClickAsync("text=按单位统计");
        (await office.InnerTextAsync("#unit-figures")).ShouldContain("县农业农村局");
        await office.ScreenshotAsync(new() { Path = Shot("problems-by-unit.png"), FullPage = true });

        // The lead unit sees its overdue demo problem flagged, and the office may confirm an answered one for its raiser.
        await member.GotoAsync(fixture.BaseUrl + "/Problems?overdue=true");
        await member.ClickAsync("text=皋落乡食用菌专业镇菌种生产技术人员短缺");
        (await member.InnerTextAsync("main")).ShouldContain("提请领导小组办公室督办");
        await member.ScreenshotAsync(new() { Path = Shot("problem-overdue.png"), FullPage = true });
        await office.GotoAsync(fixture.BaseUrl + "/Problems?status=Answered");
        await office.ClickAsync("#problem-list >> text=皋落菌业菌棒生产线扩建环评手续不清楚");
        (await office.InnerTextAsync("#problem-actions")).ShouldContain("代提出人确认已解决，办结");
        await office.ScreenshotAsync(new() { Path = Shot("problem-answered-office.png"), FullPage = true });
        errors.ShouldBeEmpty();
    }
}
