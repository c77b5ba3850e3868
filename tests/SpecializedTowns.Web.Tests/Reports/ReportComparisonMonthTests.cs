using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Problems;
using SpecializedTowns.Data.Reports;
using SpecializedTowns.Web.Tests.Documents;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reports;

/// <summary>
/// qa105 2 and 3 on both providers: after a missed month a report is compared with the latest one reported that year, and
/// its fallen 累计 figures must be explained and stand flagged in the list and the 通报; output ten times last month's, and more
/// new 规上 enterprises than the town has, are flagged too. The demo is loaded on 2025年6月20日: 新绛中药材 reported March only.
/// </summary>
public class ReportComparisonMonthTests
{
    private static readonly UserScope Xinjiang = new(1, Roles.Office, "山西省/运城市/新绛县", null);
    private static readonly ReportMonth March = new(2025, 3), May = new(2025, 5), June = new(2025, 6);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_cumulative_figure_below_the_latest_reported_month_is_flagged_across_a_missed_month(StorageProvider provider)
    {
        var (db, clock) = await June2025Demo.LoadAsync(provider);
        await using var _ = db;
        clock.MoveTo(new DateOnly(2025, 7, 1));
        var service = new ReportService(db, clock, new ReportSettings());
        var herbs = await db.TaskForces.Where(f => f.Town!.Name == "新绛中药材专业镇").Select(f => f.Id).SingleAsync();
        var march = await db.MonthlyReports.AsNoTracking().SingleAsync(r => r.TaskForceId == herbs && r.Year == 2025 && r.Month == 3);
        (await db.MonthlyReports.AnyAsync(r => r.TaskForceId == herbs && (r.Month == 4 || r.Month == 5))).ShouldBeFalse("April and May were missed");

        // June compares with March, the latest month reported (the page's column says 3月, not an empty 上月).
        var previous = (await service.PreviousAsync(herbs, June))!;
        previous.Month.ShouldBe(March);
        previous.Label(June).ShouldBe("3月");

        var input = new ReportInput
        {
            OutputWanYuan = 100, OutputYearToDateWanYuan = 500, InvestmentYearToDateWanYuan = 1, Employees = 300,
            NewMarketEntities = 2, NewAboveScaleEnterprises = 0, Progress = "仓储项目开工",
        };
        var refused = await service.SaveAsync(Xinjiang, "新绛县专业镇办", herbs, June, input, submit: true);
        refused.Id.ShouldBeNull();
        // The refusal names the month compared with, not a 上月 that was never reported; the draft's note says the same.
        refused.Errors["OutputYearToDateExplanation"].ShouldBe("当年累计产值与2025年3月（最近一次报送）相比异常，请说明原因后再报送");
        refused.Errors["InvestmentYearToDateExplanation"].ShouldBe("当年累计完成投资与2025年3月（最近一次报送）相比异常，请说明原因后再报送");
        FigureFlag.DraftNote(refused.Flags).ShouldBe("有 2 项指标与2025年3月（最近一次报送）相比异常，报送前请逐项说明。");
        refused.Flags.Select(f => f.Text).ShouldBe([
            $"当年累计产值 500万元，较3月（{ReportFigures.Text(ReportFigure.OutputYearToDate, march.OutputYearToDateWanYuan!.Value)}）减少，当年累计不应减少",
            $"当年累计完成投资 1万元，较3月（{ReportFigures.Text(ReportFigure.InvestmentYearToDate, march.InvestmentYearToDateWanYuan!.Value)}）减少，当年累计不应减少",
        ]);
        (await db.MonthlyReports.AnyAsync(r => r.TaskForceId == herbs && r.Month == 6)).ShouldBeFalse("nothing is half written");

        var sent = await service.SaveAsync(Xinjiang, "新绛县专业镇办", herbs, June,
            input with { OutputYearToDateExplanation = "统计口径调整", InvestmentYearToDateExplanation = "项目核减" }, submit: true);
        sent.Errors.ShouldBeEmpty();

        // The month's list and the 通报 carry the flags: the 合计 adds the figures as reported, marked and explained.
        var row = (await ReportQueries.MonthAsync(db, Xinjiang, June, service.Today, service.Settings)).Rows.Single(r => r.TaskForceId == herbs);
        row.Flags.Select(f => f.Figure).ShouldBe([ReportFigure.OutputYearToDate, ReportFigure.InvestmentYearToDate]);
        var summary = new ReportSummary(db, PolicyCatalog.Load(TestDatabases.PoliciesDirectory), service, new ProblemService(db, clock, new ProblemSettings()));
        var docx = Docx.Open((await summary.DocumentAsync(Xinjiang, June)).Content);
        var figures = Docx.Rows(docx.TableStartingWith("专业镇", "当月产值"));
        figures.Single(r => r[0] == "新绛中药材专业镇").Skip(1).ShouldBe(["100", "500※", "1※", "300", "2", "0"]);
        docx.AllText.ShouldContain("表中标“※”的数字变动异常");
        docx.AllText.ShouldContain("新绛中药材专业镇，当年累计产值 500万元，较3月");
        docx.AllText.ShouldContain("（说明：统计口径调整）");

        // The month compared is named where the comparison is printed or shown, never "上月" (read in July, or across a
        // missed month, it would point at the wrong report).
        docx.AllText.ShouldNotContain("与上月相比");
        docx.AllText.ShouldContain("与2025年3月相比");
        var comparison = await ReportComparison.BuildAsync(db, Xinjiang, June, service.Today, service.Settings);
        var column = comparison.Columns.ToList().IndexOf("新绛中药材专业镇");
        comparison.Rows.Single(r => r.Label.StartsWith("当年累计产值")).Cells[column].Why.ShouldBe("与2025年3月相比异常");
        comparison.FlagNote.ShouldNotContain("上月");
        (comparison.FlagNote + comparison.Rows.Single(r => r.Label == "异常及说明").Cells[column].Text).ShouldContain("与2025年3月相比");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Output_far_above_last_month_and_more_new_above_scale_enterprises_than_the_town_has_are_flagged(StorageProvider provider)
    {
        var (db, clock) = await June2025Demo.LoadAsync(provider);
        await using var _ = db;
        var service = new ReportService(db, clock, new ReportSettings());
        var (wanan, town) = await db.TaskForces.Where(f => f.Town!.Name == "万安钻石专业镇").Select(f => new ValueTuple<int, int>(f.Id, f.SpecializedTownId)).SingleAsync();
        var may = await db.MonthlyReports.AsNoTracking().SingleAsync(r => r.TaskForceId == wanan && r.Year == 2025 && r.Month == 5);
        var enterprises = await db.Enterprises.CountAsync(e => e.SpecializedTownId == town);
        enterprises.ShouldBeGreaterThan(0);

        var output = may.OutputWanYuan!.Value * 10;
        var input = new ReportInput
        {
            OutputWanYuan = output, OutputYearToDateWanYuan = may.OutputYearToDateWanYuan + output, InvestmentYearToDateWanYuan = may.InvestmentYearToDateWanYuan,
            Employees = may.Employees, NewMarketEntities = 1, NewAboveScaleEnterprises = enterprises + 1,
        };
        var draft = await service.SaveAsync(Xinjiang, "新绛县专业镇办", wanan, June, input, submit: false);
        draft.Errors.ShouldBeEmpty("a warning, not an error: the draft is saved");
        draft.Flags.Select(f => f.Figure).ShouldBe([ReportFigure.Output, ReportFigure.NewAboveScaleEnterprises]);
        draft.Flags[0].Text.ShouldBe($"当月产值 {ReportFigures.Text(ReportFigure.Output, output)}，是上月 {ReportFigures.Text(ReportFigure.Output, may.OutputWanYuan!.Value)} 的 10 倍，超过 3 倍：请核对单位（万元）或说明原因");
        draft.Flags[1].Text.ShouldBe($"当月新增规上企业 {enterprises + 1}家，多于本专业镇在企业库登记的企业数（{enterprises}家），请核对");
        (await db.MonthlyReports.AsNoTracking().SingleAsync(r => r.TaskForceId == wanan && r.Month == 6)).OutputWanYuan.ShouldBe(output);

        // The rise is explained before 报送 like a fall (July, once June is over).
        clock.MoveTo(new DateOnly(2025, 7, 1));
        var refused = await service.SaveAsync(Xinjiang, "新绛县专业镇办", wanan, June, input with { Progress = "新项目投产" }, submit: true);
        refused.Errors.Keys.ShouldBe(["OutputExplanation"]);
        var row = (await ReportQueries.MonthAsync(db, Xinjiang, June, service.Today, service.Settings)).Rows.Single(r => r.TaskForceId == wanan);
        row.Flags.Select(f => f.Figure).ShouldBe([ReportFigure.Output, ReportFigure.NewAboveScaleEnterprises]);
        (await service.SaveAsync(Xinjiang, "新绛县专业镇办", wanan, June, input with { Progress = "新项目投产", OutputExplanation = "新生产线满产" }, submit: true))
            .Errors.ShouldBeEmpty();
    }
}
