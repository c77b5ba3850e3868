using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Problems;

namespace SpecializedTowns.Core.Tests.Problems;

public class ProblemTests
{
    private const int LeadUnit = 7, OtherUnit = 8;
    private static readonly ProblemActor Raiser = new(10, "历山镇专业镇专干", Roles.Township, null, false);
    private static readonly ProblemActor Office = new(20, "垣曲县专业镇办", Roles.Office, 1, true);
    private static readonly ProblemActor Lead = new(30, "垣曲县农业农村局", Roles.MemberUnit, LeadUnit, false);
    private static readonly ProblemActor Other = new(31, "垣曲县自然资源局", Roles.MemberUnit, OtherUnit, false);
    private static readonly ProblemActor Leader = new(40, "运城市分管领导", Roles.Leader, null, false);
    private static readonly ProblemActor OtherCountyOffice = new(50, "新绛县专业镇办", Roles.Office, 2, false);
    private static readonly DateTime Now = new(2025, 3, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2025, 3, 1);
    private static readonly UnitRef LeadRef = new(LeadUnit, "县农业农村局");

    private static Problem Raised(UnitRef? lead = null, DateOnly? deadline = null) =>
        Problem.Raise(Raiser, Now, "冷链仓储用地指标未落实", "约 15 亩建设用地指标尚未落实", ProblemSource.Survey, ProblemKind.Common,
            ProblemCategory.Land, 100, 5, null, lead, [], deadline);

    /// <summary>A problem brought to the state by the legal path.</summary>
    private static Problem In(ProblemState state)
    {
        var p = Raised();
        if (state == ProblemState.Registered) return p;
        if (state == ProblemState.Declined) { p.Decline(Office, Now, "不属于问题台账范围"); return p; }
        p.Accept(Office, Now, LeadRef, [], Today.AddDays(10), null);
        if (state == ProblemState.Accepted) return p;
        p.Handle(Lead, Now, "已现场踏勘");
        if (state == ProblemState.Handling) return p;
        p.Answer(Lead, Now, "已纳入年度用地计划");
        if (state == ProblemState.Answered) return p;
        p.Confirm(Raiser, Now, null);
        return p;
    }

    private static readonly Dictionary<ProblemState, (ProblemStep Step, ProblemState To)[]> Legal = new()
    {
        [ProblemState.Registered] = [(ProblemStep.Accept, ProblemState.Accepted), (ProblemStep.Decline, ProblemState.Declined)],
        [ProblemState.Accepted] = [(ProblemStep.Handle, ProblemState.Handling), (ProblemStep.Urge, ProblemState.Accepted)],
        [ProblemState.Handling] = [(ProblemStep.Handle, ProblemState.Handling), (ProblemStep.Answer, ProblemState.Answered), (ProblemStep.Urge, ProblemState.Handling)],
        [ProblemState.Answered] = [(ProblemStep.Confirm, ProblemState.Closed), (ProblemStep.Reopen, ProblemState.Handling)],
        [ProblemState.Closed] = [],
        [ProblemState.Declined] = [],
    };

    public static IEnumerable<object[]> EveryStateAndStep() =>
        from s in Enum.GetValues<ProblemState>() from step in Enum.GetValues<ProblemStep>() select new object[] { s, step };

    // The office may take every step but the raiser's own (the raiser has an account here), which the raiser takes: so what
    // is refused is refused by the state alone.
    private static void Take(Problem p, ProblemStep step)
    {
        switch (step)
        {
            case ProblemStep.Accept: p.Accept(Office, Now, LeadRef, [], Today.AddDays(5), "请抓紧办理"); break;
            case ProblemStep.Decline: p.Decline(Office, Now, "重复登记"); break;
            case ProblemStep.Handle: p.Handle(Office, Now, "已协调"); break;
            case ProblemStep.Answer: p.Answer(Office, Now, "已解决"); break;
            case ProblemStep.Confirm: p.Confirm(Raiser, Now, null); break;
            case ProblemStep.Urge: p.Urge(Office, Now, "请于 3 日内答复"); break;
            default: p.Reopen(Raiser, Now, "企业反映仍未解决"); break;
        }
    }

