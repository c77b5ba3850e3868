using Microsoft.EntityFrameworkCore;
using Shouldly;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Projects;

/// <summary>
/// Monthly progress and stage dates stay within what the project is: the completed investment never passes its 总投资,
/// and no month or stage lies before the project's own earliest year or after today (China).
/// </summary>
public class ProjectProgressBoundsTests
{
    private static readonly UserScope Yuanqu = new(1, Roles.Office, "山西省/运城市/垣曲县", null);

    // 15 June 2026, 09:00 in China.
    private static readonly FixedClock June2026 = new(new DateTimeOffset(2026, 6, 15, 1, 0, 0, TimeSpan.Zero));

    private static async Task<(TownsDbContext Db, ProjectService Service, int Id)> ProjectAsync(StorageProvider provider, DateOnly? plannedStart = null)
    {
        var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var service = new ProjectService(db, June2026);
        var lishan = await db.Towns.Where(t => t.Name == "历山镇蜂蜜专业镇").Select(t => t.Id).SingleAsync();
        var (id, errors) = await service.SaveAsync(Yuanqu, null, new ProjectInput
        {
            Name = "历山蜂蜜冷链二期", TownId = lishan, OwnerName = "垣曲县百花蜂业", Kind = ProjectKind.New, Role = ProjectRole.ShortBoard,
            TotalInvestmentWanYuan = 3000, AnnualPlannedInvestmentWanYuan = 1200, PlanYear = 2026,
            PlannedSignedOn = plannedStart is null ? new DateOnly(2026, 11, 25) : null, PlannedStartOn = plannedStart,
        });
        errors.ShouldBeEmpty();
        return (db, service, id!.Value);
    }

    private static ProgressInput Month(int year, int month, decimal amount) =>
        new() { Year = year, Month = month, InvestmentCompletedWanYuan = amount, PhysicalProgress = "场地平整" };

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_months_completed_investment_cannot_add_up_beyond_the_total_and_passing_the_year_s_plan_is_flagged(StorageProvider provider)
    {
        var (db, service, id) = await ProjectAsync(provider);
        await using var _ = db;
        (await service.ReportAsync(Yuanqu, "办公室", id, Month(2026, 1, 1500))).ShouldBeEmpty();
        (await service.ReportAsync(Yuanqu, "办公室", id, Month(2026, 2, 1400))).ShouldBeEmpty();

        var over = await service.ReportAsync(Yuanqu, "办公室", id, Month(2026, 3, 1150.5m));
        over[nameof(ProgressInput.InvestmentCompletedWanYuan)].ShouldBe(
            "累计完成投资将达 4,050.5万元，超过项目总投资 3,000万元（其他月份已完成 2,900万元，本月最多 100万元）；总投资已调增的，请先在“编辑”中修改总投资");
        (await db.ProjectProgress.CountAsync(p => p.ProjectId == id)).ShouldBe(2, "nothing of the refused month is written");

        // Correcting a month replaces its figure: February up to 1,500 brings the total to exactly 3,000.
        (await service.ReportAsync(Yuanqu, "办公室", id, Month(2026, 2, 1500))).ShouldBeEmpty();
        (await service.ReportAsync(Yuanqu, "办公室", id, Month(2026, 3, 0.01m)))[nameof(ProgressInput.InvestmentCompletedWanYuan)]
            .ShouldStartWith("累计完成投资将达 3,000.01万元，超过项目总投资 3,000万元");

        // 3,000 of a 1,200 plan: not "on track" but a warning that asks for a look.
        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == id);
        var warnings = ProjectWarnings.For(project, 3000, new DateOnly(2026, 6, 15), new ProjectWarningSettings());
        warnings.ShouldContain(w => w.Level == WarningLevel.Yellow
            && w.Text == "2026年已完成投资 3,000万元，超过年度计划投资 1,200万元（完成 250%），请核实填报或调整年度计划");
        ((int)ProjectWarnings.LevelFor(project, 3000, new DateOnly(2026, 6, 15), new ProjectWarningSettings())).ShouldBeGreaterThanOrEqualTo((int)WarningLevel.Yellow);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Progress_months_and_stage_dates_before_the_project_s_earliest_year_or_after_today_are_refused(StorageProvider provider)
    {
        var (db, service, id) = await ProjectAsync(provider);
        await using var _ = db;
        (await service.ReportAsync(Yuanqu, "办公室", id, Month(2019, 3, 10)))[nameof(ProgressInput.Month)]
            .ShouldBe("进展月份不能早于 2026年1月（项目计划年度、入库年份和计划日期中最早的一年）");
        (await service.ReportAsync(Yuanqu, "办公室", id, Month(2025, 12, 10)))[nameof(ProgressInput.Month)].ShouldStartWith("进展月份不能早于 2026年1月");
        (await service.ReportAsync(Yuanqu, "办公室", id, Month(2026, 7, 10)))[nameof(ProgressInput.Month)].ShouldBe("不能填报未来月份的进展");
        (await db.ProjectProgress.CountAsync(p => p.ProjectId == id)).ShouldBe(0);

        (await Should.ThrowAsync<ProjectRuleException>(() => service.AdvanceAsync(Yuanqu, "办公室", id, ProjectStage.Signed, new DateOnly(2001, 12, 1), null)))
            .Message.ShouldStartWith("签约日期不能早于 2026年1月1日");
        (await Should.ThrowAsync<ProjectRuleException>(() => service.AdvanceAsync(Yuanqu, "办公室", id, ProjectStage.Signed, new DateOnly(2026, 6, 16), null)))
            .Message.ShouldBe("签约日期不能晚于今天");
        (await db.Projects.AsNoTracking().SingleAsync(p => p.Id == id)).SignedOn.ShouldBeNull();
        await service.AdvanceAsync(Yuanqu, "办公室", id, ProjectStage.Signed, new DateOnly(2026, 6, 15), null);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_project_whose_plan_says_it_began_earlier_takes_its_progress_from_then(StorageProvider provider)
    {
        var (db, service, id) = await ProjectAsync(provider, plannedStart: new DateOnly(2024, 5, 10));
        await using var _ = db;
        (await service.ReportAsync(Yuanqu, "办公室", id, Month(2024, 5, 100))).ShouldBeEmpty();
        (await service.ReportAsync(Yuanqu, "办公室", id, Month(2023, 12, 100)))[nameof(ProgressInput.Month)].ShouldStartWith("进展月份不能早于 2024年1月");
        await service.AdvanceAsync(Yuanqu, "办公室", id, ProjectStage.Signed, new DateOnly(2024, 5, 1), null);
    }
}
