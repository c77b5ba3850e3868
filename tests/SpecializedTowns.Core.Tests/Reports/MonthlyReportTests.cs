using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Reports;

namespace SpecializedTowns.Core.Tests.Reports;

public class MonthlyReportTests
{
    private static readonly ReportSettings Settings = new();
    private static readonly ReportMonth March = new(2025, 3);
    private static readonly Actor Township = new(1, "历山镇专干", Roles.Township);
    private static readonly Actor Unit = new(2, "县工科局", Roles.MemberUnit);
    private static readonly Actor Office = new(3, "县专业镇办", Roles.Office);
    private static readonly Actor Leader = new(4, "分管领导", Roles.Leader);

    /// <summary>10:00 China Standard Time on that day.</summary>
    private static DateTime At(int year, int month, int day) => new DateTime(year, month, day, 2, 0, 0, DateTimeKind.Utc);

    private static readonly ReportContent Complete = new(new FigureValues(1200, 3500, 800, 2300, 12, 1), "完成钻石产业园二期主体工程", "推进压机安装", null, null, null, null);

    private static MonthlyReport Draft(DateTime? at = null)
    {
        var now = at ?? At(2025, 4, 2);
        var report = MonthlyReport.Start(7, March, Township, now, Settings);
        report.Write(Complete, Township.UserName, now, Settings);
        return report;
    }

    [Fact]
    public void A_draft_saved_as_it_was_keeps_who_wrote_it_last()
    {
        // Stamping an unchanged save would write the report, move its edit version on and refuse the next person's save.
        var report = Draft(At(2025, 4, 2));
        report.Write(Complete, Unit.UserName, At(2025, 4, 3), Settings);
        (report.UpdatedBy, report.UpdatedAtUtc).ShouldBe((Township.UserName, At(2025, 4, 2)));
        report.Write(Complete with { NextMonthPlan = "推进压机安装调试" }, Unit.UserName, At(2025, 4, 4), Settings);
        (report.UpdatedBy, report.UpdatedAtUtc).ShouldBe((Unit.UserName, At(2025, 4, 4)));
    }

    [Fact]
    public void A_report_goes_from_draft_to_submitted_to_accepted_and_each_step_is_recorded()
    {
        var report = Draft();
        report.State.ShouldBe(ReportState.Draft);
        report.Submit(Township, At(2025, 4, 5), [], Settings);
        report.State.ShouldBe(ReportState.Submitted);
        report.Accept(Office, At(2025, 4, 6), "数据已核");
        report.State.ShouldBe(ReportState.Accepted);
        report.AcceptedAtUtc.ShouldBe(At(2025, 4, 6));
        report.Steps.Select(s => (s.Action, s.From, s.To, s.UserName)).ShouldBe(
        [
            (ReportAction.Create, ReportState.Draft, ReportState.Draft, "历山镇专干"),
            (ReportAction.Submit, ReportState.Draft, ReportState.Submitted, "历山镇专干"),
            (ReportAction.Accept, ReportState.Submitted, ReportState.Accepted, "县专业镇办"),
        ]);
        report.Steps[2].Reason.ShouldBe("数据已核");
    }

    [Fact]
    public void A_returned_report_is_corrected_and_resubmitted_and_keeps_its_first_submission_time()
    {
        var report = Draft();
        report.Submit(Unit, At(2025, 4, 9), [], Settings);
        Should.Throw<ReportRuleException>(() => report.Return(Office, At(2025, 4, 12), " ", Settings)).Message.ShouldBe("退回修改须写明理由");
        report.Return(Office, At(2025, 4, 12), "从业人员与上月差距过大，请核实", Settings);
        report.State.ShouldBe(ReportState.Returned);
        report.ReopenedUntil.ShouldBe(new DateOnly(2025, 4, 19), "returned past the due date: open for the configured days");
        report.Steps.Last().Reason.ShouldBe("从业人员与上月差距过大，请核实");

        report.Write(Complete with { Figures = Complete.Figures with { Employees = 2250 } }, Unit.UserName, At(2025, 4, 15), Settings);
        report.Submit(Unit, At(2025, 4, 15), [], Settings);
        report.State.ShouldBe(ReportState.Submitted);
        report.FirstSubmittedAtUtc.ShouldBe(At(2025, 4, 9));
        report.SubmittedAtUtc.ShouldBe(At(2025, 4, 15));
        ReportDeadline.Classify(March, report.FirstSubmittedAtUtc, new DateOnly(2025, 4, 20), Settings).ShouldBe(Timeliness.OnTime);
    }

