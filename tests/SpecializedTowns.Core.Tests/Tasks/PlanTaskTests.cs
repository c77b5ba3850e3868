using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Units;

namespace SpecializedTowns.Core.Tests.Tasks;

public class PlanTaskTests
{
    private static readonly TaskActor Office = new(1, "yuanqu-office", "县工科局", TaskRole.Manager);
    private static readonly TaskActor Lead = new(2, "yuanqu-member", "县农业农村局", TaskRole.Lead);
    private static readonly TaskActor Helper = new(3, "helper", "县文旅局", TaskRole.Cooperating);
    private static readonly TaskActor Reader = new(4, "leader", null, TaskRole.Reader);
    private static readonly DateTime Now = new(2024, 9, 16, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2024, 9, 16);

    private static PlanTask Task() => new()
    {
        Id = 7, Title = "实施专业镇市场主体倍增行动", Deadline = new DateOnly(2024, 12, 31), OriginalDeadline = new DateOnly(2024, 12, 31),
        Milestones =
        [
            new Milestone { Id = 1, Title = "摸清底数", Deadline = new DateOnly(2024, 3, 31), OriginalDeadline = new DateOnly(2024, 3, 31), Progress = 100, DoneOn = new DateOnly(2024, 3, 25) },
            new Milestone { Id = 2, Title = "新增经营主体 30 家", Deadline = new DateOnly(2024, 9, 30), OriginalDeadline = new DateOnly(2024, 9, 30), Progress = 40 },
        ],
    };

    [Fact]
    public void The_lead_unit_finishes_a_milestone_and_the_task_moves_with_it()
    {
        var task = Task();
        task.Progress.ShouldBe(70m);
        task.ReportProgress(Lead, Now, Today, new ProgressReport(2, null, true, null, "已新增 31 家"));
        task.Milestones[1].Progress.ShouldBe(100);
        task.Milestones[1].DoneOn.ShouldBe(Today);
        task.Progress.ShouldBe(100m);
        task.IsDone.ShouldBeTrue("the last milestone done finishes the task");
        task.Notes.Single().Text.ShouldBe("里程碑“新增经营主体 30 家”进度 40% → 100%，已完成；已新增 31 家");
        task.Notes.Single().UnitName.ShouldBe("县农业农村局");

        // Taking it back below 100 reopens milestone and task, with its reason.
        task.ReportProgress(Lead, Now, Today, new ProgressReport(2, 90, null, null, "有一家未通过核验"));
        task.Milestones[1].IsDone.ShouldBeFalse();
        task.IsDone.ShouldBeFalse();
    }

    [Fact]
    public void Progress_must_lie_between_0_and_100_and_nothing_is_half_written()
    {
        var task = Task();
        var ex = Should.Throw<TaskRuleException>(() => task.ReportProgress(Lead, Now, Today, new ProgressReport(2, 120, null, 5, "x")));
        ex.Errors.Keys.ShouldContain("progress");
        ex.Errors.Keys.ShouldContain("currentValue", "no target set: no figure to report");
        task.Milestones[1].Progress.ShouldBe(40);
        task.Notes.ShouldBeEmpty();
        Should.Throw<TaskRuleException>(() => task.ReportProgress(Lead, Now, Today, new ProgressReport(null, 50, null, null, null)))
            .Errors.Keys.ShouldBe(["milestoneId"]);
        Should.Throw<TaskRuleException>(() => task.ReportProgress(Lead, Now, Today, new ProgressReport(2, 100, false, null, null)))
            .Errors.Keys.ShouldBe(["progress"]);
        Should.Throw<TaskRuleException>(() => task.ReportProgress(Lead, Now, Today, new ProgressReport(null, null, null, null, " ")))
            .Message.ShouldContain("请填写");
    }

