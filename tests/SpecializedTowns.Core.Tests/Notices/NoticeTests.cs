using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Notices;

namespace SpecializedTowns.Core.Tests.Notices;

public class NoticeTests
{
    private static readonly NoticeActor Office = new(20, "垣曲县专业镇发展领导小组办公室", Roles.Office, IsRecipient: false, ActsForRecipient: true, Oversees: true);
    private static readonly NoticeActor Township = new(10, "历山镇专业镇专干", Roles.Township, IsRecipient: true, ActsForRecipient: false, Oversees: false);
    private static readonly NoticeActor CountyBelow = new(30, "垣曲县专业镇办", Roles.Office, IsRecipient: false, ActsForRecipient: true, Oversees: false);
    private static readonly NoticeActor Leader = new(40, "运城市分管领导", Roles.Leader, false, false, false);

    // 2025-03-01 10:00 in China.
    private static readonly DateTime Issued = new(2025, 3, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Deadline = new(2025, 3, 31);

    private static DateTime Day(DateOnly day) => day.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);

    private static Notice Issue(params string[] findings) =>
        Notice.Issue(Office, Issued, 1, "垣曲县专业镇发展领导小组办公室", new NoticeNumber("垣专办督", 2025, 3),
            new NoticeContent(RecipientKind.Town, 5, "历山镇蜂蜜专业镇", "历山镇人民政府", 100, "历山镇蜂蜜专业镇建设工作", "2024年度专业镇发展评估结果", 7,
                (findings.Length == 0 ? ["重点项目开工率为 40%", "月报未按时报送"] : findings).Select(f => new NoticeFinding(f, "2024年度评估")).ToList(),
                new DateOnly(2025, 3, 1), Deadline, "李明", "0359-6022135", ["县人民政府办公室"]),
            "yuanqu-2023-19", "将依照垣政办发〔2023〕19号进行通报批评和约谈");

    [Fact]
    public void The_number_is_written_as_official_documents_write_it_and_the_prefix_follows_the_place()
    {
        new NoticeNumber("垣专办督", 2025, 3).ToString().ShouldBe("垣专办督〔2025〕3号");
        NoticeRules.DefaultPrefix("垣").ShouldBe("垣专办督");
        NoticeRules.ShortName("山西省").ShouldBe("晋");
        NoticeRules.ShortName("阳泉市").ShouldBe("阳");
        NoticeRules.CheckPrefix("垣专办督").ShouldBeNull();
        NoticeRules.CheckPrefix("垣专办督〔").ShouldNotBeNull().ShouldContain("〔〕");
        NoticeRules.CheckPrefix(" ").ShouldBe("发文字号前缀不能为空");
    }

    [Fact]
    public void The_deadline_must_fall_after_the_issue_date_and_within_a_year()
    {
        var on = new DateOnly(2025, 3, 5);
        NoticeRules.CheckDeadline(on, null).ShouldBe("请填写整改期限");
        NoticeRules.CheckDeadline(on, on).ShouldBe("整改期限须晚于发文日期（2025年3月5日）");
        NoticeRules.CheckDeadline(on, on.AddDays(-3)).ShouldBe("整改期限须晚于发文日期（2025年3月5日）");
        NoticeRules.CheckDeadline(on, on.AddDays(1)).ShouldBeNull();
        NoticeRules.CheckDeadline(on, new DateOnly(2026, 3, 5)).ShouldBeNull();
        NoticeRules.CheckDeadline(on, new DateOnly(2026, 3, 6)).ShouldBe("整改期限不能超过发文日期后 1 年（最晚 2026年3月5日）");
    }