    [Theory]
    [MemberData(nameof(EveryStateAndStep))]
    public void Every_step_from_every_state_is_taken_or_refused_in_chinese(ProblemState state, ProblemStep step)
    {
        var p = In(state);
        var events = p.Events.Count;
        var legal = Legal[state].Where(l => l.Step == step).ToList();
        if (legal.Count == 1)
        {
            Take(p, step);
            p.State.ShouldBe(legal[0].To);
            p.Events.Count.ShouldBe(events + 1);
            (p.Events[^1].From, p.Events[^1].To).ShouldBe((state, legal[0].To));
        }
        else
        {
            // An accepted problem is answered once a 办理情况 is in (decision 0006): the refusal says what comes first (qa105 #10).
            Should.Throw<ProblemRuleException>(() => Take(p, step)).Message
                .ShouldBe(state == ProblemState.Accepted && step == ProblemStep.Answer ? "请先登记办理情况，再答复" : $"问题当前为“{ProblemNames.Chinese(state)}”，不能“{ProblemNames.Chinese(step)}”");
            p.State.ShouldBe(state);
            p.Events.Count.ShouldBe(events, "a refused step writes nothing");
        }
        // The office is offered every legal step but the raiser's own (this raiser has an account); the raiser those.
        In(state).StepsFor(Office).Concat(In(state).StepsFor(Raiser)).Distinct().ShouldBe(Legal[state].Select(l => l.Step).Distinct(), ignoreOrder: true);
        In(state).StepsFor(Office).ShouldNotContain(ProblemStep.Confirm);
    }

    [Fact]
    public void A_lead_unit_answering_before_any_handling_note_is_told_to_record_one_first()
    {
        var p = In(ProblemState.Accepted);
        Should.Throw<ProblemRuleException>(() => p.Answer(Lead, Now, "已解决")).Message.ShouldBe("请先登记办理情况，再答复");
        Should.Throw<ProblemRuleException>(() => p.Answer(Other, Now, "已解决")).Message.ShouldBe("只有牵头单位或领导小组办公室可以答复");
        p.State.ShouldBe(ProblemState.Accepted);
    }

    [Fact]
    public void Raised_accepted_handled_answered_and_confirmed_by_its_raiser_with_every_step_recorded()
    {
        var p = Raised();
        p.State.ShouldBe(ProblemState.Registered);
        p.Accept(Office, Now.AddDays(1), LeadRef, [new UnitRef(OtherUnit, "县自然资源局")], Today.AddDays(20), "请县农业农村局牵头");
        (p.LeadUnitId, p.Deadline, p.AcceptedAtUtc).ShouldBe((LeadUnit, Today.AddDays(20), Now.AddDays(1)));
        p.CooperatingUnits.Select(c => c.UnitId).ShouldBe([OtherUnit]);
        p.Handle(Lead, Now.AddDays(3), "已会同历山镇现场踏勘选址");
        p.Handle(Lead, Now.AddDays(5), "已报县政府研究");
        p.Answer(Lead, Now.AddDays(8), "已纳入年度用地计划调整方案");
        p.LatestAnswer.ShouldBe("已纳入年度用地计划调整方案");
        p.Reopen(Raiser, Now.AddDays(9), "指标仍未下达");
        (p.State, p.LatestAnswer).ShouldBe((ProblemState.Handling, null));
        p.Answer(Lead, Now.AddDays(12), "指标已下达");
        p.Confirm(Raiser, Now.AddDays(13), "已解决");
        (p.State, p.ClosedAtUtc).ShouldBe((ProblemState.Closed, Now.AddDays(13)));

        p.Events.Select(e => e.Action).ShouldBe(["登记问题", "受理", "办理", "办理", "答复", "提出人退回，重新办理", "答复", "提出人确认解决，办结"]);
        p.Events[1].Note.ShouldBe("牵头单位：县农业农村局；配合单位：县自然资源局；办理时限：2025年3月21日。请县农业农村局牵头");
        p.Events[5].Note.ShouldBe("指标仍未下达");
        p.Events.ShouldAllBe(e => !e.OnBehalf);
        p.Events.Select(e => e.UserName).Distinct().ShouldBe(["历山镇专业镇专干", "垣曲县专业镇办", "垣曲县农业农村局"]);
    }

