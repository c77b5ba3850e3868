using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Text.Json;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Documents;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Documents;

/// <summary>
/// 月报汇总 and 一镇一档 read back from the shared demo platform (they only read). The demo's reports cover the three months
/// before this one, so the month before last is closed: every task force has either reported or is 缺报.
/// </summary>
public class SummaryAndProfileDocumentTests
{
    private static ReportMonth Closed => ReportMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).Previous.Previous;

    private static async Task<JsonElement> JsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_monthly_summary_lists_who_reported_and_adds_up_their_figures(StorageProvider provider)
    {
        var client = await SeededPlatforms.ClientAsync(provider, "xinjiang-office");
        var month = Closed;
        var reports = (await JsonAsync(client, $"/api/v1/reports?year={month.Year}&month={month.Month}&pageSize=200")).GetProperty("items").EnumerateArray()
            .Where(r => r.GetProperty("state").GetString() is "submitted" or "accepted").ToList();
        reports.ShouldNotBeEmpty("the demo has reports for the month before last");
        var forces = (await JsonAsync(client, "/api/v1/reports/task-forces?pageSize=100")).GetProperty("items").EnumerateArray()
            .Select(f => f.GetProperty("town").GetString()!).ToList();

        var docx = await Docx.DownloadAsync(client, $"/api/v1/reports/summary.docx?month={month}");
        docx.ValidationErrors.ShouldBeEmpty();
        docx.Paragraphs[0].InnerText.ShouldBe("新绛县专业镇发展领导小组办公室");
        docx.Texts.ShouldContain($"关于新绛县专业镇推进专班{month.Chinese}工作进展情况的通报");
        Docx.FirstRun(docx.Paragraph($"关于新绛县专业镇推进专班{month.Chinese}工作进展情况的通报")).RunFonts!.EastAsia!.Value.ShouldBe(OfficialDocumentWriter.XiaoBiaoSong);
        // The basis is the clause that has the task forces report monthly.
        docx.Paragraphs.First(p => p.InnerText.StartsWith("按照", StringComparison.Ordinal)).InnerText.ShouldContain("新政办发〔2023〕33号 四（二）");

        // Every task force appears in the reporting table with its state; the reporters' count is stated.
        var status = Docx.Rows(docx.TableStartingWith("专业镇", "所在县（市、区）", "牵头单位"));
        status.Skip(1).Select(r => r[0]).Order().ShouldBe(forces.Order());
        docx.ParagraphStartingWith("截至").InnerText.ShouldContain($"已报送{reports.Count}个");

        // The figures table holds each reporter's figures and the total of what they reported.
        var figures = Docx.Rows(docx.TableStartingWith("专业镇", "当月产值"));
        figures.Skip(1).SkipLast(1).Select(r => r[0]).Order().ShouldBe(reports.Select(r => r.GetProperty("town").GetString()!).Order());
        var total = reports.Sum(r => r.GetProperty("outputWanYuan").GetDecimal());
        figures[^1][0].ShouldBe("合计");
        figures[^1][1].ShouldBe(ReportFigures.Number(total));
        var first = reports[0];
        figures.Single(r => r[0] == first.GetProperty("town").GetString())[2].ShouldBe(ReportFigures.Number(first.GetProperty("outputYearToDateWanYuan").GetDecimal()));
        // The sentence above the table adds up in the table's unit (万元, as reported), not rounded into 亿元 against its 合计 row.
        var yearToDate = reports.Sum(r => r.GetProperty("outputYearToDateWanYuan").GetDecimal());
        yearToDate.ShouldBeGreaterThanOrEqualTo(10000m, "a total past 1亿, which 亿元 would round");
        var sentence = docx.ParagraphStartingWith("已报送月报的").InnerText;
        sentence.ShouldContain($"合计完成产值{ReportFigures.Text(ReportFigure.Output, total)}，当年累计产值{ReportFigures.Text(ReportFigure.OutputYearToDate, yearToDate)}");
        sentence.ShouldNotContain("亿元");

        foreach (var heading in new[] { "一、报送情况", "二、主要指标", "三、工作进展", "四、困难和问题", "五、下月工作计划" })
            docx.Texts.ShouldContain(heading);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_summary_covers_only_the_task_forces_in_scope_and_checks_the_month(StorageProvider provider)
    {
        // 阳泉 has no 专班: nothing to 通报 (qa120 8).
        var none = await (await SeededPlatforms.ClientAsync(provider, "yangquan-office")).GetAsync($"/api/v1/reports/summary.docx?month={Closed}");
        none.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await none.Content.ReadAsStringAsync()).ShouldContain("阳泉市尚未设立专业镇推进专班");
        var yuanqu = await SeededPlatforms.ClientAsync(provider, "yuanqu-office");
        var docx = await Docx.DownloadAsync(yuanqu, $"/api/v1/reports/summary.docx?month={Closed}");
        docx.AllText.ShouldNotContain("万安钻石");

        (await yuanqu.GetAsync("/api/v1/reports/summary.docx?month=2024-13")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await yuanqu.GetAsync("/api/v1/reports/summary.docx")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await yuanqu.GetAsync("/api/v1/reports/summary.docx?month=2999-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The office gives the 通报 its 发文字号 as it downloads, from the reports page's menu; none leaves the line out.
        docx.AllText.ShouldNotContain("专办〔");
        var page = await (await SeededPlatforms.SignedInAsync(provider, "yuanqu-office")).GetStringAsync($"/Reports?month={Closed}");
        page.ShouldContain("action=\"/api/v1/reports/summary.docx\" id=\"summary-docx\"");
        page.ShouldContain($"name=\"month\" value=\"{Closed}\"");
        var numbered = await Docx.DownloadAsync(yuanqu, $"/api/v1/reports/summary.docx?month={Closed}&number=" + Uri.EscapeDataString(" 垣专办〔2024〕5号 "));
        numbered.Texts.ShouldContain("垣专办〔2024〕5号");
        (await yuanqu.GetAsync($"/api/v1/reports/summary.docx?month={Closed}&number={new string('号', 51)}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // Printed only as GB/T 9704 writes it, the rule the evaluation's 发文字号 follows.
        var off = await yuanqu.GetAsync($"/api/v1/reports/summary.docx?month={Closed}&number=" + Uri.EscapeDataString("abc(2026)1"));
        off.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await off.Content.ReadAsStringAsync()).ShouldContain("年份应用六角括号");
        (await yuanqu.GetAsync("/api/v1/applications/decision.docx?standard=yuncheng-municipal&year=2025&number=" + Uri.EscapeDataString("运专领发(2025)9号")))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_towns_profile_holds_its_facts_statistics_enterprises_and_records(StorageProvider provider)
    {
        var client = await SeededPlatforms.ClientAsync(provider, "xinjiang-office");
        var town = (await JsonAsync(client, "/api/v1/towns?pageSize=100")).GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "万安钻石专业镇").GetProperty("id").GetInt32();
        var detail = await JsonAsync(client, $"/api/v1/towns/{town}");
        var enterprises = (await JsonAsync(client, $"/api/v1/enterprises?townId={town}&pageSize=200")).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("name").GetString()!).ToList();
        enterprises.ShouldNotBeEmpty();

        var docx = await Docx.DownloadAsync(client, $"/api/v1/towns/{town}/profile.docx");
        docx.ValidationErrors.ShouldBeEmpty();
        docx.Texts.ShouldContain("万安钻石专业镇");
        docx.Texts.ShouldContain("一 镇 一 档");

        var facts = Docx.Rows(docx.TableStartingWith("专业镇名称")).ToDictionary(r => r[0], r => r[1]);
        facts["主导产业"].ShouldBe("培育钻石");
        facts["乡镇（街道）"].ShouldBe("万安镇");
        facts["依据文件"].ShouldContain("新政办发〔2023〕33号");
        facts["推进专班"].ShouldContain("新政办发〔2023〕33号 附件1");

        // One row a year of statistics, as the town's API has them.
        var years = detail.GetProperty("statistics").EnumerateArray().Select(s => s.GetProperty("year").GetInt32() + "年").ToList();
        years.ShouldNotBeEmpty();
        Docx.Rows(docx.TableStartingWith("年度", "年产值")).Skip(1).Select(r => r[0]).ShouldBe(years);
        // The task force's reports with their units, as the report pages write them.
        Docx.Rows(docx.TableStartingWith("月份", "状态", "当月产值（万元）", "当年累计产值（万元）", "累计完成投资（万元）", "从业人员（人）")).Count.ShouldBeGreaterThan(1);
        // Every enterprise of the registry, the leading ones first.
        var listed = Docx.Rows(docx.TableStartingWith("企业名称")).Skip(1).ToList();
        listed.Select(r => r[0]).Order().ShouldBe(enterprises.Order());
        listed[0][2].ShouldBe("龙头企业");

        foreach (var heading in new[] { "一、基本情况", "二、梯次与认定", "三、历年统计", "四、品牌与标准", "五、企业", "六、重点项目", "七、重点任务",
                     "八、问题台账", "九、专班月报", "十、年度评估", "十一、督办通知书" })
            docx.Texts.ShouldContain(heading);
        docx.Tables.Count.ShouldBeGreaterThanOrEqualTo(5);

        (await (await SeededPlatforms.ClientAsync(provider, "yongji-office")).GetAsync($"/api/v1/towns/{town}/profile.docx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_town_covered_by_its_countys_plan_says_so_in_its_profile(StorageProvider provider)
    {
        // qa105 #9: 历山镇蜂蜜 has no plan of its own; 垣曲县's plan (for no single town) covers it.
        var client = await SeededPlatforms.ClientAsync(provider, "yuanqu-office");
        var town = (await JsonAsync(client, "/api/v1/towns?pageSize=100")).GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "历山镇蜂蜜专业镇").GetProperty("id").GetInt32();
        string title;
        int total;
        using (var scope = (await SeededPlatforms.GetAsync(provider)).Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var plan = await db.ActionPlans.Where(p => p.SpecializedTownId == null && p.Jurisdiction!.Name == "垣曲县").OrderByDescending(p => p.Year).FirstAsync();
            (await db.ActionPlans.CountAsync(p => p.SpecializedTown!.Name == "历山镇蜂蜜专业镇")).ShouldBe(0);
            title = plan.Title;
            total = await db.PlanTasks.CountAsync(t => t.PlanId == plan.Id);
        }

        var docx = await Docx.DownloadAsync(client, $"/api/v1/towns/{town}/profile.docx");
        docx.Texts.ShouldNotContain("本专业镇还没有年度行动计划的任务。");
        docx.Texts.ShouldContain(x => x.StartsWith($"本县年度行动计划（{title}）共 {total} 项任务，逾期 ", StringComparison.Ordinal) && x.EndsWith(" 项。", StringComparison.Ordinal));
    }
}