    [Fact]
    public void A_task_without_milestones_takes_progress_itself()
    {
        var task = new PlanTask { Deadline = new DateOnly(2024, 12, 31) };
        task.ReportProgress(Lead, Now, Today, new ProgressReport(null, 65, null, null, null));
        (task.Progress, task.IsDone).ShouldBe((65m, false));
        task.ReportProgress(Lead, Now, Today, new ProgressReport(null, 100, null, null, null));
        task.IsDone.ShouldBeTrue();
    }

    [Fact]
    public void A_task_with_a_target_and_no_milestones_is_as_far_as_its_figure()
    {
        var task = new PlanTask { Deadline = new DateOnly(2024, 12, 31), TargetValue = 80, TargetUnit = "户" };
        // 40 of 80 户 is 50%, whatever else is typed beside it.
        task.ReportProgress(Lead, Now, Today, new ProgressReport(null, null, null, 40, null));
        (task.Progress, task.CurrentValue, task.IsDone).ShouldBe((50m, 40m, false));
        Should.Throw<TaskRuleException>(() => task.ReportProgress(Lead, Now, Today, new ProgressReport(null, 20, null, 40, null)))
            .Errors["progress"].ShouldBe("进度应与完成值一致：完成 40户，目标 80户，即 50%（可不填进度，由完成值计算）");
        Should.Throw<TaskRuleException>(() => task.ReportProgress(Lead, Now, Today, new ProgressReport(null, 70, null, null, null)))
            .Errors["currentValue"].ShouldContain("进度按完成值计算，请填写完成值");
        Should.Throw<TaskRuleException>(() => task.ReportProgress(Lead, Now, Today, new ProgressReport(null, null, true, 60, null)))
            .Errors["currentValue"].ShouldContain("未达到目标 80户，不能记为已完成");
        (task.Progress, task.CurrentValue).ShouldBe((50m, 40m));
        task.ReportProgress(Lead, Now, Today, new ProgressReport(null, null, null, 81, "超额完成"));
        (task.Progress, task.IsDone).ShouldBe((100m, true));
    }

    [Fact]
    public void A_figure_far_beyond_the_target_is_refused_and_one_past_it_beside_unfinished_progress_is_warned()
    {
        // qa105 3: 99,999,999,999户 against a target of 200户 was saved.
        var task = Task();
        task.TargetValue = 200;
        task.TargetUnit = "户";
        var refused = Should.Throw<TaskRuleException>(() => task.ReportProgress(Lead, Now, Today, new ProgressReport(2, 45, null, 99_999_999_999m, null)));
        refused.Errors["currentValue"].ShouldBe("完成值 99,999,999,999户 超过目标 200户 的 100 倍，请核对是否多输了位数或单位不同；如目标确已调整，请先由领导小组办公室修改目标值");
        (task.CurrentValue, task.Milestones[1].Progress).ShouldBe((null, 40), "nothing is half written");
        task.Notes.ShouldBeEmpty();
        // The office's own edit is held to the same bound.
        task.EditProblems(new TaskEdit(task.Title, null, "垣政办发〔2023〕19号 五（二）", "", 200, "户", 20001, 1, task.Deadline))["currentValue"].ShouldContain("超过目标 200户 的 100 倍");
        task.EditProblems(new TaskEdit(task.Title, null, "垣政办发〔2023〕19号 五（二）", "", 200, "户", 20000, 1, task.Deadline)).ShouldNotContainKey("currentValue");

        // Exactly 100 times is allowed; past the target with the milestones at 72% is a warning beside the figure.
        task.ValueWarning.ShouldBeNull();
        task.ReportProgress(Lead, Now, Today, new ProgressReport(2, 45, null, 240, null));
        task.CurrentValue.ShouldBe(240m);
        task.ValueWarning.ShouldBe("完成值 240户 已达到目标 200户，但任务进度为 72%，尚未完成：请核对完成值，或更新里程碑进度");
        task.ReportProgress(Lead, Now, Today, new ProgressReport(2, null, true, null, null));
        task.ValueWarning.ShouldBeNull("done: the figure and the progress agree");
    }

