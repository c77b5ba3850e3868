using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Evaluation;
using SpecializedTowns.Web.Tests.Documents;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Evaluation;

/// <summary>
/// QA 12-07 on the province's 2024 town ranking: the page and its Word report told the province office to use the results
/// “结合各单位工作职责”（新政办发〔2023〕33号 四（五）), 新绛's clause; the coverage line said 营收规模层级 counted for nobody because
/// “所属文件未设营收规模层级”, though 朔州's and 阳泉's towns have tiers; and 责任清单按期完成率 found no task for any town, the
/// counties' plans being no town's own. Made on a copy of the demo without 2024's projects and 督查检查 scores, so that coverage
/// is low and the warning shows (as the demo stood when QA read it).
/// </summary>
public class EvaluationAreaWordsTests
{
    private static readonly UserScope Province = new(1, Roles.Office, "山西省", null);
    private static readonly UserScope Xinjiang = new(1, Roles.Office, "山西省/运城市/新绛县", null);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<(StorageSettings Storage, int Province, int Xinjiang)> ThinAsync(StorageProvider provider)
    {
        var storage = await ThinEvaluations.CopyAsync(provider);
        await using var db = storage.CreateContext();
        var province = await ThinEvaluations.CreateAsync(db, Province, "省专业镇办", SubjectKind.Town);
        var xinjiang = await ThinEvaluations.CreateAsync(db, Xinjiang, "新绛办", SubjectKind.Town);
        return (storage, province, xinjiang);
    }

    private static Task<HttpClient> SignedInAsync(PlatformFactory factory, string userName) =>
        PageSignIn.ApiClientAsync(factory, userName, TestDatabases.DemoPassword);

    private static async Task<string> ReportTextAsync(HttpClient client, int id) =>
        (await Docx.DownloadAsync(client, $"/api/v1/evaluations/{id}/report.docx")).Body.InnerText;

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_province_s_page_and_report_speak_in_its_own_words_and_a_county_s_in_the_county_s(StorageProvider provider)
    {
        var (storage, provinceId, xinjiangId) = await ThinAsync(provider);
        await using var factory = new PlatformFactory(provider.ToString(), storage.ConnectionString, demo: false);

        var province = await SignedInAsync(factory, "shanxi-office");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await province.GetStringAsync($"/Evaluations/Detail/{provinceId}"));
        var warning = page.QuerySelector("#coverage-warning")!.TextContent;
        warning.ShouldContain("计分指标的权重不足一半");
        warning.ShouldNotContain("新政办发");
        warning.ShouldNotContain("结合各单位工作职责");
        var report = await ReportTextAsync(province, provinceId);
        report.ShouldContain("计分指标的权重不足一半");
        report.ShouldNotContain("结合各单位工作职责");
        // 新绛's 四（五） may still stand in the 表扬 table, as the clause that addresses a commended 新绛 town (主送依据),
        // but not as the province's rule for using the results.
        report.ShouldNotContain("使用评估结果时请");

        // 营收规模层级: 朔州's and 阳泉's towns have tiers, 新绛's four do not; dropped for all nine, and said so.
        var uncounted = page.QuerySelector("#coverage-uncounted")!.TextContent;
        uncounted.ShouldContain("部分对象（");
        uncounted.ShouldContain("所属文件未设营收规模层级，为同一口径均不计分：营收规模层级（权重 10，全部对象）");
        uncounted.ShouldNotContain("全部对象不计分");
        var coverage = (await JsonAsync(await province.GetAsync($"/api/v1/evaluations/{provinceId}"))).GetProperty("coverage");
        coverage.GetProperty("uncountedSummary").GetString()!.ShouldNotContain("全部对象不计分：所属文件未设营收规模层级");
        report.ShouldContain("所属文件未设营收规模层级，为同一口径均不计分");
        report.ShouldNotContain("全部对象不计分：所属文件未设营收规模层级");

