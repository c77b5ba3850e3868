using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Tasks;

namespace SpecializedTowns.Data.Tasks;

/// <summary>
/// Demo responsibility lists: 新绛县's and 垣曲县's 2024 action plans, started from their documents' key tasks and
/// worked on through the year as of <see cref="Today"/> — milestones done, due soon and overdue, a pending, an
/// approved and a rejected extension, and notes from lead and cooperating units. Every change goes through the
/// same rules as a person's would. Only dates are stored: seen from a later day (the real clock), what was
/// open at <see cref="Today"/> shows as overdue, as it would in a real 2024 plan looked at afterwards.
/// </summary>
public static class TaskDemo
{
    public const int Year = 2024;

    /// <summary>The day the demo plans are "as of"; tests set the platform's clock to it.</summary>
    public static readonly DateOnly Today = new(2024, 9, 16);

    public static async Task LoadAsync(TownsDbContext db, CancellationToken ct = default)
    {
        if (await db.ActionPlans.AnyAsync(p => p.IsDemo, ct)) return;
        if (await Start(db, "xinjiang-2023-33", "山西省/运城市/新绛县", "新绛县专业镇办", "县工信科技局", ct) is { } xinjiang) await XinjiangAsync(xinjiang, ct);
        if (await Start(db, "yuanqu-2023-19", "山西省/运城市/垣曲县", "垣曲县专业镇办", "县工科局", ct) is { } yuanqu) await YuanquAsync(yuanqu, ct);
    }

    private static async Task XinjiangAsync(Script s, CancellationToken ct)
    {
        var t1 = s.Numbered("1.");
        s.Target(t1, 200, "户");
        s.Milestone(t1, "制定年度市场主体培育计划", (3, 31), 1);
        s.Milestone(t1, "新增市场主体 100 户", (6, 30), 1);
        s.Milestone(t1, "新增市场主体 150 户", (9, 30), 1);
        s.Milestone(t1, "全年新增市场主体 200 户", (12, 31), 2);
        var t3 = s.Numbered("3.");
        s.Milestone(t3, "建立专业镇重点项目库", (4, 30), 1);
        s.Milestone(t3, "开展“三个一批”集中签约活动", (8, 31), 2);
        s.Milestone(t3, "专业镇重点项目开工 5 个", (11, 30), 2);
        var t4 = s.Numbered("4.");
        s.Milestone(t4, "组织县校合作对接会", (6, 30), 1);
        s.Milestone(t4, "指导 3 家企业申报高新技术企业", (8, 31), 1);
        var t8 = s.Numbered("8.");
        s.Milestone(t8, "召开专业镇政银企对接会", (5, 31), 1);
        s.Milestone(t8, "落实战略性新兴产业电价支持政策", (8, 31), 1);
        var t9 = s.Numbered("9.");
        s.Milestone(t9, "梳理专业镇年度用地需求并纳入供地计划", (9, 1), 1);
        await s.SaveAsync(ct);

        s.Done(t1, "县工信科技局", "制定年度市场主体培育计划", (3, 25), "培育计划已印发各镇");
        s.Done(t1, "县工信科技局", "新增市场主体 100 户", (6, 28), null);
        s.Report(t1, "县农业农村局", "新增市场主体 150 户", 70, (9, 10), "新增农业经营主体 41 户");
        s.Report(t1, "县工信科技局", "全年新增市场主体 200 户", 40, (9, 10), null, current: 140);
        s.Note(t1, "县市场监管局", (7, 5), "开通专业镇市场主体登记绿色通道");
        s.Done(t3, "县发改局", "建立专业镇重点项目库", (4, 26), "入库项目 23 个");
        s.Report(t3, "县发改局", "开展“三个一批”集中签约活动", 60, (8, 20), "已签约 6 个，2 个待企业董事会审批");
        s.Report(t3, "县发改局", "专业镇重点项目开工 5 个", 40, (9, 12), null);
        s.Done(t4, "县工信科技局", "组织县校合作对接会", (6, 18), "与太原理工大学签订合作协议");
        s.Report(t4, "县工信科技局", "指导 3 家企业申报高新技术企业", 30, (8, 10), null);
        s.Done(t8, "县金融服务中心", "召开专业镇政银企对接会", (5, 22), "授信 1.2 亿元");
        s.Done(t8, "县金融服务中心", "落实战略性新兴产业电价支持政策", (8, 28), null);
        s.Report(t9, "县自然资源局", "梳理专业镇年度用地需求并纳入供地计划", 20, (8, 15), "已收集 3 个镇的用地需求");
        s.Own(s.Numbered("5."), "县市场监管局", 50, (8, 30), "开展专业镇产品质量抽检 2 批次");
        s.Own(s.Numbered("10."), "县招商投资促进中心", 35, (9, 2), "赴长三角开展产业链招商 1 次");
        await s.SaveAsync(ct);

        await s.ExtensionAsync(t4, "县工信科技局", "指导 3 家企业申报高新技术企业", (10, 31), (8, 20), "申报系统今年推迟至 10 月开放", decided: (8, 22, true, "同意，按申报系统开放时间调整"), ct);
        await s.ExtensionAsync(t3, "县发改局", "开展“三个一批”集中签约活动", (10, 31), (9, 5), "2 个项目待企业董事会审批后签约", decided: null, ct);
    }