    [Fact]
    public void Illegal_steps_are_refused_in_chinese()
    {
        var report = Draft();
        Should.Throw<ReportRuleException>(() => report.Accept(Office, At(2025, 4, 3), null)).Message.ShouldBe("月报当前为“草稿”，不能“审核通过”");
        Should.Throw<ReportRuleException>(() => report.Return(Office, At(2025, 4, 3), "x", Settings)).Message.ShouldBe("月报当前为“草稿”，不能“退回修改”");
        Should.Throw<ReportRuleException>(() => report.Submit(Leader, At(2025, 4, 3), [], Settings)).Message.ShouldBe("领导不能“报送”月报");

        report.Submit(Township, At(2025, 4, 3), [], Settings);
        Should.Throw<ReportRuleException>(() => report.Submit(Township, At(2025, 4, 4), [], Settings)).Message.ShouldBe("月报当前为“已报送”，不能“报送”");
        Should.Throw<ReportRuleException>(() => report.Accept(Township, At(2025, 4, 4), null)).Message.ShouldBe("只有领导小组办公室可以“审核通过”月报");
        Should.Throw<ReportRuleException>(() => report.Return(Unit, At(2025, 4, 4), "x", Settings)).Message.ShouldBe("只有领导小组办公室可以“退回修改”月报");
        Should.Throw<ReportRuleException>(() => report.Write(Complete, "x", At(2025, 4, 4), Settings)).Message.ShouldContain("正等待领导小组办公室审核，不能修改");
        Should.Throw<ReportRuleException>(() => report.Reopen(Office, At(2025, 4, 20), "补报", Settings)).Message.ShouldContain("如需修改请退回");

        report.Accept(Office, At(2025, 4, 5), null);
        Should.Throw<ReportRuleException>(() => report.Accept(Office, At(2025, 4, 6), null)).Message.ShouldBe("月报当前为“已审核”，不能“审核通过”");
        Should.Throw<ReportRuleException>(() => report.Return(Office, At(2025, 4, 6), "x", Settings)).Message.ShouldBe("月报当前为“已审核”，不能“退回修改”");
        Should.Throw<ReportRuleException>(() => report.Write(Complete, "x", At(2025, 4, 6), Settings)).Message.ShouldBe("月报已审核通过，不能再修改");
        Should.Throw<ReportRuleException>(() => report.Reopen(Office, At(2025, 4, 20), "x", Settings)).Message.ShouldBe("月报已审核通过，不能重新开放");
        report.Steps.Count.ShouldBe(3, "refused steps leave no trace");
    }

    [Fact]
    public void An_incomplete_report_cannot_be_submitted_but_may_be_saved_as_a_draft()
    {
        var report = MonthlyReport.Start(7, March, Township, At(2025, 4, 2), Settings);
        var partial = new ReportContent(new FigureValues(1200, null, null, null, null, null), " ", null, null, null, null, null);
        partial.Problems(forSubmit: false, []).ShouldBeEmpty();
        report.Write(partial, "x", At(2025, 4, 2), Settings);
        var ex = Should.Throw<ReportRuleException>(() => report.Submit(Township, At(2025, 4, 3), [], Settings));
        ex.Message.ShouldStartWith("还不能报送：");
        ex.Message.ShouldContain("请填写当年累计产值（万元）");
        ex.Message.ShouldContain("请填写本月工作进展");
        report.State.ShouldBe(ReportState.Draft);

        var bad = Complete with { Figures = new FigureValues(-1, 100, 1.234m, 5, -2, 0) };
        bad.Problems(forSubmit: false, []).ShouldBe(new Dictionary<string, string>
        {
            ["OutputWanYuan"] = "当月产值不能为负数",
            ["InvestmentYearToDateWanYuan"] = "当年累计完成投资最多保留两位小数",
            ["NewMarketEntities"] = "当月新增市场主体不能为负数",
        });
        (Complete with { Figures = Complete.Figures with { OutputYearToDateWanYuan = 1000 } }).Problems(false, [])
            .ShouldBe(new Dictionary<string, string> { ["OutputYearToDateWanYuan"] = "当年累计产值不能小于当月产值" });
    }