    [Fact]
    public void Every_wrong_field_is_named_at_once_in_chinese()
    {
        var errors = NoticeRules.Check("", "历山镇人民政府", " ", -1,
            [new NoticeFinding("开工率低", ""), new NoticeFinding(new string('问', 501), "评估")],
            new DateOnly(2025, 3, 5), new DateOnly(2025, 3, 5), "李明", "打电话", ["县政府办", "县政府办"]);
        errors.ShouldBe(new Dictionary<string, string>
        {
            ["Subject"] = "请填写督办事项（通知书标题“关于……的督办通知书”中的内容）",
            ["Basis"] = "请填写督办依据，如：2025年度专业镇发展评估结果",
            ["EvaluationId"] = "年度评估编号应为正整数",
            ["Findings[0].Source"] = "请注明第 1 个问题的来源（如：2025年度评估·项目开工率）",
            ["Findings[1].Text"] = "第 2 个问题不超过 500 字（现为 501 字）",
            ["Deadline"] = "整改期限须晚于发文日期（2025年3月5日）",
            ["ContactPhone"] = "联系电话“打电话”格式不对，如 0359-6021234 或 13812345678",
            ["CopyTo"] = "抄送机关有重复",
        }, ignoreOrder: true);
        NoticeRules.Check("事项", "主送", "依据", null, [], new DateOnly(2025, 3, 5), new DateOnly(2025, 4, 5), "李明", "13812345678", [])
            .ShouldBe(new Dictionary<string, string> { ["Findings"] = "请至少列出一个存在的问题" });
    }

    [Fact]
    public void Rectification_is_recorded_submitted_returned_resubmitted_and_accepted_until_the_notice_is_rectified()
    {
        var n = Issue();
        n.Status(new DateOnly(2025, 3, 2)).ShouldBe(NoticeStatus.Issued);
        n.StepsFor(Township, new DateOnly(2025, 3, 2)).ShouldBe([NoticeStep.Record]);
        n.StepsFor(Leader, new DateOnly(2025, 3, 2)).ShouldBeEmpty();
        Should.Throw<NoticeRuleException>(() => n.Submit(Township, Day(new(2025, 3, 2)))).Message.ShouldBe("没有已填报待报送的整改事项，请先逐项填报整改情况");
        Should.Throw<NoticeRuleException>(() => n.RecordRectification(Township, Issued, 1, " ", "照片")).Field.ShouldBe("measures");
        Should.Throw<NoticeRuleException>(() => n.RecordRectification(Township, Issued, 1, "已开工", null)).Message.ShouldBe("请说明佐证材料，或上传佐证文件");
        Should.Throw<NoticeRuleException>(() => n.RecordRectification(Leader, Issued, 1, "已开工", "照片")).Message.ShouldContain("只有整改对象");
        Should.Throw<NoticeRuleException>(() => n.RecordRectification(Township, Issued, 9, "已开工", "照片")).Message.ShouldBe("督办通知书没有第 9 项问题");

        n.RecordRectification(Township, Day(new(2025, 3, 10)), 1, "两个项目已开工", null, files: 1);
        n.RecordRectification(Township, Day(new(2025, 3, 10)), 2, "已补报月报", "报送回执");
        n.StepsFor(Township, new DateOnly(2025, 3, 10)).ShouldBe([NoticeStep.Record, NoticeStep.Submit], "a drafted item may still be changed");
        n.Submit(Township, Day(new(2025, 3, 11))).ShouldBe(2);
        n.Items.ShouldAllBe(i => i.State == ItemState.Submitted && i.SubmittedOn == new DateOnly(2025, 3, 11));
        Should.Throw<NoticeRuleException>(() => n.RecordRectification(Township, Day(new(2025, 3, 12)), 1, "改", "改")).Message.ShouldBe("第 1 项当前为“待核验”，不能再填报");
        Should.Throw<NoticeRuleException>(() => n.Verify(Township, Day(new(2025, 3, 12)), 1, true, null)).Message.ShouldContain("只有下发通知书的领导小组办公室");
        Should.Throw<NoticeRuleException>(() => n.Verify(CountyBelow, Day(new(2025, 3, 12)), 1, true, null)).Message.ShouldContain("只有下发通知书的领导小组办公室");
        n.StepsFor(Office, new DateOnly(2025, 3, 12)).ShouldBe([NoticeStep.Verify]);

        n.Verify(Office, Day(new(2025, 3, 12)), 1, accept: true, null);
        Should.Throw<NoticeRuleException>(() => n.Verify(Office, Day(new(2025, 3, 12)), 2, accept: false, "  ")).Field.ShouldBe("reason");
        n.Verify(Office, Day(new(2025, 3, 12)), 2, accept: false, "未附报送记录");
        (n.Item(2).State, n.Item(2).ReturnReason, n.State).ShouldBe((ItemState.Returned, "未附报送记录", NoticeState.Issued));

        n.RecordRectification(Township, Day(new(2025, 3, 20)), 2, "已补报月报并附报送记录", "报送记录截图");
        n.Submit(Township, Day(new(2025, 3, 21)));
        n.Verify(Office, Day(new(2025, 3, 22)), 2, accept: true, "可以");
        n.State.ShouldBe(NoticeState.Rectified);
        n.Status(new DateOnly(2025, 4, 30)).ShouldBe(NoticeStatus.Rectified);
        n.RectifiedLate(new DateOnly(2025, 4, 30)).ShouldBeFalse();
        n.Events.Select(e => (e.Action, e.ItemPosition)).ShouldBe([
            ("下发督办通知书", null), ("填报整改情况", 1), ("填报整改情况", 2), ("报送整改情况", null), ("核验通过", 1), ("退回重新整改", 2),
            ("填报整改情况", 2), ("报送整改情况", null), ("核验通过", 2), ("全部整改通过，已整改", null)]);
        n.Version.ShouldBe(n.Events.Count);
        Should.Throw<NoticeRuleException>(() => n.RecordActions(Office, Day(new(2025, 4, 30)), [new ActionInput(NoticeActionKind.PublicCriticism, new(2025, 4, 30), null, null)]))
            .Message.ShouldBe("各项整改均已按期报送，没有逾期，不需处理");
    }