    private static async Task YuanquAsync(Script s, CancellationToken ct)
    {
        var t1 = s.Numbered("（一）");
        s.Target(t1, 80, "户");
        s.Milestone(t1, "摸清专业镇市场主体底数", (3, 31), 1);
        s.Milestone(t1, "新增农业经营主体 30 家", (7, 31), 2);
        s.Milestone(t1, "培育升规入统企业 2 家", (9, 25), 1);
        s.Milestone(t1, "全年新增市场主体 80 户", (12, 20), 2);
        var t2 = s.Numbered("（二）");
        s.Milestone(t2, "蜂蜜、食用菌产业链招商对接", (5, 31), 1);
        s.Milestone(t2, "皋落乡食用菌基地扩建", (10, 31), 2);
        var t3 = s.Numbered("（三）");
        s.Milestone(t3, "申报省级科技创新平台", (6, 30), 1);
        s.Milestone(t3, "培育专精特新企业", (11, 30), 1);
        var t4 = s.Numbered("（四）");
        s.Milestone(t4, "建立专业镇重点项目库", (8, 15), 1);
        s.Milestone(t4, "开展“三个一批”集中签约", (11, 30), 1);
        var t7 = s.Numbered("（七）");
        s.Milestone(t7, "组织企业参加农产品展销会", (8, 31), 1);
        var t6 = s.Numbered("（六）");
        s.Target(t6, 2, "项");
        await s.SaveAsync(ct);

        s.Done(t1, "县农业农村局", "摸清专业镇市场主体底数", (3, 28), "建立市场主体台账");
        s.Report(t1, "县农业农村局", "新增农业经营主体 30 家", 80, (7, 20), "已新增 24 家");
        s.Report(t1, "县农业农村局", "培育升规入统企业 2 家", 50, (9, 5), "1 家已达规上标准");
        s.Report(t1, "县工科局", "全年新增市场主体 80 户", 30, (9, 5), null, current: 52);
        s.Note(t1, "县文旅局", (4, 10), "配合梳理文旅类市场主体名单");
        s.Done(t2, "县农业农村局", "蜂蜜、食用菌产业链招商对接", (5, 28), null);
        s.Report(t2, "县农业农村局", "皋落乡食用菌基地扩建", 45, (9, 1), "完成大棚主体建设");
        s.Done(t3, "县工科局", "申报省级科技创新平台", (6, 25), null);
        s.Report(t3, "县发改局", "培育专精特新企业", 20, (9, 3), null);
        s.Report(t4, "县发改局", "建立专业镇重点项目库", 60, (8, 10), "已入库 11 个项目");
        s.Report(t7, "县工科局", "组织企业参加农产品展销会", 30, (8, 15), null);
        s.Own(t6, "县市场监督管理局", 50, (8, 30), "蜂蜜团体标准已立项", current: 1);
        await s.SaveAsync(ct);

        await s.ExtensionAsync(t7, "县工科局", "组织企业参加农产品展销会", (10, 20), (8, 20), "展销会主办方将会期推迟到 10 月", decided: (8, 22, true, "同意"), ct);
        await s.ExtensionAsync(t4, "县发改局", "建立专业镇重点项目库", (10, 15), (9, 2), "部分项目前期手续尚未完成，需与自然资源、环评审批衔接", decided: null, ct);
        await s.ExtensionAsync(s.Numbered("（十）"), "县发改局", null, (2025, 6, 30), (9, 6), "审批制度改革需省级系统对接", decided: (9, 9, false, "年度任务须在年内完成，请倒排工期"), ct);

        // The office adds a task of its own from the document's working mechanisms; 县农业农村局 has no part in it.
        var office = s.Office;
        var group = s.Plan.Groups[0];
        var ledger = PlanTask.New(office, Script.At(2, 1), new TaskEdit("建立专业镇问题台账", "（十一）", "垣政办发〔2023〕19号 五（二）",
            "找准产业发展的共性问题和企业发展的个性问题，建立问题台账，“把脉问诊”、跟进帮扶", null, null, null, 1, new DateOnly(Year, 6, 30)));
        ledger.PlanId = s.Plan.Id;
        ledger.SortOrder = group.Tasks.Max(t => t.SortOrder) + 1;
        ledger.SetUnits(office, Script.At(2, 1), [await s.UnitAsync("县工科局", ct)], [await s.UnitAsync("县发改局", ct)]);
        group.Tasks.Add(ledger);
        ledger.ReportProgress(office, Script.At(6, 20), new DateOnly(Year, 6, 20), new ProgressReport(null, null, true, null, "问题台账已建立，收集问题 17 条"));
        await s.SaveAsync(ct);
    }