    [Fact]
    public void Only_the_office_over_the_county_accepts_or_declines()
    {
        foreach (var actor in new[] { Raiser, Lead, Leader, OtherCountyOffice })
        {
            var p = Raised(LeadRef, Today.AddDays(3));
            p.StepsFor(actor).ShouldBeEmpty();
            Should.Throw<ProblemRuleException>(() => p.Accept(actor, Now, null, null, null, null)).Message.ShouldContain("领导小组办公室可以受理");
            Should.Throw<ProblemRuleException>(() => p.Decline(actor, Now, "不予受理")).Message.ShouldContain("领导小组办公室可以决定不予受理");
        }
    }

    [Fact]
    public void Accepting_needs_a_lead_unit_and_a_time_limit_not_before_today()
    {
        var p = Raised();
        var noLead = Should.Throw<ProblemRuleException>(() => p.Accept(Office, Now, null, null, Today, null));
        (noLead.Message, noLead.Field).ShouldBe(("受理时须指定牵头单位", "leadUnitId"));
        var noLimit = Should.Throw<ProblemRuleException>(() => p.Accept(Office, Now, LeadRef, null, null, null));
        (noLimit.Message, noLimit.Field).ShouldBe(("受理时须确定办理时限", "deadline"));
        Should.Throw<ProblemRuleException>(() => p.Accept(Office, Now, LeadRef, null, Today.AddDays(-1), null)).Field.ShouldBe("deadline");
        Should.Throw<ProblemRuleException>(() => p.Accept(Office, Now, LeadRef, [LeadRef], Today, null)).Field.ShouldBe("cooperatingUnitIds");
        p.State.ShouldBe(ProblemState.Registered);

        // What the raiser proposed stands unless the office changes it; a limit of today is still in time.
        var proposed = Raised(LeadRef, Today);
        proposed.Accept(Office, Now, null, null, null, null);
        (proposed.State, proposed.LeadUnitId, proposed.Deadline).ShouldBe((ProblemState.Accepted, LeadUnit, Today));
    }

    [Fact]
    public void Only_the_lead_unit_or_the_office_handles_and_answers()
    {
        var p = In(ProblemState.Accepted);
        foreach (var actor in new[] { Other, Raiser, Leader, OtherCountyOffice })
        {
            p.StepsFor(actor).ShouldBeEmpty();
            Should.Throw<ProblemRuleException>(() => p.Handle(actor, Now, "x")).Message.ShouldBe("只有牵头单位或领导小组办公室可以办理");
        }
        p.StepsFor(Lead).ShouldBe([ProblemStep.Handle]);
        p.Handle(Lead, Now, "已办理");
        p.StepsFor(Lead).ShouldBe([ProblemStep.Handle, ProblemStep.Answer]);
        Should.Throw<ProblemRuleException>(() => p.Answer(Other, Now, "x")).Message.ShouldBe("只有牵头单位或领导小组办公室可以答复");
        // A township account with the same unit number is not the lead unit: only member-unit accounts act for a unit.
        Should.Throw<ProblemRuleException>(() => p.Answer(Raiser with { UnitId = LeadUnit }, Now, "x"));
        p.Answer(Lead, Now, "已答复");
        p.State.ShouldBe(ProblemState.Answered);
    }