    [Fact]
    public void A_missed_deadline_is_an_item_not_reported_in_time_not_the_office_verifying_late()
    {
        var n = Issue();
        n.RecordRectification(Township, Day(new(2025, 3, 30)), 1, "已开工", "照片");
        n.Submit(Township, Day(new(2025, 3, 31)));
        // Item 1 went in on the last day and waits for the office; item 2 was never reported.
        n.MissedDeadline(Deadline).ShouldBeFalse("not before the day after the deadline");
        n.MissedDeadline(Deadline.AddDays(1)).ShouldBeTrue();
        n.Item(1).MetDeadline(Deadline).ShouldBeTrue();
        n.Item(2).MetDeadline(Deadline).ShouldBeFalse();
        n.Status(Deadline.AddDays(1)).ShouldBe(NoticeStatus.Overdue);
        n.StepsFor(Office, Deadline.AddDays(1)).ShouldBe([NoticeStep.Record, NoticeStep.Verify, NoticeStep.RecordAction]);

        // Reported late and accepted: rectified, but late, so the office may still record what it did.
        n.RecordRectification(Township, Day(Deadline.AddDays(3)), 2, "已补报", "回执");
        n.Submit(Township, Day(Deadline.AddDays(3)));
        n.Verify(Office, Day(Deadline.AddDays(4)), 1, true, null);
        n.Verify(Office, Day(Deadline.AddDays(4)), 2, true, null);
        n.Status(Deadline.AddDays(5)).ShouldBe(NoticeStatus.Rectified);
        n.RectifiedLate(Deadline.AddDays(5)).ShouldBeTrue();
        n.StepsFor(Office, Deadline.AddDays(5)).ShouldBe([NoticeStep.RecordAction]);

        // Every item in on time, waiting for the office after the deadline: not overdue.
        var onTime = Issue("一项问题");
        onTime.RecordRectification(Township, Day(new(2025, 3, 20)), 1, "已整改", "照片");
        onTime.Submit(Township, Day(new(2025, 3, 20)));
        onTime.Status(Deadline.AddDays(10)).ShouldBe(NoticeStatus.Issued);
        // Returned after the deadline: the item is no longer in on time.
        onTime.Verify(Office, Day(Deadline.AddDays(10)), 1, false, "佐证不足");
        onTime.Status(Deadline.AddDays(10)).ShouldBe(NoticeStatus.Overdue);
    }

