using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Evaluation;
using SpecializedTowns.Web.Tests.Documents;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Evaluation;

/// <summary>
/// qa110 1, 2, 4 and 7 on 阳泉's 2024 town evaluation, set up as QA found it: 盂县中药材 recognised 市级 on 2026-12-08. It was ranked
/// in 2024 though 储备 all that year; 郊区耐火材料 (9.05亿元) was told it missed “最低档 5亿级”, a step no document has; the
/// first-ranked town was supervised under 阳泉's “排名靠后、建设进度较慢”; and the report was headed by a leading group 阳泉's
/// document does not name (“专业镇发展领导小组” for “专业镇高质量发展领导小组”).
/// </summary>
public class YangquanEvaluationTests
{
    private static readonly UserScope Office = new(1, Roles.Office, "山西省/阳泉市", null);

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_2024_evaluation_ranks_the_towns_recognised_in_2024_on_Yangquan_s_tiers_and_names_its_leading_group(StorageProvider provider)
    {
        var (factory, browser) = await PageSignIn.OwnPlatformAsync(provider, "yangquan-office");
        await using var _ = factory;
        int id;
        EvaluationView view;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var yuxian = await db.Towns.SingleAsync(t => t.Name == "盂县中药材专业镇");
            yuxian.Tier = Tier.Municipal;
            db.TierChanges.Add(new TierChange
            {
                SpecializedTownId = yuxian.Id, Tier = Tier.Municipal, StandardId = "yangquan-municipal", EffectiveOn = new DateOnly(2026, 12, 8),
                DocumentNumber = "阳专办〔2026〕3号",
            });
            await db.SaveChangesAsync();
            var service = scope.ServiceProvider.GetRequiredService<EvaluationService>();
            id = await service.CreateAsync(Office, "阳泉市专业镇办", 2024, SubjectKind.Town, null);
            view = await service.GetAsync(Office, id);
        }

        // 4: recognised in 2026, 盂县中药材 is no object of 2024.
        view.Results.Select(r => r.Row.SubjectName).Order(StringComparer.Ordinal).ShouldBe(["平定砂器刻花瓷专业镇", "郊区耐火材料专业镇"]);

        // 2: the first is below 60 yet not 排名靠后 in 阳泉's words; the last is.
        var first = view.Results.Single(r => r.Row.Rank == 1);
        first.Row.Total.ShouldBeLessThan(60);
        first.Row.Supervised.ShouldBeFalse();
        var refractory = view.Results.Single(r => r.Row.SubjectName == "郊区耐火材料专业镇");
        refractory.Row.Rank.ShouldBe(2);
        refractory.Row.Supervised.ShouldBeTrue();

