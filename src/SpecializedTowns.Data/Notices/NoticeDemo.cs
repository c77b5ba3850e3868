using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Data.Notices;

/// <summary>
/// Demo notices, dated relative to the day they are loaded so that they look right on it: 垣曲's notice to 古城镇 is overdue
/// (its pack proposes 通报批评 and 约谈), 垣曲's notice to 历山镇蜂蜜专业镇 is due within days with an item waiting for the
/// office, 新绛's notice to its 县农业农村局 was completed late and the office recorded an interview (its pack is silent, so both
/// actions were offered as 平台默认), and 阳泉's notice to 平定砂器刻花瓷专业镇 was rectified in time. They go through the same
/// state machine as real ones; without accounts behind them, the steps are recorded under the offices' and recipients' names.
/// Records are looked up by name: a missing one is an error in the demo, not a silent skip.
/// </summary>
public static class NoticeDemo
{
    /// <param name="Basis">
    /// What the findings rest on. The demo has no published evaluation any of these offices can see, so none cites one: each
    /// rests on records the platform holds (the problem ledger, the lead and project libraries) or says it came from an
    /// inspection, and names no 专班月报 failure the reports do not show (古城镇 has no 专班; 历山's reports are all accepted).
    /// </param>
    private sealed record Spec(
        string IssuingPath, RecipientKind Kind, string RecipientPath, string Recipient, string RecipientActor, string Subject, string Basis,
        int IssuedDaysAgo, int DeadlineDaysFromNow, (string Text, string Source)[] Findings, string Contact, string Phone, string[] CopyTo,
        Step[] Steps);

    private enum Do { Record, Submit, Accept, Return, Act }

    private sealed record Step(Do What, int DaysAgo, int Item = 0, string? Text = null, NoticeActionKind Action = NoticeActionKind.Other, int TakenDaysAgo = 0);