    [Fact]
    public void After_a_missed_deadline_the_office_records_what_it_did_and_the_notice_is_handled()
    {
        var n = Issue();
        var after = Day(Deadline.AddDays(5));
        Should.Throw<NoticeRuleException>(() => n.RecordActions(Office, Day(Deadline), [new ActionInput(NoticeActionKind.Interview, Deadline, null, null)]))
            .Message.ShouldBe("整改期限（2025年3月31日）未到，不能记录逾期处理");
        Should.Throw<NoticeRuleException>(() => n.RecordActions(CountyBelow, after, [new ActionInput(NoticeActionKind.Interview, Deadline, null, null)]))
            .Message.ShouldContain("只有下发通知书的领导小组办公室");
        Should.Throw<NoticeRuleException>(() => n.RecordActions(Office, after, [])).Field.ShouldBe("actions");
        Should.Throw<NoticeRuleException>(() => n.RecordActions(Office, after, [new ActionInput(NoticeActionKind.Interview, Deadline, null, null), new ActionInput(NoticeActionKind.Interview, Deadline, null, null)]))
            .Message.ShouldBe("同一种处理只记录一次");
        Should.Throw<NoticeRuleException>(() => n.RecordActions(Office, after, [new ActionInput(NoticeActionKind.Other, Deadline, null, null)]))
            .Message.ShouldBe("“其他”处理请写明做了什么");
        Should.Throw<NoticeRuleException>(() => n.RecordActions(Office, after, [new ActionInput(NoticeActionKind.Interview, Deadline.AddDays(6), null, null)]))
            .Message.ShouldBe("约谈的日期不能晚于今天：这里记录已经做了的处理");
        Should.Throw<NoticeRuleException>(() => n.RecordActions(Office, after, [new ActionInput(NoticeActionKind.PublicCriticism, new DateOnly(2025, 2, 1), null, null)]))
            .Message.ShouldBe("通报批评的日期不能早于发文日期（2025年3月1日）");

        n.RecordActions(Office, after, [
            new ActionInput(NoticeActionKind.PublicCriticism, Deadline.AddDays(5), "垣专办通〔2025〕2号", null),
            new ActionInput(NoticeActionKind.Interview, Deadline.AddDays(4), null, "约谈历山镇分管负责同志")]);
        n.State.ShouldBe(NoticeState.Handled);
        n.Status(Deadline.AddDays(30)).ShouldBe(NoticeStatus.Handled);
        n.MissedDeadline(Deadline.AddDays(30)).ShouldBeFalse("handled: nothing left to decide");
        n.StepsFor(Office, Deadline.AddDays(30)).ShouldBeEmpty();
        n.Events.Last().Note.ShouldBe("通报批评（2025年4月5日，垣专办通〔2025〕2号）；约谈（2025年4月4日）：约谈历山镇分管负责同志");
        Should.Throw<NoticeRuleException>(() => n.RecordRectification(Township, after, 1, "已开工", "照片")).Message.ShouldContain("不能“填报整改情况”");
    }

    [Fact]
    public void The_yangquan_document_names_public_criticism_for_rectification_not_done_in_time()
    {
        var p = OverdueConsequences.For(Packs.Catalog.FindPack("yangquan-2023-24"));
        p.Silent.ShouldBeFalse();
        p.Actions.ShouldHaveSingleItem().ShouldBe(new ProposedAction(NoticeActionKind.PublicCriticism, "未按时完成整改任务的，给予通报批评", "阳政办发〔2023〕24号 六（五）", false));
        p.Explanation.ShouldBe("依据 阳政办发〔2023〕24号 六（五）：“未按时完成整改任务的，给予通报批评”。");
        p.DocumentSentence.ShouldBe("将依照阳政办发〔2023〕24号给予通报批评");
    }

    [Fact]
    public void The_yuanqu_document_names_criticism_and_interview_for_work_not_carried_through_and_says_so()
    {
        var p = OverdueConsequences.For(Packs.Catalog.FindPack("yuanqu-2023-19"));
        p.Silent.ShouldBeFalse();
        p.Actions.Select(a => (a.Kind, a.Source, a.PlatformDefault)).ShouldBe([
            (NoticeActionKind.PublicCriticism, "垣政办发〔2023〕19号 五（四）", false), (NoticeActionKind.Interview, "垣政办发〔2023〕19号 五（四）", false)]);
        p.Explanation.ShouldStartWith("《垣曲县促进专业镇高质量发展实施方案》（垣政办发〔2023〕19号）未专门规定逾期未完成整改的处理");
        p.Explanation.ShouldContain("推诿扯皮、推进不到位");
        p.DocumentSentence.ShouldBe("将依照垣政办发〔2023〕19号进行通报批评和约谈");
    }