    [Fact]
    public void A_flagged_figure_must_be_explained_before_submitting()
    {
        var report = Draft();
        FigureFlag[] flags = [new(ReportFigure.Output, "当月产值下降 40%")];
        Should.Throw<ReportRuleException>(() => report.Submit(Township, At(2025, 4, 3), flags, Settings))
            .Message.ShouldBe("还不能报送：当月产值与上月相比异常，请说明原因后再报送");
        report.Write(Complete with { OutputExplanation = "春节后企业复工较晚" }, "x", At(2025, 4, 3), Settings);
        report.Submit(Township, At(2025, 4, 3), flags, Settings);
        report.OutputExplanation.ShouldBe("春节后企业复工较晚");
    }

    [Theory]
    [InlineData(4, 10, true)]   // the due day itself is open
    [InlineData(4, 11, false)]  // the next day is locked
    [InlineData(3, 1, true)]    // a month may be written from its first day
    [InlineData(2, 28, false)]  // but not before
    public void A_month_is_open_through_its_due_day_and_locked_the_day_after(int month, int day, bool open)
    {
        var today = new DateOnly(2025, month, day);
        ReportDeadline.DueOn(March, Settings).ShouldBe(new DateOnly(2025, 4, 10));
        ReportDeadline.IsOpen(March, today, null, Settings).ShouldBe(open);
        if (open) MonthlyReport.Start(7, March, Township, At(2025, month, day), Settings).State.ShouldBe(ReportState.Draft);
        else Should.Throw<ReportRuleException>(() => MonthlyReport.Start(7, March, Township, At(2025, month, day), Settings));
    }

    [Fact]
    public void The_lock_is_judged_in_china_standard_time()
    {
        // 23:30 on the due day in Beijing is 15:30 UTC: still open. 00:30 the next day (16:30 UTC) is locked.
        MonthlyReport.Start(7, March, Township, new DateTime(2025, 4, 10, 15, 30, 0, DateTimeKind.Utc), Settings);
        Should.Throw<ReportRuleException>(() => MonthlyReport.Start(7, March, Township, new DateTime(2025, 4, 10, 16, 30, 0, DateTimeKind.Utc), Settings))
            .Message.ShouldBe("2025年3月月报已于 2025年4月10日 截止并锁定；如需补报请联系领导小组办公室重新开放");
    }

    [Fact]
    public void A_due_day_past_the_end_of_a_short_month_falls_on_its_last_day()
    {
        var settings = new ReportSettings { DueDay = 31 };
        ReportDeadline.DueOn(new ReportMonth(2025, 1), settings).ShouldBe(new DateOnly(2025, 2, 28));
        ReportDeadline.DueOn(new ReportMonth(2024, 1), settings).ShouldBe(new DateOnly(2024, 2, 29));
        ReportDeadline.DueOn(new ReportMonth(2024, 12), Settings).ShouldBe(new DateOnly(2025, 1, 10));
    }