    private static readonly Spec[] Specs =
    [
        new("山西省/运城市/垣曲县", RecipientKind.Township, "山西省/运城市/垣曲县", "古城镇", "古城镇人民政府", "古城镇渔业专业镇建设工作",
            "问题台账和招商引资项目库记录",
            // Issued after the ledger's 养殖证 problem was accepted (38 days ago), which it cites.
            36, -15,
            [
                ("企业反映的“古城黄河水产水域滩涂养殖证续期办理时间长”问题，镇政府未跟进协调，续期办理进展缓慢", "问题台账"),
                ("招商引资项目“水产品预制菜项目”终止洽谈后，未谋划新的延链补链项目，招商引资项目库中本镇没有在谈项目", "招商引资项目库"),
            ],
            "李明", "0359-6022135", ["县专业镇发展领导小组各成员单位"],
            [
                new(Do.Record, 32, 1, "已会同县行政审批服务管理局、县农业农村局建立会签机制，企业续期材料已补齐，正在会签"),
                new(Do.Record, 31, 2, "已对接 2 家水产品加工企业，形成水产品精深加工招商项目清单"),
                new(Do.Submit, 30),
                new(Do.Accept, 28, 1),
                new(Do.Return, 27, 2, "招商项目清单未明确对接责任人和时间安排，也未录入招商引资项目库，请补充后重新报送"),
            ]),
        new("山西省/运城市/垣曲县", RecipientKind.Town, "山西省/运城市/垣曲县", "历山镇蜂蜜专业镇", "历山镇专业镇专干", "历山镇蜂蜜专业镇建设工作",
            "重点项目库动态监测情况",
            20, 5,
            [
                ("蜂蜜冷链仓储项目约 15 亩建设用地指标未落实，临近计划签约日期仍不具备签约条件", "重点项目库·节点预警；问题台账"),
                ("历山蜂产品精深加工扩建项目年度投资完成情况明显低于序时进度", "重点项目库·投资进度预警"),
            ],
            "李明", "0359-6022135", ["县专业镇发展领导小组各成员单位", "县自然资源局"],
            [
                new(Do.Record, 5, 1, "已会同县自然资源局完成选址踏勘，用地纳入本年度用地计划调整方案，项目签约时间确定在下月上旬"),
                new(Do.Submit, 4),
            ]),
        new("山西省/运城市/新绛县", RecipientKind.Unit, "山西省/运城市/新绛县", "县农业农村局", "新绛县农业农村局", "绛州绿专业镇、新绛中药材专业镇专班牵头工作",
            "县专业镇办现场督查情况",
            70, -40,
            [
                ("绛州绿专业镇设施蔬菜新建大棚任务完成 45%，专班牵头推进不力", "现场督查"),
                ("新绛中药材专业镇阳王镇种植基地扩面任务滞后于序时进度", "责任清单"),
            ],
            "赵静", "0359-7522061", ["县专业镇发展领导小组各成员单位"],
            [
                new(Do.Record, 46, 1, "已制定大棚建设推进方案，新建大棚 120 座完工，完成年度任务的 92%"),
                new(Do.Submit, 45),
                new(Do.Accept, 44, 1),
                new(Do.Record, 31, 2, "阳王镇种植基地扩面 800 亩，已达到序时进度"),
                new(Do.Submit, 30),
                new(Do.Accept, 28, 2),
                new(Do.Act, 24, Text: "县领导小组办公室约谈县农业农村局分管负责同志，督促落实专班牵头责任", Action: NoticeActionKind.Interview, TakenDaysAgo: 25),
            ]),
        new("山西省/阳泉市", RecipientKind.Town, "山西省/阳泉市/平定县", "平定砂器刻花瓷专业镇", "平定县专业镇领导小组办公室", "平定砂器刻花瓷专业镇建设工作",
            "市专业镇办现场督查和统计部门数据",
            50, -10,
            [
                ("砂器刻花瓷产业公共服务平台建设滞后，检测中心尚未投入使用", "现场督查"),
                ("规上企业数量较上年减少 1 家", "统计部门数据"),
            ],
            "孙伟", "0353-2021357", ["市专业镇高质量发展领导小组各成员单位", "平定县冠山镇人民政府"],
            [
                new(Do.Record, 21, 1, "检测中心设备完成安装调试，已于本月投入使用"),
                new(Do.Record, 21, 2, "培育 2 家企业升规入统，已完成月度统计入库"),
                new(Do.Submit, 20),
                new(Do.Accept, 15, 1),
                new(Do.Accept, 15, 2),
            ]),
    ];