    [Fact]
    public void Progress_that_goes_back_needs_its_reason_and_the_note_says_it_went_back()
    {
        var task = Task();
        task.TargetValue = 80;
        task.TargetUnit = "户";
        task.CurrentValue = 52;
        var ex = Should.Throw<TaskRuleException>(() => task.ReportProgress(Lead, Now, Today, new ProgressReport(2, 20, null, 40, null)));
        ex.Errors["note"].ShouldBe("进度由 40% 降为 20%，完成值由 52 降为 40户：进度回退须在进展说明中写明原因（如前次填报有误），保存后记入进展记录");
        (task.Milestones[1].Progress, task.CurrentValue).ShouldBe((40, 52m));
        task.Notes.ShouldBeEmpty();
        // A figure alone going back needs it too.
        Should.Throw<TaskRuleException>(() => task.ReportProgress(Lead, Now, Today, new ProgressReport(2, null, null, 50, " ")))
            .Errors.Keys.ShouldBe(["note"]);

        task.ReportProgress(Lead, Now, Today, new ProgressReport(2, 20, null, 40, "前次把意向户数计入，更正"));
        (task.Milestones[1].Progress, task.CurrentValue).ShouldBe((20, 40m));
        task.Notes.Single().Text.ShouldBe("里程碑“新增经营主体 30 家”进度 40% → 20%（回退）；完成值 52 → 40户（回退）；回退原因：前次把意向户数计入，更正");

        // Forward needs no reason.
        task.ReportProgress(Lead, Now, Today, new ProgressReport(2, 30, null, 45, null));
        task.Notes.Last().Text.ShouldBe("里程碑“新增经营主体 30 家”进度 20% → 30%；完成值 40 → 45户");
    }

    [Fact]
    public void A_cooperating_unit_writes_notes_but_not_figures_and_a_reader_neither()
    {
        var task = Task();
        Should.Throw<TaskForbiddenException>(() => task.ReportProgress(Helper, Now, Today, new ProgressReport(2, 60, null, null, null)))
            .Message.ShouldContain("由牵头单位填报");
        task.AddNote(Helper, Now, "配合开展文旅主体摸底");
        task.Notes.Single().UnitName.ShouldBe("县文旅局");
        Should.Throw<TaskForbiddenException>(() => task.AddNote(Reader, Now, "x"));
        Should.Throw<TaskRuleException>(() => task.AddNote(Lead, Now, "")).Errors.Keys.ShouldBe(["note"]);
    }

    [Fact]
    public void An_approved_extension_moves_the_deadline_and_keeps_the_old_one()
    {
        var task = Task();
        var request = task.RequestExtension(Lead, Now, Today, 2, new DateOnly(2024, 11, 30), "受企业注册审批进度影响");
        request.Id = 5;
        (request.State, request.PreviousDeadline).ShouldBe((ExtensionState.Pending, new DateOnly(2024, 9, 30)));
        task.Milestones[1].Deadline.ShouldBe(new DateOnly(2024, 9, 30), "nothing moves before the office decides");

        task.DecideExtension(Office, Now.AddDays(1), Today, 5, approve: true, "同意");
        task.Milestones[1].Deadline.ShouldBe(new DateOnly(2024, 11, 30));
        task.Milestones[1].OriginalDeadline.ShouldBe(new DateOnly(2024, 9, 30));
        (request.State, request.DecidedBy, request.DecisionNote).ShouldBe((ExtensionState.Approved, "yuanqu-office", "同意"));
        task.Notes.Select(n => n.Text).ShouldBe([
            "申请里程碑“新增经营主体 30 家”延期：2024年9月30日 → 2024年11月30日；理由：受企业注册审批进度影响",
            "批准里程碑“新增经营主体 30 家”延期申请（2024年9月30日 → 2024年11月30日）：同意",
        ]);
    }

