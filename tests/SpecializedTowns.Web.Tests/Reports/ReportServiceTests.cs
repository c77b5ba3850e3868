using System.Text;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Reports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reports;

/// <summary>
/// Task forces and monthly reports through their services on both providers. The demo is loaded on 2025年6月20日, so its
/// reports cover March to May: May's were due on 10 June and that month is locked.
/// </summary>
public class ReportServiceTests
{
    private static readonly ReportSettings Settings = new();
    private static readonly ReportMonth April = new(2025, 4), May = new(2025, 5), June = new(2025, 6);
    private static readonly UserScope Xinjiang = new(1, Roles.Office, "山西省/运城市/新绛县", null);
    private static readonly UserScope Yuanqu = new(2, Roles.Office, "山西省/运城市/垣曲县", null);
    private static readonly UserScope Yuncheng = new(3, Roles.Office, "山西省/运城市", null);

    private static async Task<int> ForceAsync(TownsDbContext db, string town) =>
        await db.TaskForces.Where(f => f.Town!.Name == town).Select(f => f.Id).SingleAsync();

    private static async Task<int> UnitAsync(TownsDbContext db, string county, string name) =>
        await db.Units.Where(u => u.Name == name && u.Jurisdiction!.Name == county).Select(u => u.Id).SingleAsync();

    private static async Task<UserScope> MemberAsync(TownsDbContext db, string county, string unit) =>
        new(5, Roles.MemberUnit, $"山西省/运城市/{county}", null) { UnitId = await UnitAsync(db, county, unit) };