    public static async Task<int> LoadAsync(TownsDbContext db, TimeProvider time, CancellationToken ct = default)
    {
        if (await db.Notices.AnyAsync(n => n.IsDemo, ct)) return 0;
        var now = time.GetUtcNow().UtcDateTime;
        var today = NoticeRules.ChinaDate(now);
        var packs = new List<PolicyPack>();
        foreach (var record in await db.PolicyDocuments.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct))
            if (PolicyPackReader.Read(record.Id + ".yaml", record.PackYaml).Pack is { } p) packs.Add(p);
        var next = new Dictionary<(int, int), int>();
        var specs = Specs;
        foreach (var s in specs)
        {
            var issuing = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Path == s.IssuingPath, ct);
            int recipientId, areaId;
            string areaPath;
            if (s.Kind == RecipientKind.Town)
            {
                var t = await db.Towns.Where(x => x.Name == s.Recipient && x.County!.Path == s.RecipientPath).Select(x => new { x.Id, x.CountyId, x.County!.Path }).SingleAsync(ct);
                (recipientId, areaId, areaPath) = (t.Id, t.CountyId, t.Path);
            }
            else if (s.Kind == RecipientKind.Township)
            {
                var j = await db.Jurisdictions.Where(x => x.Path == s.RecipientPath + "/" + s.Recipient && x.Level == JurisdictionLevel.Township).Select(x => new { x.Id, x.Path }).SingleAsync(ct);
                (recipientId, areaId, areaPath) = (j.Id, j.Id, j.Path);
            }
            else
            {
                var u = await db.Units.Where(x => x.Name == s.Recipient && x.Jurisdiction!.Path == s.RecipientPath).Select(x => new { x.Id, x.JurisdictionId, x.Jurisdiction!.Path }).SingleAsync(ct);
                (recipientId, areaId, areaPath) = (u.Id, u.JurisdictionId, u.Path);
            }
            var issuedAt = now.AddDays(-s.IssuedDaysAgo);
            var issuedOn = NoticeRules.ChinaDate(issuedAt);
            var key = (issuing.Id, issuedOn.Year);
            if (!next.TryGetValue(key, out var sequence))
                sequence = (await db.Notices.Where(n => n.IssuingJurisdictionId == issuing.Id && n.NumberYear == issuedOn.Year).MaxAsync(n => (int?)n.NumberSequence, ct) ?? 0) + 1;
            next[key] = sequence + 1;
            var group = packs.Where(p => string.Join("/", p.Document.JurisdictionPath) == issuing.Path).Select(p => p.Mechanisms.LeadingGroup?.Name).FirstOrDefault(n => n is not null);
            var officeName = (group ?? $"{issuing.Name}专业镇发展领导小组") + "办公室";
            var pack = OverdueConsequences.GoverningPack(packs, areaPath);
            var office = new NoticeActor(null, officeName, Roles.Office, false, true, true);
            // The city's notice about a town goes where the town's document sends it (阳泉: 所在县政府), answered by the county's office.
            var toCounty = s.Kind == RecipientKind.Town && issuing.Path != areaPath && NoticeAddressee.CountyGovernmentRule(OverdueConsequences.GoverningPack(packs, areaPath)) is not null;
            var recipient = new NoticeActor(null, s.RecipientActor, toCounty ? Roles.Office : s.Kind == RecipientKind.Unit ? Roles.MemberUnit : Roles.Township, true, false, false);
            var addressee = s.Kind switch
            {
                RecipientKind.Town when toCounty => NoticeAddressee.Government(areaPath[(areaPath.LastIndexOf('/') + 1)..]),
                RecipientKind.Town => string.Join("、", await db.TownTownships.Where(x => x.SpecializedTownId == recipientId).Select(x => x.Township!.Name + "人民政府").ToListAsync(ct)),
                RecipientKind.Township => s.Recipient + "人民政府",
                _ => s.Recipient,
            };
            var notice = Notice.Issue(office, issuedAt, issuing.Id, officeName, new NoticeNumber(new NoticeSettings().PrefixFor(issuing.Name, issuing.Path, packs), issuedOn.Year, sequence),
                new NoticeContent(s.Kind, recipientId, s.Recipient, addressee, areaId, s.Subject, s.Basis, null,
                    s.Findings.Select(f => new NoticeFinding(f.Text, f.Source)).ToList(), issuedOn, today.AddDays(s.DeadlineDaysFromNow),
                    s.Contact, s.Phone, s.CopyTo),
                pack?.Id, OverdueConsequences.For(pack).DocumentSentence);
            notice.IsDemo = true;
            foreach (var step in s.Steps)
            {
                var at = now.AddDays(-step.DaysAgo);
                switch (step.What)
                {
                    case Do.Record: notice.RecordRectification(recipient, at, step.Item, step.Text, "相关文件和现场照片已存档备查"); break;
                    case Do.Submit: notice.Submit(recipient, at); break;
                    case Do.Accept: notice.Verify(office, at, step.Item, accept: true, null); break;
                    case Do.Return: notice.Verify(office, at, step.Item, accept: false, step.Text); break;
                    default:
                        notice.RecordActions(office, at, [new ActionInput(step.Action, NoticeRules.ChinaDate(now.AddDays(-step.TakenDaysAgo)), null, step.Text)]);
                        break;
                }
            }
            db.Notices.Add(notice);
        }
        await db.SaveChangesAsync(ct);
        return specs.Length;
    }
}