    [Fact]
    public void A_request_left_waiting_past_the_date_it_asked_for_is_not_approved()
    {
        var task = Task();
        var request = task.RequestExtension(Lead, Now, Today, 2, new DateOnly(2024, 10, 15), "受企业注册审批进度影响");
        request.Id = 6;
        var later = new DateOnly(2026, 12, 7);
        var refused = Should.Throw<TaskRuleException>(() => task.DecideExtension(Office, Now.AddYears(2), later, 6, approve: true, "同意"));
        refused.Message.ShouldBe("申请延至的 2024年10月15日 已早于今天（2026年12月7日），批准后仍然逾期，不能批准；请驳回并说明，由牵头单位按实际重新申请");
        (request.State, task.Milestones[1].Deadline, task.Notes.Count).ShouldBe((ExtensionState.Pending, new DateOnly(2024, 9, 30), 1));
        task.DecideExtension(Office, Now.AddYears(2), new DateOnly(2024, 10, 15), 6, approve: true, null);
        task.Milestones[1].Deadline.ShouldBe(new DateOnly(2024, 10, 15), "the day asked for itself is still in time");
    }

    [Fact]
    public void Only_a_pending_request_can_be_decided_and_only_by_the_office()
    {
        var task = Task();
        var request = task.RequestExtension(Lead, Now, Today, null, new DateOnly(2025, 3, 31), "跨年度项目");
        request.Id = 9;
        Should.Throw<TaskForbiddenException>(() => task.DecideExtension(Lead, Now, Today, 9, true, null));
        Should.Throw<TaskRuleException>(() => task.DecideExtension(Office, Now, Today, 9, approve: false, " "))
            .Errors.Keys.ShouldBe(["note"], "a rejection says why");
        task.DecideExtension(Office, Now, Today, 9, approve: false, "年度任务须年内完成");
        task.Deadline.ShouldBe(new DateOnly(2024, 12, 31));
        var again = Should.Throw<TaskRuleException>(() => task.DecideExtension(Office, Now, Today, 9, true, null));
        again.IsInvalidInput.ShouldBeFalse();
        again.Message.ShouldContain("已驳回，不能再次审批");
    }

    [Fact]
    public void Work_overdue_for_years_can_still_be_extended_up_to_two_years_from_today()
    {
        // The task's deadline passed more than two years ago: counted from it, no date after today would be allowed.
        var task = Task();
        var later = new DateOnly(2027, 3, 1);
        task.RequestExtension(Lead, Now, later, null, later.AddMonths(6), "企业搬迁后恢复推进").RequestedDeadline.ShouldBe(later.AddMonths(6));
        Should.Throw<TaskRuleException>(() => Task().RequestExtension(Lead, Now, later, null, later.AddYears(2).AddDays(1), "x"))
            .Errors["newDeadline"].ShouldBe("已逾期的任务一次最多延至今天起 2 年内");
        // Not yet due: two years from the deadline, as before.
        Should.Throw<TaskRuleException>(() => Task().RequestExtension(Lead, Now, Today, null, new DateOnly(2027, 1, 1), "x"))
            .Errors["newDeadline"].ShouldBe("一次延期不能超过 2 年");
    }

    [Fact]
    public void A_request_needs_a_reason_a_later_date_and_no_other_pending_request()
    {
        var task = Task();
        var ex = Should.Throw<TaskRuleException>(() => task.RequestExtension(Lead, Now, Today, 2, new DateOnly(2024, 9, 1), ""));
        ex.Errors.Keys.ShouldBe(["reason", "newDeadline"], ignoreOrder: true);
        Should.Throw<TaskRuleException>(() => task.RequestExtension(Lead, Now, Today, 2, new DateOnly(2025, 1, 31), "x"))
            .Errors["newDeadline"].ShouldContain("请先申请任务延期");
        Should.Throw<TaskRuleException>(() => task.RequestExtension(Lead, Now, Today, 1, new DateOnly(2024, 10, 31), "x"))
            .Errors["milestoneId"].ShouldContain("已完成");
        Should.Throw<TaskForbiddenException>(() => task.RequestExtension(Helper, Now, Today, 2, new DateOnly(2024, 10, 31), "x"));
        Should.Throw<TaskForbiddenException>(() => task.RequestExtension(Office, Now, Today, 2, new DateOnly(2024, 10, 31), "x"));
        task.Extensions.ShouldBeEmpty();

        task.RequestExtension(Lead, Now, Today, 2, new DateOnly(2024, 10, 31), "原因一");
        Should.Throw<TaskRuleException>(() => task.RequestExtension(Lead, Now, Today, 2, new DateOnly(2024, 11, 30), "原因二"))
            .Message.ShouldContain("待审批");
        task.RequestExtension(Lead, Now, Today, null, new DateOnly(2025, 1, 31), "任务本身可另行申请");
        task.Extensions.Count.ShouldBe(2);
    }

