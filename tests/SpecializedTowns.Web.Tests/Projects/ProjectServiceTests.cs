using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Projects;

/// <summary>The key-project library through its services, on both providers, with the demo loaded today.</summary>
public class ProjectServiceTests
{
    private static readonly UserScope Yuanqu = new(1, Roles.Office, "山西省/运城市/垣曲县", null);
    private static readonly UserScope Xinjiang = new(2, Roles.Office, "山西省/运城市/新绛县", null);

    private static async Task<TownsDbContext> LoadedAsync(StorageProvider provider) => (await TestDatabases.WithDemoAsync(provider)).CreateContext();

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static async Task<int> UnitAsync(TownsDbContext db, string county, string name) =>
        await db.Units.Where(u => u.Name == name && u.Jurisdiction!.Name == county).Select(u => u.Id).SingleAsync();

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_list_shows_each_office_its_own_projects_with_their_warnings(StorageProvider provider)
    {
        await using var db = await LoadedAsync(provider);
        var list = await ProjectQueries.ListAsync(db, Yuanqu, new ProjectFilter { PageSize = 50 }, Today, new ProjectWarningSettings());
        list.Items.Select(i => i.County).Distinct().ShouldBe(["垣曲县"]);
        // The four of this year and the three of 2024 the library still holds (ProjectDemo: one per town, for the 2024 evaluation).
        list.Total.ShouldBe(7);

        var coldStorage = list.Items.Single(i => i.Name == "历山镇蜂蜜冷链仓储项目");
        coldStorage.Warning.ShouldBe(WarningLevel.Red);
        coldStorage.Warnings.ShouldContain(w => w.Text == "计划签约日期已过 12 天，尚未签约");
        var extension = list.Items.Single(i => i.Name == "历山蜂产品精深加工扩建项目");
        extension.Warnings.ShouldContain(w => w.Level == WarningLevel.Yellow && w.Text == "距计划投产还有 20 天");
        // Sorted by warning, reds first.
        list.Items.Select(i => i.Warning).ShouldBe(list.Items.Select(i => i.Warning).OrderByDescending(w => w));

        var reds = await ProjectQueries.ListAsync(db, Yuanqu, new ProjectFilter { Warning = WarningLevel.Red }, Today, new ProjectWarningSettings());
        reds.Items.ShouldAllBe(i => i.Warning == WarningLevel.Red);
        reds.Items.ShouldContain(i => i.Name == "历山镇蜂蜜冷链仓储项目");

        var summary = await new ProjectSummaries().GetAsync(db, Yuanqu, new ProjectFilter(), Today, new ProjectWarningSettings());
        summary.Funnel.Sum(f => f.Projects).ShouldBe(7);
        summary.Funnel.Single(f => f.Stage == ProjectStage.Planning).Projects.ShouldBe(1);
        summary.Red.ShouldBe(reds.Total);
        // The amounts add up as stored (PostgreSQL sums the numerics, SQLite doubles rounded back to the cent).
        var own = await db.Projects.AsNoTracking().Where(p => p.County!.Name == "垣曲县").ToListAsync();
        summary.Funnel.Sum(f => f.InvestmentWanYuan).ShouldBe(own.Sum(p => p.TotalInvestmentWanYuan));
        summary.Funnel.Sum(f => f.InvestmentWanYuan).ShouldBeGreaterThan(0m);
        // By December every plan of the year is owed, but none of a project still 谋划储备 (InvestmentChartTests has the months).
        summary.Investment[^1].PlannedWanYuan.ShouldBe(own.Where(p => p.PlanYear == Today.Year && ProjectWarnings.InvestmentFrom(p) is not null).Sum(p => p.AnnualPlannedInvestmentWanYuan));
        var ids = own.Select(p => p.Id).ToList();
        var completed = await db.ProjectProgress.AsNoTracking().Where(g => ids.Contains(g.ProjectId) && g.Year == Today.Year && g.Month <= Today.Month).ToListAsync();
        summary.Investment[Today.Month - 1].CompletedWanYuan.ShouldBe(completed.Sum(g => g.InvestmentCompletedWanYuan));

        (await ProjectQueries.ListAsync(db, Xinjiang, new ProjectFilter(), Today, new ProjectWarningSettings())).Items.Select(i => i.Name).ShouldBe(
            ["培育钻石产业园二期项目", "万安培育钻石毛坯扩能项目", "绛州澄泥砚非遗工坊及展示中心项目", "泉掌镇设施蔬菜智能温室建设项目", "北张镇中药材仓储物流中心项目"], ignoreOrder: true);
        var expert = new UserScope(9, Roles.Expert, "山西省/运城市", null);
        (await ProjectQueries.ListAsync(db, expert, new ProjectFilter(), Today, new ProjectWarningSettings())).Total.ShouldBe(0);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_office_enters_a_project_and_bad_input_is_refused_field_by_field(StorageProvider provider)
    {
        await using var db = await LoadedAsync(provider);
        var service = new ProjectService(db, TimeProvider.System);
        var lishan = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => t.Id).SingleAsync();
        var wanan = await db.Towns.Where(t => t.Name == "万安钻石专业镇").Select(t => t.Id).SingleAsync();
        var xinjiangUnit = await UnitAsync(db, "新绛县", "县工信科技局");

        var (none, errors) = await service.SaveAsync(Yuanqu, null, new ProjectInput
        {
            Name = "", TownId = wanan, TotalInvestmentWanYuan = 0, AnnualPlannedInvestmentWanYuan = 5, PlanYear = 1990,
            PlannedStartOn = Today.AddDays(10), PlannedSignedOn = Today.AddDays(20), ResponsibleUnitId = xinjiangUnit,
        });
        none.ShouldBeNull();
        errors.Keys.ShouldBe([nameof(ProjectInput.Name), nameof(ProjectInput.TownId), nameof(ProjectInput.OwnerName), nameof(ProjectInput.Kind),
            nameof(ProjectInput.Role), nameof(ProjectInput.TotalInvestmentWanYuan), nameof(ProjectInput.AnnualPlannedInvestmentWanYuan), nameof(ProjectInput.PlanYear), nameof(ProjectInput.PlannedStartOn)], ignoreOrder: true);
        errors[nameof(ProjectInput.TownId)].ShouldBe("所选专业镇不在您的数据范围内");
        errors[nameof(ProjectInput.PlannedStartOn)].ShouldBe("计划开工日期不能早于计划签约日期");

        var input = new ProjectInput
        {
            Name = "历山蜂蜜文化体验园", TownId = lishan, OwnerName = "垣曲县文旅投资公司", Kind = ProjectKind.New, Role = ProjectRole.ShortBoard,
            TotalInvestmentWanYuan = 5000, AnnualPlannedInvestmentWanYuan = 1000, PlanYear = Today.Year,
            ResponsibleUnitId = xinjiangUnit, PlannedSignedOn = Today.AddDays(10),
        };
        (await service.SaveAsync(Yuanqu, null, input)).Errors[nameof(ProjectInput.ResponsibleUnitId)].ShouldContain("不在项目所在县");
        var (id, ok) = await service.SaveAsync(Yuanqu, null, input with { ResponsibleUnitId = await UnitAsync(db, "垣曲县", "县文旅局") });
        ok.ShouldBeEmpty();
        var saved = await db.Projects.Include(p => p.Guarantees).SingleAsync(p => p.Id == id);
        saved.Stage.ShouldBe(ProjectStage.Planning);
        saved.Guarantees.Select(g => g.Kind).ShouldBe(GuaranteeTerms.Kinds, ignoreOrder: true);

        var township = new UserScope(3, Roles.Township, "山西省/运城市/垣曲县/历山镇", lishan);
        (await service.SaveAsync(township, null, input)).Errors[""].ShouldContain("不能登记");
        await Should.ThrowAsync<ProjectNotFoundException>(() => service.SaveAsync(Xinjiang, id, input));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Only_the_responsible_unit_the_town_or_the_office_report_progress(StorageProvider provider)
    {
        await using var db = await LoadedAsync(provider);
        var service = new ProjectService(db, TimeProvider.System);
        var coldStorage = await db.Projects.SingleAsync(p => p.Name == "历山镇蜂蜜冷链仓储项目");
        var agriculture = new UserScope(4, Roles.MemberUnit, "山西省/运城市/垣曲县", null) { UnitId = await UnitAsync(db, "垣曲县", "县农业农村局") };
        var industry = new UserScope(5, Roles.MemberUnit, "山西省/运城市/垣曲县", null) { UnitId = await UnitAsync(db, "垣曲县", "县工科局") };
        var month = new ProgressInput { Year = Today.Year, Month = Today.Month, InvestmentCompletedWanYuan = 80, PhysicalProgress = "完成选址" };

        (await service.ReportAsync(industry, "县工科局", coldStorage.Id, month))[""].ShouldContain("只有责任单位");
        (await service.ReportAsync(agriculture, "县农业农村局", coldStorage.Id, month)).ShouldBeEmpty();
        (await service.ReportAsync(agriculture, "县农业农村局", coldStorage.Id, month with { InvestmentCompletedWanYuan = 95 })).ShouldBeEmpty();
        var rows = await db.ProjectProgress.AsNoTracking().Where(p => p.ProjectId == coldStorage.Id).ToListAsync();
        rows.Single().InvestmentCompletedWanYuan.ShouldBe(95);

        var next = Today.AddMonths(1);
        var bad = await service.ReportAsync(agriculture, "县农业农村局", coldStorage.Id,
            new ProgressInput { Year = next.Year, Month = next.Month, InvestmentCompletedWanYuan = -1, PhysicalProgress = " " });
        bad.Keys.ShouldBe([nameof(ProgressInput.Month), nameof(ProgressInput.InvestmentCompletedWanYuan), nameof(ProgressInput.PhysicalProgress)], ignoreOrder: true);

        var outside = new UserScope(6, Roles.MemberUnit, "山西省/运城市/新绛县", null) { UnitId = agriculture.UnitId };
        await Should.ThrowAsync<ProjectNotFoundException>(() => service.ReportAsync(outside, "x", coldStorage.Id, month));

        // The guarantee's own unit updates it; a blocked one needs its reason.
        await Should.ThrowAsync<ProjectRuleException>(() => service.UpdateGuaranteeAsync(agriculture, coldStorage.Id, GuaranteeKind.Land, GuaranteeStatus.Blocked, agriculture.UnitId, null));
        await service.UpdateGuaranteeAsync(agriculture, coldStorage.Id, GuaranteeKind.Land, GuaranteeStatus.Secured, agriculture.UnitId, "用地指标已批复");
        await Should.ThrowAsync<ProjectRuleException>(() => service.UpdateGuaranteeAsync(industry, coldStorage.Id, GuaranteeKind.Land, GuaranteeStatus.Pending, agriculture.UnitId, null));
        (await db.ProjectGuarantees.AsNoTracking().SingleAsync(g => g.ProjectId == coldStorage.Id && g.Kind == GuaranteeKind.Land)).Status.ShouldBe(GuaranteeStatus.Secured);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_batch_moves_all_its_projects_to_its_stage_or_none(StorageProvider provider)
    {
        await using var db = await LoadedAsync(provider);
        var batches = new BatchService(db, TimeProvider.System);
        var coldStorage = await db.Projects.SingleAsync(p => p.Name == "历山镇蜂蜜冷链仓储项目");
        var gaoluo = await db.Projects.SingleAsync(p => p.Name == "皋落食用菌工厂化生产线项目");
        var wanan = await db.Projects.SingleAsync(p => p.Name == "培育钻石产业园二期项目");

        // 冷链仓储 is not yet signed, so it cannot be started in a start batch: nothing is written, 皋落 included.
        var (none, refused) = await batches.CreateAsync(Yuanqu, "垣曲县专业镇办", new BatchInput(ProjectStage.Started, Today.AddDays(-1), "集中开工", null, [gaoluo.Id, coldStorage.Id]));
        none.ShouldBeNull();
        refused[nameof(BatchInput.ProjectIds)].ShouldStartWith("历山镇蜂蜜冷链仓储项目：");
        db.ChangeTracker.Clear();
        (await db.Projects.AsNoTracking().SingleAsync(p => p.Id == gaoluo.Id)).Stage.ShouldBe(ProjectStage.Signed);

        (await batches.CreateAsync(Yuanqu, "x", new BatchInput(ProjectStage.Started, Today, "集中开工", null, [gaoluo.Id, wanan.Id])))
            .Errors[nameof(BatchInput.ProjectIds)].ShouldContain("不在您数据范围内");

        var (id, ok) = await batches.CreateAsync(Yuanqu, "垣曲县专业镇办", new BatchInput(ProjectStage.Started, Today.AddDays(-1), "垣曲县第四季度重点项目集中开工", "皋落乡", [gaoluo.Id]));
        ok.ShouldBeEmpty();
        var started = await db.Projects.AsNoTracking().Include(p => p.StageChanges).SingleAsync(p => p.Id == gaoluo.Id);
        started.Stage.ShouldBe(ProjectStage.Started);
        started.StartedOn.ShouldBe(Today.AddDays(-1));
        started.StageChanges.Last().Note.ShouldBe("垣曲县第四季度重点项目集中开工");
        (await batches.ListAsync(Xinjiang, null)).ShouldNotContain(b => b.Id == id);
        (await batches.ListAsync(Yuanqu, null)).Single(b => b.Id == id).Projects.Single().Name.ShouldBe("皋落食用菌工厂化生产线项目");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_batch_across_counties_belongs_to_the_office_s_own_jurisdiction_whatever_it_looks_at(StorageProvider provider)
    {
        await using var db = await LoadedAsync(provider);
        var batches = new BatchService(db, TimeProvider.System);
        var gaoluo = await db.Projects.SingleAsync(p => p.Name == "皋落食用菌工厂化生产线项目");
        var wanan = await db.Projects.SingleAsync(p => p.Name == "培育钻石产业园二期项目");
        // The province's office, its top bar narrowed to 运城市 (关注范围), signs a batch of 垣曲's and 新绛's projects: no county
        // holds both, so it is the province's batch, not the city's the view was narrowed to.
        var province = new UserScope(7, Roles.Office, "山西省/运城市", null) { HomePath = "山西省" };
        var (id, errors) = await batches.CreateAsync(province, "省专业镇办", new BatchInput(ProjectStage.Signed, Today.AddDays(-1), "全省重点项目集中签约", null, [gaoluo.Id, wanan.Id]));
        errors.ShouldBeEmpty();
        var place = await db.ProjectBatches.AsNoTracking().Where(b => b.Id == id).Select(b => db.Jurisdictions.Where(j => j.Id == b.JurisdictionId).Select(j => j.Path).First()).SingleAsync();
        place.ShouldBe("山西省");
        // 运城市's own office registered nothing: the batch is not listed as the city's.
        (await batches.ListAsync(new UserScope(8, Roles.Office, "山西省/运城市", null), null)).Single(b => b.Id == id).Place.ShouldBe("山西省");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_signed_lead_lands_as_a_key_project_linked_to_it(StorageProvider provider)
    {
        await using var db = await LoadedAsync(provider);
        var leads = new LeadService(db, TimeProvider.System);
        var signed = await db.InvestmentLeads.SingleAsync(l => l.Name == "香菇酱及休闲食品生产线");
        var landing = new LandingInput { On = Today, OwnerName = "垣曲某食品有限公司", AnnualPlannedInvestmentWanYuan = 1000, PlannedStartOn = Today.AddDays(20) };
        await Should.ThrowAsync<ProjectNotFoundException>(() => leads.LandAsync(Xinjiang, signed.Id, landing));
        var member = new UserScope(4, Roles.MemberUnit, "山西省/运城市/垣曲县", null);
        (await Should.ThrowAsync<ProjectRuleException>(() => leads.LandAsync(member, signed.Id, landing))).Message.ShouldContain("领导小组办公室");

        var (landed, errors) = await leads.LandAsync(Yuanqu, signed.Id, landing);
        errors.ShouldBeEmpty();
        var projectId = landed!.Value;
        db.ChangeTracker.Clear();
        var lead = await db.InvestmentLeads.AsNoTracking().SingleAsync(l => l.Id == signed.Id);
        lead.Stage.ShouldBe(LeadStage.Landed);
        lead.KeyProjectId.ShouldBe(projectId);
        var project = await db.Projects.AsNoTracking().Include(p => p.Guarantees).SingleAsync(p => p.Id == projectId);
        project.Stage.ShouldBe(ProjectStage.Signed);
        project.SpecializedTownId.ShouldBe(signed.SpecializedTownId);
        project.Guarantees.Count.ShouldBe(4);

        var page = await leads.ListAsync(Yuanqu, null, null, null, 1, 20);
        page.Items.ShouldAllBe(i => i.Town.Contains("镇") || i.Town.Contains("乡"));
        page.Items.Last().Stage.ShouldBe(LeadStage.Dropped);
    }
}

public class ProjectProblemTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_month_s_difficulty_goes_to_the_problem_ledger_once(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var projects = new ProjectService(db, TimeProvider.System);
        var problems = new SpecializedTowns.Data.Problems.ProblemService(db, TimeProvider.System, SpecializedTowns.Data.Problems.ProblemSettings.From(null));
        var extension = await db.Projects.SingleAsync(p => p.Name == "历山蜂产品精深加工扩建项目");
        var row = await db.ProjectProgress.Where(p => p.ProjectId == extension.Id && p.Difficulties != null).SingleAsync();
        SpecializedTowns.Core.Problems.ProblemCategoryGuess.Guess(row.Difficulties!).ShouldBe(SpecializedTowns.Core.Problems.ProblemCategory.Approval);

        // The ledger keeps who raised a problem, so the raiser is a real account.
        var lishan = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/运城市/垣曲县/历山镇");
        var account = new AppUser { UserName = "lishan-clerk", DisplayName = "历山镇专干", JurisdictionId = lishan.Id, SpecializedTownId = extension.SpecializedTownId, CreatedAtUtc = DateTime.UtcNow };
        db.Users.Add(account);
        await db.SaveChangesAsync();
        var township = new UserScope(account.Id, Roles.Township, lishan.Path, extension.SpecializedTownId);
        var id = await ProjectProblems.RaiseAsync(db, projects, problems, township, "历山镇专干", extension.Id, row.Id, SpecializedTowns.Core.Problems.ProblemCategory.Approval);
        var problem = await db.Problems.AsNoTracking().SingleAsync(p => p.Id == id);
        problem.Source.ShouldBe(SpecializedTowns.Core.Problems.ProblemSource.ProjectProgress);
        problem.Kind.ShouldBe(SpecializedTowns.Core.Problems.ProblemKind.Individual);
        problem.EnterpriseId.ShouldBe(extension.OwnerEnterpriseId);
        problem.SpecializedTownId.ShouldBe(extension.SpecializedTownId);
        problem.Title.ShouldStartWith("历山蜂产品精深加工扩建项目：设备进口报关周期长");
        problem.Description.ShouldContain("月项目进展");
        (await db.ProjectProgress.AsNoTracking().SingleAsync(p => p.Id == row.Id)).ProblemId.ShouldBe(id);

        (await Should.ThrowAsync<ProjectRuleException>(() => ProjectProblems.RaiseAsync(db, projects, problems, township, "x", extension.Id, row.Id,
            SpecializedTowns.Core.Problems.ProblemCategory.Approval))).Message.ShouldBe("这条困难已转入问题台账");
        var otherCounty = new UserScope(8, Roles.Office, "山西省/运城市/新绛县", null);
        await Should.ThrowAsync<ProjectNotFoundException>(() => ProjectProblems.RaiseAsync(db, projects, problems, otherCounty, "x", extension.Id, row.Id,
            SpecializedTowns.Core.Problems.ProblemCategory.Approval));
    }
}