    private static async Task<Script?> Start(TownsDbContext db, string packId, string path, string officeName, string officeUnit, CancellationToken ct)
    {
        var record = await db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == packId, ct);
        var place = await db.Jurisdictions.SingleOrDefaultAsync(j => j.Path == path, ct);
        if (record is null || place is null) return null;
        var (pack, _) = PolicyPackReader.Read(packId + ".yaml", record.PackYaml);
        if (pack is null || pack.KeyTasks.Count == 0) return null;
        var plan = await TaskService.BuildFromPackAsync(db, pack, Year, place, ct);
        plan.Title = TaskService.DefaultTitle(place.Name, Year);
        plan.IsDemo = true;
        plan.CreatedAtUtc = Script.At(1, 15);
        plan.CreatedBy = officeName;
        db.ActionPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        return new Script(db, plan, place, new TaskActor(0, officeName, officeUnit, TaskRole.Manager));
    }

    /// <summary>The demo's year of work, written as the units and the office would have done it.</summary>
    private sealed class Script(TownsDbContext db, ActionPlan plan, Jurisdiction place, TaskActor office)
    {
        public ActionPlan Plan => plan;
        public TaskActor Office => office;

        public static DateTime At(int month, int day) => new(Year, month, day, 2, 0, 0, DateTimeKind.Utc);

        private static DateOnly Day((int Month, int Day) d) => new(Year, d.Month, d.Day);

        private static TaskActor Unit(string name) => new(0, name, name, TaskRole.Lead);

        public PlanTask Numbered(string number) => plan.AllTasks.Single(t => t.Number == number);

        private static Milestone M(PlanTask task, string title) => task.Milestones.Single(m => m.Title == title);

        public void Target(PlanTask t, decimal value, string unit) =>
            t.Edit(office, At(1, 20), new TaskEdit(t.Title, t.Number, t.Source, t.Measures, value, unit, null, t.Weight, t.Deadline));

        public void Milestone(PlanTask t, string title, (int, int) deadline, decimal weight) =>
            t.AddMilestone(office, At(1, 20), new DateOnly(Year, 1, 20), title, Day(deadline), weight);

        public void Done(PlanTask t, string unit, string milestone, (int, int) on, string? note) =>
            t.ReportProgress(Unit(unit), At(on.Item1, on.Item2), Day(on), new ProgressReport(M(t, milestone).Id, null, true, null, note));

        public void Report(PlanTask t, string unit, string milestone, int progress, (int, int) on, string? note, decimal? current = null) =>
            t.ReportProgress(Unit(unit), At(on.Item1, on.Item2), Day(on), new ProgressReport(M(t, milestone).Id, progress, null, current, note));

        public void Own(PlanTask t, string unit, int progress, (int, int) on, string? note, decimal? current = null) =>
            t.ReportProgress(Unit(unit), At(on.Item1, on.Item2), Day(on), new ProgressReport(null, progress, null, current, note));

        public void Note(PlanTask t, string unit, (int, int) on, string text) =>
            t.AddNote(new TaskActor(0, unit, unit, TaskRole.Cooperating), At(on.Item1, on.Item2), text);

        public Task ExtensionAsync(PlanTask t, string unit, string? milestone, (int, int) to, (int, int) on, string reason, (int, int, bool, string)? decided, CancellationToken ct) =>
            ExtensionAsync(t, unit, milestone, (Year, to.Item1, to.Item2), on, reason, decided, ct);

        public async Task ExtensionAsync(PlanTask t, string unit, string? milestone, (int, int, int) to, (int, int) on, string reason, (int, int, bool, string)? decided, CancellationToken ct)
        {
            var request = t.RequestExtension(Unit(unit), At(on.Item1, on.Item2), Day(on), milestone is null ? null : M(t, milestone).Id,
                new DateOnly(to.Item1, to.Item2, to.Item3), reason);
            await SaveAsync(ct);
            if (decided is var (month, day, approve, note))
            {
                t.DecideExtension(office, At(month, day), Day((month, day)), request.Id, approve, note);
                await SaveAsync(ct);
            }
        }

        public async Task<Core.Units.Unit> UnitAsync(string name, CancellationToken ct) =>
            await db.Units.SingleAsync(u => u.JurisdictionId == place.Id && u.Name == name, ct);

        public Task SaveAsync(CancellationToken ct) => db.SaveChangesAsync(ct);
    }
}
