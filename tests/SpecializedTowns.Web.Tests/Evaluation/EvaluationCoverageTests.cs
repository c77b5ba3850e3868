using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Data.Evaluation;
using SpecializedTowns.Data.Notices;
using SpecializedTowns.Web.Tests.Documents;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Evaluation;

/// <summary>
/// What an evaluation scored (QA 12-07: 运城's towns ranked on 5 of 15 indicators, its townships on 1 of 6, and nobody told):
/// said on the page, in the Word report and in the API; below half the weight, publishing and 督办通知书 need the office's reason.
/// The demo now holds what a county's 2024 records would (key projects of 2024, the office's 督查检查), so the thin case is
/// made on a copy of it without them (<see cref="ThinAsync"/>): the demo as it stood on 12-07.
/// </summary>
public class EvaluationCoverageTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
    private static readonly UserScope Yuncheng = new(1, Roles.Office, "山西省/运城市", null);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>
    /// A copy of the demo without the records that let its 2024 evaluations score on most of the scheme — 2024's key projects
    /// and the manual 督查检查 scores — and with 运城's town and township evaluations of 2024 made again as drafts on what is left.
    /// </summary>
    private static async Task<(StorageSettings Storage, int Towns, int Townships)> ThinAsync(StorageProvider provider)
    {
        var storage = await ThinEvaluations.CopyAsync(provider);
        await using var db = storage.CreateContext();
        var towns = await ThinEvaluations.CreateAsync(db, Yuncheng, "运城办", SubjectKind.Town);
        var townships = await ThinEvaluations.CreateAsync(db, Yuncheng, "运城办", SubjectKind.Township);
        return (storage, towns, townships);
    }

    private static PlatformFactory Platform(StorageSettings storage, StorageProvider provider) => new(provider.ToString(), storage.ConnectionString, demo: false);

    private static Task<HttpClient> SignedInAsync(PlatformFactory factory, string userName) =>
        PageSignIn.ApiClientAsync(factory, userName, TestDatabases.DemoPassword);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_demo_s_evaluations_score_on_more_than_half_of_the_weight_and_the_towns_were_published_without_a_reason(StorageProvider provider)
    {
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var service = new EvaluationService(db, Catalog, new MeasureGatherer(db, Catalog, new ReportSettings()), TimeProvider.System);
        var towns = await service.GetAsync(Yuncheng, await db.Evaluations.Where(e => e.Kind == SubjectKind.Town && e.AreaPath == Yuncheng.JurisdictionPath).Select(e => e.Id).SingleAsync());
        var townships = await service.GetAsync(Yuncheng, await db.Evaluations.Where(e => e.Kind == SubjectKind.Township && e.AreaPath == Yuncheng.JurisdictionPath).Select(e => e.Id).SingleAsync());

        // Hand count, towns (6, each with a 2024 project planned to start and go into production in 2024, and a 督查检查 score):
        // 产值增速 15, 认定层级 5, 新增品牌 5, 新增标准 5, 从业人员增长 5, 开工率 10, 投产率 5, 投资完成率 10, 督查检查 10 = 70 of 110.
        // Still out: 营收规模层级 (新绛's document sets no tiers), 新增市场主体 and 升规入统 (no 2024 月报: all 0), 责任清单 (新绛's plan
        // gives every task to all its townships alike, which singles out no town; 永济 keeps none), 月报按时 and 问题办结 (nothing of 2024).
        towns.Evaluation.IsPublished.ShouldBeTrue();
        towns.Results.Count.ShouldBe(6);
        towns.Coverage.IsLow.ShouldBeFalse();
        towns.Coverage.Summary.ShouldBe("本次计分指标 9/15 项，权重 70/110");
        // Townships (14, every one hosting a town with a 2024 project): 产值增速 25, 开工率 20, 投资完成率 20 = 65 of 100.
        townships.Results.Count.ShouldBe(14);
        townships.Coverage.IsLow.ShouldBeFalse();
        townships.Coverage.Summary.ShouldBe("本次计分指标 3/6 项，权重 65/100");

        // Published with no reason asked, so none is in its history.
        var notes = await db.AuditEntries.Where(a => a.EntityType == "AnnualEvaluation" && a.EntityId == towns.Evaluation.Id.ToString()).ToListAsync();
        notes.Select(AuditNote.Text).ShouldNotContain(t => t != null && t.Contains("办公室确认理由"));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_page_the_report_and_the_api_say_how_much_of_the_scheme_was_scored(StorageProvider provider)
    {
        var (storage, id, _) = await ThinAsync(provider);
        await using var factory = Platform(storage, provider);
        var city = await SignedInAsync(factory, "yuncheng-office");

        // Hand count: the scheme's 15 town indicators weigh 110 (platform-default.yaml: 15+10+5+5+5+10+5+10+10+5+5+5+5+5+10); 产值增速 15,
        // 认定层级 5, 新增品牌 5, 新增标准 5, 从业人员增长 5 applied to every town: 5 of 15, 35 of 110 (QA 12-07 said 35 of 100).
        var coverage = (await JsonAsync(await city.GetAsync($"/api/v1/evaluations/{id}"))).GetProperty("coverage");
        coverage.GetProperty("counted").GetInt32().ShouldBe(5);
        coverage.GetProperty("indicators").GetInt32().ShouldBe(15);
        coverage.GetProperty("countedWeight").GetDecimal().ShouldBe(35m);
        coverage.GetProperty("totalWeight").GetDecimal().ShouldBe(110m);
        coverage.GetProperty("isLow").GetBoolean().ShouldBeTrue();
        coverage.GetProperty("summary").GetString().ShouldBe("本次计分指标 5/15 项，权重 35/110");
        var uncounted = coverage.GetProperty("uncountedSummary").GetString()!;
        uncounted.ShouldStartWith("未计分：");
        uncounted.ShouldContain("营收规模层级（权重 10，");

        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await city.GetStringAsync($"/Evaluations/Detail/{id}"));
        html.QuerySelector("#coverage-summary")!.TextContent.Trim().ShouldBe("本次计分指标 5/15 项，权重 35/110。");
        // The ten indicators left out, under their reasons: the first three shown, the rest behind 展开.
        var uncountedList = html.QuerySelector("#coverage-uncounted")!;
        uncountedList.TextContent.ShouldContain("未计分指标 10 项，按原因：");
        var reasons = uncountedList.QuerySelectorAll("li").ToList();
        reasons.Count.ShouldBeGreaterThan(3);
        reasons.Take(3).ShouldAllBe(li => !li.ClassList.Contains("collapse"));
        reasons.Skip(3).ShouldAllBe(li => li.ClassList.Contains("collapse"));
        reasons.ShouldContain(li => li.TextContent.Contains("营收规模层级（权重 10，全部对象）"));
        reasons.ShouldContain(li => li.TextContent.StartsWith("2024年无计划开工的重点项目：重点项目开工率（权重 10，全部对象）"));
        uncountedList.QuerySelector("#coverage-more")!.TextContent.ShouldContain($"展开（另 {reasons.Count - 3} 条）");
        var page = WebUtility.HtmlDecode(html.DocumentElement.OuterHtml);
        page.ShouldContain("id=\"coverage-warning\"");
        html.QuerySelector("#publish-coverage-reason")!.GetAttribute("placeholder").ShouldBe("如：未计分的指标已逐项核对，本年度确无相应记录，排名可以发布");
        page.ShouldNotContain("如：已结合各单位工作职责核实");
        page.ShouldContain("计分指标的权重不足一半（35/110）");

        var text = (await Docx.DownloadAsync(city, $"/api/v1/evaluations/{id}/report.docx")).Body.InnerText;
        text.ShouldContain("本次计分指标 5/15 项，权重 35/110。未计分：");
        text.ShouldContain("计分指标的权重不足一半，排名和拟表扬、拟督办名单取决于少数指标");
        text.ShouldContain("本次计分");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Publishing_and_issuing_notices_on_a_thin_ranking_need_the_office_s_reason_kept_in_the_history(StorageProvider provider)
    {
        var (storage, _, id) = await ThinAsync(provider);
        await using var db = storage.CreateContext();
        // A real account: the notices name who issued them.
        var office = Yuncheng with { UserId = await db.Users.Where(u => u.UserName == "yuncheng-office").Select(u => u.Id).SingleAsync() };
        var clock = new FixedClock(new DateOnly(2025, 3, 1));
        var service = ThinEvaluations.Service(db, clock);
        await service.RecalculateAsync(office, id, null);
        db.ChangeTracker.Clear();

        var draft = await service.GetAsync(office, id);
        draft.Coverage.IsLow.ShouldBeTrue();
        draft.Coverage.Summary.ShouldStartWith("本次计分指标 1/6 项");
        var refused = await Should.ThrowAsync<EvaluationInputException>(() => service.PublishAsync(office, "运城办", id, draft.Evaluation.Version));
        refused.Errors.Keys.ShouldBe([EvaluationCoverage.ReasonField]);
        refused.Errors[EvaluationCoverage.ReasonField].ShouldContain("请写明确认理由");
        // The example fits every area: “结合各单位工作职责” is 新政办发〔2023〕33号's own phrase (四（五）).
        refused.Errors[EvaluationCoverage.ReasonField].ShouldEndWith("（如：未计分的指标已逐项核对，本年度确无相应记录）");
        db.ChangeTracker.Clear();
        (await service.GetAsync(office, id)).Evaluation.IsPublished.ShouldBeFalse();

        (await service.PublishAsync(office, "运城办", id, draft.Evaluation.Version, null, default, "已结合各乡镇工作职责核实")).ShouldBeEmpty();
        db.ChangeTracker.Clear();
        var published = await service.GetAsync(office, id);
        published.Evaluation.IsPublished.ShouldBeTrue();
        async Task<List<string?>> NotesAsync() => (await db.AuditEntries.Where(a => a.EntityType == "AnnualEvaluation" && a.EntityId == id.ToString()).ToListAsync())
            .Select(AuditNote.Text).Where(t => t is not null).ToList();
        (await NotesAsync()).ShouldContain(t => t!.StartsWith("发布评估（本次计分指标 1/6 项") && t.EndsWith("办公室确认理由：已结合各乡镇工作职责核实"));

        // The supervised get no notice without the office's word, and nothing is written.
        published.Results.Count(r => r.Row.Supervised).ShouldBeGreaterThan(0);
        var notices = new EvaluationNotices(new NoticeService(db, clock, new NoticeSettings(), Catalog), db);
        var deadline = new DateOnly(2025, 4, 1);
        var unconfirmed = await Should.ThrowAsync<EvaluationInputException>(() =>
            notices.IssueAsync(office, "运城办", published, deadline, "王力", "0359-2021234", default));
        unconfirmed.Errors.Keys.ShouldBe([EvaluationCoverage.ReasonField]);
        (await db.Notices.CountAsync(n => n.EvaluationId == id)).ShouldBe(0);

        var count = await notices.IssueAsync(office, "运城办", published, deadline, "王力", "0359-2021234", default, "督查核实，产值增速确实落后");
        count.ShouldBe(published.Results.Count(r => r.Row.Supervised));
        db.ChangeTracker.Clear();
        (await NotesAsync()).ShouldContain(t => t!.StartsWith($"下发督办通知书 {count} 份（本次计分指标 1/6 项") && t.EndsWith("督查核实，产值增速确实落后"));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Townships_tied_first_with_full_marks_are_all_proposed_for_commendation_and_the_page_says_the_share_is_overfilled(StorageProvider provider)
    {
        // QA 12-07: 万安镇, 城北街道 and 城西街道 all first with 100.00 of 14; 前 20% of 14 is ⌊2.8⌋ = 2 places; the group of three
        // shares rank 1 ≤ 2 and is proposed as a whole (until then: none of them, and “没有达到表扬条件的乡镇”).
        // On output growth alone (the thin demo), as QA found it: three townships at full marks.
        var (storage, _, id) = await ThinAsync(provider);
        await using var factory = Platform(storage, provider);
        var leader = await SignedInAsync(factory, "yuncheng-leader");
        var results = (await JsonAsync(await leader.GetAsync($"/api/v1/evaluations/{id}"))).GetProperty("results").EnumerateArray().ToList();
        results.Count.ShouldBe(14);
        var first = results.Where(r => r.GetProperty("rank").GetInt32() == 1).ToList();
        first.Select(r => r.GetProperty("subject").GetString()).Order(StringComparer.Ordinal).ShouldBe(new[] { "万安镇", "城北街道", "城西街道" }.Order(StringComparer.Ordinal));
        first.ShouldAllBe(r => r.GetProperty("total").GetDecimal() == 100m && r.GetProperty("commended").GetBoolean());
        results.Count(r => r.GetProperty("commended").GetBoolean()).ShouldBe(3);

        var page = WebUtility.HtmlDecode(await leader.GetStringAsync($"/Evaluations/Detail/{id}"));
        page.ShouldContain("拟表扬（3）");
        page.ShouldContain("并列第 1 名 3 个，超过排名前 20%（2 个）的名额。并列者得分相同、无从区分，均列为拟表扬；是否全部予以表扬由办公室决定");
        page.ShouldNotContain("没有达到表扬条件的乡镇");
    }
}