    [Fact]
    public void The_office_urges_the_lead_unit_under_its_own_name_with_a_note_and_the_problem_stays_where_it_is()
    {
        foreach (var state in new[] { ProblemState.Accepted, ProblemState.Handling })
        {
            var p = In(state);
            p.StepsFor(Office)[0].ShouldBe(ProblemStep.Urge, "the office's own step comes first");
            p.StepsFor(Lead).ShouldNotContain(ProblemStep.Urge);
            var missing = Should.Throw<ProblemRuleException>(() => p.Urge(Office, Now, "  "));
            (missing.Message, missing.Field).ShouldBe(("请填写督办意见（督办的事项和要求）", "note"));
            foreach (var actor in new[] { Lead, Other, Raiser, Leader, OtherCountyOffice })
                Should.Throw<ProblemRuleException>(() => p.Urge(actor, Now, "请抓紧")).Message.ShouldBe("只有本县（市、区）或上级领导小组办公室可以督办");
            var events = p.Events.Count;
            p.Urge(Office, Now.AddDays(12), "已逾期，请于 3 个工作日内答复");
            p.State.ShouldBe(state, "督办 moves nothing: the lead unit has still done nothing");
            p.Events.Count.ShouldBe(events + 1);
            var e = p.Events[^1];
            (e.Action, e.UserName, e.From, e.To, e.Note, e.OnBehalf).ShouldBe((Problem.UrgeAction, "垣曲县专业镇办", state, state, "已逾期，请于 3 个工作日内答复", false));
        }
        foreach (var state in new[] { ProblemState.Registered, ProblemState.Answered, ProblemState.Closed, ProblemState.Declined })
            Should.Throw<ProblemRuleException>(() => In(state).Urge(Office, Now, "请抓紧")).Message.ShouldBe($"问题当前为“{ProblemNames.Chinese(state)}”，不能“督办”");
    }

    [Fact]
    public void What_the_office_records_for_the_lead_unit_is_marked_as_done_for_it()
    {
        var p = In(ProblemState.Accepted);
        p.Handle(Office, Now, "县农业农村局书面报送：已现场踏勘");
        (p.Events[^1].Action, p.Events[^1].OnBehalf, p.State).ShouldBe(("代牵头单位登记办理情况", true, ProblemState.Handling));
        p.Answer(Office, Now, "县农业农村局书面答复：已纳入计划");
        (p.Events[^1].Action, p.Events[^1].OnBehalf, p.State).ShouldBe(("代牵头单位答复", true, ProblemState.Answered));
        var own = In(ProblemState.Handling);
        own.Events.Where(e => e.Action == "办理").ShouldAllBe(e => !e.OnBehalf, "the lead unit's own steps are its own");
    }

    [Fact]
    public void Only_the_raiser_confirms_or_reopens_and_the_office_not_over_the_head_of_a_raiser_with_an_account()
    {
        foreach (var actor in new[] { Lead, Other, Leader, OtherCountyOffice })
        {
            var p = In(ProblemState.Answered);
            p.StepsFor(actor).ShouldBeEmpty();
            Should.Throw<ProblemRuleException>(() => p.Confirm(actor, Now, null)).Message.ShouldBe("只有问题提出人（历山镇专业镇专干）可以确认解决");
            Should.Throw<ProblemRuleException>(() => p.Reopen(actor, Now, "未解决")).Message.ShouldContain("只有问题提出人");
        }
        In(ProblemState.Answered).StepsFor(Raiser).ShouldBe([ProblemStep.Confirm, ProblemStep.Reopen]);

        // The raiser signs in and answers for themselves: the office is not offered, and is refused, 代提出人.
        var answered = In(ProblemState.Answered);
        answered.StepsFor(Office).ShouldNotContain(ProblemStep.Confirm);
        answered.MayActForRaiser(Office).ShouldBeFalse();
        Should.Throw<ProblemRuleException>(() => answered.Confirm(Office, Now, "企业电话确认已解决")).Message
            .ShouldBe("提出人（历山镇专业镇专干）有平台账号，须由提出人本人确认解决；领导小组办公室仅在提出人没有账号或账号已停用时代其办理");
        Should.Throw<ProblemRuleException>(() => answered.Reopen(Office, Now, "企业反映仍未解决")).Message.ShouldContain("有平台账号");
        answered.State.ShouldBe(ProblemState.Answered);
    }

    [Fact]
    public void A_raiser_whose_account_is_disabled_is_stood_in_for_by_the_office()
    {
        // 停用 ends the raiser's sign-in: an answered problem would wait for nobody, so the office confirms (or reopens) for them.
        var disabled = Office with { RaiserDisabled = true };
        var answered = In(ProblemState.Answered);
        answered.MayActForRaiser(disabled).ShouldBeTrue();
        answered.StepsFor(disabled).ShouldBe([ProblemStep.Confirm, ProblemStep.Reopen]);
        answered.Confirm(disabled, Now, "企业电话确认已解决");
        (answered.State, answered.Events[^1].OnBehalf).ShouldBe((ProblemState.Closed, true));
        // Only an office over the problem stands in; another county's is not offered it.
        In(ProblemState.Answered).MayActForRaiser(OtherCountyOffice with { RaiserDisabled = true }).ShouldBeFalse();
    }