    [Fact]
    public void Milestones_stay_within_the_task_and_the_office_alone_edits_the_task()
    {
        var task = Task();
        Should.Throw<TaskRuleException>(() => task.AddMilestone(Lead, Now, Today, "年底验收", new DateOnly(2025, 1, 15), 1))
            .Errors.Keys.ShouldBe(["deadline"]);
        task.AddMilestone(Lead, Now, Today, "年底验收", new DateOnly(2024, 12, 20), 2);
        task.Milestones.Count.ShouldBe(3);
        Should.Throw<TaskForbiddenException>(() => task.Edit(Lead, Now, new TaskEdit("x", null, "s", null, null, null, null, 1, new DateOnly(2024, 12, 31))));
        Should.Throw<TaskRuleException>(() => task.Edit(Office, Now, new TaskEdit("x", null, "s", null, 10, null, null, 1, new DateOnly(2024, 12, 1))))
            .Errors.Keys.ShouldBe(["targetUnit", "deadline"], ignoreOrder: true);
        Should.Throw<TaskRuleException>(() => task.RemoveMilestone(Office, Now, Today, 2)).Message.ShouldContain("不能删除");
        task.RemoveMilestone(Office, Now, Today, task.Milestones[2].Id);
    }

    [Fact]
    public void A_form_saved_as_it_was_loaded_writes_no_note_and_keeps_the_units_rows()
    {
        // A note or a replaced unit row is a change the history files under the task, and moves its edit version on
        // (EditConflicts.MoveVersionsOn): saving the form unchanged must make neither.
        var task = Task();
        task.Source = "垣政办发〔2023〕19号 四（一）";
        var (lead, helper) = (new Unit { Id = 5, Name = "县农业农村局" }, new Unit { Id = 6, Name = "县文旅局" });
        task.SetUnits(Office, Now, [lead], [helper]);
        task.Notes.Count.ShouldBe(1);
        var rows = task.Units.ToList();

        var same = new TaskEdit(task.Title, task.Number, task.Source, task.Measures, task.TargetValue, task.TargetUnit, task.CurrentValue, task.Weight, task.Deadline);
        task.Edit(Office, Now, same);
        task.SetUnits(Office, Now, [lead], [helper]);
        var other = new Unit { Id = 4, Name = "县工科局" };
        task.SetUnits(Office, Now, [lead], [helper, other]);
        rows = task.Units.ToList();
        task.Notes.Count.ShouldBe(2);
        // The form lists the units in its own order, not the order they were named in.
        task.SetUnits(Office, Now, [lead], [other, helper]);
        task.Notes.Count.ShouldBe(2, "nothing changed: no note");
        task.Units.ShouldBe(rows, "the same rows, not removed and added again");

        task.Edit(Office, Now, same with { Title = "实施专业镇市场主体倍增行动（调整）" });
        task.SetUnits(Office, Now, [helper], [lead]);
        task.Notes.Count.ShouldBe(4);
        task.Units.Select(u => (u.UnitId, u.Role)).ShouldBe([(6, UnitRole.Lead), (5, UnitRole.Cooperating)]);
    }

