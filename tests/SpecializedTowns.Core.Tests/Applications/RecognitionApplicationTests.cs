using SpecializedTowns.Core;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Tests.Applications;

public class RecognitionApplicationTests
{
    private static readonly Actor Township = new(10, "lishan-township", Roles.Township);
    private static readonly Actor Office = new(20, "yuanqu-office", Roles.Office);
    private static readonly Actor ExpertA = new(30, "expert-a", Roles.Expert);
    private static readonly Actor ExpertB = new(31, "expert-b", Roles.Expert);
    private static readonly Actor ExpertC = new(32, "expert-c", Roles.Expert);
    private static readonly Actor Leader = new(40, "leader", Roles.Leader);
    private static readonly DateTime Now = new(2025, 3, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Open = ["market-share", "heritage"];

    private static readonly RecognitionResult Eligible = new("yuncheng-municipal", Results.Eligible,
        [new("output-value", Results.Met, "特优农业类年产值 2.5亿元，达到 2亿元 标准", "垣政办发〔2023〕19号 三") { Title = "规模相对较大" }]);

    private static Dictionary<string, (bool, string)> Scores(bool marketShare, bool heritage) => new()
    {
        ["market-share"] = (marketShare, "依据申报材料"),
        ["heritage"] = (heritage, "有史料记载"),
        [ExpertScore.Overall] = (true, "同意认定"),
    };

    private static RecognitionApplication InExpertReview()
    {
        var a = new RecognitionApplication();
        a.Submit(Township, Now);
        a.Accept(Office, Now, [ExpertA.UserId, ExpertB.UserId, ExpertC.UserId]);
        return a;
    }

    [Fact]
    public void From_submission_to_recognition_every_step_is_recorded()
    {
        var a = new RecognitionApplication();
        a.Submit(Township, Now);
        a.Return(Office, Now, "缺少年产值佐证材料");
        a.State.ShouldBe(ApplicationState.Returned);
        a.Submit(Township, Now.AddDays(1));
        a.Accept(Office, Now.AddDays(2), [ExpertA.UserId, ExpertB.UserId]);
        a.Score(ExpertA, Now.AddDays(3), Scores(true, true), Open);
        a.Score(ExpertB, Now.AddDays(3), Scores(true, false), Open);
        var conclusion = a.Conclude(Office, Now.AddDays(4), Open);
        conclusion["market-share"].ShouldBeTrue();
        conclusion["heritage"].ShouldBeFalse("a tie is not a majority");
        a.Decide(Office, Now.AddDays(5), Decision.Recognize, "垣专领发〔2025〕1号", null, new DateOnly(2025, 3, 15), Eligible);
        a.State.ShouldBe(ApplicationState.Publicity);
        a.RecordObjection(Office, Now.AddDays(6), "有群众反映产值统计口径不一");
        a.EndPublicity(Office, new DateTime(2025, 3, 16, 0, 0, 0, DateTimeKind.Utc), objectionUpheld: false, null);
        a.State.ShouldBe(ApplicationState.Recognized);

        a.Events.Select(e => e.Action).ShouldBe(["提交申报", "退回修改", "提交申报", "形式审查通过，交专家评审", "专家评分", "专家评分", "汇总专家结论", "审定：拟认定，进入公示", "登记公示异议", "公示期满无异议，正式认定"]);
        a.Events[1].Reason.ShouldBe("缺少年产值佐证材料");
        a.Events.ShouldAllBe(e => e.UserName != "");
    }

    [Fact]
    public void Illegal_steps_are_refused_in_chinese()
    {
        var a = new RecognitionApplication();
        Should.Throw<ApplicationRuleException>(() => a.Accept(Office, Now, [ExpertA.UserId])).Message.ShouldContain("申报当前为“草稿”，不能“形式审查通过”");
        a.Submit(Township, Now);
        Should.Throw<ApplicationRuleException>(() => a.Submit(Township, Now)).Message.ShouldContain("不能“提交申报”");
        Should.Throw<ApplicationRuleException>(() => a.Return(Office, Now, " ")).Message.ShouldContain("须写明理由");
        Should.Throw<ApplicationRuleException>(() => a.Accept(Office, Now, [])).Message.ShouldContain("至少一名评审专家");
        Should.Throw<ApplicationRuleException>(() => a.Decide(Office, Now, Decision.Reserve, "x", null, null, Eligible)).Message.ShouldContain("不能“领导小组审定”");
        a.State.ShouldBe(ApplicationState.Submitted);
    }

    /// <summary>Input to correct names its field, so that the API answers 400 and the page places it; the state and the role name none.</summary>
    [Fact]
    public void Input_refusals_name_their_field_and_state_refusals_none()
    {
        var a = new RecognitionApplication();
        var state = Should.Throw<ApplicationRuleException>(() => a.Accept(Office, Now, [ExpertA.UserId]));
        (state.Kind, state.Field).ShouldBe((RefusalKind.Conflict, null));
        a.Submit(Township, Now);
        var reason = Should.Throw<ApplicationRuleException>(() => a.Return(Office, Now, " "));
        (reason.Kind, reason.Field).ShouldBe((RefusalKind.Invalid, ApplicationFields.Reason));
        Should.Throw<ApplicationRuleException>(() => a.Return(Office, Now, new string('理', RecognitionApplication.MaxText + 1))).Field.ShouldBe(ApplicationFields.Reason);
        var experts = Should.Throw<ApplicationRuleException>(() => a.Accept(Office, Now, []));
        (experts.Kind, experts.Field).ShouldBe((RefusalKind.Invalid, ApplicationFields.Experts));
        Should.Throw<ApplicationRuleException>(() => a.Return(Leader, Now, " ")).Kind.ShouldBe(RefusalKind.Forbidden);
    }

    [Fact]
    public void Each_step_belongs_to_its_role()
    {
        var a = new RecognitionApplication();
        Should.Throw<ApplicationRuleException>(() => a.Submit(Leader, Now)).Message.ShouldContain("领导不能执行“提交申报”");
        a.Submit(Township, Now);
        Should.Throw<ApplicationRuleException>(() => a.Accept(Township, Now, [ExpertA.UserId])).Message.ShouldContain("乡镇/专班不能执行");
        a.Accept(Office, Now, [ExpertA.UserId]);
        Should.Throw<ApplicationRuleException>(() => a.Score(Office, Now, Scores(true, true), Open)).Message.ShouldContain("不能执行“专家评分”");
        Should.Throw<ApplicationRuleException>(() => a.Score(ExpertB, Now, Scores(true, true), Open)).Message.ShouldContain("不是本申报的评审专家");
    }

    [Fact]
    public void With_every_condition_settled_by_the_figures_the_panel_concludes_without_scores_and_the_application_moves_on()
    {
        var a = InExpertReview();
        var conclusion = a.Conclude(Office, Now, []);
        conclusion.ShouldBeEmpty();
        a.State.ShouldBe(ApplicationState.AwaitingDecision);
    }

    [Fact]
    public void Experts_score_every_open_criterion_with_a_comment_and_all_must_score_before_the_panel_concludes()
    {
        var a = InExpertReview();
        Should.Throw<ApplicationRuleException>(() => a.Score(ExpertA, Now, new Dictionary<string, (bool, string)> { ["heritage"] = (true, "好") }, Open))
            .Message.ShouldContain("market-share");
        Should.Throw<ApplicationRuleException>(() => a.Score(ExpertA, Now, new Dictionary<string, (bool, string)> { ["heritage"] = (true, ""), ["market-share"] = (true, "x") }, Open))
            .Message.ShouldContain("须附评审意见");
        a.Score(ExpertA, Now, Scores(false, false), Open);
        a.Score(ExpertA, Now, Scores(true, true), Open);
        a.Scores.Count(s => s.ExpertUserId == ExpertA.UserId).ShouldBe(3, "scoring again replaces the earlier scores (two criteria and the overall opinion)");
        a.Score(ExpertB, Now, Scores(true, false), Open);
        Should.Throw<ApplicationRuleException>(() => a.Conclude(Office, Now, Open)).Message.ShouldContain("还有 1 名专家未评分");
        a.Score(ExpertC, Now, Scores(false, true), Open);
        var conclusion = a.Conclude(Office, Now, Open);
        conclusion["market-share"].ShouldBeTrue();
        conclusion["heritage"].ShouldBeTrue();
        a.State.ShouldBe(ApplicationState.AwaitingDecision);
    }

    [Theory]
    [InlineData(Decision.Reserve, "垣专领发〔2025〕2号", null, ApplicationState.Reserved)]
    [InlineData(Decision.Reject, null, "年产值未达标准", ApplicationState.Rejected)]
    public void The_leading_group_may_also_reserve_or_reject(Decision decision, string? number, string? reason, ApplicationState expected)
    {
        var a = InExpertReview();
        foreach (var e in new[] { ExpertA, ExpertB, ExpertC }) a.Score(e, Now, Scores(true, true), Open);
        a.Conclude(Office, Now, Open);
        a.Decide(Office, Now, decision, number, reason, null, Eligible);
        a.State.ShouldBe(expected);
        ApplicationStates.IsClosed(a.State).ShouldBeTrue();
    }

    [Fact]
    public void A_decision_needs_its_document_number_or_reason_and_recognition_a_publicity_period()
    {
        var a = InExpertReview();
        foreach (var e in new[] { ExpertA, ExpertB, ExpertC }) a.Score(e, Now, Scores(true, true), Open);
        a.Conclude(Office, Now, Open);
        Should.Throw<ApplicationRuleException>(() => a.Decide(Office, Now, Decision.Recognize, "", null, new DateOnly(2025, 3, 20), Eligible)).Message.ShouldContain("须填写文号");
        Should.Throw<ApplicationRuleException>(() => a.Decide(Office, Now, Decision.Reject, null, "", null, Eligible)).Message.ShouldContain("须写明理由");
        Should.Throw<ApplicationRuleException>(() => a.Decide(Office, Now, Decision.Recognize, "垣专领发〔2025〕3号", null, new DateOnly(2025, 3, 1), Eligible)).Message.ShouldContain("公示截止日期");
        // The 文号 is held to GB/T 9704 as the evaluation's 发文字号 is, and kept as written properly.
        Should.Throw<ApplicationRuleException>(() => a.Decide(Office, Now, Decision.Recognize, "运专领发(2026)1号", null, new DateOnly(2025, 3, 10), Eligible))
            .Message.ShouldBe("发文字号“运专领发(2026)1号”年份应用六角括号“〔〕”括入，不用“()”。应写作：运专领发〔2026〕1号");
        a.State.ShouldBe(ApplicationState.AwaitingDecision);
        a.Decide(Office, Now, Decision.Recognize, "垣专领发〔２０２５〕３号", null, new DateOnly(2025, 3, 10), Eligible);
        a.DecisionDocumentNumber.ShouldBe("垣专领发〔2025〕3号");
        Should.Throw<ApplicationRuleException>(() => a.EndPublicity(Office, Now.AddDays(2), false, null)).Message.ShouldContain("期满后方可");
        a.EndPublicity(Office, Now.AddDays(2), objectionUpheld: true, "经核实产值数据不实");
        a.State.ShouldBe(ApplicationState.Rejected);
    }

    [Fact]
    public void A_condition_not_met_refuses_recognition_by_name_and_leaves_reserve_or_rejection()
    {
        var a = InExpertReview();
        a.TargetTier = Core.Towns.Tier.Municipal;
        foreach (var e in new[] { ExpertA, ExpertB, ExpertC }) a.Score(e, Now, Scores(true, true), Open);
        a.Conclude(Office, Now, Open);
        var failing = new RecognitionResult("yuncheng-municipal", Results.Ineligible,
        [
            new("output-value", Results.Met, "特优农业类年产值 2.5亿元，达到 2亿元 标准", null) { Title = "规模相对较大" },
            new("market-share", Results.NotMet, "全省市场占有率 8%，未达到 50% 标准", "垣政办发〔2023〕19号 三") { Title = "市场占有率较高" },
        ]);

        var refused = Should.Throw<ApplicationRuleException>(() => a.Decide(Office, Now, Decision.Recognize, "运专领发〔2025〕3号", "发展前景好", new DateOnly(2025, 3, 10), failing));
        refused.Message.ShouldContain("不能认定");
        refused.Message.ShouldContain("市场占有率较高不符合（全省市场占有率 8%，未达到 50% 标准）");
        refused.Message.ShouldNotContain("规模相对较大");
        (a.State, a.Decision, a.DecisionDocumentNumber, a.PublicityEndsOn).ShouldBe((ApplicationState.AwaitingDecision, null, null, null));

        // The decision it leaves is recorded with its document number and reason.
        a.Decide(Office, Now, Decision.Reserve, "运专领发〔2025〕4号", "市场占有率不足，列入储备培育", null, failing);
        a.State.ShouldBe(ApplicationState.Reserved);
        a.Events[^1].Reason.ShouldBe("运专领发〔2025〕4号；市场占有率不足，列入储备培育");
        // The reserve of the tier applied for (decision 0020): the town keeps the tier it holds.
        a.Events[^1].Action.ShouldBe("审定：列入市级培育（储备）");
    }

    [Fact]
    public void A_town_already_at_reserve_is_not_reserved_again_but_kept_there_without_a_document_number()
    {
        var a = InExpertReview();
        foreach (var e in new[] { ExpertA, ExpertB, ExpertC }) a.Score(e, Now, Scores(true, true), Open);
        a.Conclude(Office, Now, Open);

        var refused = Should.Throw<ApplicationRuleException>(() => a.Decide(Office, Now, Decision.Reserve, "运专领发〔2026〕3号", null, null, Eligible, townInReserve: true));
        refused.Message.ShouldBe("该专业镇已在储备梯次，列入储备不会改变其梯次；未予认定时请选择“不予认定（保留储备）”并写明理由");
        (refused.Field, refused.Kind).ShouldBe(("Decision", RefusalKind.Invalid));
        (a.State, a.Decision, a.DecisionDocumentNumber).ShouldBe((ApplicationState.AwaitingDecision, null, null));

        a.Decide(Office, Now, Decision.Reject, null, "专家不建议认定，继续储备培育", null, Eligible, townInReserve: true);
        a.State.ShouldBe(ApplicationState.Rejected);
        a.DecisionDocumentNumber.ShouldBeNull();
        (a.Events[^1].Action, a.Events[^1].Reason).ShouldBe(("审定：不予认定（保留储备）", "专家不建议认定，继续储备培育"));
    }

    [Fact]
    public void An_expert_review_refused_names_each_criterion_left_without_a_choice_or_comment()
    {
        var a = InExpertReview();
        var scores = new Dictionary<string, (bool Met, string Comment)> { [Open.First()] = (true, "经核实"), [ExpertScore.Overall] = (true, " ") };
        var refused = Should.Throw<ApplicationRuleException>(() => a.Score(ExpertA, Now, scores, Open));
        refused.Problems.ShouldBe(new Dictionary<string, string>(Open.Skip(1).Select(k => KeyValuePair.Create(k, "请选择“符合”或“不符合”")))
        {
            [ExpertScore.Overall] = "请填写总体评审意见",
        }, ignoreOrder: true);
        var none = Should.Throw<ApplicationRuleException>(() => a.Score(ExpertA, Now, new Dictionary<string, (bool Met, string Comment)> { [Open.First()] = (false, "") }, Open));
        none.Problems[Open.First()].ShouldBe("请填写评审意见");
        none.Problems[ExpertScore.Overall].ShouldBe("请选择“建议认定”或“不建议认定”，并填写总体评审意见");
    }

    [Fact]
    public void The_publicity_period_ends_after_today_and_within_thirty_days_and_the_history_writes_the_date_in_chinese()
    {
        var a = InExpertReview();
        foreach (var e in new[] { ExpertA, ExpertB, ExpertC }) a.Score(e, Now, Scores(true, true), Open);
        a.Conclude(Office, Now, Open);
        // Now is 2025年3月1日 10:00 in China: the period may end from 3月2日 to 3月31日.
        foreach (var end in new DateOnly[] { new(2099, 12, 31), new(2025, 4, 1), new(2025, 3, 1) })
        {
            var refused = Should.Throw<ApplicationRuleException>(() => a.Decide(Office, Now, Decision.Recognize, "运专领发〔2025〕3号", null, end, Eligible));
            refused.Message.ShouldBe("公示截止日期应在 2025年3月2日 至 2025年3月31日 之间（晚于今天，公示期不超过 30 天）");
            refused.Field.ShouldBe(nameof(RecognitionApplication.PublicityEndsOn));
            (a.State, a.Decision, a.PublicityEndsOn).ShouldBe((ApplicationState.AwaitingDecision, null, null));
        }
        RecognitionApplication.PublicityWindow(new DateTime(2025, 3, 1, 17, 0, 0, DateTimeKind.Utc)).ShouldBe((new DateOnly(2025, 3, 3), new DateOnly(2025, 4, 1)),
            "01:00 on 3月2日 in China is already 3月2日 there");

        a.Decide(Office, Now, Decision.Recognize, "运专领发〔2025〕3号", null, new DateOnly(2025, 3, 31), Eligible);
        a.Events[^1].Reason.ShouldBe("运专领发〔2025〕3号；公示至 2025年3月31日");
    }
    [Fact]
    public void An_expert_always_gives_an_overall_opinion_also_when_the_figures_settle_every_condition()
    {
        var a = InExpertReview();
        var none = new Dictionary<string, (bool, string)>();
        Should.Throw<ApplicationRuleException>(() => a.Score(ExpertA, Now, none, [])).Message.ShouldContain("建议认定");
        Should.Throw<ApplicationRuleException>(() => a.Score(ExpertA, Now, new Dictionary<string, (bool, string)> { [ExpertScore.Overall] = (true, " ") }, []))
            .Message.ShouldContain("请填写总体评审意见");
        a.Scores.ShouldBeEmpty("nothing is saved without the overall opinion");

        a.Score(ExpertA, Now, new Dictionary<string, (bool, string)> { [ExpertScore.Overall] = (false, "产值数据与统计不符，不建议认定") }, []);
        var opinion = a.Scores.ShouldHaveSingleItem();
        (opinion.CriterionKey, opinion.Met, opinion.Comment).ShouldBe((ExpertScore.Overall, false, "产值数据与统计不符，不建议认定"));
        a.Events.Last().Reason.ShouldBe("0 项条件；不建议认定");
        a.Conclude(Office, Now, []);
        a.Events.Last().Reason.ShouldBe("总体意见：建议认定 0 人，不建议认定 1 人");
    }
}