        // 新绛's own evaluation quotes 新绛's clause, and there none of the towns has tiers.
        var county = await SignedInAsync(factory, "xinjiang-office");
        var own = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await county.GetStringAsync($"/Evaluations/Detail/{xinjiangId}"));
        own.QuerySelector("#coverage-warning")!.TextContent.ShouldContain("使用评估结果时请“结合各单位工作职责”（新政办发〔2023〕33号 四（五））");
        (await ReportTextAsync(county, xinjiangId)).ShouldContain("使用评估结果时请“结合各单位工作职责”（新政办发〔2023〕33号 四（五））");
        own.QuerySelector("#coverage-uncounted")!.TextContent.ShouldContain("所属文件未设营收规模层级：营收规模层级（权重 10，全部对象）");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_town_s_task_completion_counts_the_county_tasks_that_single_out_its_township_and_says_why_the_shared_ones_do_not(StorageProvider provider)
    {
        var (storage, provinceId, _) = await ThinAsync(provider);
        await using var db = storage.CreateContext();
        var service = ThinEvaluations.Service(db);

        // 新绛's 2024 plan gives every task to “各镇人民政府”, i.e. to each of its townships alike (decision 0007). One task is
        // narrowed here to 万安镇 alone and finished on time: it now concerns 万安钻石 (万安镇) and no other town.
        var tasks = await db.PlanTasks.Include(t => t.Units).ThenInclude(u => u.Unit)
            .Where(t => t.Plan!.PolicyId == "xinjiang-2023-33" && t.Plan.Year == 2024 && t.Plan.SpecializedTownId == null && t.Deadline.Year == 2024)
            .OrderBy(t => t.Id).ToListAsync();
        tasks.Count.ShouldBeGreaterThan(1);
        var townships = await db.Jurisdictions.Where(j => j.Parent!.Path == "山西省/运城市/新绛县").Select(j => j.Name).ToListAsync();
        var narrowed = tasks[0];
        db.TaskUnits.RemoveRange(narrowed.Units.Where(u => u.Unit!.Name != "万安镇" && townships.Contains(u.Unit.Name)));
        narrowed.DoneOn = narrowed.Deadline.AddDays(-10);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        await service.RecalculateAsync(Province, provinceId, null);
        db.ChangeTracker.Clear();
        var view = await service.GetAsync(Province, provinceId);

        var wanan = view.Results.Single(r => r.Row.SubjectName == "万安钻石专业镇").Indicators.Single(i => i.Key == "task-completion");
        EvaluationCoverage.Counts(wanan).ShouldBeTrue();
        wanan.Value.ShouldBe(100m);
        wanan.Evidence[0].ShouldStartWith(MeasureGatherer.TownTasksRule);
        wanan.Evidence[0].ShouldContain("万安镇");
        wanan.Evidence.ShouldContain("2024年到期任务 1 项，按期完成 1 项");

        // Another of 新绛's towns: the shared tasks are named and counted, and why they do not count for it.
        var lu = view.Results.Single(r => r.Row.SubjectName == "绛州绿专业镇").Indicators.Single(i => i.Key == "task-completion");
        EvaluationCoverage.Counts(lu).ShouldBeFalse();
        lu.Explanation.ShouldContain("2024年无指向本镇的到期责任清单任务，本镇没有年度行动计划，县（市、区）行动计划也未单列本镇或所在乡镇");
        lu.Evidence[0].ShouldBe(MeasureGatherer.TownTasksRule);
        lu.Evidence.ShouldContain(e => e.StartsWith($"新绛县行动计划2024年到期任务 {tasks.Count - 1} 项，均由各乡镇共同承担，未单列本镇所在乡镇（"));

        // 永济 has no plan of 2024: nothing is shared with its towns either.
        var yongji = view.Results.First(r => r.Row.Place.Contains("永济")).Indicators.Single(i => i.Key == "task-completion");
        EvaluationCoverage.Counts(yongji).ShouldBeFalse();
        yongji.Evidence.ShouldBe([MeasureGatherer.TownTasksRule]);
    }
}
