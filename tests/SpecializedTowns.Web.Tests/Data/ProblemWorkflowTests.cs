using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Problems;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Data;

public class ProblemWorkflowTests
{
    private static Task<StorageSettings> LoadedAsync(StorageProvider provider) => TestDatabases.WithDemoAccountsAsync(provider);

    private static Task<UserScope> ScopeAsync(TownsDbContext db, string userName) => DemoScopes.OfAsync(db, userName);

    private static async Task<int> UnitAsync(TownsDbContext db, string county, string name) =>
        await db.Units.Where(u => u.Jurisdiction!.Path == county && u.Name == name).Select(u => u.Id).SingleAsync();

    private const string Yuanqu = "山西省/运城市/垣曲县";

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_office_confirms_for_a_raiser_whose_account_is_disabled(StorageProvider provider)
    {
        var storage = await LoadedAsync(provider);
        await using var db = storage.CreateContext();
        var service = new ProblemService(db, TimeProvider.System, new ProblemSettings());
        var township = await ScopeAsync(db, "lishan-township");
        var office = await ScopeAsync(db, "yuanqu-office");
        var member = await ScopeAsync(db, "yuanqu-member");
        var liShan = await db.Towns.SingleAsync(t => t.Name == "历山镇蜂蜜专业镇");
        var id = await service.RaiseAsync(township, "历山镇专业镇专干", new ProblemInput
        {
            Title = "蜂产品检测费用高", Description = "企业送检路途远、费用高，希望就近设立检测点。",
            Source = ProblemSource.Survey, Kind = ProblemKind.Common, Category = ProblemCategory.Other, CountyId = liShan.CountyId, TownId = liShan.Id,
        });
        await service.AcceptAsync(office, "垣曲县专业镇办", id, new AcceptInput(member.UnitId, [], service.Today.AddDays(10), null));
        await service.HandleAsync(member, "垣曲县农业农村局", id, "已联系市检测中心");
        await service.AnswerAsync(member, "垣曲县农业农村局", id, "市检测中心每月到历山镇集中收样一次");

        // The raiser can sign in: the office waits for them.
        (await service.ViewAsync(office, id, "垣曲县专业镇办")).Steps.ShouldNotContain(ProblemStep.Confirm);

        // 停用: the raiser cannot sign in any more, and the office stands in for them (代提出人), as for a paper entry.
        var account = await db.Users.SingleAsync(u => u.UserName == "lishan-township");
        account.DisabledAtUtc = DateTime.UtcNow;
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var view = await service.ViewAsync(office, id, "垣曲县专业镇办");
        view.Steps.ShouldBe([ProblemStep.Confirm, ProblemStep.Reopen]);
        view.ConfirmsOnBehalf.ShouldBeTrue();
        await service.ConfirmAsync(office, "垣曲县专业镇办", id, "电话联系企业，确认已解决");
        db.ChangeTracker.Clear();
        var closed = await db.Problems.AsNoTracking().Include(p => p.Events).SingleAsync(p => p.Id == id);
        closed.State.ShouldBe(ProblemState.Closed);
        closed.Events.OrderBy(e => e.Id).Last().OnBehalf.ShouldBeTrue();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_problem_raised_by_a_township_is_accepted_handled_answered_and_closed_by_its_raiser(StorageProvider provider)
    {
        var storage = await LoadedAsync(provider);
        await using var db = storage.CreateContext();
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        var service = new ProblemService(db, clock, new ProblemSettings());
        var township = await ScopeAsync(db, "lishan-township");
        var office = await ScopeAsync(db, "yuanqu-office");
        var member = await ScopeAsync(db, "yuanqu-member");
        var cityOffice = await ScopeAsync(db, "yuncheng-office");
        var cityLeader = await ScopeAsync(db, "yuncheng-leader");
        var otherCounty = await ScopeAsync(db, "xinjiang-office");
        var expert = await ScopeAsync(db, "expert-zhang");
        var agriculture = await UnitAsync(db, Yuanqu, "县农业农村局");
        var land = await UnitAsync(db, Yuanqu, "县自然资源局");
        var finance = await UnitAsync(db, Yuanqu, "县金融服务中心");
        member.UnitId.ShouldBe(agriculture);
        var cooperatingUnit = member with { UserId = 9001, UnitId = land };
        var unrelatedUnit = member with { UserId = 9002, UnitId = finance };
        var liShan = await db.Towns.SingleAsync(t => t.Name == "历山镇蜂蜜专业镇");
        var enterprise = await db.Enterprises.SingleAsync(e => e.Name == "垣曲县历山蜂业有限公司");

        var id = await service.RaiseAsync(township, "历山镇专业镇专干", new ProblemInput
        {
            Title = "蜂蜜冷链仓储库建设用地指标未落实", Description = "约 15 亩建设用地指标尚未落实，影响项目开工。",
            Source = ProblemSource.Survey, Kind = ProblemKind.Individual, Category = ProblemCategory.Land,
            CountyId = liShan.CountyId, TownId = liShan.Id, EnterpriseId = enterprise.Id,
        });

        // Before acceptance: the raiser and the offices above see it; no member unit does; another county does not.
        (await service.ViewAsync(township, id, "历山镇专业镇专干")).Steps.ShouldBeEmpty();
        (await service.ViewAsync(office, id, "垣曲县专业镇办")).Steps.ShouldBe([ProblemStep.Accept, ProblemStep.Decline]);
        (await service.ViewAsync(cityOffice, id, "运城市专业镇办")).Steps.ShouldBe([ProblemStep.Accept, ProblemStep.Decline]);
        await Should.ThrowAsync<ProblemNotFoundException>(() => service.ViewAsync(member, id, "x"));
        await Should.ThrowAsync<ProblemNotFoundException>(() => service.ViewAsync(otherCounty, id, "x"));
        await Should.ThrowAsync<ProblemNotFoundException>(() => service.ViewAsync(expert, id, "x"));
        await Should.ThrowAsync<ProblemNotFoundException>(() => service.AcceptAsync(otherCounty, "新绛县专业镇办", id, new AcceptInput(agriculture, [], service.Today.AddDays(10), null)));
        (await Should.ThrowAsync<ProblemRuleException>(() => service.AcceptAsync(township, "历山镇专业镇专干", id, new AcceptInput(agriculture, [], service.Today.AddDays(10), null))))
            .Message.ShouldContain("领导小组办公室可以受理");
        (await Should.ThrowAsync<ProblemRuleException>(() => service.AcceptAsync(office, "垣曲县专业镇办", id, new AcceptInput(null, [], service.Today.AddDays(10), null))))
            .Field.ShouldBe("leadUnitId");
        var otherCountyUnit = await UnitAsync(db, "山西省/运城市/新绛县", "县农业农村局");
        (await Should.ThrowAsync<ProblemRuleException>(() => service.AcceptAsync(office, "垣曲县专业镇办", id, new AcceptInput(otherCountyUnit, [], service.Today.AddDays(10), null))))
            .Message.ShouldBe("所选牵头单位不是该县可选的单位");

        await service.AcceptAsync(office, "垣曲县专业镇办", id, new AcceptInput(agriculture, [land], service.Today.AddDays(10), "请县农业农村局牵头"));

        // After acceptance: the lead unit and the cooperating unit see it; only the lead unit acts; an unrelated unit sees nothing.
        (await service.ViewAsync(member, id, "垣曲县农业农村局")).Steps.ShouldBe([ProblemStep.Handle]);
        var seenByCooperating = await service.ViewAsync(cooperatingUnit, id, "垣曲县自然资源局");
        seenByCooperating.Steps.ShouldBeEmpty();
        seenByCooperating.LeadUnit.ShouldBe("县农业农村局");
        seenByCooperating.CooperatingUnits.Select(u => u.Name).ShouldBe(["县自然资源局"]);
        (await Should.ThrowAsync<ProblemRuleException>(() => service.HandleAsync(cooperatingUnit, "垣曲县自然资源局", id, "已协调"))).Message.ShouldContain("只有牵头单位");
        await Should.ThrowAsync<ProblemNotFoundException>(() => service.ViewAsync(unrelatedUnit, id, "x"));
        await Should.ThrowAsync<ProblemNotFoundException>(() => service.HandleAsync(unrelatedUnit, "x", id, "已协调"));
        (await service.ViewAsync(cityLeader, id, "运城市分管领导")).Steps.ShouldBeEmpty();

        clock.Now = clock.Now.AddDays(3);
        await service.HandleAsync(member, "垣曲县农业农村局", id, "已会同县自然资源局现场踏勘");
        (await Should.ThrowAsync<ProblemRuleException>(() => service.ConfirmAsync(township, "历山镇专业镇专干", id, null))).Message.ShouldBe("问题当前为“办理中”，不能“确认解决”");
        await service.AnswerAsync(member, "垣曲县农业农村局", id, "已纳入年度用地计划调整方案");
        (await Should.ThrowAsync<ProblemRuleException>(() => service.ConfirmAsync(member, "垣曲县农业农村局", id, null))).Message.ShouldContain("只有问题提出人");
        clock.Now = clock.Now.AddDays(1);
        await service.ReopenAsync(township, "历山镇专业镇专干", id, "指标仍未下达");
        await service.AnswerAsync(member, "垣曲县农业农村局", id, "指标已下达");
        (await service.ViewAsync(township, id, "历山镇专业镇专干")).Steps.ShouldBe([ProblemStep.Confirm, ProblemStep.Reopen]);
        // The township has an account and confirms for itself: the office is not offered 代提出人, and is refused it.
        var forOffice = await service.ViewAsync(office, id, "垣曲县专业镇办");
        (forOffice.ConfirmsOnBehalf, forOffice.Steps.Contains(ProblemStep.Confirm)).ShouldBe((false, false));
        (await Should.ThrowAsync<ProblemRuleException>(() => service.ConfirmAsync(office, "垣曲县专业镇办", id, "电话确认"))).Message.ShouldContain("须由提出人本人确认解决");
        clock.Now = clock.Now.AddDays(1);
        await service.ConfirmAsync(township, "历山镇专业镇专干", id, "已解决");

        await using var check = storage.CreateContext();
        var stored = await check.Problems.Include(p => p.Events).Include(p => p.CooperatingUnits).SingleAsync(p => p.Id == id);
        (stored.State, stored.LeadUnitId, stored.RaisedByUserId, stored.Deadline).ShouldBe((ProblemState.Closed, agriculture, township.UserId, ProblemDeadline.ChinaDate(clock.Now.UtcDateTime.AddDays(-5)).AddDays(10)));
        stored.CooperatingUnits.Select(c => c.UnitId).ShouldBe([land]);
        stored.Events.OrderBy(e => e.Id).Select(e => (e.Action, e.UserName)).ShouldBe([
            ("登记问题", "历山镇专业镇专干"), ("受理", "垣曲县专业镇办"), ("办理", "垣曲县农业农村局"), ("答复", "垣曲县农业农村局"),
            ("提出人退回，重新办理", "历山镇专业镇专干"), ("答复", "垣曲县农业农村局"), ("提出人确认解决，办结", "历山镇专业镇专干")]);
        stored.Events.ShouldAllBe(e => e.UserId != null);
        (stored.ClosedAtUtc!.Value - stored.RaisedAtUtc).TotalDays.ShouldBe(5, tolerance: 0.001);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Registration_names_every_wrong_field_in_chinese_and_writes_nothing(StorageProvider provider)
    {
        var storage = await LoadedAsync(provider);
        await using var db = storage.CreateContext();
        var service = new ProblemService(db, TimeProvider.System, new ProblemSettings());
        var township = await ScopeAsync(db, "lishan-township");
        var office = await ScopeAsync(db, "yuanqu-office");
        var yuanqu = await db.Jurisdictions.SingleAsync(j => j.Path == Yuanqu);
        var xinjiang = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/运城市/新绛县");
        var gucheng = await db.Towns.SingleAsync(t => t.Name == "古城镇渔业专业镇");
        var liShan = await db.Towns.SingleAsync(t => t.Name == "历山镇蜂蜜专业镇");
        var xinjiangEnterprise = await db.Enterprises.FirstAsync(e => e.CountyId == xinjiang.Id);
        var xinjiangUnit = await UnitAsync(db, "山西省/运城市/新绛县", "县工信科技局");
        var before = await db.Problems.CountAsync();

        var empty = await Should.ThrowAsync<ProblemInputException>(() => service.RaiseAsync(office, "垣曲县专业镇办", new ProblemInput()));
        empty.Errors.Keys.ShouldBe(["Title", "Description", "Source", "Kind", "Category", "CountyId"], ignoreOrder: true);
        empty.Errors["CountyId"].ShouldBe("请选择问题所在县（市、区）");

        var wrong = await Should.ThrowAsync<ProblemInputException>(() => service.RaiseAsync(office, "垣曲县专业镇办", new ProblemInput
        {
            Title = new string('题', Problem.MaxTitle + 1), Description = "d", Source = ProblemSource.Survey, Kind = ProblemKind.Individual,
            Category = (ProblemCategory)99, CountyId = yuanqu.Id, EnterpriseId = xinjiangEnterprise.Id, LeadUnitId = xinjiangUnit,
            Deadline = ProblemDeadline.ChinaDate(DateTime.UtcNow).AddDays(-1),
        }));
        wrong.Errors.ShouldBe(new Dictionary<string, string>
        {
            ["Title"] = $"问题标题不超过 {Problem.MaxTitle} 字（现为 {Problem.MaxTitle + 1} 字）",
            ["Category"] = "请选择问题类别",
            ["EnterpriseId"] = "所选企业不在该县或不在您的数据范围内",
            ["LeadUnitId"] = "所选牵头单位不是该县可选的单位",
            ["Deadline"] = "办理时限不能早于今天",
        }, ignoreOrder: true);

        // A township raises only in its own county and for its own town; 个性 needs the enterprise.
        var township1 = await Should.ThrowAsync<ProblemInputException>(() => service.RaiseAsync(township, "历山镇专业镇专干", new ProblemInput
        {
            Title = "t", Description = "d", Source = ProblemSource.Survey, Kind = ProblemKind.Individual, Category = ProblemCategory.Land,
            CountyId = yuanqu.Id, TownId = gucheng.Id,
        }));
        township1.Errors.ShouldBe(new Dictionary<string, string>
        {
            ["TownId"] = "所选专业镇不在该县或不在您的数据范围内",
            ["EnterpriseId"] = "个性问题请选择所涉企业",
        }, ignoreOrder: true);
        (await Should.ThrowAsync<ProblemInputException>(() => service.RaiseAsync(township, "历山镇专业镇专干", new ProblemInput
        {
            Title = "t", Description = "d", Source = ProblemSource.Survey, Kind = ProblemKind.Common, Category = ProblemCategory.Land, CountyId = xinjiang.Id,
        }))).Errors["CountyId"].ShouldBe("所选县不在您的数据范围内");
        var guchengEnterprise = await db.Enterprises.FirstAsync(e => e.SpecializedTownId == gucheng.Id);
        (await Should.ThrowAsync<ProblemInputException>(() => service.RaiseAsync(office, "垣曲县专业镇办", new ProblemInput
        {
            Title = "t", Description = "d", Source = ProblemSource.Survey, Kind = ProblemKind.Individual, Category = ProblemCategory.Land,
            CountyId = yuanqu.Id, TownId = liShan.Id, EnterpriseId = guchengEnterprise.Id,
        }))).Errors["EnterpriseId"].ShouldBe("所选企业不属于所选专业镇");
        var leader = await ScopeAsync(db, "yuncheng-leader");
        await Should.ThrowAsync<ProblemRuleException>(() => service.RaiseAsync(leader, "运城市分管领导", new ProblemInput()));

        (await db.Problems.CountAsync()).ShouldBe(before, "nothing half-written");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Each_role_sees_the_problems_of_its_unit_town_or_jurisdiction(StorageProvider provider)
    {
        var storage = await LoadedAsync(provider);
        await using var db = storage.CreateContext();
        var service = new ProblemService(db, TimeProvider.System, new ProblemSettings());
        async Task<Paged<ProblemListItem>> ListAs(string user, ProblemFilter? filter = null) =>
            await service.ListAsync(await ScopeAsync(db, user), filter ?? new ProblemFilter { PageSize = 100 });

        (await ListAs("yuanqu-office")).Items.ShouldAllBe(p => p.County == "垣曲县");
        (await ListAs("yuanqu-office")).Total.ShouldBe(8);
        (await ListAs("xinjiang-office")).Total.ShouldBe(4);
        (await ListAs("yuncheng-office")).Total.ShouldBe(12);
        (await ListAs("yuncheng-leader")).Total.ShouldBe(12);
        (await ListAs("yangquan-office")).Total.ShouldBe(0);
        (await ListAs("expert-zhang")).Total.ShouldBe(0);
        (await ListAs("admin")).Total.ShouldBe(12);

        // 县农业农村局 leads two demo problems and cooperates on two; 历山镇's staff see their town's four.
        var member = await ListAs("yuanqu-member");
        member.Total.ShouldBe(4);
        var agriculture = await UnitAsync(db, Yuanqu, "县农业农村局");
        member.Items.Count(p => p.LeadUnitId == agriculture).ShouldBe(2);
        var township = await ListAs("lishan-township");
        township.Items.ShouldAllBe(p => p.Town == "历山镇蜂蜜专业镇");
        township.Total.ShouldBe(4);

        // Overdue (not answered by the limit) escalates to the office, longest overdue first.
        var overdue = await ListAs("yuanqu-office", new ProblemFilter { Overdue = true, Sort = "overdue" });
        overdue.Items.Select(p => p.DaysOverdue).ShouldBe([5, 2]);
        overdue.Items.ShouldAllBe(p => p.DeadlineStatus == DeadlineStatus.Overdue);
        (await service.OverdueCountAsync(await ScopeAsync(db, "yuncheng-office"))).ShouldBe(3);

        // The unit filter offers each unit that leads or cooperates on a problem the person sees, once.
        foreach (var user in new[] { "yuanqu-office", "yuncheng-office", "yuanqu-member", "shanxi-office" })
        {
            var seen = (await ListAs(user)).Items.Select(p => p.Id).ToList();
            var involved = await db.Problems.AsNoTracking().Where(p => seen.Contains(p.Id))
                .Select(p => new { p.LeadUnitId, Cooperating = p.CooperatingUnits.Select(c => c.UnitId).ToList() }).ToListAsync();
            var expected = involved.Where(p => p.LeadUnitId != null).Select(p => p.LeadUnitId!.Value).Concat(involved.SelectMany(p => p.Cooperating)).Distinct().Order().ToList();
            expected.ShouldNotBeEmpty(user);
            var offered = (await service.FilterUnitsAsync(await ScopeAsync(db, user))).Select(o => o.Id).ToList();
            offered.Order().ToList().ShouldBe(expected, user);
        }

        // Filters and paging keep the total.
        (await ListAs("yuanqu-office", new ProblemFilter { UnitId = agriculture })).Total.ShouldBe(4);
        (await ListAs("yuanqu-office", new ProblemFilter { Category = ProblemCategory.Land })).Items.ShouldAllBe(p => p.Category == ProblemCategory.Land);
        (await ListAs("yuanqu-office", new ProblemFilter { OpenOnly = true })).Total.ShouldBe(6);
        (await ListAs("yuanqu-office", new ProblemFilter { State = ProblemState.Answered })).Items.Single().Title.ShouldContain("环评");
        var liShan = await db.Towns.SingleAsync(t => t.Name == "历山镇蜂蜜专业镇");
        (await ListAs("yuncheng-office", new ProblemFilter { TownId = liShan.Id })).Total.ShouldBe(4);
        (await ListAs("yuncheng-office", new ProblemFilter { JurisdictionPath = "山西省/运城市/新绛县" })).Total.ShouldBe(4);
        var page1 = await ListAs("yuncheng-office", new ProblemFilter { PageSize = 5, Page = 1 });
        var page3 = await ListAs("yuncheng-office", new ProblemFilter { PageSize = 5, Page = 3 });
        (page1.Items.Count, page1.Total, page3.Items.Count, page3.Pages).ShouldBe((5, 12, 2, 3));
        var byDeadline = await ListAs("yuanqu-office", new ProblemFilter { Sort = "deadline" });
        byDeadline.Items.Where(p => p.Deadline is not null).Select(p => p.Deadline!.Value).ShouldBeInOrder();

        // The province's office covers every jurisdiction there is (its ledger is then read without a condition)…
        (await ListAs("shanxi-office")).Total.ShouldBe(12);
        (await ListAs("shanxi-office", new ProblemFilter { PageSize = 5, Page = 3 })).Items.Select(p => p.Id)
            .ShouldBe((await ListAs("admin", new ProblemFilter { PageSize = 5, Page = 3 })).Items.Select(p => p.Id));
        // …until the database also holds another province: a problem there is not the Shanxi office's.
        var hebei = new SpecializedTowns.Core.Jurisdictions.Jurisdiction { Name = "河北省", Level = SpecializedTowns.Core.Jurisdictions.JurisdictionLevel.Province, Path = "河北省" };
        db.Jurisdictions.Add(hebei);
        await db.SaveChangesAsync();
        var moved = await db.Problems.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        // Led by none of Shanxi's units either: the office keeps sight of what its own units lead elsewhere (decision 0022).
        await db.Problems.Where(p => p.Id == moved).ExecuteUpdateAsync(s => s.SetProperty(p => p.JurisdictionId, hebei.Id).SetProperty(p => p.RaisedByUserId, (int?)null)
            .SetProperty(p => p.LeadUnitId, (int?)null));
        var fresh = new ProblemService(db, TimeProvider.System, new ProblemSettings());
        var shanxi = await fresh.ListAsync(await ScopeAsync(db, "shanxi-office"), new ProblemFilter { PageSize = 100 });
        shanxi.Total.ShouldBe(11);
        shanxi.Items.ShouldNotContain(p => p.Id == moved);
        (await fresh.ListAsync(await ScopeAsync(db, "admin"), new ProblemFilter { PageSize = 100 })).Total.ShouldBe(12);
    }

    [Fact]
    public async Task The_due_soon_window_comes_from_configuration_and_nonsense_is_refused()
    {
        ProblemSettings.From(null).DueSoonDays.ShouldBe(7);
        Should.Throw<ArgumentException>(() => ProblemSettings.From(-1)).Message.ShouldContain("Problems:DueSoonDays");
        var storage = await LoadedAsync(StorageProvider.Sqlite);
        await using var db = storage.CreateContext();
        var office = await ScopeAsync(db, "xinjiang-office");
        // The demo's 万安钻石 financing problem is due in five days: yellow with seven days' warning, green with three.
        async Task<DeadlineStatus> StatusWith(int days) =>
            (await new ProblemService(db, TimeProvider.System, ProblemSettings.From(days)).ListAsync(office, new ProblemFilter { Search = "设备融资" })).Items.Single().DeadlineStatus;
        (await StatusWith(7)).ShouldBe(DeadlineStatus.DueSoon);
        (await StatusWith(3)).ShouldBe(DeadlineStatus.OnTrack);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_step_taken_meanwhile_by_someone_else_is_not_taken_twice(StorageProvider provider)
    {
        var storage = await LoadedAsync(provider);
        await using var first = storage.CreateContext();
        await using var second = storage.CreateContext();
        var office = await ScopeAsync(first, "yuanqu-office");
        var id = await first.Problems.Where(p => p.Title.Contains("用电增容")).Select(p => p.Id).SingleAsync();
        var deadline = ProblemDeadline.ChinaDate(DateTime.UtcNow).AddDays(10);
        // The second clerk loaded the problem before the first accepted it.
        var stale = await second.Problems.Include(p => p.Events).Include(p => p.CooperatingUnits).SingleAsync(p => p.Id == id);
        await new ProblemService(first, TimeProvider.System, new ProblemSettings()).AcceptAsync(office, "甲", id, new AcceptInput(null, null, deadline, null));
        stale.Decline(new ProblemActor(office.UserId, "乙", Roles.Office, null, true), DateTime.UtcNow, "重复登记");
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = storage.CreateContext();
        var stored = await check.Problems.Include(p => p.Events).SingleAsync(p => p.Id == id);
        stored.State.ShouldBe(ProblemState.Accepted);
        stored.Events.Count(e => e.From != e.To).ShouldBe(1);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Figures_by_unit_add_up_on_a_small_hand_made_ledger(StorageProvider provider)
    {
        var storage = await LoadedAsync(provider);
        await using var db = storage.CreateContext();
        var start = new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero);
        var clock = new FixedClock(start);
        var service = new ProblemService(db, clock, new ProblemSettings(DueSoonDays: 7));
        // 永济 has no demo problems: only the hand-made ones below are counted.
        const string yongjiPath = "山西省/运城市/永济市";
        var yongji = await db.Jurisdictions.SingleAsync(j => j.Path == yongjiPath);
        var units = await db.Units.Where(u => u.JurisdictionId == yongji.Id).OrderBy(u => u.Id).Take(2).Select(u => u.Id).ToListAsync();
        var (a, b) = (units[0], units[1]);
        var office = await ScopeAsync(db, "yongji-office");
        var unitA = new UserScope(9101, Roles.MemberUnit, yongjiPath, null) { UnitId = a };

        async Task<int> Raise(int lead, int deadlineInDays)
        {
            var id = await service.RaiseAsync(office, "永济市专业镇办", new ProblemInput
            {
                // Several problems of the same title, one after another: each is meant (not a form sent twice).
                Title = "t", Description = "d", Source = ProblemSource.Survey, Kind = ProblemKind.Common, Category = ProblemCategory.Other,
                CountyId = yongji.Id, LeadUnitId = lead, RepeatConfirmed = true,
            });
            await service.AcceptAsync(office, "永济市专业镇办", id, new AcceptInput(null, null, service.Today.AddDays(deadlineInDays), null));
            return id;
        }
        async Task Solve(int id, int afterDays)
        {
            await service.HandleAsync(unitA, "a", id, "办理");
            await service.AnswerAsync(unitA, "a", id, "答复");
            clock.Now = start.AddDays(afterDays);
            await service.ConfirmAsync(office, "永济市专业镇办", id, null);
            clock.Now = start;
        }

        var solvedIn10 = await Raise(a, 30);
        var solvedIn21 = await Raise(a, 30);
        var overdue = await Raise(a, 5);
        var onTrack = await Raise(a, 60);
        var declined = await service.RaiseAsync(office, "永济市专业镇办", new ProblemInput
        {
            Title = "t", Description = "d", Source = ProblemSource.Survey, Kind = ProblemKind.Common, Category = ProblemCategory.Other, CountyId = yongji.Id, LeadUnitId = a,
            RepeatConfirmed = true,
        });
        await service.DeclineAsync(office, "永济市专业镇办", declined, "不属于问题台账范围");
        var otherUnit = await Raise(b, 40);
        await Solve(solvedIn10, 10);
        await Solve(solvedIn21, 21);

        clock.Now = start.AddDays(30);
        var figures = await service.FiguresByUnitAsync(office);
        figures.Count.ShouldBe(2);
        var rowA = figures.Single(f => f.UnitId == a);
        (rowA.County, rowA.Figures.Open, rowA.Figures.Solved, rowA.Figures.Overdue, rowA.Figures.AverageDaysToClose).ShouldBe(("永济市", 2, 2, 1, 15.5));
        var rowB = figures.Single(f => f.UnitId == b);
        (rowB.Figures.Open, rowB.Figures.Solved, rowB.Figures.Overdue, rowB.Figures.AverageDaysToClose).ShouldBe((1, 0, 0, (double?)null));
        figures[0].UnitId.ShouldBe(a, "the unit with overdue problems comes first");

        // The same figures for the unit itself; none of them for an office elsewhere.
        (await service.FiguresByUnitAsync(unitA)).Single().Figures.ShouldBe(rowA.Figures);
        (await service.FiguresByUnitAsync(new UserScope(9102, Roles.Office, "山西省/运城市/垣曲县", null))).ShouldNotContain(f => f.County == "永济市");
        (await service.ListAsync(office, new ProblemFilter { Overdue = true })).Items.Single().Id.ShouldBe(overdue);
        _ = (onTrack, otherUnit);
    }
}
