using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Data.Evaluation;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Evaluation;

/// <summary>
/// Publishing an evaluation: only the figures the office reviewed, only once the year is over (China date), and the report
/// under the office's 发文字号 and 成文日期 — on the demo data, both providers, with a clock the test sets.
/// </summary>
public class EvaluationPublishingTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
    private static readonly UserScope Yuncheng = new(1, Roles.Office, "山西省/运城市", null);
    private static readonly UserScope Xinjiang = new(2, Roles.Office, "山西省/运城市/新绛县", null);

    private static FixedClock March2025() => new(new DateOnly(2025, 3, 1));

    private static EvaluationService Service(TownsDbContext db, TimeProvider clock) =>
        new(db, Catalog, new MeasureGatherer(db, Catalog, new ReportSettings()), clock);

    private static async Task<TownsDbContext> DemoAsync(StorageProvider provider) => (await TestDatabases.WithDemoAsync(provider)).CreateContext();

    private static async Task DoubleOutputAsync(TownsDbContext db, string town, int year)
    {
        var id = await db.Towns.Where(t => t.Name == town).Select(t => t.Id).SingleAsync();
        var stats = await db.TownStatistics.SingleAsync(s => s.SpecializedTownId == id && s.Year == year);
        stats.OutputValueWanYuan *= 2;
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_draft_whose_records_have_not_moved_is_published_as_reviewed(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var service = Service(db, March2025());
        var id = await service.CreateAsync(Xinjiang, "新绛办", 2024, SubjectKind.Town, null);
        var reviewed = await service.GetAsync(Xinjiang, id);
        db.ChangeTracker.Clear();

        (await service.PublishAsync(Xinjiang, "新绛办", id, reviewed.Evaluation.Version, coverageReason: "已结合各单位工作职责核实")).ShouldBeEmpty();
        db.ChangeTracker.Clear();
        var published = await service.GetAsync(Xinjiang, id);
        published.Evaluation.IsPublished.ShouldBeTrue();
        published.Results.Select(r => (r.Row.SubjectName, r.Row.Rank, r.Row.Total, r.Row.Band))
            .ShouldBe(reviewed.Results.Select(r => (r.Row.SubjectName, r.Row.Rank, r.Row.Total, r.Row.Band)));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_draft_whose_records_moved_is_not_published_until_the_office_has_seen_the_new_figures(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var service = Service(db, March2025());
        var id = await service.CreateAsync(Xinjiang, "新绛办", 2024, SubjectKind.Town, null);
        var reviewed = await service.GetAsync(Xinjiang, id);
        var before = reviewed.Results.Single(r => r.Row.SubjectName == "绛州绿专业镇").Row.Total;
        db.ChangeTracker.Clear();

        // 绛州绿's 2024 output is corrected after the office looked at the draft.
        await DoubleOutputAsync(db, "绛州绿专业镇", 2024);
        var changes = await service.PublishAsync(Xinjiang, "新绛办", id, reviewed.Evaluation.Version, coverageReason: "已结合各单位工作职责核实");

        var green = changes.Single(c => c.Subject == "绛州绿专业镇");
        green.Before!.Total.ShouldBe(before);
        green.After!.Total.ShouldBeGreaterThan(before);
        green.Describe().ShouldStartWith($"总分 {before:0.00} → {green.After.Total:0.00}");
        green.Indicators.ShouldContain("主导产业产值增速");
        changes.ShouldAllBe(c => c.Subject != "万安钻石专业镇" || c.Before!.Rank != c.After!.Rank || c.Before.Total != c.After.Total);

        // Nothing was published; the draft now holds the new figures, under a new version.
        db.ChangeTracker.Clear();
        var draft = await service.GetAsync(Xinjiang, id);
        draft.Evaluation.IsPublished.ShouldBeFalse();
        draft.Evaluation.Version.ShouldBeGreaterThan(reviewed.Evaluation.Version);
        draft.Results.Single(r => r.Row.SubjectName == "绛州绿专业镇").Row.Total.ShouldBe(green.After.Total);

        // The reviewed version cannot publish any more; the new one publishes exactly what was shown.
        db.ChangeTracker.Clear();
        (await Should.ThrowAsync<EvaluationRuleException>(() => service.PublishAsync(Xinjiang, "新绛办", id, reviewed.Evaluation.Version, coverageReason: "已结合各单位工作职责核实")))
            .Message.ShouldContain("已被他人修改");
        db.ChangeTracker.Clear();
        (await service.PublishAsync(Xinjiang, "新绛办", id, draft.Evaluation.Version, coverageReason: "已结合各单位工作职责核实")).ShouldBeEmpty();
        db.ChangeTracker.Clear();
        var published = await service.GetAsync(Xinjiang, id);
        published.Evaluation.IsPublished.ShouldBeTrue();
        published.Results.Single(r => r.Row.SubjectName == "绛州绿专业镇").Row.Total.ShouldBe(green.After.Total);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_year_is_published_only_once_it_is_over_in_china_and_its_draft_is_a_preview_until_then(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        // 23:59 on 31 December in Beijing is still 2025 there (15:59 UTC).
        var clock = new FixedClock(new DateTimeOffset(2025, 12, 31, 15, 59, 0, TimeSpan.Zero));
        var service = Service(db, clock);
        var id = await service.CreateAsync(Xinjiang, "新绛办", 2025, SubjectKind.Town, null);
        var draft = await service.GetAsync(Xinjiang, id);
        draft.Results.ShouldNotBeEmpty();
        await service.RecalculateAsync(Xinjiang, id, draft.Evaluation.Version);
        db.ChangeTracker.Clear();

        var version = (await service.GetAsync(Xinjiang, id)).Evaluation.Version;
        db.ChangeTracker.Clear();
        var refused = await Should.ThrowAsync<EvaluationRuleException>(() => service.PublishAsync(Xinjiang, "新绛办", id, version, coverageReason: "已结合各单位工作职责核实"));
        refused.Message.ShouldStartWith("2025年度尚未结束，年度评估要按全年的数据评定，2026年1月1日起才能发布。");
        db.ChangeTracker.Clear();
        (await service.GetAsync(Xinjiang, id)).Evaluation.IsPublished.ShouldBeFalse();
        (await service.GetAsync(Xinjiang, id)).Evaluation.Version.ShouldBe(version, "a refusal writes nothing");
        // A year not begun cannot even be drafted.
        (await Should.ThrowAsync<EvaluationInputException>(() => service.CreateAsync(Xinjiang, "新绛办", 2026, SubjectKind.Unit, null)))
            .Errors["year"].ShouldContain("2000 年到 2025 年");

        // Midnight in Beijing (16:00 UTC): the year is over there, whatever the server's own clock says.
        clock.Now = new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero);
        db.ChangeTracker.Clear();
        (await service.PublishAsync(Xinjiang, "新绛办", id, version, coverageReason: "已结合各单位工作职责核实")).ShouldBeEmpty();
        db.ChangeTracker.Clear();
        (await service.GetAsync(Xinjiang, id)).Evaluation.IsPublished.ShouldBeTrue();
    }

    private static List<string> Paragraphs(EvaluationView view, DateOnly today)
    {
        using var stream = new MemoryStream();
        EvaluationReport.WriteDocument(view, today, stream);
        stream.Position = 0;
        using var word = WordprocessingDocument.Open(stream, false);
        return word.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_report_goes_out_under_the_offices_number_and_date_kept_and_audited_with_the_evaluation(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var service = Service(db, March2025());
        var id = await db.Evaluations.Where(e => e.AreaPath == "山西省/运城市" && e.Kind == SubjectKind.Town).Select(e => e.Id).SingleAsync();

        // Without a number the 版头 line is empty; a published report is dated the day it was published, at every download.
        var view = await service.GetAsync(Yuncheng, id);
        var published = EvaluationReport.DocumentDate(view.Evaluation, service.Today);
        published.ShouldBe(DateOnly.FromDateTime(view.Evaluation.PublishedAtUtc!.Value.AddHours(8)));
        var plain = Paragraphs(view, service.Today);
        plain[3].ShouldBe("");
        plain.ShouldContain($"{published.Year}年{published.Month}月{published.Day}日");

        // A malformed number is refused in Chinese and nothing is kept.
        db.ChangeTracker.Clear();
        var bad = await Should.ThrowAsync<EvaluationInputException>(() =>
            service.SetDocumentAsync(Yuncheng, id, new DocumentInput("运专镇办[2025]3号", new DateOnly(2025, 2, 20))));
        bad.Errors["documentNumber"].ShouldBe("发文字号“运专镇办[2025]3号”年份应用六角括号“〔〕”括入，不用“[]”。应写作：运专镇办〔2025〕3号");
        db.ChangeTracker.Clear();
        (await service.GetAsync(Yuncheng, id)).Evaluation.DocumentNumber.ShouldBeNull();

        // Given properly, it is kept (on a published evaluation too: the number comes when the report goes out).
        db.ChangeTracker.Clear();
        var version = (await service.GetAsync(Yuncheng, id)).Evaluation.Version;
        db.ChangeTracker.Clear();
        await service.SetDocumentAsync(Yuncheng, id, new DocumentInput(" 运专镇办〔2025〕3号 ", new DateOnly(2025, 2, 20)));
        db.ChangeTracker.Clear();
        view = await service.GetAsync(Yuncheng, id);
        view.Evaluation.DocumentNumber.ShouldBe("运专镇办〔2025〕3号");
        view.Evaluation.DocumentDate.ShouldBe(new DateOnly(2025, 2, 20));
        view.Evaluation.Version.ShouldBe(version, "numbering the report leaves the figures' version alone");

        var audit = await db.AuditEntries.Where(a => a.EntityType == "AnnualEvaluation" && a.EntityId == id.ToString() && a.Action == AuditAction.Updated)
            .OrderByDescending(a => a.Id).FirstAsync();
        audit.ReadChanges().ShouldContain(c => c.Field == "DocumentNumber" && c.Old == null && c.New == "运专镇办〔2025〕3号");
        audit.ReadChanges().ShouldContain(c => c.Field == "DocumentDate");
        AuditNames.Field("AnnualEvaluation", "DocumentDate").ShouldBe("成文日期");

        // In the 版头: the issuing authority, two blank lines, the number (centred over the red line); the date under the signature.
        var paragraphs = Paragraphs(view, service.Today);
        paragraphs[0].ShouldBe("运城市专业镇发展领导小组办公室");
        paragraphs[3].ShouldBe("运专镇办〔2025〕3号");
        paragraphs.IndexOf("关于运城市2024年度专业镇评估结果的报告").ShouldBeGreaterThan(3);
        var signature = paragraphs.LastIndexOf("运城市专业镇发展领导小组办公室");
        paragraphs[signature + 1].ShouldBe("2025年2月20日");
        using (var stream = new MemoryStream())
        {
            EvaluationReport.WriteDocument(view, service.Today, stream);
            stream.Position = 0;
            using var word = WordprocessingDocument.Open(stream, false);
            var number = word.MainDocumentPart!.Document.Body!.Elements<Paragraph>().ElementAt(3);
            number.ParagraphProperties!.ParagraphBorders!.GetFirstChild<BottomBorder>()!.Color!.Value.ShouldBe("FF0000");
            number.ParagraphProperties.Justification!.Val!.Value.ShouldBe(JustificationValues.Center);
        }

        // A number whose year is not the date's is refused; so is one a draft of the running year could not yet carry.
        db.ChangeTracker.Clear();
        (await Should.ThrowAsync<EvaluationInputException>(() =>
            service.SetDocumentAsync(Yuncheng, id, new DocumentInput("运专镇办〔2024〕3号", new DateOnly(2025, 2, 20)))))
            .Errors["documentNumber"].ShouldContain("与成文日期2025年2月20日不在同一年");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Publishing_keeps_the_number_typed_on_the_publishing_form(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var service = Service(db, March2025());
        var id = await service.CreateAsync(Xinjiang, "新绛办", 2024, SubjectKind.Town, null);
        var version = (await service.GetAsync(Xinjiang, id)).Evaluation.Version;
        db.ChangeTracker.Clear();
        (await Should.ThrowAsync<EvaluationInputException>(() => service.PublishAsync(Xinjiang, "新绛办", id, version, new DocumentInput("新专镇办〔25〕1号", null), coverageReason: "已结合各单位工作职责核实")))
            .Errors["documentNumber"].ShouldContain("年份应写全称（〔2025〕，不是〔25〕）");
        db.ChangeTracker.Clear();
        (await service.GetAsync(Xinjiang, id)).Evaluation.IsPublished.ShouldBeFalse();

        db.ChangeTracker.Clear();
        (await service.PublishAsync(Xinjiang, "新绛办", id, version, new DocumentInput("新专镇办〔2025〕1号", null), coverageReason: "已结合各单位工作职责核实")).ShouldBeEmpty();
        db.ChangeTracker.Clear();
        var view = await service.GetAsync(Xinjiang, id);
        view.Evaluation.IsPublished.ShouldBeTrue();
        view.Evaluation.DocumentNumber.ShouldBe("新专镇办〔2025〕1号");
        Paragraphs(view, service.Today)[3].ShouldBe("新专镇办〔2025〕1号");
    }
}
