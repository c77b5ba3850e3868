using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Tasks;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

/// <summary>Responsibility lists on a real database of either provider: plans from packs, scope by unit and town, progress, extensions, the overdue list.</summary>
public class TaskServiceTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
    private const string Yuanqu = "山西省/运城市/垣曲县";

    private static TaskService Service(TownsDbContext db, DateOnly? today = null) =>
        new(db, Catalog, new FixedClock(today ?? TaskDemo.Today), new TaskSettings());

    private static async Task<int> UnitAsync(TownsDbContext db, string path, string name) =>
        await db.Units.Where(u => u.Jurisdiction!.Path == path && u.Name == name).Select(u => u.Id).SingleAsync();

    private static async Task<UserScope> MemberAsync(TownsDbContext db) =>
        new(50, Roles.MemberUnit, Yuanqu, null) { UnitId = await UnitAsync(db, Yuanqu, "县农业农村局") };

    private static readonly UserScope YuanquOffice = new(51, Roles.Office, Yuanqu, null);
    private static readonly UserScope XinjiangOffice = new(52, Roles.Office, "山西省/运城市/新绛县", null);
    private static readonly UserScope CityLeader = new(53, Roles.Leader, "山西省/运城市", null);

    private static async Task<int> TaskIdAsync(TownsDbContext db, string place, string number) =>
        await db.PlanTasks.Where(t => t.Plan!.Jurisdiction!.Name == place && t.Number == number && t.Plan.IsDemo).Select(t => t.Id).SingleAsync();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_plan_started_from_a_pack_has_its_tasks_clauses_and_units(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var service = Service(db);
        var yuanqu = await db.Jurisdictions.SingleAsync(j => j.Path == Yuanqu);

        var id = await service.CreatePlanAsync(YuanquOffice, "yuanqu-office", new NewPlan("yuanqu-2023-19", 2025, yuanqu.Id, null, null));
        var view = await service.PlanAsync(YuanquOffice, id);
        view.Plan.Title.ShouldBe("垣曲县2025年专业镇建设年度行动计划");
        var pack = Catalog.FindPack("yuanqu-2023-19")!;
        var tasks = view.Groups.SelectMany(g => g.Tasks).ToList();
        tasks.Select(t => (t.Number, t.Title, t.Source)).ShouldBe(pack.KeyTasks.Select(k => (k.Number, k.Title, k.Source)));
        tasks.ShouldAllBe(t => t.Deadline == new DateOnly(2025, 12, 31) && t.Progress == 0 && t.Light == TaskLight.NotStarted);
        // "各乡（镇）人民政府" is each of the county's townships, in the register's order (TownshipTaskTests).
        var townships = await db.Jurisdictions.Where(j => j.ParentId == yuanqu.Id).OrderBy(j => j.Id).Select(j => j.Name).ToListAsync();
        for (var i = 0; i < tasks.Count; i++)
        {
            // Each unit as registered: the text's 县市场监管局 is the 县市场监督管理局 of its leading group (unitAliases).
            tasks[i].LeadUnits.Select(u => u.Name).ShouldBe(pack.KeyTasks[i].LeadUnits.Select(n => UnitNames.Registered(pack, n)));
            tasks[i].CooperatingUnits.Select(u => u.Name).ShouldBe(pack.KeyTasks[i].CooperatingUnits
                .SelectMany(n => UnitNames.IsEveryTownship(n) ? townships : UnitNames.IsCollective(n) ? [] : [UnitNames.Registered(pack, n)]));
        }
        // The units are the county's own records, the ones accounts belong to.
        var unitIds = tasks.SelectMany(t => t.LeadUnits.Concat(t.CooperatingUnits)).Select(u => u.Id).Distinct().ToList();
        (await db.Units.Where(u => unitIds.Contains(u.Id)).Select(u => u.JurisdictionId).Distinct().ToListAsync()).ShouldBe([yuanqu.Id]);
        tasks.Where(t => t.LeadUnits.Concat(t.CooperatingUnits).Any(u => u.Name == "县农业农村局")).Count().ShouldBe(10);
        tasks.ShouldContain(t => t.CooperatingUnits.Any(u => u.Name == "县市场监督管理局"));
        tasks.ShouldNotContain(t => t.CooperatingUnits.Any(u => u.Name == "县市场监管局"));

        // Refused, each naming its field, and nothing written.
        var before = await db.ActionPlans.CountAsync();
        (await Should.ThrowAsync<TaskRuleException>(() => service.CreatePlanAsync(YuanquOffice, "x", new NewPlan("yuanqu-2023-19", 2025, yuanqu.Id, null, null))))
            .Errors["year"].ShouldContain("已有2025年");
        (await Should.ThrowAsync<TaskRuleException>(() => service.CreatePlanAsync(YuanquOffice, "x", new NewPlan("xinjiang-2023-33", 2025, yuanqu.Id, null, null))))
            .Errors["policyId"].ShouldContain("不适用于垣曲县");
        (await Should.ThrowAsync<TaskRuleException>(() => service.CreatePlanAsync(XinjiangOffice, "x", new NewPlan("yuanqu-2023-19", 2026, yuanqu.Id, null, null))))
            .Errors["jurisdictionId"].ShouldContain("不在您的数据范围内");
        (await Should.ThrowAsync<TaskRuleException>(() => service.CreatePlanAsync(YuanquOffice, "x", new NewPlan("yuncheng-2023-8", 1999, null, null, null))))
            .Errors.Keys.ShouldBe(["policyId", "year", "jurisdictionId"], ignoreOrder: true);
        // Outside the document's 执行期 (2023—2025) only when the office says it is carried on (QA 96 #5).
        (await Should.ThrowAsync<TaskRuleException>(() => service.CreatePlanAsync(YuanquOffice, "x", new NewPlan("yuanqu-2023-19", 2030, yuanqu.Id, null, null))))
            .Errors["year"].ShouldBe("《垣曲县促进专业镇高质量发展实施方案》的执行期为2023—2025年，2030年不在其中；如该文件延用至新文件出台，请确认延用后再生成");
        var member = await MemberAsync(db);
        await Should.ThrowAsync<TaskForbiddenException>(() => service.CreatePlanAsync(member, "x", new NewPlan("yuanqu-2023-19", 2026, yuanqu.Id, null, null)));
        (await db.ActionPlans.CountAsync()).ShouldBe(before);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_member_unit_sees_only_its_tasks_and_another_county_none(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var service = Service(db);
        var member = await MemberAsync(db);
        var ledger = await TaskIdAsync(db, "垣曲县", "（十一）");
        var first = await TaskIdAsync(db, "垣曲县", "（一）");

        var own = await service.ListTasksAsync(member, new TaskFilter(PageSize: 500));
        own.Total.ShouldBe(10);
        own.Items.ShouldAllBe(t => t.LeadUnits.Concat(t.CooperatingUnits).Any(u => u.Id == member.UnitId));
        own.Items.ShouldNotContain(t => t.Id == ledger);
        await Should.ThrowAsync<TaskNotFoundException>(() => service.TaskAsync(member, ledger));
        await Should.ThrowAsync<TaskNotFoundException>(() => service.NoteAsync(member, "yuanqu-member", ledger, "越权"));
        (await service.TaskAsync(member, first)).Role.ShouldBe(TaskRole.Lead);
        var plan = await service.PlanAsync(member, (await service.TaskAsync(member, first)).Plan.Id);
        plan.OnlyOwnTasks.ShouldBeTrue();
        plan.TaskCount.ShouldBe(10);

        // The office sees all eleven; 新绛's office and a township none of 垣曲's county plan; the city's leader reads all.
        (await service.ListTasksAsync(YuanquOffice, new TaskFilter(PageSize: 500))).Total.ShouldBe(11);
        await Should.ThrowAsync<TaskNotFoundException>(() => service.TaskAsync(XinjiangOffice, first));
        (await service.ListTasksAsync(XinjiangOffice, new TaskFilter(PageSize: 500))).Items.ShouldAllBe(t => t.Plan.StartsWith("新绛县"));
        var liShan = await db.Towns.SingleAsync(t => t.Name == "历山镇蜂蜜专业镇");
        var township = new UserScope(54, Roles.Township, Yuanqu + "/历山镇", liShan.Id);
        (await service.ListTasksAsync(township, new TaskFilter())).Total.ShouldBe(0);
        var leaderView = await service.TaskAsync(CityLeader, first);
        leaderView.Role.ShouldBe(TaskRole.Reader);
        (await service.ListTasksAsync(CityLeader, new TaskFilter(PageSize: 500))).Total.ShouldBe(23);
        (await service.ListTasksAsync(new UserScope(55, Roles.Expert, "山西省/运城市", null), new TaskFilter())).Total.ShouldBe(0);

        // A plan for the town: its township staff see its tasks, and may report where their unit is named.
        var townPlan = await service.CreatePlanAsync(YuanquOffice, "yuanqu-office", new NewPlan("yuanqu-2023-19", 2025, null, liShan.Id, null));
        (await service.ListTasksAsync(township, new TaskFilter(PageSize: 500))).Items.ShouldAllBe(t => t.PlanId == townPlan);
        (await service.ListTasksAsync(township, new TaskFilter(PageSize: 500))).Total.ShouldBe(10);
        (await service.ListPlansAsync(township, null, null, 1, 20)).Items.Single().Town.ShouldBe("历山镇蜂蜜专业镇");
        var townTask = (await service.ListTasksAsync(township, new TaskFilter(PageSize: 1))).Items[0].Id;
        (await service.TaskAsync(township, townTask)).Role.ShouldBe(TaskRole.Reader);
        await Should.ThrowAsync<TaskForbiddenException>(() => service.ReportAsync(township, "lishan-township", townTask, new ProgressReport(null, 10, null, null, null)));

        // Named on a task of the county's plan, the township's own unit sees that task and that plan too, and no other of it.
        var lishanTownship = await db.Jurisdictions.Where(j => j.Path == Yuanqu + "/历山镇").Select(j => j.Id).SingleAsync();
        var townshipUnit = (await SpecializedTowns.Data.Units.UnitRegistry.ResolveAsync(db, lishanTownship, "历山镇人民政府")).Id;
        await db.SaveChangesAsync();
        var withUnit = township with { UnitId = townshipUnit };
        (await service.ListTasksAsync(withUnit, new TaskFilter(PageSize: 500))).Total.ShouldBe(10);
        db.TaskUnits.Add(new TaskUnit { TaskId = ledger, UnitId = townshipUnit, Role = UnitRole.Cooperating, SortOrder = 9 });
        await db.SaveChangesAsync();
        var seen = (await service.ListTasksAsync(withUnit, new TaskFilter(PageSize: 500))).Items;
        seen.Count.ShouldBe(11);
        seen.Where(t => t.PlanId != townPlan).Select(t => t.Id).ShouldBe([ledger]);
        (await service.ListPlansAsync(withUnit, null, null, 1, 20)).Items.Select(p => p.Town ?? p.Place).ShouldBe(["历山镇蜂蜜专业镇", "垣曲县"], ignoreOrder: true);
        (await service.TaskAsync(withUnit, ledger)).Role.ShouldBe(TaskRole.Cooperating);
        await Should.ThrowAsync<TaskNotFoundException>(() => service.TaskAsync(withUnit, first));
        (await service.ListTasksAsync(township, new TaskFilter(PageSize: 500))).Total.ShouldBe(10, "without a unit, only the town's plan");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_task_list_is_paged_in_the_order_of_plan_group_and_task(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        // Groups numbered against the order they were made in, so that ordering by group id instead would show.
        var groups = await db.TaskGroups.OrderBy(g => g.Id).ToListAsync();
        for (var i = 0; i < groups.Count; i++) groups[i].SortOrder = groups.Count - i;
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var order = await db.PlanTasks.AsNoTracking().Where(t => t.Plan!.Jurisdiction!.Path.StartsWith("山西省/运城市"))
            .Select(t => new { t.Id, t.Plan!.Year, t.PlanId, Group = db.TaskGroups.Single(g => g.Id == t.GroupId).SortOrder, t.SortOrder }).ToListAsync();
        var expected = order.OrderByDescending(t => t.Year).ThenBy(t => t.PlanId).ThenBy(t => t.Group).ThenBy(t => t.SortOrder).ThenBy(t => t.Id).Select(t => t.Id).ToList();
        expected.Count.ShouldBe(23);

        var service = Service(db);
        var paged = new List<int>();
        for (var page = 1; page <= 5; page++)
            paged.AddRange((await service.ListTasksAsync(CityLeader, new TaskFilter(Page: page, PageSize: 5))).Items.Select(t => t.Id));
        paged.ShouldBe(expected, "five pages of five, one after another");
        (await service.ListTasksAsync(CityLeader, new TaskFilter(PageSize: 500))).Items.Select(t => t.Id).ShouldBe(expected);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_lead_unit_reports_progress_a_cooperating_unit_only_notes(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var service = Service(db);
        var member = await MemberAsync(db);
        var first = await TaskIdAsync(db, "垣曲县", "（一）");
        var third = await TaskIdAsync(db, "垣曲县", "（三）");

        var view = await service.TaskAsync(member, first);
        ProgressMath.Percent(view.Progress).ShouldBe(61);
        view.Light.ShouldBe(TaskLight.Overdue, "新增农业经营主体 30 家 was due on 7月31日");
        var milestone = view.Task.Milestones.Single(m => m.Title == "新增农业经营主体 30 家");
        await service.ReportAsync(member, "垣曲县农业农村局", first, new ProgressReport(milestone.Id, null, true, null, "已新增 31 家"));
        view = await service.TaskAsync(member, first);
        ProgressMath.Percent(view.Progress).ShouldBe(68);
        view.Light.ShouldBe(TaskLight.DueSoon, "what remains is 培育升规入统企业, due on 9月25日");
        view.Task.Notes[0].Text.ShouldContain("已新增 31 家");
        view.Task.Notes[0].UnitName.ShouldBe("县农业农村局");

        // On (三) 县农业农村局 cooperates: words yes, figures no. Bad input is refused whole.
        (await service.TaskAsync(member, third)).Role.ShouldBe(TaskRole.Cooperating);
        var specialised = (await service.TaskAsync(member, third)).Task.Milestones[1].Id;
        var refused = await Should.ThrowAsync<TaskForbiddenException>(() =>
            service.ReportAsync(member, "垣曲县农业农村局", third, new ProgressReport(specialised, 50, null, null, null)));
        refused.Message.ShouldContain("由牵头单位填报");
        await service.NoteAsync(member, "垣曲县农业农村局", third, "配合对接农业科技企业 3 家");
        (await service.TaskAsync(member, third)).Task.Notes[0].Text.ShouldBe("配合对接农业科技企业 3 家");
        var bad = await Should.ThrowAsync<TaskRuleException>(() => service.ReportAsync(member, "垣曲县农业农村局", first, new ProgressReport(milestone.Id, 140, null, null, "x")));
        bad.Errors.Keys.ShouldBe(["progress"]);
        // The same context goes on working after a refusal, with nothing of the refused step saved.
        await service.NoteAsync(member, "垣曲县农业农村局", first, "补充说明");
        await using var check = storage.CreateContext();
        (await check.Milestones.SingleAsync(m => m.Id == milestone.Id)).Progress.ShouldBe(100);
        (await check.ProgressNotes.CountAsync(n => n.TaskId == first && n.Text == "x")).ShouldBe(0);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_request_whose_date_has_passed_by_the_china_date_is_not_approved_and_nothing_moves(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var fourth = await TaskIdAsync(db, "垣曲县", "（四）");
        var pending = await db.ExtensionRequests.AsNoTracking().SingleAsync(e => e.TaskId == fourth && e.State == ExtensionState.Pending);
        var asked = pending.RequestedDeadline;

        // 16:30 UTC on the day asked for is already the next day in China: the date has passed there.
        var clock = new FixedClock(asked) { Now = new DateTimeOffset(asked.ToDateTime(new TimeOnly(16, 30)), TimeSpan.Zero) };
        var service = new TaskService(db, Catalog, clock, new TaskSettings());
        var refused = await Should.ThrowAsync<TaskRuleException>(() => service.DecideExtensionAsync(YuanquOffice, "垣曲县专业镇办", fourth, pending.Id, true, "同意"));
        refused.Message.ShouldBe($"申请延至的 {PlanTask.Day(asked)} 已早于今天（{PlanTask.Day(asked.AddDays(1))}），批准后仍然逾期，不能批准；请驳回并说明，由牵头单位按实际重新申请");
        await using (var check = storage.CreateContext())
        {
            (await check.ExtensionRequests.SingleAsync(e => e.Id == pending.Id)).State.ShouldBe(ExtensionState.Pending, "nothing of the refused approval is saved");
            (await check.Milestones.SingleAsync(m => m.Id == pending.MilestoneId)).Deadline.ShouldBe(pending.PreviousDeadline);
        }

        // Earlier the same day in China it is still in time; and a stale one can always be rejected.
        await using var db2 = storage.CreateContext();
        clock.Now = new DateTimeOffset(asked.ToDateTime(new TimeOnly(15, 30)), TimeSpan.Zero);
        await new TaskService(db2, Catalog, clock, new TaskSettings()).DecideExtensionAsync(YuanquOffice, "垣曲县专业镇办", fourth, pending.Id, true, "同意");
        (await db2.Milestones.AsNoTracking().SingleAsync(m => m.Id == pending.MilestoneId)).Deadline.ShouldBe(asked);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_request_whose_date_has_passed_can_still_be_rejected(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var fourth = await TaskIdAsync(db, "垣曲县", "（四）");
        var pending = await db.ExtensionRequests.AsNoTracking().SingleAsync(e => e.TaskId == fourth && e.State == ExtensionState.Pending);
        var service = Service(db, pending.RequestedDeadline.AddYears(2));
        await service.DecideExtensionAsync(YuanquOffice, "垣曲县专业镇办", fourth, pending.Id, false, "期限已过，请按实际重新申请");
        (await db.ExtensionRequests.AsNoTracking().SingleAsync(e => e.Id == pending.Id)).State.ShouldBe(ExtensionState.Rejected);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_approved_extension_moves_the_deadline_and_the_history_stays(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var service = Service(db);
        var member = await MemberAsync(db);
        var first = await TaskIdAsync(db, "垣曲县", "（一）");
        var milestone = (await service.TaskAsync(member, first)).Task.Milestones.Single(m => m.Title == "培育升规入统企业 2 家");

        var missing = await Should.ThrowAsync<TaskRuleException>(() => service.RequestExtensionAsync(member, "垣曲县农业农村局", first, milestone.Id, new DateOnly(2024, 11, 30), " "));
        missing.Errors["reason"].ShouldBe("请填写延期理由");
        var requestId = await service.RequestExtensionAsync(member, "垣曲县农业农村局", first, milestone.Id, new DateOnly(2024, 11, 30), "第二家企业年底前达规");
        await Should.ThrowAsync<TaskForbiddenException>(() => service.DecideExtensionAsync(member, "垣曲县农业农村局", first, requestId, true, null));
        (await service.PendingExtensionsAsync(YuanquOffice)).Select(p => p.Milestone).ShouldBe(["建立专业镇重点项目库", "培育升规入统企业 2 家"], "the demo's own pending request on (四) and this one");
        (await service.PendingExtensionsAsync(member)).ShouldBeEmpty("a unit asks; the office decides");
        await service.DecideExtensionAsync(YuanquOffice, "垣曲县专业镇办", first, requestId, true, "同意");
        (await Should.ThrowAsync<TaskRuleException>(() => service.DecideExtensionAsync(YuanquOffice, "垣曲县专业镇办", first, requestId, false, "再议")))
            .Message.ShouldContain("已批准，不能再次审批");

        await using var check = storage.CreateContext();
        var stored = await check.Milestones.SingleAsync(m => m.Id == milestone.Id);
        (stored.Deadline, stored.OriginalDeadline).ShouldBe((new DateOnly(2024, 11, 30), new DateOnly(2024, 9, 25)));
        var request = await check.ExtensionRequests.SingleAsync(e => e.Id == requestId);
        (request.State, request.PreviousDeadline, request.RequestedDeadline, request.Reason, request.DecisionNote, request.DecidedBy)
            .ShouldBe((ExtensionState.Approved, new DateOnly(2024, 9, 25), new DateOnly(2024, 11, 30), "第二家企业年底前达规", "同意", "垣曲县专业镇办"));
        (await check.ProgressNotes.Where(n => n.TaskId == first && n.MilestoneId == milestone.Id).Select(n => n.Text).ToListAsync())
            .ShouldContain(t => t.StartsWith("批准里程碑“培育升规入统企业 2 家”延期申请"));
        // Further from today, the milestone is no longer due soon.
        (await service.TaskAsync(member, first)).MilestoneLights[milestone.Id].ShouldBe(TaskLight.OnTrack);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_overdue_list_counts_per_lead_unit(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        // A small plan of its own in 永济 (no demo plan there), with two units.
        var yongji = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/运城市/永济市");
        var a = new Unit { JurisdictionId = yongji.Id, Name = "测试甲局" };
        var b = new Unit { JurisdictionId = yongji.Id, Name = "测试乙局" };
        db.Units.AddRange(a, b);
        var group = new TaskGroup { Title = "重点任务", SortOrder = 1 };
        var plan = new ActionPlan { Year = 2024, Title = "测试计划", PolicyId = "yongji-2024-2025", JurisdictionId = yongji.Id, CreatedBy = "t", Groups = [group] };
        PlanTask Task(string title, DateOnly deadline, Unit lead, Unit? helper, params (string Title, DateOnly Deadline, bool Done)[] milestones)
        {
            var t = new PlanTask
            {
                Plan = plan, Title = title, Deadline = deadline, OriginalDeadline = deadline, SortOrder = group.Tasks.Count + 1,
                Units = [new TaskUnit { Unit = lead, Role = UnitRole.Lead, SortOrder = 1 }],
                Milestones = milestones.Select(m => new Milestone { Title = m.Title, Deadline = m.Deadline, OriginalDeadline = m.Deadline, Progress = m.Done ? 100 : 10, DoneOn = m.Done ? m.Deadline : null }).ToList(),
            };
            if (helper is not null) t.Units.Add(new TaskUnit { Unit = helper, Role = UnitRole.Cooperating, SortOrder = 2 });
            group.Tasks.Add(t);
            return t;
        }
        var today = new DateOnly(2024, 7, 1);
        Task("甲一：任务本身逾期", new DateOnly(2024, 6, 30), a, b);
        var second = Task("甲二：两个里程碑逾期、一个已完成、一个未到期", new DateOnly(2024, 12, 31), a, null,
            ("m1", new DateOnly(2024, 5, 31), false), ("m2", new DateOnly(2024, 6, 30), false), ("m3", new DateOnly(2024, 3, 31), true), ("m4", new DateOnly(2024, 7, 1), false));
        second.Milestones[2].Weight = 3;
        Task("乙一：截止当天不算逾期", new DateOnly(2024, 7, 1), b, a);
        var done = Task("乙二：已完成的不算", new DateOnly(2024, 1, 31), b, null);
        done.DoneOn = new DateOnly(2024, 1, 20);
        Task("乙三：任务与里程碑都逾期", new DateOnly(2024, 6, 1), b, null, ("m5", new DateOnly(2024, 5, 1), false));
        db.ActionPlans.Add(plan);
        await db.SaveChangesAsync();

        var yongjiOffice = new UserScope(60, Roles.Office, "山西省/运城市/永济市", null);
        var list = await Service(db, today).OverdueByUnitAsync(yongjiOffice, plan.Id, null);
        list.Select(u => (u.Unit.Name, u.Tasks, u.Milestones)).ShouldBe([("测试甲局", 1, 2), ("测试乙局", 1, 1)]);
        var first = list[0].Items;
        first.Select(i => (i.Task, i.Milestone, i.DaysOverdue)).ShouldBe([("甲二：两个里程碑逾期、一个已完成、一个未到期", "m1", 31), ("甲一：任务本身逾期", null, 1), ("甲二：两个里程碑逾期、一个已完成、一个未到期", "m2", 1)]);

        // A member unit sees its own line only, even for tasks it cooperates on.
        var memberB = new UserScope(61, Roles.MemberUnit, "山西省/运城市/永济市", null) { UnitId = b.Id };
        (await Service(db, today).OverdueByUnitAsync(memberB, null, null)).Select(u => u.Unit.Name).ShouldBe(["测试乙局"]);
        // The plan's line in the list agrees with the plan's page: red by a task's own deadline or an open milestone's, 乙一 due
        // today is yellow, progress weighed over milestones; a member unit's line counts the tasks it is named on only.
        foreach (var (who, tasks) in new[] { (yongjiOffice, 5), (CityLeader, 5), (memberB, 4) })
        {
            var line = (await Service(db, today).ListPlansAsync(who, null, null, 1, 20)).Items.Single(p => p.Id == plan.Id);
            var page = await Service(db, today).PlanAsync(who, plan.Id);
            (line.Tasks, line.Progress, line.Overdue, line.DueSoon, line.Done)
                .ShouldBe((page.TaskCount, page.Progress, page.Counts[TaskLight.Overdue], page.Counts[TaskLight.DueSoon], page.Counts[TaskLight.Done]));
            line.Tasks.ShouldBe(tasks);
        }
        var officeLine = (await Service(db, today).ListPlansAsync(yongjiOffice, null, null, 1, 20)).Items.Single(p => p.Id == plan.Id);
        // 甲二 at (10 + 10 + 3 × 100 + 10) ÷ 6 = 55, the plan at (0 + 55 + 0 + 0 + 10) ÷ 5 = 13.
        (officeLine.Progress, officeLine.Overdue, officeLine.DueSoon, officeLine.Done).ShouldBe((13m, 3, 1, 1));
        // 永济's plan is a draft for comment without a document number: cited by its title, not by the pack's id.
        officeLine.PolicyCited.ShouldBe("《永济市促进专业镇高质量发展行动计划（2024-2025年）（征求意见稿）》");
        // A day later, 乙一 is overdue too.
        (await Service(db, today.AddDays(1)).OverdueByUnitAsync(yongjiOffice, plan.Id, 2024)).Single(u => u.Unit.Name == "测试乙局").Tasks.ShouldBe(2);
        // The count in the database agrees: a task late by its own deadline or by an open milestone, a done milestone not counted.
        foreach (var day in new[] { today, today.AddDays(1) })
            (await Service(db, day).OverdueCountAsync(yongjiOffice)).ShouldBe(
                (await Service(db, day).ListTasksAsync(yongjiOffice, new TaskFilter(PageSize: 500))).Items.Count(t => t.Light == TaskLight.Overdue));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_demo_plans_show_every_light_as_of_the_demo_day_and_filters_agree(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var service = Service(db);
        var all = await service.ListTasksAsync(CityLeader, new TaskFilter(PageSize: 500));
        all.Items.Select(t => t.Light).Distinct().ShouldBe(Enum.GetValues<TaskLight>(), ignoreOrder: true);
        foreach (var light in Enum.GetValues<TaskLight>())
            (await service.ListTasksAsync(CityLeader, new TaskFilter(Light: light, PageSize: 500))).Items.Select(t => t.Id)
                .ShouldBe(all.Items.Where(t => t.Light == light).Select(t => t.Id));
        (await service.ListTasksAsync(CityLeader, new TaskFilter(Overdue: true, PageSize: 500))).Total.ShouldBe(all.Items.Count(t => t.Light == TaskLight.Overdue));
        // Counted in the database for the reminders: the same tasks as the lights worked out in memory.
        (await service.OverdueCountAsync(CityLeader)).ShouldBe(all.Items.Count(t => t.Light == TaskLight.Overdue));
        var page2 = await service.ListTasksAsync(CityLeader, new TaskFilter(Page: 2, PageSize: 10));
        (page2.Total, page2.Items.Count, page2.Pages).ShouldBe((23, 10, 3));

        var xinjiang = await service.PlanAsync(CityLeader, await db.ActionPlans.Where(p => p.Jurisdiction!.Name == "新绛县").Select(p => p.Id).SingleAsync());
        xinjiang.Groups.Select(g => g.Title).ShouldBe(Catalog.FindPack("xinjiang-2023-33")!.KeyTasks.Select(k => k.Group!).Distinct());
        xinjiang.Groups.SelectMany(g => g.Tasks).Single(t => t.Number == "8.").Light.ShouldBe(TaskLight.Done);
        xinjiang.Progress.ShouldBeGreaterThan(0m);
        // Seen from the real clock long after 2024, whatever was open is overdue.
        var later = await Service(db, new DateOnly(2026, 1, 5)).ListTasksAsync(CityLeader, new TaskFilter(PageSize: 500));
        later.Items.ShouldAllBe(t => t.Light == TaskLight.Done || t.Light == TaskLight.Overdue);
        (await Service(db, new DateOnly(2026, 1, 5)).OverdueCountAsync(CityLeader)).ShouldBe(later.Items.Count(t => t.Light == TaskLight.Overdue));

        // The filters are conditions the database tests (TaskLights.Is); the lights shown are worked out in memory. Every 19
        // days across the demo plans' two years (deadlines and milestones passing, coming due, progress reported), each
        // filter finds exactly the tasks shown in its light, and 逾期 or not splits them the same way.
        for (var day = new DateOnly(2024, 1, 1); day <= new DateOnly(2025, 12, 31); day = day.AddDays(19))
        {
            var then = Service(db, day);
            var shown = (await then.ListTasksAsync(CityLeader, new TaskFilter(PageSize: 500))).Items;
            foreach (var light in Enum.GetValues<TaskLight>())
                (await then.ListTasksAsync(CityLeader, new TaskFilter(Light: light, PageSize: 500))).Items.Select(t => t.Id)
                    .ShouldBe(shown.Where(t => t.Light == light).Select(t => t.Id), $"{light} on {day}");
            (await then.ListTasksAsync(CityLeader, new TaskFilter(Overdue: false, PageSize: 500))).Items.Select(t => t.Id)
                .ShouldBe(shown.Where(t => t.Light != TaskLight.Overdue).Select(t => t.Id), $"not overdue on {day}");
            // A lead unit's reminders are read as one condition (TaskLights.NeedsAttention): exactly the tasks it leads shown
            // red or yellow, in the list's order and light, and counted the same for the bell.
            foreach (var unit in shown.SelectMany(t => t.LeadUnits).Select(u => u.Id).Distinct())
            {
                var member = new UserScope(56, Roles.MemberUnit, "山西省/运城市", null) { UnitId = unit };
                var expected = shown.Where(t => t.LeadUnits.Any(u => u.Id == unit) && t.Light is TaskLight.Overdue or TaskLight.DueSoon)
                    .Select(t => (t.Id, t.Number, t.Deadline, t.Light)).ToList();
                (await then.LeadAttentionAsync(member, unit)).Select(t => (t.Id, t.Number, t.Deadline, t.Light)).ShouldBe(expected, $"unit {unit} on {day}");
                (await then.LeadAttentionCountAsync(member, unit)).ShouldBe(expected.Count, $"unit {unit} on {day}");
            }
        }
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_office_shapes_tasks_units_milestones_and_weights_and_others_may_not(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var service = Service(db);
        var member = await MemberAsync(db);
        var first = await TaskIdAsync(db, "垣曲县", "（一）");
        var t = (await service.TaskAsync(YuanquOffice, first)).Task;
        var office = await UnitAsync(db, Yuanqu, "县工科局");
        var agriculture = await UnitAsync(db, Yuanqu, "县农业农村局");
        var xinjiangUnit = await UnitAsync(db, "山西省/运城市/新绛县", "县发改局");
        TaskEdit Edit(DateOnly deadline, string? title = null) => new(title ?? t.Title, t.Number, t.Source, t.Measures, 90, "户", 52, 2, deadline);

        (await Should.ThrowAsync<TaskRuleException>(() => service.EditTaskAsync(YuanquOffice, "垣曲县专业镇办", first, Edit(new DateOnly(2024, 12, 25)), [xinjiangUnit], [])))
            .Errors.Keys.ShouldBe(["leadUnitIds"]);
        (await Should.ThrowAsync<TaskRuleException>(() => service.EditTaskAsync(YuanquOffice, "垣曲县专业镇办", first, Edit(new DateOnly(2024, 12, 25), " "), [], [agriculture])))
            .Errors.Keys.ShouldBe(["title", "leadUnitIds"], ignoreOrder: true, "the task's own fields and its units in one round; nothing is saved");
        await Should.ThrowAsync<TaskForbiddenException>(() => service.EditTaskAsync(member, "垣曲县农业农村局", first, Edit(new DateOnly(2024, 12, 25)), [office], []));
        await Should.ThrowAsync<TaskForbiddenException>(() => service.EditTaskAsync(CityLeader, "运城市分管领导", first, Edit(new DateOnly(2024, 12, 25)), [office], []));
        await service.EditTaskAsync(YuanquOffice, "垣曲县专业镇办", first, Edit(new DateOnly(2024, 12, 25)), [office, agriculture], [await UnitAsync(db, Yuanqu, "县文旅局")]);
        var edited = (await service.TaskAsync(member, first)).Task;
        (edited.Deadline, edited.OriginalDeadline, edited.TargetValue, edited.Weight).ShouldBe((new DateOnly(2024, 12, 25), new DateOnly(2024, 12, 31), 90m, 2m));
        edited.LeadUnits.Select(u => u.Unit!.Name).ShouldBe(["县工科局", "县农业农村局"]);
        edited.CooperatingUnits.Select(u => u.Unit!.Name).ShouldBe(["县文旅局"]);
        edited.Notes.Select(n => n.Text).ShouldContain("办公室修改任务：截止日期 2024年12月31日 → 2024年12月25日，权重 1 → 2，目标 90户");

        // The lead unit breaks the task down further; only the office corrects or removes a milestone.
        var added = await service.AddMilestoneAsync(member, "垣曲县农业农村局", first, "年底前完成市场主体培育验收", new DateOnly(2024, 12, 15), 1);
        await Should.ThrowAsync<TaskForbiddenException>(() => service.EditMilestoneAsync(member, "垣曲县农业农村局", first, added, "改名", new DateOnly(2024, 12, 10), 1));
        await service.EditMilestoneAsync(YuanquOffice, "垣曲县专业镇办", first, added, "年底前完成培育验收", new DateOnly(2024, 12, 10), 0.5m);
        await service.RemoveMilestoneAsync(YuanquOffice, "垣曲县专业镇办", first, added);
        (await service.TaskAsync(member, first)).Task.Milestones.Count.ShouldBe(4);

        // A task of the office's own, and group weights that move the plan's figure.
        var plan = (await service.TaskAsync(YuanquOffice, first)).Plan.Id;
        var group = await db.TaskGroups.Where(g => g.PlanId == plan).Select(g => g.Id).SingleAsync();
        (await Should.ThrowAsync<TaskRuleException>(() => service.AddTaskAsync(YuanquOffice, "垣曲县专业镇办", plan, group, new TaskEdit("建立专家库", "（十二）", "垣政办发〔2023〕19号 五（二）", null, null, null, null, 1, new DateOnly(2024, 12, 31)), [], [])))
            .Errors.Keys.ShouldBe(["leadUnitIds"]);
        var own = await service.AddTaskAsync(YuanquOffice, "垣曲县专业镇办", plan, group, new TaskEdit("建立专家库", "（十二）", "垣政办发〔2023〕19号 五（二）", null, null, null, null, 1, new DateOnly(2024, 12, 31)), [office], []);
        await Should.ThrowAsync<TaskNotFoundException>(() => service.TaskAsync(member, own));
        (await service.PlanAsync(YuanquOffice, plan)).Groups.Single().Tasks.Last().Title.ShouldBe("建立专家库");

        var xinjiangPlan = await db.ActionPlans.Where(p => p.Jurisdiction!.Name == "新绛县").Select(p => p.Id).SingleAsync();
        var xinjiangOffice = XinjiangOffice;
        var before = (await service.PlanAsync(xinjiangOffice, xinjiangPlan));
        var third = before.Groups[2];
        await Should.ThrowAsync<TaskNotFoundException>(() => service.SetGroupWeightAsync(YuanquOffice, xinjiangPlan, third.Id, 3));
        (await Should.ThrowAsync<TaskRuleException>(() => service.SetGroupWeightAsync(xinjiangOffice, xinjiangPlan, third.Id, -1))).Errors.Keys.ShouldBe(["weight"]);
        await service.SetGroupWeightAsync(xinjiangOffice, xinjiangPlan, third.Id, 3);
        var after = await service.PlanAsync(xinjiangOffice, xinjiangPlan);
        var expected = ProgressMath.Weighted(before.Groups.Select(g => (g.Id == third.Id ? 3m : 1m, g.Progress)));
        after.Progress.ShouldBe(expected);
        after.Progress.ShouldNotBe(before.Progress);
    }
}