    [Fact]
    public void A_draft_past_its_due_date_is_locked_until_the_office_reopens_it_for_seven_days()
    {
        var report = Draft(At(2025, 4, 8));
        Should.Throw<ReportRuleException>(() => report.Submit(Township, At(2025, 4, 11), [], Settings)).Message.ShouldContain("截止并锁定");
        Should.Throw<ReportRuleException>(() => report.Write(Complete, "x", At(2025, 4, 11), Settings)).Message.ShouldContain("截止并锁定");

        Should.Throw<ReportRuleException>(() => report.Reopen(Unit, At(2025, 4, 12), "补报", Settings)).Message.ShouldBe("只有领导小组办公室可以“重新开放”月报");
        Should.Throw<ReportRuleException>(() => report.Reopen(Office, At(2025, 4, 12), "", Settings)).Message.ShouldBe("重新开放须写明理由");
        report.Reopen(Office, At(2025, 4, 12), "专班负责人出差，申请补报", Settings);
        report.ReopenedUntil.ShouldBe(new DateOnly(2025, 4, 19));
        report.Steps.Last().Reason.ShouldBe("开放至 2025年4月19日：专班负责人出差，申请补报");
        Should.Throw<ReportRuleException>(() => report.Reopen(Office, At(2025, 4, 13), "再开", Settings)).Message.ShouldBe("月报已开放至 2025年4月19日，尚未锁定");

        ReportDeadline.IsOpen(March, new DateOnly(2025, 4, 19), report.ReopenedUntil, Settings).ShouldBeTrue("the last reopened day is open");
        ReportDeadline.IsOpen(March, new DateOnly(2025, 4, 20), report.ReopenedUntil, Settings).ShouldBeFalse("the day after is locked again");
        Should.Throw<ReportRuleException>(() => report.Submit(Township, At(2025, 4, 20), [], Settings)).Message.ShouldContain("重新开放至 2025年4月19日，已过期锁定");

        report.Submit(Township, At(2025, 4, 19), [], Settings);
        report.Steps.Last().Reason.ShouldBe("逾期报送（截止日 2025年4月10日）");
        ReportDeadline.Classify(March, report.FirstSubmittedAtUtc, new DateOnly(2025, 4, 20), Settings).ShouldBe(Timeliness.Late);
    }

    [Fact]
    public void Reopening_an_open_month_is_refused()
    {
        var report = MonthlyReport.Empty(7, March, Office, At(2025, 4, 10));
        Should.Throw<ReportRuleException>(() => report.Reopen(Office, At(2025, 4, 10), "x", Settings))
            .Message.ShouldBe("2025年3月月报尚未截止（截止日 2025年4月10日），不需要重新开放");
        report.Reopen(Office, At(2025, 4, 11), "补报", Settings);
        report.ReopenedUntil.ShouldBe(new DateOnly(2025, 4, 18));
    }

    [Theory]
    [InlineData(null, "2025-03-20", Timeliness.NotDue)]
    [InlineData(null, "2025-04-10", Timeliness.NotDue)]
    [InlineData(null, "2025-04-11", Timeliness.Missing)]
    [InlineData("2025-04-10", "2025-04-20", Timeliness.OnTime)]
    [InlineData("2025-04-11", "2025-04-20", Timeliness.Late)]
    public void Reports_are_on_time_late_or_missing_by_the_due_date(string? submittedOn, string today, Timeliness expected)
    {
        var submitted = submittedOn is null ? (DateTime?)null : DateOnly.Parse(submittedOn).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
        ReportDeadline.Classify(March, submitted, DateOnly.Parse(today), Settings).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2025-04-10", "2025-03")]
    [InlineData("2025-04-11", "2025-04")]
    [InlineData("2025-01-05", "2024-12")]
    public void The_month_to_report_now_is_last_month_until_its_due_date(string today, string expected)
    {
        ReportDeadline.Current(DateOnly.Parse(today), Settings).ToString().ShouldBe(expected);
    }

    [Fact]
    public void The_settings_refuse_values_that_make_no_sense()
    {
        new ReportSettings().Problems().ShouldBeEmpty();
        new ReportSettings { DueDay = 0, OutputDropShare = 1.5m }.Problems().Count.ShouldBe(2);
    }
}