    [Theory]
    [InlineData("xinjiang-2023-33")]
    [InlineData("shuozhou-2023-19")]
    [InlineData("yongji-2024-2025")]
    public void A_document_silent_on_overdue_rectification_leaves_both_to_the_office_as_platform_defaults(string packId)
    {
        var pack = Packs.Catalog.FindPack(packId).ShouldNotBeNull();
        var p = OverdueConsequences.For(pack);
        p.Silent.ShouldBeTrue();
        p.DocumentSentence.ShouldBeNull("the notice adds no consequence of its own");
        p.Actions.Select(a => (a.Kind, a.PlatformDefault, a.Source)).ShouldBe([(NoticeActionKind.PublicCriticism, true, (string?)null), (NoticeActionKind.Interview, true, null)]);
        p.Explanation.ShouldStartWith($"《{pack.Document.Title}》");
        p.Explanation.ShouldContain("未规定逾期未完成整改的处理");
        p.Explanation.ShouldContain("（平台默认）");
        OverdueConsequences.For(null).Explanation.ShouldStartWith("未找到适用于整改对象所在地区的政策文件");
    }

    [Fact]
    public void The_governing_pack_is_the_deepest_one_holding_the_place()
    {
        string? Governing(string path) => OverdueConsequences.GoverningPack(Packs.Catalog.Packs, path)?.Id;
        Governing("山西省/运城市/垣曲县/古城镇").ShouldBe("yuanqu-2023-19");
        Governing("山西省/运城市/垣曲县").ShouldBe("yuanqu-2023-19");
        Governing("山西省/运城市/新绛县").ShouldBe("xinjiang-2023-33");
        Governing("山西省/阳泉市/平定县").ShouldBe("yangquan-2023-24");
        Governing("山西省/运城市/万荣县").ShouldBe("yuncheng-2023-8");
        Governing("山西省/大同市").ShouldBe("shanxi-2022-80");
        Governing("山西省/运城市/垣曲县区").ShouldBe("yuncheng-2023-8", "a path is matched by whole names, not by its characters");
    }

    [Fact]
    public void Evidence_files_are_added_and_removed_until_the_item_is_submitted_and_a_drafted_item_keeps_some_evidence()
    {
        var n = Issue();
        n.AddEvidenceFile(Township, Day(new(2025, 3, 5)), 1, "许可证.pdf", files: 1);
        Should.Throw<NoticeRuleException>(() => n.AddEvidenceFile(Township, Day(new(2025, 3, 5)), 1, "照片11.jpg", files: NoticeFile.MaxPerItem + 1))
            .Message.ShouldBe($"第 1 项最多 {NoticeFile.MaxPerItem} 个佐证文件（现为 {NoticeFile.MaxPerItem + 1} 个），请先删除不需要的文件");
        Should.Throw<NoticeRuleException>(() => n.RecordRectification(Township, Day(new(2025, 3, 5)), 1, "已开工", null, files: NoticeFile.MaxPerItem + 1)).Field.ShouldBe("file");
        Should.Throw<NoticeRuleException>(() => n.AddEvidenceFile(Leader, Day(new(2025, 3, 5)), 1, "x.pdf", 2)).Kind.ShouldBe(RefusalKind.Forbidden);

        n.RecordRectification(Township, Day(new(2025, 3, 6)), 1, "两个项目已开工", null, files: 2, added: ["照片.jpg"]);
        n.Events.Last().Note.ShouldBe("两个项目已开工\n上传佐证文件：照片.jpg");
        n.RemoveEvidenceFile(Township, Day(new(2025, 3, 7)), 1, "照片.jpg", filesLeft: 1);
        // The item says nothing in words: its last file stays until another file or a description replaces it.
        Should.Throw<NoticeRuleException>(() => n.RemoveEvidenceFile(Township, Day(new(2025, 3, 7)), 1, "许可证.pdf", filesLeft: 0))
            .Message.ShouldBe("“许可证.pdf”是第 1 项唯一的佐证，且未填写佐证材料说明：请先上传其他文件或补充说明，再删除");
        n.Events.Select(e => e.Action).ShouldBe(["下发督办通知书", "上传佐证文件", "填报整改情况", "删除佐证文件"]);

        n.Submit(Township, Day(new(2025, 3, 8)));
        var locked = Should.Throw<NoticeRuleException>(() => n.RemoveEvidenceFile(Township, Day(new(2025, 3, 9)), 1, "许可证.pdf", filesLeft: 0));
        locked.Message.ShouldBe("第 1 项当前为“待核验”，佐证文件已随整改情况报送，不能再删除");
        locked.Kind.ShouldBe(RefusalKind.Conflict);
        Should.Throw<NoticeRuleException>(() => n.AddEvidenceFile(Township, Day(new(2025, 3, 9)), 1, "补充.pdf", 2)).Message.ShouldContain("不能再上传");
        // Returned, the item is the recipient's again, files included.
        n.Verify(Office, Day(new(2025, 3, 10)), 1, accept: false, "许可证不清晰");
        n.AddEvidenceFile(Township, Day(new(2025, 3, 11)), 1, "许可证（清晰）.pdf", files: 2);
    }

