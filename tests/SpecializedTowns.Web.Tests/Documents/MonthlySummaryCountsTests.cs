using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Documents;
using SpecializedTowns.Data.Problems;
using SpecializedTowns.Data.Reports;
using SpecializedTowns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace SpecializedTowns.Web.Tests.Documents;

/// <summary>
/// 月报汇总's 报送情况 sentence, read back from the written .docx: every task force in exactly one group, so that the groups
/// add up to the total (qa86 4: a returned report was counted as 按时 but not as 已报送, and named nowhere).
/// </summary>
public class MonthlySummaryCountsTests
{
    private static SummaryRow Row(string town, Timeliness timeliness, ReportState? state) =>
        new(town, "新绛县", "县工信局", "", timeliness, state, null,
            state is ReportState.Submitted or ReportState.Accepted ? new FigureValues(100, 1000, 50, 10, 0, 0) : null, null, null, null, [], []);

    private static Docx Written(IReadOnlyList<SummaryRow> rows)
    {
        var input = new MonthlySummaryInput
        {
            Office = "新绛县专业镇发展领导小组办公室", Recipient = "新绛县专业镇发展领导小组各成员单位", Area = "新绛县",
            Month = new ReportMonth(2026, 11), DueOn = new DateOnly(2026, 12, 10), AsOf = new DateOnly(2026, 12, 7), Rows = rows,
        };
        using var stream = new MemoryStream();
        OfficialDocumentWriter.Write(MonthlySummary.Build(input), stream);
        return Docx.Open(stream.ToArray());
    }

    [Fact]
    public void Each_task_force_is_counted_and_named_in_exactly_one_group()
    {
        var docx = Written(
        [
            Row("甲专业镇", Timeliness.OnTime, ReportState.Accepted),
            Row("乙专业镇", Timeliness.Late, ReportState.Submitted),
            Row("丙专业镇", Timeliness.OnTime, ReportState.Returned),
            Row("丁专业镇", Timeliness.Missing, ReportState.Draft),
            Row("戊专业镇", Timeliness.Missing, null),
            Row("己专业镇", Timeliness.NotDue, ReportState.Draft),
            Row("庚专业镇", Timeliness.NotDue, null),
        ]);
        docx.ParagraphStartingWith("截至").InnerText.ShouldBe(
            "截至2026年12月7日，2026年11月应报送月报的专班共7个（报送截止日为2026年12月10日），" +
            "已报送2个（按时报送1个：甲专业镇；迟报1个：乙专业镇）；退回修改1个（丙专业镇），待修改后重新报送；" +
            "缺报2个（丁专业镇、戊专业镇），其中丁专业镇已存草稿；尚未到截止日、暂未报送2个（己专业镇、庚专业镇），其中己专业镇已存草稿。");
        docx.AllText.ShouldContain("请丙专业镇推进专班按退回意见修改后重新报送。");
    }

    [Fact]
    public void A_returned_report_is_not_counted_as_on_time_beside_one_submitted()
    {
        // The QA's month: 万安钻石 returned, 绛州绿 sent on time, two not yet due.
        var docx = Written(
        [
            Row("万安钻石专业镇", Timeliness.OnTime, ReportState.Returned),
            Row("绛州绿专业镇", Timeliness.OnTime, ReportState.Submitted),
            Row("新绛中药材专业镇", Timeliness.NotDue, null),
            Row("绛州非遗文创专业镇", Timeliness.NotDue, null),
        ]);
        docx.ParagraphStartingWith("截至").InnerText.ShouldEndWith(
            "已报送1个（按时报送1个：绛州绿专业镇）；退回修改1个（万安钻石专业镇），待修改后重新报送；尚未到截止日、暂未报送2个（新绛中药材专业镇、绛州非遗文创专业镇）。");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_summary_of_a_month_with_a_returned_report_adds_up(StorageProvider provider)
    {
        // The demo loaded on 2025年6月20日: May's reports were due on 10 June.
        var (db, clock) = await June2025Demo.LoadAsync(provider);
        await using var _ = db;
        var xinjiang = new UserScope(1, Roles.Office, "山西省/运城市/新绛县", null);
        var reports = new ReportService(db, clock, new ReportSettings());
        var may = new ReportMonth(2025, 5);
        var wanan = await db.TaskForces.Where(f => f.Town!.Name == "万安钻石专业镇").Select(f => f.Id).SingleAsync();
        var report = (await reports.FindAsync(xinjiang, wanan, may))!;
        report.State.ShouldBe(ReportState.Submitted);
        await reports.ReturnAsync(xinjiang, "新绛县专业镇办", report.Id, "请核实当月产值");

        var summary = new ReportSummary(db, PolicyCatalog.Load(TestDatabases.PoliciesDirectory), reports, new ProblemService(db, clock, new ProblemSettings()));
        var docx = Docx.Open((await summary.DocumentAsync(xinjiang, may)).Content);
        var sentence = docx.ParagraphStartingWith("截至").InnerText;
        sentence.ShouldContain("应报送月报的专班共4个");
        sentence.ShouldContain("退回修改1个（万安钻石专业镇）");
        sentence.ShouldContain("缺报2个（新绛中药材专业镇、绛州非遗文创专业镇），其中绛州非遗文创专业镇已存草稿");
        sentence.ShouldContain("已报送1个（");
        sentence.ShouldContain("绛州绿专业镇");
        // Every task force is named once in the sentence.
        foreach (var town in new[] { "万安钻石专业镇", "绛州绿专业镇", "新绛中药材专业镇", "绛州非遗文创专业镇" })
            sentence.Split(town).Length.ShouldBe(town == "绛州非遗文创专业镇" ? 3 : 2, town);
        Docx.Rows(docx.TableStartingWith("专业镇", "当月产值")).Select(r => r[0]).ShouldBe(["专业镇", "绛州绿专业镇", "合计"]);
    }
}