        // 1: measured, scored and told on 阳泉's own tiers.
        var findings = EvaluationReport.Findings(view.Scheme, refractory, "").Select(f => f.Text).ToList();
        findings.ShouldContain("营业收入 9.05亿元，未达到阳泉市最低层级 10亿级（阳政办发〔2023〕24号 五（二）），得 0 分");
        findings.ShouldAllBe(f => !f.Contains("5亿级（") && !f.Contains("县级"));

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync($"/Evaluations/Detail/{id}"));
        page.QuerySelector("#supervise-rule")!.TextContent.ShouldContain("排名后 10% 或排名后半段中得分低于 60 分（平台默认，文件未规定比例和分数线）");
        // 阳泉's own rule once, with its clause; not the scheme's “排名靠后或建设进度较慢” ahead of it (a rule 阳泉 does not have).
        page.QuerySelector("#supervise-basis")!.TextContent.ShouldBe("依据：“对评价排名靠后、建设进度较慢的专业镇所在县政府予以督办”（阳政办发〔2023〕24号 六（五））");
        page.QuerySelector("#supervise-rule")!.TextContent.ShouldBe(
            "产生办法：排名后 10% 或排名后半段中得分低于 60 分（平台默认，文件未规定比例和分数线）（参评 2 个，排名后 10% 为 0 个，不足 1 个的部分不计）；限期 30 日整改（平台默认）");
        page.QuerySelector("#tab-supervise")!.TextContent.ShouldNotContain("或建设进度较慢");
        page.QuerySelector("#commend-rule")!.TextContent.ShouldBe(
            "产生办法：排名前 20% 且得分不低于 70 分（平台默认，文件未规定比例和分数线）（参评 2 个，排名前 20% 为 0.4 个，不足 1 个按 1 个计）");
        page.QuerySelector("#supervise-list")!.TextContent.ShouldContain("营业收入 9.05亿元，未达到阳泉市最低层级 10亿级（阳政办发〔2023〕24号 五（二））");
        page.QuerySelector("#supervision-sweep").ShouldBeNull();

        var api = await PageSignIn.ApiClientAsync(factory, "yangquan-office", TestDatabases.DemoPassword);
        var report = await Docx.DownloadAsync(api, $"/api/v1/evaluations/{id}/report.docx");
        report.ValidationErrors.ShouldBeEmpty();
        // 7: the name of 阳政办发〔2023〕24号 六（一）, as on the 认定决定 and the 督办通知书.
        report.Texts[0].ShouldBe("阳泉市专业镇高质量发展领导小组办公室");
        report.Texts.ShouldContain(t => t.StartsWith("阳泉市专业镇高质量发展领导小组：", StringComparison.Ordinal));
        report.AllText.ShouldNotContain("阳泉市专业镇发展领导小组");
        report.AllText.ShouldContain("按照“对评价排名靠后、建设进度较慢的专业镇所在县政府予以督办”（阳政办发〔2023〕24号 六（五））的要求，" +
            "排名后 10% 或排名后半段中得分低于 60 分（平台默认，文件未规定比例和分数线）的专业镇拟发出督办通知书，限期 30 日整改（平台默认）");
        report.AllText.ShouldNotContain("或建设进度较慢");
        report.AllText.ShouldContain("营业收入 9.05亿元，未达到阳泉市最低层级 10亿级（阳政办发〔2023〕24号 五（二））");
        var scheme = Docx.Rows(report.TableStartingWith("指标", "权重", "计分方法"));
        scheme.Single(r => r[0] == "营收规模层级")[2].ShouldBe("分档：≥10亿级 得 60 分，≥20亿级 得 70 分，≥50亿级 得 90 分，≥100亿级 得 100 分");
        scheme.Single(r => r[0] == "认定层级")[2].ShouldBe("分档：储备 得 40 分，市级 得 80 分，省级 得 100 分");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_ranking_with_nobody_supervised_still_states_Yangquans_own_rule_with_its_clause(StorageProvider provider)
    {
        var (factory, _) = await PageSignIn.OwnPlatformAsync(provider, "yangquan-office");
        await using var __ = factory;
        int id;
        using (var scope = factory.Services.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<EvaluationService>();
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            id = await service.CreateAsync(Office, "阳泉市专业镇办", 2024, SubjectKind.Town, null);
            foreach (var r in await db.EvaluationResults.Where(r => r.EvaluationId == id).ToListAsync()) r.Supervised = false;
            await db.SaveChangesAsync();
        }
        var api = await PageSignIn.ApiClientAsync(factory, "yangquan-office", TestDatabases.DemoPassword);
        var report = await Docx.DownloadAsync(api, $"/api/v1/evaluations/{id}/report.docx");
        report.ParagraphStartingWith("按照“对评价排名靠后、建设进度较慢的专业镇所在县政府予以督办”（阳政办发〔2023〕24号 六（五））的要求，本年度没有")
            .InnerText.ShouldContain("排名后 10% 或排名后半段中得分低于 60 分（平台默认，文件未规定比例和分数线）的专业镇");
        report.AllText.ShouldNotContain("或建设进度较慢");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Supervising_every_object_and_the_first_is_said_before_publishing_and_needs_a_written_confirmation(StorageProvider provider)
    {
        var (factory, browser) = await PageSignIn.OwnPlatformAsync(provider, "yangquan-office");
        await using var _ = factory;
        using var scope = factory.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<EvaluationService>();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        var id = await service.CreateAsync(Office, "阳泉市专业镇办", 2024, SubjectKind.Town, null);
        // Every object marked 拟督办, as a scheme that supervises by the score line alone marks a ranking all below 60.
        foreach (var r in await db.EvaluationResults.Where(r => r.EvaluationId == id).ToListAsync()) r.Supervised = true;
        await db.SaveChangesAsync();
        var draft = await service.GetAsync(Office, id);
        var count = draft.Results.Count;
        var sweep = $"全部 {count} 个参评对象均拟督办，含第 1 名；计分指标仅 {draft.Coverage.CountedWeight:0.##}/{draft.Coverage.TotalWeight:0.##}（权重）";
        draft.Coverage.Sweep.ShouldBe(sweep);

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync($"/Evaluations/Detail/{id}"));
        page.QuerySelector("#supervision-sweep")!.TextContent.ShouldContain(sweep);
        page.QuerySelector("label[for=publish-coverage-reason]")!.TextContent.ShouldContain(sweep);

        var refused = await Should.ThrowAsync<EvaluationInputException>(() => service.PublishAsync(Office, "阳泉市专业镇办", id, draft.Evaluation.Version));
        refused.Errors[EvaluationCoverage.ReasonField].ShouldContain(sweep);
        (await db.Evaluations.AsNoTracking().SingleAsync(e => e.Id == id)).State.ShouldBe(EvaluationState.Draft);
    }
}