    [Fact]
    public void A_file_given_to_no_finding_is_removable_while_the_notice_is_open_and_the_limit_names_such_files()
    {
        var n = Issue();
        n.MayRemoveUnattached(Township).ShouldBeTrue();
        n.MayRemoveUnattached(Office).ShouldBeTrue();
        n.MayRemoveUnattached(Leader).ShouldBeFalse();
        Should.Throw<NoticeRuleException>(() => n.RemoveUnattachedFile(Leader, Day(new(2025, 3, 5)), "旧照片.jpg")).Kind.ShouldBe(RefusalKind.Forbidden);
        // Submitted findings do not hold it: it goes whatever their state.
        n.RecordRectification(Township, Day(new(2025, 3, 5)), 1, "已开工", "施工许可证");
        n.Submit(Township, Day(new(2025, 3, 6)));
        n.RemoveUnattachedFile(Township, Day(new(2025, 3, 7)), "旧照片.jpg");
        n.Events.Last().Action.ShouldBe("删除未对应问题的佐证文件");
        n.Events.Last().Note.ShouldBe("旧照片.jpg");

        n.Verify(Office, Day(new(2025, 3, 8)), 1, accept: true, null);
        n.RecordRectification(Township, Day(new(2025, 3, 8)), 2, "已按时报送", "月报");
        n.Submit(Township, Day(new(2025, 3, 8)));
        n.Verify(Office, Day(new(2025, 3, 9)), 2, accept: true, null);
        n.MayRemoveUnattached(Township).ShouldBeFalse();
        Should.Throw<NoticeRuleException>(() => n.RemoveUnattachedFile(Township, Day(new(2025, 3, 10)), "另一张.jpg"))
            .Message.ShouldBe("督办通知书已整改或已处理，不能再删除佐证文件");

        NoticeFile.RoomProblem(49, 1, ["a.pdf"]).ShouldBeNull();
        NoticeFile.RoomProblem(50, 0, []).ShouldBeNull();
        NoticeFile.RoomProblem(50, 1, []).ShouldBe("每份督办通知书最多 50 个佐证文件（已有 50 个），请先删除不需要的文件");
        NoticeFile.RoomProblem(48, 3, ["1.pdf", "2.pdf", "3.pdf", "4.pdf", "5.pdf", "6.pdf"]).ShouldBe(
            "每份督办通知书最多 50 个佐证文件（已有 48 个，本次又选了 3 个），其中 6 个上传后未对应到具体问题：“1.pdf”、“2.pdf”、“3.pdf”、“4.pdf”、“5.pdf” 等；"
            + "不需要的请在通知书页面“未对应到具体问题的佐证文件”处删除，再上传");
    }
}