    [Fact]
    public void An_entry_without_an_account_is_confirmed_by_no_one_but_the_office()
    {
        var p = Problem.Raise(new ProblemActor(null, "企业来电", Roles.Office, null, true), Now, "t", "d", ProblemSource.EnterpriseReport,
            ProblemKind.Common, ProblemCategory.Other, 100, null, null, LeadRef, [], Today.AddDays(3));
        p.Accept(Office, Now, null, null, null, null);
        p.Handle(Lead, Now, "n");
        p.Answer(Lead, Now, "a");
        p.StepsFor(new ProblemActor(null, "anyone", Roles.Township, null, false)).ShouldBeEmpty();
        p.StepsFor(Office).ShouldContain(ProblemStep.Confirm);
        p.MayActForRaiser(Office).ShouldBeTrue();
        var reopened = Problem.Raise(new ProblemActor(null, "企业来电", Roles.Office, null, true), Now, "t", "d", ProblemSource.EnterpriseReport,
            ProblemKind.Common, ProblemCategory.Other, 100, null, null, LeadRef, [], Today.AddDays(3));
        reopened.Accept(Office, Now, null, null, null, null);
        reopened.Handle(Lead, Now, "n");
        reopened.Answer(Lead, Now, "a");
        // What the office does for the raiser is marked as such.
        p.Confirm(Office, Now, "企业电话确认已解决");
        (p.Events[^1].Action, p.Events[^1].OnBehalf).ShouldBe(("代提出人确认解决，办结", true));
        reopened.Reopen(Office, Now, "企业反映仍未解决");
        (reopened.Events[^1].Action, reopened.Events[^1].OnBehalf, reopened.State).ShouldBe(("代提出人退回，重新办理", true, ProblemState.Handling));
    }

    [Fact]
    public void Reasons_and_notes_are_required_where_the_step_needs_them_and_length_limited()
    {
        Should.Throw<ProblemRuleException>(() => Raised().Decline(Office, Now, " ")).Message.ShouldBe("请写明不予受理的理由");
        Should.Throw<ProblemRuleException>(() => In(ProblemState.Accepted).Handle(Lead, Now, "")).Message.ShouldBe("请填写办理情况");
        Should.Throw<ProblemRuleException>(() => In(ProblemState.Handling).Answer(Lead, Now, null)).Message.ShouldBe("请填写答复内容");
        var reopen = Should.Throw<ProblemRuleException>(() => In(ProblemState.Answered).Reopen(Raiser, Now, ""));
        (reopen.Message, reopen.Field).ShouldBe(("请写明问题未解决的原因", "note"));
        Should.Throw<ProblemRuleException>(() => In(ProblemState.Handling).Answer(Lead, Now, new string('答', Problem.MaxText + 1)))
            .Message.ShouldBe($"答复内容不超过 {Problem.MaxText} 字（现为 {Problem.MaxText + 1} 字）");
        In(ProblemState.Answered).Confirm(Raiser, Now, null); // confirming needs no words

        Problem.CheckText("", " ").ShouldBe(new Dictionary<string, string> { ["Title"] = "请填写问题标题", ["Description"] = "请填写问题描述" });
        Problem.CheckText(new string('题', Problem.MaxTitle + 1), "d")["Title"].ShouldBe($"问题标题不超过 {Problem.MaxTitle} 字（现为 {Problem.MaxTitle + 1} 字）");
        Problem.CheckText(new string('题', Problem.MaxTitle), new string('述', Problem.MaxText)).ShouldBeEmpty();
    }

    [Fact]
    public void Leaders_and_experts_cannot_raise_problems()
    {
        Should.Throw<ProblemRuleException>(() => Problem.Raise(Leader, Now, "t", "d", ProblemSource.Survey, ProblemKind.Common, ProblemCategory.Other, 1, null, null, null, [], null))
            .Message.ShouldBe("领导不能登记问题");
    }

