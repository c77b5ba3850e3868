using System.Text;
using DocumentFormat.OpenXml.Packaging;
using ExcelDataReader;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Evaluation;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Evaluation;

/// <summary>年度评估 on the demo data (statistics 2022–2024), on both providers.</summary>
public class EvaluationServiceTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
    private static readonly UserScope Yuncheng = new(1, Roles.Office, "山西省/运城市", null);
    private static readonly UserScope Xinjiang = new(2, Roles.Office, "山西省/运城市/新绛县", null);
    private static readonly UserScope Yangquan = new(3, Roles.Office, "山西省/阳泉市", null);
    private static readonly UserScope YunchengLeader = new(4, Roles.Leader, "山西省/运城市", null);
    private static readonly UserScope Township = new(5, Roles.Township, "山西省/运城市/新绛县", 1);
    private static readonly UserScope Yuanqu = new(6, Roles.Office, "山西省/运城市/垣曲县", null);
    private static readonly UserScope Yongji = new(7, Roles.Office, "山西省/运城市/永济市", null);

    private static EvaluationService Service(TownsDbContext db) =>
        new(db, Catalog, new MeasureGatherer(db, Catalog, new ReportSettings()), new FixedClock(new DateOnly(2025, 3, 1)));

    private static async Task<TownsDbContext> DemoAsync(StorageProvider provider) => (await TestDatabases.WithDemoAsync(provider)).CreateContext();

    private static async Task<EvaluationView> DemoTownsAsync(TownsDbContext db, EvaluationService service) =>
        await service.GetAsync(Yuncheng, await db.Evaluations.Where(e => e.AreaPath == "山西省/运城市" && e.Kind == SubjectKind.Town).Select(e => e.Id).SingleAsync());

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_demo_ranks_yunchengs_towns_and_explains_every_score(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var view = await DemoTownsAsync(db, Service(db));
        view.Evaluation.IsPublished.ShouldBeTrue();
        view.Scheme.IsPlatformDefault.ShouldBeTrue();
        view.Results.Select(r => r.Row.Rank).ShouldBe([1, 2, 3, 4, 5, 6]);
        view.Results.Select(r => r.Row.Total).ShouldBeInOrder(SortDirection.Descending);

        var first = view.Results[0];
        first.Row.SubjectName.ShouldBe("万安钻石专业镇");
        // Hand-checked: applicable weights 15 (增速) + 5 (认定层级) + 10 (开工率) + 5 (投产率) + 10 (投资完成率) + 5 (品牌) + 5 (标准)
        // + 5 (就业) + 10 (督查检查) = 70 — 新绛's document sets no revenue tiers, and no town of the city reported 新增市场主体 or
        // 升规入统, so those drop out for all; points 100, 60, 100 (its 2024 project started in 2024), 100 (in production 2024年12月18日),
        // 93.33 (16,800 of 18,000万元), 100, 100, 98.9, 92 → (1,500 + 300 + 1,000 + 500 + 933.33 + 500 + 500 + 494.5 + 920) / 70
        // = 94.969 → 94.97. (Before the demo held 2024's projects and 督查检查 scores: 94.13 on 35 of the weight.)
        first.Row.Total.ShouldBe(94.97m);
        view.Results.Single(r => r.Row.SubjectName == "绛州绿专业镇").Indicators.Single(i => i.Key == "new-above-scale").Explanation
            .ShouldStartWith("不适用（参评对象均为 0");

        var yongji = view.Results.Single(r => r.Row.SubjectName == "永济机电制造专业镇");
        yongji.Row.Rank.ShouldBe(2);
        // Hand-checked: the same 70 of the weight — 营收规模层级 drops out for it too, as 新绛's towns in the same ranking have none:
        // one ranking, one indicator set; points 100, 60 (县级), 100, 100, 90.83 (10,900 of 12,000万元), 100, 100, 69.7 (6.97 %), 88
        // → (1,500 + 300 + 1,000 + 500 + 908.33 + 500 + 500 + 348.5 + 880) / 70 = 91.955 → 91.95. No task, problem or task force
        // falls in 2024 for it, so those indicators are "not applicable", not zero.
        yongji.Row.Total.ShouldBe(91.95m);
        yongji.Indicators.Single(i => i.Key == "revenue-tier").Explanation
            .ShouldStartWith("不适用（同一排名中有对象所属文件未设营收规模层级，各对象按同一指标体系计分");
        view.Results.Single(r => r.Row.SubjectName == "卿头镇农副产品加工专业镇").Indicators.Single(i => i.Key == "revenue-tier").Weighted.ShouldBe(0);
        yongji.Row.Band.ShouldBe("优秀");
        var growth = yongji.Indicators.Single(i => i.Key == "output-growth");
        growth.Value.ShouldBe(15m);
        growth.Points.ShouldBe(100m);
        growth.Evidence.ShouldContain(e => e.Contains("2024年 68.00亿元") && e.Contains("2023年"));
        yongji.Indicators.Single(i => i.Key == "project-start-rate").Evidence.ShouldBe(["2024年计划开工 1 个，年内开工 1 个", "永济牵引电机智能制造项目：计划2024年4月15日开工，2024年4月15日开工"]);
        yongji.Indicators.Single(i => i.Key == "report-on-time").Explanation.ShouldStartWith("不适用（未设工作专班）");
        yongji.Indicators.Sum(i => i.Weighted).ShouldBe(yongji.Row.Total, 0.05m);
        // 永济 recognised its towns against its own standard; 新绛's document names its four and sets none (decision 0019).
        yongji.Indicators.Single(i => i.Key == "tier-level").Evidence.ShouldBe(["2024年8月20日认定为县级"]);
        first.Indicators.Single(i => i.Key == "tier-level").Evidence
            .ShouldBe(["2023年12月15日由文件列为县级（未按认定标准评定）（新政办发〔2023〕33号）"]);

        // 拟表扬: 前 20% with at least 70 — of six, one (6 × 0.2 = 1.2, never rounded up to two, a third). 拟督办: 后 10% of six
        // is nobody (0.6, rounded down as the top share is), but 新绛中药材 is below 60: its 2024 project neither started nor went
        // into production in 2024 (0 and 0), 900 of 3,000万元 invested (30), no new standard (0), 督查检查 70 →
        // (1,200 + 300 + 0 + 0 + 300 + 500 + 0 + 281.5 + 700) / 70 = 46.879 → 46.88 (较差).
        view.Results.Where(r => r.Row.Commended).Select(r => r.Row.SubjectName).ShouldBe(["万安钻石专业镇"]);
        var last = view.Results.Single(r => r.Row.Rank == 6).Row;
        (last.SubjectName, last.Band, last.Total).ShouldBe(("新绛中药材专业镇", "较差", 46.88m));
        view.Results.Where(r => r.Row.Supervised).Select(r => r.Row.SubjectName).ShouldBe(["新绛中药材专业镇"]);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_draft_follows_the_records_and_a_published_evaluation_keeps_its_inputs(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var service = Service(db);
        var published = await DemoTownsAsync(db, service);
        var draftId = await service.CreateAsync(Xinjiang, "新绛办", 2024, SubjectKind.Town, null);
        var draft = await service.GetAsync(Xinjiang, draftId);
        var before = draft.Results.Single(r => r.Row.SubjectName == "绛州绿专业镇");

        // 绛州绿's 2024 output doubles after both were calculated.
        var town = await db.Towns.SingleAsync(t => t.Name == "绛州绿专业镇");
        var stats = await db.TownStatistics.SingleAsync(s => s.SpecializedTownId == town.Id && s.Year == 2024);
        stats.OutputValueWanYuan *= 2;
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        await service.RecalculateAsync(Xinjiang, draftId, draft.Evaluation.Version);
        var after = (await service.GetAsync(Xinjiang, draftId)).Results.Single(r => r.Row.SubjectName == "绛州绿专业镇");
        after.Indicators.Single(i => i.Key == "output-growth").Value!.Value.ShouldBeGreaterThan(before.Indicators.Single(i => i.Key == "output-growth").Value!.Value);
        after.Row.Total.ShouldBeGreaterThan(before.Row.Total);

        var frozen = await service.GetAsync(Yuncheng, published.Evaluation.Id);
        // Hand-checked as published: 700 (7 % growth, 46.67) + 300 + 1,000 + 500 + 977.14 (3,420 of 3,500万元) + 500 + 500 + 169 + 850
        // (督查检查 85) = 5,496.14 / 70 = 78.516 → 78.52.
        frozen.Results.Single(r => r.Row.SubjectName == "绛州绿专业镇").Row.Total.ShouldBe(78.52m);
        (await Should.ThrowAsync<EvaluationRuleException>(() => service.RecalculateAsync(Yuncheng, published.Evaluation.Id, null))).Message.ShouldContain("已发布");
        await Should.ThrowAsync<EvaluationRuleException>(() => service.SetManualScoreAsync(Yuncheng, "运城办", published.Evaluation.Id, null,
            frozen.Results[0].Row.SubjectKey, "supervision-check", 90, "督查良好"));
        await Should.ThrowAsync<EvaluationRuleException>(() => service.DeleteAsync(Yuncheng, published.Evaluation.Id, null));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Manual_scores_need_a_reason_and_a_mark_out_of_100_and_count_once_given(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var service = Service(db);
        var id = await service.CreateAsync(Xinjiang, "新绛办", 2024, SubjectKind.Town, null);
        var view = await service.GetAsync(Xinjiang, id);
        var subject = view.Results.Last();
        var version = view.Evaluation.Version;
        var totalBefore = subject.Row.Total;

        var bad = await Should.ThrowAsync<EvaluationInputException>(() =>
            service.SetManualScoreAsync(Xinjiang, "新绛办", id, view.Evaluation.Version, subject.Row.SubjectKey, "supervision-check", 150, " "));
        bad.Errors["points"].ShouldBe("得分应在 0 到 100 之间");
        bad.Errors["reason"].ShouldContain("评分理由");
        (await Should.ThrowAsync<EvaluationInputException>(() =>
            service.SetManualScoreAsync(Xinjiang, "新绛办", id, view.Evaluation.Version, subject.Row.SubjectKey, "output-growth", 90, "不行")))
            .Errors.ShouldContainKey("indicatorKey");

        await service.SetManualScoreAsync(Xinjiang, "新绛办", id, version, subject.Row.SubjectKey, "supervision-check", 100, "督查中整改及时");
        var scored = (await service.GetAsync(Xinjiang, id)).Results.Single(r => r.Row.SubjectKey == subject.Row.SubjectKey);
        var manual = scored.Indicators.Single(i => i.Key == "supervision-check");
        manual.Points.ShouldBe(100m);
        manual.Explanation.ShouldContain("督查中整改及时");
        manual.Evidence.ShouldContain(e => e.Contains("新绛办"));
        scored.Row.Total.ShouldBeGreaterThan(totalBefore);

        // The version read before the score is stale now: a second office working from it is told to refresh.
        (await Should.ThrowAsync<EvaluationRuleException>(() => service.PublishAsync(Xinjiang, "新绛办", id, version, coverageReason: "已结合各单位工作职责核实")))
            .Message.ShouldContain("已被他人修改");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Only_the_areas_office_evaluates_and_only_its_area_and_above_reads(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var service = Service(db);
        var published = await DemoTownsAsync(db, service);
        var yuncheng = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省/运城市");

        // A county office evaluates its own county only, and reads of the city's published evaluation its own towns alone.
        (await Should.ThrowAsync<EvaluationInputException>(() => service.CreateAsync(Xinjiang, "新绛办", 2024, SubjectKind.Town, yuncheng.Id)))
            .Errors.ShouldContainKey("jurisdictionId");
        var excerpt = await service.GetAsync(Xinjiang, published.Evaluation.Id);
        excerpt.IsExcerpt.ShouldBeTrue();
        excerpt.RankedOf.ShouldBe(published.Results.Count);
        excerpt.CanEdit.ShouldBeFalse();
        excerpt.Results.ShouldNotBeEmpty();
        excerpt.Results.ShouldAllBe(r => r.Row.Place.Contains("新绛县"));
        await Should.ThrowAsync<EvaluationNotFoundException>(() => service.GetAsync(Yangquan, published.Evaluation.Id));
        await Should.ThrowAsync<EvaluationNotFoundException>(() => service.GetAsync(Township, published.Evaluation.Id));
        (await service.ListAsync(Yangquan, new EvaluationFilter())).Total.ShouldBe(0);

        // The city's leader reads but does not edit; nobody else's evaluation can be changed either.
        var read = await service.GetAsync(YunchengLeader, published.Evaluation.Id);
        read.CanEdit.ShouldBeFalse();
        var draft = await db.Evaluations.SingleAsync(e => e.AreaPath == "山西省/运城市" && e.Kind == SubjectKind.Township);
        (await Should.ThrowAsync<EvaluationRuleException>(() => service.RecalculateAsync(YunchengLeader, draft.Id, null))).Message.ShouldContain("本级");
        (await Should.ThrowAsync<EvaluationInputException>(() => service.CreateAsync(YunchengLeader, "领导", 2024, SubjectKind.Town, null)))
            .Errors[""].ShouldBe("只有专业镇办公室可以发起评估");

        // The same area, year and subjects twice; a year not yet over.
        (await Should.ThrowAsync<EvaluationInputException>(() => service.CreateAsync(Yuncheng, "运城办", 2024, SubjectKind.Town, null)))
            .Errors["year"].ShouldContain("已存在");
        (await Should.ThrowAsync<EvaluationInputException>(() => service.CreateAsync(Yuncheng, "运城办", 2026, SubjectKind.Unit, null)))
            .Errors["year"].ShouldContain("2000 年到 2025 年");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Member_units_are_ranked_on_what_they_lead(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var service = Service(db);
        var id = await service.CreateAsync(Xinjiang, "新绛办", 2024, SubjectKind.Unit, null);
        var view = await service.GetAsync(Xinjiang, id);
        view.Results.ShouldNotBeEmpty();
        view.Results.ShouldAllBe(r => r.Row.Place == "新绛县");
        // Every unit listed leads at least one thing that fell due in 2024; the evidence names it.
        foreach (var r in view.Results)
            r.Indicators.ShouldContain(i => !i.Explanation.StartsWith("不适用") && i.Evidence.Count > 0);
        var tasks = view.Results[0].Indicators.Single(i => i.Key == "task-completion");
        tasks.Evidence[0].ShouldStartWith("2024年到期任务");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_unit_is_measured_on_the_task_force_it_leads_though_the_forces_town_is_only_a_reserve(StorageProvider provider)
    {
        // 垣曲's towns are all 储备; 县工科局 leads 历山镇蜂蜜专业镇's 专班, whose demo reports cover the three months before this one.
        await using var db = await DemoAsync(provider);
        var today = TestDatabases.ChinaToday;
        var year = today.AddMonths(-1).Year;
        var gathered = await new MeasureGatherer(db, Catalog, new ReportSettings()).GatherAsync("山西省/运城市/垣曲县", year, SubjectKind.Unit,
            [new SchemeIndicator { Key = "report-on-time", Name = "牵头专班月报按时率", Measure = "report-on-time", Weight = 1, Method = "linear", Ceiling = 100 }],
            [], today, CancellationToken.None);
        var unit = gathered.Subjects.Single(s => s.Name == "县工科局");
        var reports = gathered.Measures[unit.Key]["report-on-time"];
        reports.NotApplicable.ShouldBeNull();
        reports.Value.ShouldNotBeNull();
        reports.Evidence[0].ShouldStartWith($"{year}年应报");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task An_area_with_only_reserve_towns_is_told_why_nobody_is_ranked_and_gets_no_report_of_nothing(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var service = Service(db);
        var id = await service.CreateAsync(Yuanqu, "垣曲办", 2024, SubjectKind.Town, null);
        var view = await service.GetAsync(Yuanqu, id);
        view.Results.ShouldBeEmpty();
        view.Nobody!.ShouldStartWith("2024年末垣曲县没有已认定的专业镇（当时储备专业镇 3 个：");
        view.Nobody.ShouldContain("历山镇蜂蜜专业镇");
        view.Nobody.ShouldContain("专业镇评定后");
        view.Nobody.ShouldContain(EvaluatedTowns.Basis);
        // Its own document assesses the townships and departments: the office is pointed there.
        view.Nobody.ShouldContain("各乡镇和各相关部门（垣政办发〔2023〕19号 五（四））");

        // Not “对垣曲县0个专业镇……进行了评估”: no report at all, and the reason why.
        var refused = Should.Throw<EvaluationRuleException>(() => EvaluationReport.WriteDocument(view, service.Today, new MemoryStream()));
        refused.Message.ShouldStartWith("本次评估没有评估对象，不生成评估报告。2024年末垣曲县没有已认定的专业镇");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Nobody_to_rank_names_the_towns_as_they_stood_at_the_end_of_the_year_not_today(StorageProvider provider)
    {
        // 阳泉's towns were listed 储备 on 2023-04-11 and two recognised 市级 on 2023-09-15: in 2022 none was on the list at all. Today's
        // tiers said “阳泉市目前只有储备专业镇（1 个：盂县中药材专业镇）”, true of 2026 and false of 2022.
        await using var db = await DemoAsync(provider);
        var service = Service(db);
        var view = await service.GetAsync(Yangquan, await service.CreateAsync(Yangquan, "阳泉办", 2022, SubjectKind.Town, null));
        view.Results.ShouldBeEmpty();
        view.Nobody!.ShouldStartWith("2022年末阳泉市没有已认定的专业镇（");
        view.Nobody.ShouldContain("平定砂器刻花瓷专业镇于2023年9月15日认定为市级");
        view.Nobody.ShouldContain("郊区耐火材料专业镇于2023年9月15日认定为市级");
        view.Nobody.ShouldContain("不参加2022年度评估");
        view.Nobody.ShouldNotContain("盂县中药材专业镇");
        view.Nobody.ShouldNotContain("目前");

        // 2023: 盂县中药材 was 储备 by its end, the other two 市级, so there is a ranking and no such message.
        var y2023 = await service.GetAsync(Yangquan, await service.CreateAsync(Yangquan, "阳泉办", 2023, SubjectKind.Town, null));
        y2023.Nobody.ShouldBeNull();
        y2023.Results.Select(r => r.Row.SubjectName).ShouldNotContain("盂县中药材专业镇");
    }

    private static string ReportText(EvaluationView view, DateOnly today)
    {
        using var stream = new MemoryStream();
        EvaluationReport.WriteDocument(view, today, stream);
        stream.Position = 0;
        using var word = WordprocessingDocument.Open(stream, false);
        return word.MainDocumentPart!.Document.Body!.InnerText;
    }

    /// <summary>Every sheet of the tables by its name, header first, cells as ExcelDataReader reads them (null when empty).</summary>
    private static Dictionary<string, List<object?[]>> Tables(EvaluationView view)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var stream = new MemoryStream();
        EvaluationReport.WriteWorkbook(view, stream);
        stream.Position = 0;
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        var sheets = new Dictionary<string, List<object?[]>>();
        do
        {
            var rows = sheets[reader.Name] = [];
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.GetValue(i);
                rows.Add(row);
            }
        } while (reader.NextResult());
        return sheets;
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_report_names_its_attachment_by_the_name_the_tables_download_under(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var service = Service(db);
        var view = await DemoTownsAsync(db, service);
        var file = EvaluationReport.FileName(view, "xlsx");
        file.ShouldBe("运城市2024年度专业镇评估.xlsx");
        ReportText(view, service.Today).ShouldContain($"各项得分的计算过程和数据来源见附表（{file}）。");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_report_words_the_commendation_and_supervision_lines_as_the_page_does(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var service = Service(db);
        var text = ReportText(await DemoTownsAsync(db, service), service.Today);
        text.ShouldContain("排名前 20% 且得分不低于 70 分（平台默认，文件未规定比例和分数线）的专业镇为：");
        // 运城's 新绛中药材 is below 60 (46.88): named under the line, with its total and place.
        // The share, the line and the days are the platform's, and said so (qa110 2).
        text.ShouldContain("排名后 10% 或得分低于 60 分（平台默认，文件未规定比例和分数线）的专业镇拟发出督办通知书，限期 30 日整改（平台默认）。");
        text.ShouldContain("新绛中药材专业镇（46.88 分，第 6 名）");

        // 永济's own two towns: nobody in the last 10% (of two, none), nor below 60 — 卿头镇 the lower, on 70 of the weight
        // (营收规模层级 counts in 永济's own ranking, 0亿级 at 0; no 督查检查 score in a new draft): 1,000 (10 % growth) + 0 + 300 + 1,000
        // + 0 (in production in 2025) + 730.77 (1,900 of 2,600万元) + 500 + 500 + 237.5 = 4,268.27 / 70 = 60.98. The report says so
        // with the count, rather than leave the last place unexplained.
        var yongji = await service.GetAsync(Yongji, await service.CreateAsync(Yongji, "永济办", 2024, SubjectKind.Town, null));
        yongji.Results.Single(r => r.Row.SubjectName == "卿头镇农副产品加工专业镇").Row.Total.ShouldBe(60.98m);
        ReportText(yongji, service.Today)
            .ShouldContain("本年度没有排名后 10% 或得分低于 60 分（平台默认，文件未规定比例和分数线）的专业镇（参评 2 个，排名后 10% 为 0 个，不足 1 个的部分不计），不拟发出督办通知书。");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_tables_name_indicators_in_chinese_and_leave_what_was_not_scored_blank(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var tables = Tables(await DemoTownsAsync(db, Service(db)));
        var scheme = tables["指标体系"];
        scheme[0].ShouldNotContain("编号");
        scheme[0][0].ShouldBe("指标");
        scheme.Skip(1).Select(r => (string)r[0]!).ShouldContain("责任清单按期完成率");
        scheme.SelectMany(r => r).OfType<string>().ShouldNotContain(c => c == "task-completion" || c == "output-growth");

        var detail = tables["指标明细"];
        detail[0][5].ShouldBe("得分");
        detail[0][6].ShouldBe("加权得分");
        var notApplicable = detail.Skip(1).Where(r => ((string)r[7]!).StartsWith("不适用", StringComparison.Ordinal)).ToList();
        notApplicable.ShouldNotBeEmpty();
        notApplicable.ShouldAllBe(r => r[5] == null && r[6] == null);
        // What was scored keeps its numbers, a 0 included.
        detail.Skip(1).Where(r => !((string)r[7]!).StartsWith("不适用", StringComparison.Ordinal)).ShouldAllBe(r => r[5] is double && r[6] is double);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_commended_of_published_evaluations_make_the_list_and_drafts_do_not(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var service = Service(db);
        var list = await service.CommendedAsync(Yuncheng, 2024);
        list.Select(c => c.Subject).ShouldBe(["万安钻石专业镇"]);
        list.ShouldAllBe(c => c.Kind == SubjectKind.Town && c.Area == "运城市");
        // 新绛's document sends its praise to the township ("对……镇和单位予以表扬奖励"), as it does its notices.
        list[0].Addressee.ShouldBe(new CommendationAddressee("万安镇人民政府", "对评价排名靠前、成效突出的镇和单位予以表扬奖励（新政办发〔2023〕33号 四（五））"));
        (await service.CommendedAsync(Yuncheng, 2023)).ShouldBeEmpty();
        (await service.CommendedAsync(Yangquan, null)).ShouldBeEmpty();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Geographical_indications_gained_in_the_year_are_measured_on_their_own_and_as_brands(StorageProvider provider)
    {
        await using var db = await DemoAsync(provider);
        var town = await db.Towns.SingleAsync(t => t.Name == "绛州绿专业镇");
        db.Brands.Add(new Core.Towns.Brand { SpecializedTownId = town.Id, Name = "新绛蒜薹", Kind = Core.Towns.BrandKind.GeographicalIndication, Level = Core.Towns.RecognitionLevel.National, Year = 2024 });
        await db.SaveChangesAsync();
        SchemeIndicator Indicator(string measure) => new() { Key = measure, Name = measure, Measure = measure, Weight = 1, Method = "relative-to-best" };
        var gathered = await new MeasureGatherer(db, Catalog, new ReportSettings()).GatherAsync("山西省/运城市/新绛县", 2024, SubjectKind.Town,
            [Indicator("gi-gained"), Indicator("brands-gained")], [], new DateOnly(2025, 3, 1), CancellationToken.None);
        var green = gathered.Measures[$"town:{town.Id}"];
        green["gi-gained"].Value.ShouldBe(1m);
        green["gi-gained"].Evidence.ShouldBe(["2024年新增地理标志：新绛蒜薹"]);
        green["brands-gained"].Value.ShouldBe(2m);
        var other = gathered.Subjects.First(x => x.Id != town.Id);
        gathered.Measures[other.Key]["gi-gained"].Value.ShouldBe(0m);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Yuanqus_townships_are_evaluated_on_the_reserve_towns_they_cultivate(StorageProvider provider)
    {
        // 垣政办发〔2023〕19号 五（四） assesses 各乡镇 on their work for the towns; 垣曲's three towns are all 储备.
        await using var db = await DemoAsync(provider);
        var service = Service(db);
        var id = await service.CreateAsync(Yuanqu, "垣曲办", 2024, SubjectKind.Township, null);
        var view = await service.GetAsync(Yuanqu, id);
        view.Nobody.ShouldBeNull();
        view.Results.Select(r => r.Row.SubjectName).Order(StringComparer.Ordinal).ShouldBe(new[] { "皋落乡", "历山镇", "古城镇" }.Order(StringComparer.Ordinal));
        view.Results.ShouldAllBe(r => r.Row.Place == "垣曲县");
        var growth = view.Results.Single(r => r.Row.SubjectName == "历山镇").Indicators.Single(i => i.Key == "output-growth");
        growth.Evidence.ShouldContain(e => e.Contains("历山镇蜂蜜专业镇"));

        // The towns themselves are still not ranked: a 储备 town is a candidate, not a recognised town.
        db.ChangeTracker.Clear();
        var towns = await service.GetAsync(Yuanqu, await service.CreateAsync(Yuanqu, "垣曲办", 2024, SubjectKind.Town, null));
        towns.Results.ShouldBeEmpty();
        towns.Nobody!.ShouldContain("可分别发起“乡镇”评估（含储备专业镇所在乡镇）和“成员单位”评估");
    }
}