    [Fact]
    public void A_plan_from_a_pack_groups_its_tasks_and_leaves_out_collective_names()
    {
        var pack = new PolicyPack
        {
            Id = "test-pack",
            KeyTasks =
            [
                new KeyTask { Number = "1.", Group = "（一）甲", Title = "任务一", Summary = "措施一", LeadUnits = ["县工科局"], CooperatingUnits = ["县发改局", "各镇人民政府", "县工科局"], Source = "文号 三（一）1" },
                new KeyTask { Number = "2.", Group = "（一）甲", Title = "任务二", LeadUnits = ["县发改局"], Source = "文号 三（一）2" },
                new KeyTask { Number = "3.", Group = "（二）乙", Title = "任务三", LeadUnits = ["未登记的单位"], Source = "文号 三（二）3" },
            ],
        };
        var units = new Dictionary<string, Unit> { ["县工科局"] = new() { Id = 1, Name = "县工科局" }, ["县发改局"] = new() { Id = 2, Name = "县发改局" } };
        var plan = ActionPlan.FromPack(pack, 2024, new DateOnly(2024, 12, 31), n => units.GetValueOrDefault(n));
        plan.Groups.Select(g => g.Title).ShouldBe(["（一）甲", "（二）乙"]);
        var first = plan.Groups[0].Tasks[0];
        (first.Number, first.Title, first.Source, first.Measures, first.Deadline).ShouldBe(("1.", "任务一", "文号 三（一）1", "措施一", new DateOnly(2024, 12, 31)));
        first.LeadUnits.Select(u => u.Unit!.Name).ShouldBe(["县工科局"]);
        first.CooperatingUnits.Select(u => u.Unit!.Name).ShouldBe(["县发改局"], "各镇人民政府 is many units; 县工科局 already leads");
        plan.Groups[1].Tasks[0].Units.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("各乡（镇）人民政府", true)]
    [InlineData("各乡(镇)人民政府", true)]
    [InlineData("各镇人民政府", true)]
    [InlineData("各乡镇", true)]
    [InlineData("各镇[街道]", true)]
    [InlineData("各县〈区〉政府", false)]
    [InlineData("各县〔市、区〕人民政府", false)]
    [InlineData("县直各有关单位", false)]
    [InlineData("历山镇", false)]
    public void Every_township_is_told_from_other_collective_names(string name, bool every) =>
        UnitNames.IsEveryTownship(name).ShouldBe(every);

    [Fact]
    public void A_task_given_to_every_township_names_each_township_as_the_text_does()
    {
        // 垣政办发〔2023〕19号 四（一）: "……等部门和垣曲开发区、各乡(镇)人民政府按职责分工负责".
        var pack = new PolicyPack
        {
            Id = "test-pack",
            KeyTasks =
            [
                new KeyTask { Number = "(一)", Title = "任务一", LeadUnits = ["县工科局"], CooperatingUnits = ["县发改局", "各乡(镇)人民政府"], Source = "文号 四（一）" },
                new KeyTask { Number = "（十）", Title = "任务十", LeadUnits = ["历山镇"], CooperatingUnits = ["各乡（镇）人民政府", "各县〈区〉政府"], Source = "文号 四（十）" },
            ],
        };
        var units = new Dictionary<string, Unit> { ["县工科局"] = new() { Id = 1, Name = "县工科局" }, ["县发改局"] = new() { Id = 2, Name = "县发改局" } };
        var lishan = new Unit { Id = 10, Name = "历山镇" };
        Unit[] townships = [new() { Id = 9, Name = "皋落乡" }, lishan];
        units["历山镇"] = lishan;
        var plan = ActionPlan.FromPack(pack, 2024, new DateOnly(2024, 12, 31), n => units.GetValueOrDefault(n), townships);
        var first = plan.Groups[0].Tasks[0];
        first.CooperatingUnits.Select(u => u.Unit!.Name).ShouldBe(["县发改局", "皋落乡", "历山镇"]);
        var tenth = plan.Groups[0].Tasks[1];
        tenth.LeadUnits.Select(u => u.Unit!.Name).ShouldBe(["历山镇"]);
        tenth.CooperatingUnits.Select(u => u.Unit!.Name).ShouldBe(["皋落乡"], "历山镇 leads already; 各县〈区〉政府 are not this county's units");
    }
}