    [Theory]
    [InlineData(-1, DeadlineStatus.Overdue, "逾期 1 天")]
    [InlineData(0, DeadlineStatus.DueSoon, "今天到期")]
    [InlineData(1, DeadlineStatus.DueSoon, "剩 1 天")]
    [InlineData(7, DeadlineStatus.DueSoon, "剩 7 天")]
    [InlineData(8, DeadlineStatus.OnTrack, "剩 8 天")]
    public void The_deadline_colour_turns_at_its_boundaries(int daysLeft, DeadlineStatus expected, string said)
    {
        var deadline = Today.AddDays(daysLeft);
        var status = ProblemDeadline.Of(ProblemState.Handling, deadline, Today, dueSoonDays: 7);
        status.ShouldBe(expected);
        ProblemDeadline.Describe(status, deadline, Today).ShouldBe(said);
    }

    [Fact]
    public void The_due_soon_window_is_configurable_and_the_clock_stops_once_answered()
    {
        ProblemDeadline.Of(ProblemState.Accepted, Today.AddDays(3), Today, dueSoonDays: 3).ShouldBe(DeadlineStatus.DueSoon);
        ProblemDeadline.Of(ProblemState.Accepted, Today.AddDays(4), Today, dueSoonDays: 3).ShouldBe(DeadlineStatus.OnTrack);
        ProblemDeadline.Of(ProblemState.Registered, null, Today, 7).ShouldBe(DeadlineStatus.NotSet);
        foreach (var done in new[] { ProblemState.Answered, ProblemState.Closed, ProblemState.Declined })
            ProblemDeadline.Of(done, Today.AddDays(-30), Today, 7).ShouldBe(DeadlineStatus.None);
        ProblemDeadline.DaysOverdue(Today.AddDays(-12), Today).ShouldBe(12);
    }

    [Fact]
    public void Today_is_the_date_in_china()
    {
        ProblemDeadline.ChinaDate(new DateTime(2025, 3, 1, 15, 59, 0, DateTimeKind.Utc)).ShouldBe(new DateOnly(2025, 3, 1));
        ProblemDeadline.ChinaDate(new DateTime(2025, 3, 1, 16, 0, 0, DateTimeKind.Utc)).ShouldBe(new DateOnly(2025, 3, 2));
    }

    [Fact]
    public void Figures_by_unit_count_open_solved_overdue_and_average_days_to_close()
    {
        var raised = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        ProblemFigureRow Row(int unit, ProblemState state, int? deadlineInDays = null, double? closedAfterDays = null, int county = 100) =>
            new(county, unit, state, deadlineInDays is { } d ? Today.AddDays(d) : null, raised, closedAfterDays is { } c ? raised.AddDays(c) : null);
        var rows = new[]
        {
            Row(LeadUnit, ProblemState.Accepted, -3),        // open, overdue
            Row(LeadUnit, ProblemState.Handling, 0),         // open, due today: not overdue
            Row(LeadUnit, ProblemState.Answered, -10),       // open (awaiting confirmation), answered: not overdue
            Row(LeadUnit, ProblemState.Closed, -40, 10),
            Row(LeadUnit, ProblemState.Closed, -40, 21),
            Row(LeadUnit, ProblemState.Declined, -40),       // never the unit's
            Row(OtherUnit, ProblemState.Registered, -1),     // only proposed: not the unit's until accepted
            Row(OtherUnit, ProblemState.Accepted, -1),       // open, overdue
            Row(LeadUnit, ProblemState.Closed, null, 4, county: 200),
        };
        var figures = ProblemFigures.ByUnit(rows, Today).ToDictionary(f => (f.JurisdictionId, f.LeadUnitId));
        figures[(100, LeadUnit)].ShouldBe(new UnitFigures(100, LeadUnit, Open: 3, Solved: 2, Overdue: 1, AverageDaysToClose: 15.5));
        figures[(100, OtherUnit)].ShouldBe(new UnitFigures(100, OtherUnit, 1, 0, 1, null));
        figures[(200, LeadUnit)].ShouldBe(new UnitFigures(200, LeadUnit, 0, 1, 0, 4.0));
        figures.Count.ShouldBe(3);
    }
}