    private static async Task<UserScope> LiShanAsync(TownsDbContext db) =>
        new(6, Roles.Township, "山西省/运城市/垣曲县/历山镇", await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => t.Id).SingleAsync());

    private static ReportInput Complete(decimal output = 1200, decimal ytd = 6500) => new()
    {
        OutputWanYuan = output, OutputYearToDateWanYuan = ytd, InvestmentYearToDateWanYuan = 900, Employees = 1500,
        NewMarketEntities = 3, NewAboveScaleEnterprises = 0, Progress = "中药材种植基地扩面，仓储项目开工",
    };

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_demo_sets_up_xinjiangs_four_task_forces_from_annex_1_and_one_for_lishan(StorageProvider provider)
    {
        var (db, clock) = await June2025Demo.LoadAsync(provider);
        await using var _ = db;
        var service = new TaskForceService(db, clock);
        var list = await service.ListAsync(Xinjiang, null, 1, 50);
        list.Items.Select(f => f.Town).ShouldBe(["万安钻石专业镇", "新绛中药材专业镇", "绛州绿专业镇", "绛州非遗文创专业镇"], ignoreOrder: true);
        var green = list.Items.Single(f => f.Town == "绛州绿专业镇");
        green.LeadUnits.Select(u => u.Name).ShouldBe(["县农业农村局", "县蔬菜中心"], ignoreOrder: true);
        green.Townships.Select(u => u.Name).ShouldBe(["泉掌镇"]);
        green.ResponsibleLeader.ShouldBe("王会民");
        green.Source.ShouldBe("新政办发〔2023〕33号 附件1");
        list.Items.Single(f => f.Town == "绛州非遗文创专业镇").Townships.Select(u => u.Name).ShouldBe(["龙兴镇", "泽掌镇"], ignoreOrder: true);
        list.Items.Single(f => f.Town == "万安钻石专业镇").LeadUnits.Select(u => u.Name).ShouldBe(["县小企业发展促进中心"]);

        var lishan = (await service.ListAsync(Yuanqu, null, 1, 50)).Items.ShouldHaveSingleItem();
        lishan.Town.ShouldBe("历山镇蜂蜜专业镇");
        lishan.LeadUnits.Select(u => u.Name).ShouldBe(["县工科局"]);
        lishan.SupportingUnits.Select(u => u.Name).ShouldBe(["县农业农村局"]);
        lishan.Townships.Select(u => u.Name).ShouldBe(["历山镇"]);
        (await service.ListAsync(Yuncheng, null, 1, 50)).Total.ShouldBe(5);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Each_role_sees_the_task_forces_of_its_scope_and_member_units_only_their_own(StorageProvider provider)
    {
        var (db, clock) = await June2025Demo.LoadAsync(provider);
        await using var _ = db;
        var service = new TaskForceService(db, clock);
        async Task<List<string>> Towns(UserScope scope) => (await service.ListAsync(scope, null, 1, 50)).Items.Select(i => i.Town).ToList();

        (await Towns(await LiShanAsync(db))).ShouldBe(["历山镇蜂蜜专业镇"]);
        (await Towns(await MemberAsync(db, "新绛县", "县农业农村局"))).ShouldBe(["新绛中药材专业镇", "绛州绿专业镇"], ignoreOrder: true);
        (await Towns(await MemberAsync(db, "新绛县", "县文旅局"))).ShouldBe(["绛州非遗文创专业镇"]);
        (await Towns(await MemberAsync(db, "垣曲县", "县农业农村局"))).ShouldBe(["历山镇蜂蜜专业镇"], "a supporting unit sees the task force");
        (await Towns(await MemberAsync(db, "垣曲县", "县文旅局"))).ShouldBeEmpty();
        (await Towns(new UserScope(7, Roles.Expert, "山西省/运城市", null))).ShouldBeEmpty();
        (await Towns(new UserScope(8, Roles.Leader, "山西省/运城市/新绛县", null))).Count.ShouldBe(4);
        (await Towns(new UserScope(9, Roles.Office, "山西省/阳泉市", null))).ShouldBeEmpty();

        var lishan = await ForceAsync(db, "历山镇蜂蜜专业镇");
        await Should.ThrowAsync<ReportNotFoundException>(() => service.FindAsync(Xinjiang, lishan));
        var reports = new ReportService(db, clock, Settings);
        await Should.ThrowAsync<ReportNotFoundException>(() => reports.SaveAsync(Xinjiang, "x", lishan, June, Complete(), submit: false));
        var anyReport = await db.MonthlyReports.Where(r => r.TaskForceId == lishan).Select(r => r.Id).FirstAsync();
        await Should.ThrowAsync<ReportNotFoundException>(() => reports.FindAsync(Xinjiang, anyReport));
        await Should.ThrowAsync<ReportNotFoundException>(() => reports.AcceptAsync(Xinjiang, "x", anyReport, null));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_month_lists_every_task_force_as_on_time_late_or_missing(StorageProvider provider)
    {
        var (db, clock) = await June2025Demo.LoadAsync(provider);
        await using var _ = db;
        var today = new DateOnly(2025, 6, 20);
        var april = await ReportQueries.MonthAsync(db, Xinjiang, April, today, Settings);
        april.DueOn.ShouldBe(new DateOnly(2025, 5, 10));
        april.Rows.Select(r => (r.Town, r.State, r.Timeliness)).ShouldBe(
        [
            ("万安钻石专业镇", ReportState.Accepted, Timeliness.OnTime),
            ("新绛中药材专业镇", (ReportState?)null, Timeliness.Missing),
            ("绛州绿专业镇", ReportState.Accepted, Timeliness.OnTime),
            ("绛州非遗文创专业镇", ReportState.Accepted, Timeliness.Late),
        ], ignoreOrder: true);
        (april.Accepted, april.Late, april.Missing).ShouldBe((3, 1, 1));

        var may = await ReportQueries.MonthAsync(db, Xinjiang, May, today, Settings);
        may.Rows.Single(r => r.Town == "绛州非遗文创专业镇").ShouldSatisfyAllConditions(
            r => r.State.ShouldBe(ReportState.Draft), r => r.Timeliness.ShouldBe(Timeliness.Missing), r => r.Open.ShouldBeFalse());
        var green = may.Rows.Single(r => r.Town == "绛州绿专业镇");
        green.State.ShouldBe(ReportState.Submitted);
        green.Flags.Single().Figure.ShouldBe(ReportFigure.Output);
        (may.Submitted, may.Missing, may.Drafts).ShouldBe((2, 2, 1));

        // Before the due date nothing is missing yet.
        var early = await ReportQueries.MonthAsync(db, Xinjiang, May, new DateOnly(2025, 6, 10), Settings);
        early.Rows.Where(r => r.State is null or ReportState.Draft).ShouldAllBe(r => r.Timeliness == Timeliness.NotDue && r.Open);
        // A month before the task forces reported owes nothing.
        (await ReportQueries.MonthAsync(db, Xinjiang, new ReportMonth(2025, 2), today, Settings)).Rows.ShouldBeEmpty();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_months_list_is_paged_in_the_database_with_the_counts_of_the_whole_month(StorageProvider provider)
    {
        var (db, _) = await June2025Demo.LoadAsync(provider);
        await using var __ = db;
        var today = new DateOnly(2025, 6, 20);
        foreach (var month in new[] { April, May })
        {
            var whole = await ReportQueries.MonthAsync(db, Yuncheng, month, today, Settings);
            whole.Rows.Count.ShouldBeGreaterThan(2);
            var pages = new List<MonthRow>();
            for (var page = 1; page <= 3; page++)
            {
                var (counts, rows) = await ReportQueries.MonthPageAsync(db, Yuncheng, month, today, Settings, page, 2);
                // Every page counts the whole month, not the rows it shows.
                counts.ShouldBe(whole.Counts);
                rows.Total.ShouldBe(whole.Rows.Count);
                rows.Items.Count.ShouldBeLessThanOrEqualTo(2);
                pages.AddRange(rows.Items);
            }
            // The pages together are the month, in the export's order, each task force once.
            pages.Select(r => r.TaskForceId).ShouldBe(whole.Rows.Select(r => r.TaskForceId));
            pages.Select(r => (r.State, r.Timeliness)).ShouldBe(whole.Rows.Select(r => (r.State, r.Timeliness)));
            var past = await ReportQueries.MonthPageAsync(db, Yuncheng, month, today, Settings, 99, 2);
            past.Page.Items.ShouldBeEmpty();
            past.Page.Total.ShouldBe(whole.Rows.Count);
        }
        (await ReportQueries.MonthPageAsync(db, Xinjiang, April, today, Settings, 1, 20)).Counts.ShouldBe(new MonthCounts(4, 0, 3, 1, 1, 0));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_locked_month_is_written_only_after_the_office_reopens_it_and_only_for_the_days_given(StorageProvider provider)
    {
        var (db, clock) = await June2025Demo.LoadAsync(provider);
        await using var _ = db;
        var service = new ReportService(db, clock, Settings);
        var herbs = await ForceAsync(db, "新绛中药材专业镇");
        var agriculture = await MemberAsync(db, "新绛县", "县农业农村局");

        (await Should.ThrowAsync<ReportRuleException>(() => service.SaveAsync(agriculture, "县农业农村局", herbs, May, Complete(), submit: true)))
            .Message.ShouldBe("2025年5月月报已于 2025年6月10日 截止并锁定；如需补报请联系领导小组办公室重新开放");
        (await db.MonthlyReports.CountAsync(r => r.TaskForceId == herbs && r.Month == 5)).ShouldBe(0, "a refused save writes nothing");

        (await Should.ThrowAsync<ReportRuleException>(() => service.ReopenAsync(agriculture, "县农业农村局", herbs, May, "补报"))).Message.ShouldBe("只有领导小组办公室可以“重新开放”月报");
        (await Should.ThrowAsync<ReportRuleException>(() => service.ReopenAsync(Xinjiang, "新绛县专业镇办", herbs, May, " "))).Message.ShouldBe("重新开放须写明理由");
        (await Should.ThrowAsync<ReportRuleException>(() => service.ReopenAsync(Xinjiang, "新绛县专业镇办", herbs, June, "x"))).Message.ShouldContain("尚未截止");
        await service.ReopenAsync(Xinjiang, "新绛县专业镇办", herbs, May, "专班新调整牵头人员，申请补报");

        var saved = await service.SaveAsync(agriculture, "县农业农村局", herbs, May, Complete(), submit: false);
        saved.Errors.ShouldBeEmpty();
        clock.MoveTo(new DateOnly(2025, 6, 27));
        (await service.SaveAsync(agriculture, "县农业农村局", herbs, May, Complete() with { Employees = 1510 }, submit: false)).Errors.ShouldBeEmpty("the last reopened day is open");
        clock.MoveTo(new DateOnly(2025, 6, 28));
        (await Should.ThrowAsync<ReportRuleException>(() => service.SaveAsync(agriculture, "县农业农村局", herbs, May, Complete(), submit: true)))
            .Message.ShouldContain("重新开放至 2025年6月27日，已过期锁定");

        await service.ReopenAsync(Xinjiang, "新绛县专业镇办", herbs, May, "再给三天");
        (await service.SaveAsync(agriculture, "县农业农村局", herbs, May, Complete(), submit: true)).Errors.ShouldBeEmpty();
        var report = await service.FindAsync(Xinjiang, herbs, May);
        report!.State.ShouldBe(ReportState.Submitted);
        report.Steps.Select(s => s.Action).ShouldBe([ReportAction.Reopen, ReportAction.Reopen, ReportAction.Submit]);
        report.Steps[0].Reason.ShouldBe("开放至 2025年6月27日：专班新调整牵头人员，申请补报");
        report.Steps[0].UserName.ShouldBe("新绛县专业镇办");
        (await ReportQueries.MonthAsync(db, Xinjiang, May, new DateOnly(2025, 6, 28), Settings)).Rows.Single(r => r.TaskForceId == herbs).Timeliness.ShouldBe(Timeliness.Late);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_township_reports_its_month_explains_a_drop_and_the_office_returns_then_accepts_it(StorageProvider provider)
    {
        var (db, clock) = await June2025Demo.LoadAsync(provider);
        await using var _ = db;
        var service = new ReportService(db, clock, Settings);
        var lishan = await ForceAsync(db, "历山镇蜂蜜专业镇");
        var township = await LiShanAsync(db);
        var may = await service.FindAsync(township, lishan, May);
        may!.State.ShouldBe(ReportState.Accepted);

        // June: output at a third of May's, and the year's total below May's.
        var input = Complete(output: Math.Round(may.OutputWanYuan!.Value / 3, 2), ytd: may.OutputYearToDateWanYuan!.Value - 1) with { InvestmentYearToDateWanYuan = may.InvestmentYearToDateWanYuan + 100 };
        var refused = await service.SaveAsync(township, "历山镇专干", lishan, June, input, submit: true);
        refused.Id.ShouldBeNull();
        refused.Flags.Select(f => f.Figure).ShouldBe([ReportFigure.Output, ReportFigure.OutputYearToDate]);
        refused.Errors.Keys.ShouldBe(["OutputExplanation", "OutputYearToDateExplanation"], ignoreOrder: true);
        refused.Errors["OutputExplanation"].ShouldBe("当月产值与上月相比异常，请说明原因后再报送");
        (await db.MonthlyReports.CountAsync(r => r.TaskForceId == lishan && r.Month == 6)).ShouldBe(0);

        // A draft with the same figures is kept, flags and all.
        var draft = await service.SaveAsync(township, "历山镇专干", lishan, June, input, submit: false);
        draft.Errors.ShouldBeEmpty();
        draft.Flags.Count.ShouldBe(2);

        var explained = input with { OutputExplanation = "雨季蜂群采蜜量下降", OutputYearToDateExplanation = "5月累计数误含合作社外购蜂蜜，已核减" };
        // June is not over on the 20th (China date): the report is kept as a draft and sent from 1 July.
        (await Should.ThrowAsync<ReportRuleException>(() => service.SaveAsync(township, "历山镇专干", lishan, June, explained, submit: true)))
            .Message.ShouldBe("2025年6月尚未结束，2025年7月1日起方可报送本月月报；现在可以先填写保存");
        (await service.FindAsync(township, lishan, June))!.State.ShouldBe(ReportState.Draft);
        clock.Now = new DateTimeOffset(2025, 6, 30, 15, 59, 0, TimeSpan.Zero);
        (await Should.ThrowAsync<ReportRuleException>(() => service.SaveAsync(township, "历山镇专干", lishan, June, explained, submit: true))).Message.ShouldContain("尚未结束");
        clock.MoveTo(new DateOnly(2025, 7, 2));
        var sent = await service.SaveAsync(township, "历山镇专干", lishan, June, explained, submit: true);
        sent.Errors.ShouldBeEmpty();
        var id = sent.Id!.Value;
        (await Should.ThrowAsync<ReportRuleException>(() => service.SaveAsync(township, "历山镇专干", lishan, June, explained, submit: false)))
            .Message.ShouldContain("不能修改");

        // A supporting unit reads but does not write; only the office accepts.
        var supporting = await MemberAsync(db, "垣曲县", "县农业农村局");
        (await service.SaveAsync(supporting, "县农业农村局", lishan, June, explained, submit: false)).Errors[""].ShouldContain("只有专班牵头单位");
        (await Should.ThrowAsync<ReportRuleException>(() => service.AcceptAsync(township, "历山镇专干", id, null))).Message.ShouldBe("只有领导小组办公室可以“审核通过”月报");

        await service.ReturnAsync(Yuanqu, "垣曲县专业镇办", id, "请附蜂群采蜜量统计");
        var returned = await service.FindAsync(township, id);
        returned.State.ShouldBe(ReportState.Returned);
        returned.ReopenedUntil.ShouldBe(new DateOnly(2025, 7, 9));
        // Returned before its due date, the month stays open to the due date: that is the day the reporter is told.
        ReportDeadline.OpenUntil(June, returned.ReopenedUntil, Settings).ShouldBe(new DateOnly(2025, 7, 10));
        ReportDeadline.OpenUntil(June, new DateOnly(2025, 7, 15), Settings).ShouldBe(new DateOnly(2025, 7, 15));
        await service.SaveAsync(township, "历山镇专干", lishan, June, explained with { Difficulties = "采蜜量统计见附表" }, submit: true);
        await service.AcceptAsync(Yuanqu, "垣曲县专业镇办", id, "已核");

        var done = await service.FindAsync(township, id);
        done.State.ShouldBe(ReportState.Accepted);
        done.OutputExplanation.ShouldBe("雨季蜂群采蜜量下降");
        done.Steps.Select(s => (s.Action, s.UserName)).ShouldBe(
        [
            (ReportAction.Create, "历山镇专干"), (ReportAction.Submit, "历山镇专干"), (ReportAction.Return, "垣曲县专业镇办"),
            (ReportAction.Submit, "历山镇专干"), (ReportAction.Accept, "垣曲县专业镇办"),
        ]);
        done.Steps[2].Reason.ShouldBe("请附蜂群采蜜量统计");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_side_by_side_view_and_its_csv_hold_the_same_figures_and_flags(StorageProvider provider)
    {
        var (db, _) = await June2025Demo.LoadAsync(provider);
        await using var __ = db;
        var comparison = await ReportComparison.BuildAsync(db, Xinjiang, May, new DateOnly(2025, 6, 20), Settings);
        comparison.Columns.ShouldBe(["万安钻石专业镇", "新绛中药材专业镇", "绛州绿专业镇", "绛州非遗文创专业镇"], ignoreOrder: true);
        var green = comparison.Columns.ToList().IndexOf("绛州绿专业镇");
        var output = comparison.Rows.Single(r => r.Label == "当月产值（万元）");
        output.Cells[green].Flagged.ShouldBeTrue();
        var may = await db.MonthlyReports.SingleAsync(r => r.TaskForce!.Town!.Name == "绛州绿专业镇" && r.Month == 5);
        output.Cells[green].Text.ShouldBe(ReportFigures.Number(may.OutputWanYuan!.Value));
        comparison.Rows.Single(r => r.Label == "异常及说明").Cells[green].Text.ShouldContain("说明：入冬后设施蔬菜进入换茬期，上市量季节性减少");
        var draft = comparison.Columns.ToList().IndexOf("绛州非遗文创专业镇");
        output.Cells[draft].Text.ShouldBe("—", "a draft's figures are not shown to the office");
        comparison.Rows.Single(r => r.Label == "状态").Cells[draft].Text.ShouldBe("缺报（草稿未报送）");

        var csv = comparison.ToCsv();
        csv.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n");
        lines[0].ShouldBe("指标," + string.Join(",", comparison.Columns));
        lines.Single(l => l.StartsWith("当月产值（万元）,")).ShouldContain(ReportFigures.Number(may.OutputWanYuan!.Value));
        lines.Single(l => l.StartsWith("异常及说明,")).ShouldContain("入冬后设施蔬菜进入换茬期");
        lines.Count(l => l.Length > 0).ShouldBeGreaterThanOrEqualTo(comparison.Rows.Count + 1);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Only_the_county_office_reviews_reopens_and_sets_up_its_task_forces_and_offices_above_read(StorageProvider provider)
    {
        var (db, clock) = await June2025Demo.LoadAsync(provider);
        await using var _ = db;
        var service = new ReportService(db, clock, Settings);
        var taskForces = new TaskForceService(db, clock);
        var green = await ForceAsync(db, "绛州绿专业镇");
        var herbs = await ForceAsync(db, "新绛中药材专业镇");
        var submitted = (await service.FindAsync(Xinjiang, green, May))!;
        submitted.State.ShouldBe(ReportState.Submitted);
        var province = new UserScope(7, Roles.Office, "山西省", null);
        // The city office looking at 新绛县 through the top bar is still the city office (decision 0004).
        var cityOnXinjiang = Yuncheng with { JurisdictionPath = "山西省/运城市/新绛县" };

        foreach (var above in new[] { Yuncheng, province, cityOnXinjiang })
        {
            (await service.FindAsync(above, green, May)).ShouldNotBeNull("an office above reads the county's reports");
            var accept = await Should.ThrowAsync<ReportRuleException>(() => service.AcceptAsync(above, "上级办公室", submitted.Id, null));
            accept.Kind.ShouldBe(RefusalKind.Forbidden);
            accept.Message.ShouldBe("本专班的月报由新绛县领导小组办公室审核，上级办公室只能查看");
            (await Should.ThrowAsync<ReportRuleException>(() => service.ReturnAsync(above, "上级办公室", submitted.Id, "退回测试"))).Kind.ShouldBe(RefusalKind.Forbidden);
            (await Should.ThrowAsync<ReportRuleException>(() => service.ReopenAsync(above, "上级办公室", herbs, May, "补报"))).Kind.ShouldBe(RefusalKind.Forbidden);
            (await service.SaveAsync(above, "上级办公室", herbs, June, Complete(), submit: false)).Errors[""].ShouldContain("本县（市、区）领导小组办公室");
            (await ReportReminders.ForAsync(db, above, new DateOnly(2025, 6, 20), Settings)).ShouldNotContain(r => r.Kind == ReminderKind.AwaitingAcceptance);
            (await ReportQueries.MonthAsync(db, above, May, new DateOnly(2025, 6, 20), Settings)).Rows.ShouldContain(r => r.TaskForceId == green);
            ReportScope.CanSetUp(above).ShouldBeFalse();
            (await taskForces.TownsWithoutAsync(above)).ShouldBeEmpty();
            (await taskForces.SaveAsync(above, herbs, new TaskForceInput { ReportsFrom = "2025-03" })).Errors[""]
                .ShouldBe("专班由专业镇所在县的领导小组办公室设立和调整，上级办公室只能查看");
        }
        (await db.MonthlyReports.AsNoTracking().SingleAsync(r => r.Id == submitted.Id)).State.ShouldBe(ReportState.Submitted, "nothing was written");
        (await db.MonthlyReports.CountAsync(r => r.TaskForceId == herbs && r.Month == 5)).ShouldBe(0);

        // 新绛's own office does all of it.
        (await ReportReminders.ForAsync(db, Xinjiang, new DateOnly(2025, 6, 20), Settings)).ShouldContain(r => r.Kind == ReminderKind.AwaitingAcceptance && r.ReportId == submitted.Id);
        ReportScope.CanSetUp(Xinjiang).ShouldBeTrue();
        await service.ReturnAsync(Xinjiang, "新绛县专业镇办", submitted.Id, "请核实当月产值");
        (await service.FindAsync(Xinjiang, submitted.Id)).State.ShouldBe(ReportState.Returned);
        await service.ReopenAsync(Xinjiang, "新绛县专业镇办", herbs, May, "补报");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Reminders_name_what_is_due_soon_missing_or_waiting_for_the_person(StorageProvider provider)
    {
        var (db, _) = await June2025Demo.LoadAsync(provider);
        await using var __ = db;
        var office = await ReportReminders.ForAsync(db, Xinjiang, new DateOnly(2025, 6, 20), Settings);
        office.Select(r => (r.Kind, r.Town)).ShouldBe(
        [
            (ReminderKind.Missing, "新绛中药材专业镇"), (ReminderKind.Missing, "绛州非遗文创专业镇"),
            (ReminderKind.AwaitingAcceptance, "万安钻石专业镇"), (ReminderKind.AwaitingAcceptance, "绛州绿专业镇"),
        ], ignoreOrder: true);
        office.Single(r => r.Kind == ReminderKind.Missing && r.Town == "新绛中药材专业镇").Text.ShouldBe("新绛中药材专业镇2025年5月月报缺报（2025年6月10日 截止）");

        var member = await MemberAsync(db, "新绛县", "县农业农村局");
        (await ReportReminders.ForAsync(db, member, new DateOnly(2025, 6, 20), Settings)).Select(r => r.Kind).ShouldBe([ReminderKind.Missing], "no acceptance for a unit");

        // June's reports are due on 10 July: reminded from the 7th (three days before), not on the 6th.
        var township = await LiShanAsync(db);
        (await ReportReminders.ForAsync(db, township, new DateOnly(2025, 7, 6), Settings)).ShouldBeEmpty();
        var soon = (await ReportReminders.ForAsync(db, township, new DateOnly(2025, 7, 7), Settings)).ShouldHaveSingleItem();
        soon.Kind.ShouldBe(ReminderKind.DueSoon);
        soon.Text.ShouldBe("历山镇蜂蜜专业镇2025年6月月报还有 3 天截止（2025年7月10日），尚未报送");
        soon.Url.ShouldBe($"/Reports/Report/{soon.TaskForceId}/2025/6");
        (await ReportReminders.ForAsync(db, township, new DateOnly(2025, 7, 10), Settings)).Single().Text.ShouldContain("今天截止");
        (await ReportReminders.ForAsync(db, new UserScope(9, Roles.Expert, "山西省/运城市", null), new DateOnly(2025, 7, 7), Settings)).ShouldBeEmpty();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_office_sets_up_a_task_force_for_a_town_in_its_scope_and_bad_input_is_refused_by_field(StorageProvider provider)
    {
        var (db, clock) = await June2025Demo.LoadAsync(provider);
        await using var _ = db;
        var service = new TaskForceService(db, clock);
        var gucheng = await db.Towns.Where(t => t.Name == "古城镇渔业专业镇").Select(t => t.Id).SingleAsync();
        var wanan = await db.Towns.Where(t => t.Name == "万安钻石专业镇").Select(t => t.Id).SingleAsync();
        var lishan = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => t.Id).SingleAsync();
        var agriculture = await UnitAsync(db, "垣曲县", "县农业农村局");
        var xinjiangUnit = await UnitAsync(db, "新绛县", "县农业农村局");
        var guchengTownship = await db.Jurisdictions.Where(j => j.Name == "古城镇" && j.Path.StartsWith("山西省/运城市/垣曲县/")).Select(j => j.Id).SingleAsync();

        var (none, errors) = await service.SaveAsync(Yuanqu, null, new TaskForceInput { TownId = wanan, ReportsFrom = "2025-13" });
        none.ShouldBeNull();
        errors.Keys.ShouldBe(["TownId", "LeadUnitIds", "ReportsFrom"], ignoreOrder: true);
        errors["TownId"].ShouldBe("所选专业镇不在您的数据范围内");
        (await service.SaveAsync(Yuanqu, null, new TaskForceInput { TownId = lishan, LeadUnitIds = [agriculture], ReportsFrom = "2025-06" })).Errors["TownId"].ShouldContain("已设立专班");
        (await service.SaveAsync(Yuanqu, null, new TaskForceInput { TownId = gucheng, LeadUnitIds = [xinjiangUnit], ReportsFrom = "2025-06" })).Errors["LeadUnitIds"].ShouldContain("不在专业镇所在县");
        (await service.SaveAsync(Yuanqu, null, new TaskForceInput { TownId = gucheng, LeadUnitIds = [agriculture], SupportingUnitIds = [agriculture], ReportsFrom = "2025-06" }))
            .Errors["SupportingUnitIds"].ShouldBe("同一单位不能既是牵头单位又是配合单位");
        (await service.SaveAsync(await LiShanAsync(db), null, new TaskForceInput { TownId = gucheng, LeadUnitIds = [agriculture], ReportsFrom = "2025-06" })).Errors[""].ShouldContain("只有领导小组办公室");

        var (id, ok) = await service.SaveAsync(Yuanqu, null, new TaskForceInput
        {
            TownId = gucheng, LeadUnitIds = [agriculture], TownshipIds = [guchengTownship], ResponsibleLeader = "分管农业副县长", ReportsFrom = "2025-06",
        });
        ok.ShouldBeEmpty();
        var culture = await UnitAsync(db, "垣曲县", "县文旅局");
        (await service.SaveAsync(Yuanqu, id, new TaskForceInput
        {
            TownId = gucheng, LeadUnitIds = [culture], SupportingUnitIds = [agriculture], TownshipIds = [guchengTownship], ReportsFrom = "2025-06",
        })).Errors.ShouldBeEmpty();
        var saved = await service.FindAsync(Yuanqu, id!.Value);
        saved.Units.Select(u => (u.Unit!.Name, u.Role)).ShouldBe([("县文旅局", TaskForceRole.Lead), ("县农业农村局", TaskForceRole.Supporting)], ignoreOrder: true);
        saved.ResponsibleLeader.ShouldBeNull();
        (await ReportQueries.MonthAsync(db, Yuanqu, May, new DateOnly(2025, 6, 20), Settings)).Rows.ShouldNotContain(r => r.TaskForceId == id, "owes nothing before its first month");
        await Should.ThrowAsync<ReportNotFoundException>(() => service.SaveAsync(Xinjiang, id, new TaskForceInput { LeadUnitIds = [agriculture], ReportsFrom = "2025-06" }));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_month_s_task_notes_beside_a_report_give_each_task_s_progress_from_its_milestones(StorageProvider provider)
    {
        var (db, clock) = await June2025Demo.LoadAsync(provider);
        await using var _ = db;
        var tasks = new SpecializedTowns.Data.Tasks.TaskService(db, Core.Policies.PolicyCatalog.Load(TestDatabases.PoliciesDirectory), clock, new SpecializedTowns.Data.Tasks.TaskSettings());
        var force = await db.TaskForces.Include(f => f.Units).SingleAsync(f => f.Town!.Name == "历山镇蜂蜜专业镇");
        var leads = force.UnitIds(TaskForceRole.Lead).ToList();
        // A task the task force's lead unit leads in 垣曲's plan, with milestones; one of them reported half done in June.
        var task = await db.PlanTasks.Include(t => t.Milestones)
            .Where(t => t.Milestones.Count > 1 && t.Plan!.Jurisdiction!.Name == "垣曲县" && t.Units.Any(u => u.Role == Core.Tasks.UnitRole.Lead && leads.Contains(u.UnitId)))
            .OrderBy(t => t.Id).FirstAsync();
        var milestone = task.Milestones.Where(m => !m.IsDone).OrderBy(m => m.Id).First();
        await tasks.ReportAsync(Yuanqu, "垣曲县专业镇办", task.Id, new Core.Tasks.ProgressReport(milestone.Id, Math.Min(100, milestone.Progress + 50), null, null, "六月推进"));
        db.ChangeTracker.Clear();
        var expected = (await db.PlanTasks.AsNoTracking().Include(t => t.Milestones).SingleAsync(t => t.Id == task.Id)).Progress;
        expected.ShouldBeGreaterThan(0);

        var lines = await ReportMonthContext.TaskProgressAsync(db, tasks, Yuanqu, force, June, CancellationToken.None);
        lines.ShouldContain(l => l.Contains(task.Title) && l.Contains($"（进度 {expected:0.#}%）") && l.Contains("六月推进"));
    }
}
