using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Data.Documents;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Data.Tasks;
using SpecializedTowns.Core;

namespace SpecializedTowns.Data.Towns;

public sealed class TownNotFoundException() : Exception("专业镇不存在，或不在您的数据范围内");

/// <summary>
/// 一镇一档 (issue 6): everything the platform holds on one specialized town, as a dossier (.docx) — basic facts, the tier
/// and its history, statistics over the years, brands and standards, enterprises, key projects, tasks, problems, monthly
/// reports, evaluation results and supervision notices. Each section reads what the person may see on the matching page,
/// so the dossier never shows more than the screens do.
/// </summary>
public sealed class TownDossier(
    TownsDbContext db, PolicyCatalog catalog, TimeProvider time, ProjectWarningSettings projectSettings,
    ApplicationService applications, Tasks.TaskService tasks, Tasks.TaskSettings taskSettings,
    Problems.ProblemService problems, Notices.NoticeService notices)
{
    /// <summary>How many rows of a long list the dossier prints; the rest are counted and left to the platform's pages.</summary>
    public const int MaxRows = 100;

    public async Task<DocumentFile> DocumentAsync(UserScope scope, int townId, CancellationToken ct = default)
    {
        var dossier = await BuildAsync(scope, townId, ct);
        using var stream = new MemoryStream();
        DossierWriter.Write(dossier, stream);
        return new DocumentFile(stream.ToArray(), $"一镇一档-{dossier.Title}.docx");
    }

    public async Task<Dossier> BuildAsync(UserScope scope, int townId, CancellationToken ct = default)
    {
        var detail = await TownDetails.FindAsync(db, townId, scope, ct) ?? throw new TownNotFoundException();
        var t = detail.Town;
        var today = ChinaTime.Today(time);
        var pack = t.PolicyId is null ? null : catalog.FindPack(t.PolicyId);
        var body = new List<DocumentBlock>();

        // 一、基本情况
        var taskForce = await TownTaskForce.FindAsync(db, pack, t.Id, t.Name, ct);
        body.Add(new DocumentBlock.Heading1("基本情况"));
        body.Add(new DocumentBlock.Facts(
        [
            new("专业镇名称", t.Name),
            new("所在县（市、区）", detail.CountyPath.Replace("/", " ")),
            new("乡镇（街道）", Or(string.Join("、", detail.Townships))),
            new("产业领域", IndustryCategories.NameOf(t.Category)),
            new("主导产业", t.LeadingIndustry),
            new("主导产品", Or(t.LeadingProducts)),
            new("当前梯次", Tiers.Chinese(t.Tier) + "专业镇"),
            new("传统特色", t.HistoricalOriginOrGeographicalIndication ? "主导产品具有历史发源地、地理标志等传统特色" : "未申报"),
            new("依据文件", pack is null ? "—" : $"《{pack.Document.Title}》{(pack.Document.Number is { } n ? $"（{n}）" : "")}"),
            new("推进专班", taskForce is null ? "未设专班" :
                $"牵头单位：{Or(string.Join("、", taskForce.LeadUnits))}；助推：{Or(string.Join("、", taskForce.Supporting))}；" +
                $"分管领导：{Or(taskForce.ResponsibleLeader)}{(taskForce.Source is { } source ? $"（{source}）" : "")}"),
            new("企业库企业", $"{detail.Enterprises} 家"),
        ]));
        if (t.IsDemo) body.Add(new DocumentBlock.Paragraph("说明：本专业镇的数据为平台演示数据，不是统计数据。"));

        // 二、梯次与认定
        body.Add(new DocumentBlock.Heading1("梯次与认定"));
        body.Add(Table(["日期", "梯次", "认定标准", "文号", "说明"], detail.TierHistory.Select(h => Row(
            OfficialDocument.FormatDate(h.EffectiveOn), Tiers.Chinese(h.Tier), catalog.StandardName(h.StandardId),
            Or(h.DocumentNumber), Or(h.Note))), [4, 2, 4, 4, 5], textColumns: [4]));
        var apps = await applications.Visible(scope).AsNoTracking().Where(a => a.SpecializedTownId == townId).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.StandardId, a.TargetTier, a.State, a.DecisionDocumentNumber, a.SubmittedAtUtc }).ToListAsync(ct);
        if (apps.Count > 0)
        {
            body.Add(new DocumentBlock.Paragraph($"认定申报 {apps.Count} 次："));
            body.Add(Table(["编号", "认定标准", "申报梯次", "提交日期", "办理结果", "文号"], apps.Select(a => Row(
                a.Id.ToString(CultureInfo.InvariantCulture), catalog.StandardName(a.StandardId), Tiers.Chinese(a.TargetTier),
                a.SubmittedAtUtc is { } at ? OfficialDocument.FormatDate(China(at)) : "未提交", ApplicationStates.Chinese(a.State), Or(a.DecisionDocumentNumber))),
                [2, 5, 2, 4, 3, 4]));
        }

        // 三、历年统计
        body.Add(new DocumentBlock.Heading1("历年统计"));
        var stats = detail.Statistics;
        if (stats.Count == 0) body.Add(Empty("尚未录入年度统计。"));
        else
        {
            body.Add(new DocumentBlock.Paragraph("金额单位：万元。"));
            body.Add(Table(["年度", "年产值", "营业收入", "税收", "出口额", "就业（人）"], stats.Select(s => Row(
                s.Year + "年", Money(s.OutputValueWanYuan), Money(s.RevenueWanYuan), Money(s.TaxWanYuan), Money(s.ExportWanYuan), Count(s.Employment))),
                [2, 3, 3, 3, 3, 3], compact: true));
            body.Add(Table(["年度", "全省占有率", "全市占有率", "全国占有率", "龙头企业", "配套企业", "专利（件）", "公共服务平台"], stats.Select(s => Row(
                s.Year + "年", Percent(s.ProvincialMarketSharePercent), Percent(s.CityMarketSharePercent), Percent(s.NationalMarketSharePercent),
                Count(s.LeadingEnterprises), Count(s.SupportingEnterprises), Count(s.Patents), Count(s.PublicServicePlatforms))),
                [2, 2, 2, 2, 2, 2, 2, 2], compact: true));
        }

        // 四、品牌与标准
        body.Add(new DocumentBlock.Heading1("品牌与标准"));
        if (detail.Brands.Count == 0 && detail.Standards.Count == 0) body.Add(Empty("尚未登记品牌和标准。"));
        if (detail.Brands.Count > 0)
            body.Add(Table(["品牌", "类别", "级别", "年度"], detail.Brands.OrderBy(b => b.Level).ThenBy(b => b.Name, StringComparer.Ordinal).Select(b => Row(
                b.Name, BrandNames.Of(b.Kind), BrandNames.Of(b.Level), b.Year is { } y ? y + "年" : "—")), [5, 3, 2, 2]));
        if (detail.Standards.Count > 0)
            body.Add(Table(["标准", "编号", "类别", "主导或参与", "年度"], detail.Standards.OrderBy(s => s.Kind).Select(s => Row(
                s.Name, Or(s.Code), StandardNames.Chinese(s.Kind), StandardNames.Chinese(s.Role), s.Year is { } y ? y + "年" : "—")), [6, 4, 2, 2, 2]));

        // 五、企业 (the leading ones first)
        body.Add(new DocumentBlock.Heading1("企业"));
        var enterprises = (await EnterpriseQueries.ListAsync(db, new EnterpriseFilter { TownId = townId, PageSize = 200 }, scope, ct)).Items
            .OrderBy(e => e.Role).ThenByDescending(e => e.OutputValueWanYuan ?? 0).ToList();
        if (enterprises.Count == 0) body.Add(Empty("企业库中还没有本专业镇的企业。"));
        else
        {
            var leading = enterprises.Count(e => e.Role == EnterpriseRole.Leading);
            body.Add(new DocumentBlock.Paragraph($"企业库登记本专业镇企业 {enterprises.Count} 家，其中龙头企业 {leading} 家、规上企业 {enterprises.Count(e => e.IsAboveScale)} 家" +
                (enterprises.Count > MaxRows ? $"；下表列出前 {MaxRows} 家" : "") + "。产值单位：万元。"));
            body.Add(Table(["企业名称", "统一社会信用代码", "类型", "规上", "认定称号", "年产值", "就业（人）"], enterprises.Take(MaxRows).Select(e => Row(
                e.Name, e.Uscc, Enterprise.RoleName(e.Role), e.IsAboveScale ? "是" : "否",
                Or(string.Join("、", e.Designations.Select(Designations.Name))),
                Money(e.OutputValueWanYuan), Count(e.Employment))), [5, 6, 2, 1, 4, 2, 2], compact: true));
        }

        // 六、重点项目
        body.Add(new DocumentBlock.Heading1("重点项目"));
        var projects = (await ProjectQueries.ListAsync(db, scope, new ProjectFilter { TownId = townId, PageSize = 200 }, today, projectSettings, ct)).Items;
        if (projects.Count == 0) body.Add(Empty("重点项目库中还没有本专业镇的项目。"));
        else
        {
            body.Add(new DocumentBlock.Paragraph($"重点项目 {projects.Count} 个，总投资 {Quantity.Money(projects.Sum(p => p.TotalInvestmentWanYuan))}；" +
                $"红色预警 {projects.Count(p => p.Warning == WarningLevel.Red)} 个、黄色预警 {projects.Count(p => p.Warning == WarningLevel.Yellow)} 个。金额单位：万元。"));
            body.Add(Table(["项目名称", "业主", "阶段", "总投资", "年度计划", "年度完成", "预警"], projects.Take(MaxRows).Select(p => Row(
                p.Name, p.Owner, ProjectTerms.Chinese(p.Stage), Money(p.TotalInvestmentWanYuan), Money(p.AnnualPlannedInvestmentWanYuan),
                Money(p.CompletedInPlanYearWanYuan), p.Warning switch { WarningLevel.Red => "红", WarningLevel.Yellow => "黄", _ => "绿" })),
                [6, 4, 2, 2, 2, 2, 1], compact: true));
        }

        // 七、重点任务
        body.Add(new DocumentBlock.Heading1("重点任务"));
        var taskRows = await TaskReads.WithPartsAsync(tasks.VisibleTasks(scope).Where(x => x.Plan!.SpecializedTownId == townId), unitPlaces: false, ct);
        if (taskRows.Count == 0) await CountyPlansAsync(body, scope, t.CountyId, today, ct);
        else
            body.Add(Table(["年度", "任务", "牵头单位", "完成时限", "进度", "状态"], taskRows
                .OrderByDescending(x => x.Plan!.Year).ThenBy(x => x.SortOrder).ThenBy(x => x.Id).Take(MaxRows).Select(x => Row(
                    x.Plan!.Year + "年", $"{x.Number} {x.Title}".Trim(), Or(string.Join("、", x.LeadUnits.Select(u => u.Unit!.Name))),
                    OfficialDocument.FormatDate(x.Deadline), $"{x.Progress:0.#}%", TaskLights.Chinese(TaskLights.Of(x, today, taskSettings.DueSoonDays)))),
                [2, 7, 4, 4, 2, 2], textColumns: [1], compact: true));

        // 八、问题台账
        body.Add(new DocumentBlock.Heading1("问题台账"));
        var problemRows = await (await problems.VisibleAsync(scope, ct)).AsNoTracking().Where(p => p.SpecializedTownId == townId)
            .OrderByDescending(p => p.RaisedAtUtc).Take(MaxRows)
            .Select(p => new { p.Title, p.Kind, p.Category, p.State, p.RaisedAtUtc, p.Deadline, Unit = db.Units.Where(u => u.Id == p.LeadUnitId).Select(u => u.Name).FirstOrDefault() })
            .ToListAsync(ct);
        if (problemRows.Count == 0) body.Add(Empty("问题台账中没有本专业镇的问题。"));
        else
        {
            body.Add(new DocumentBlock.Paragraph($"问题 {problemRows.Count} 个，其中已办结 {problemRows.Count(p => p.State == ProblemState.Closed)} 个。"));
            body.Add(Table(["提出日期", "问题", "类别", "牵头单位", "办理时限", "状态"], problemRows.Select(p => Row(
                OfficialDocument.FormatDate(China(p.RaisedAtUtc)), p.Title, $"{ProblemNames.Chinese(p.Kind)}·{ProblemNames.Chinese(p.Category)}", Or(p.Unit),
                p.Deadline is { } d ? OfficialDocument.FormatDate(d) : "—", ProblemNames.Chinese(p.State))), [4, 7, 3, 3, 4, 2], textColumns: [1], compact: true));
        }

        // 九、专班月报 (the last twelve months reported)
        body.Add(new DocumentBlock.Heading1("专班月报"));
        var reportRows = await Reports.ReportScope.Reports(db, scope).AsNoTracking().Where(r => r.TaskForce!.SpecializedTownId == townId)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Month).Take(12).ToListAsync(ct);
        if (reportRows.Count == 0) body.Add(Empty("没有本专业镇推进专班的月报。"));
        else
            body.Add(Table(["月份", "状态", "当月产值（万元）", "当年累计产值（万元）", "累计完成投资（万元）", "从业人员（人）"], reportRows.Select(r =>
            {
                var shown = ReportStates.IsReported(r.State);
                return Row(r.Period.Chinese, ReportStates.Chinese(r.State), shown ? Money(r.OutputWanYuan) : "—", shown ? Money(r.OutputYearToDateWanYuan) : "—",
                    shown ? Money(r.InvestmentYearToDateWanYuan) : "—", shown ? Count(r.Employees) : "—");
            }), [3, 2, 3, 3, 3, 2], compact: true));

        // 十、年度评估 (published results only: a draft may still change)
        body.Add(new DocumentBlock.Heading1("年度评估"));
        var results = await db.EvaluationResults.AsNoTracking()
            .Join(db.Evaluations.Where(e => e.Kind == SubjectKind.Town && e.State == EvaluationState.Published), r => r.EvaluationId, e => e.Id, (r, e) => new { r, e })
            .Where(x => x.r.SubjectId == townId)
            .Select(x => new { x.e.Year, x.e.AreaPath, x.e.Id, x.r.Rank, x.r.Total, x.r.Band, x.r.Commended, x.r.Supervised,
                Count = db.EvaluationResults.Count(o => o.EvaluationId == x.e.Id) })
            .ToListAsync(ct);
        if (results.Count == 0) body.Add(Empty("本专业镇还没有已发布的年度评估结果。"));
        else
            body.Add(Table(["年度", "评估地区", "得分", "排名", "等次", "结论"], results.OrderByDescending(r => r.Year).Select(r => Row(
                r.Year + "年", Offices.AreaName(r.AreaPath), r.Total.ToString("0.00", CultureInfo.InvariantCulture), $"{r.Rank}/{r.Count}", Or(r.Band),
                r.Commended ? "拟予表扬" : r.Supervised ? "拟予督办" : "—")), [2, 3, 2, 2, 3, 3]));

        // 十一、督办通知书
        body.Add(new DocumentBlock.Heading1("督办通知书"));
        var noticeRows = await notices.Visible(scope).AsNoTracking().Where(n => n.RecipientKind == RecipientKind.Town && n.RecipientTownId == townId)
            .OrderByDescending(n => n.IssuedOn).Take(MaxRows).ToListAsync(ct);
        if (noticeRows.Count == 0) body.Add(Empty("本专业镇没有收到督办通知书。"));
        else
            body.Add(Table(["文号", "事由", "发文日期", "整改期限", "状态"], noticeRows.Select(n => Row(
                n.DocumentNumber, $"关于{n.Subject}的督办通知书", OfficialDocument.FormatDate(n.IssuedOn), OfficialDocument.FormatDate(n.Deadline),
                NoticeNames.Chinese(n.Status(today)))), [4, 6, 4, 4, 2], textColumns: [1]));

        return new Dossier
        {
            Kind = "一 镇 一 档",
            Title = t.Name,
            Subtitle = $"{detail.CountyPath.Replace("/", "")} · {Tiers.Chinese(t.Tier)}专业镇 · {t.LeadingIndustry}",
            Notes = [$"建档日期：{OfficialDocument.FormatDate(today)}", "本档案由专业镇高质量发展管理平台根据平台记录生成，内容以各业务页面为准。"],
            RunningHeader = $"{t.Name} · 一镇一档",
            Body = body,
        };
    }

    private static DocumentBlock.Table Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<int> weights,
        IReadOnlyList<int>? textColumns = null, bool compact = false) =>
        new(header, rows.ToList()) { Weights = weights, TextColumns = textColumns ?? [], Compact = compact };

    private static IReadOnlyList<string> Row(params string[] cells) => cells;

    private static DocumentBlock Empty(string text) => new DocumentBlock.Paragraph(text);

    private static string Or(string? text) => string.IsNullOrWhiteSpace(text) ? "—" : text;

    private static string Money(decimal? wanYuan) => wanYuan is { } v ? ReportFigures.Number(v) : "—";

    private static string Count(int? value) => value is { } v ? v.ToString("#,0", CultureInfo.InvariantCulture) : "—";

    private static string Percent(decimal? value) => value is { } v ? Quantity.Format(v, "%") : "—";

    private static DateOnly China(DateTime utc) => ChinaTime.Date(utc);

    /// <summary>
    /// 七 of a town without tasks of its own: the plans of its county made for no single town cover it (the county as a whole,
    /// its townships 配合单位), so the dossier names them with their counts rather than saying the town has no tasks (qa105 #9).
    /// </summary>
    private async Task CountyPlansAsync(List<DocumentBlock> body, UserScope scope, int countyId, DateOnly today, CancellationToken ct)
    {
        var countyTasks = tasks.VisibleTasks(scope).Where(x => x.Plan!.SpecializedTownId == null && x.Plan.JurisdictionId == countyId);
        var totals = await countyTasks.GroupBy(x => x.PlanId).Select(g => new { PlanId = g.Key, Count = g.Count() }).ToListAsync(ct);
        if (totals.Count == 0)
        {
            body.Add(Empty("本专业镇还没有年度行动计划的任务。"));
            return;
        }
        var overdue = await countyTasks.Where(TaskLights.OverdueOn(today)).GroupBy(x => x.PlanId).Select(g => new { PlanId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.PlanId, g => g.Count, ct);
        var ids = totals.Select(x => x.PlanId).ToList();
        var plans = await db.ActionPlans.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderByDescending(p => p.Year).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Title }).ToListAsync(ct);
        body.Add(new DocumentBlock.Paragraph("本专业镇没有单独的年度行动计划，由本县年度行动计划统筹推进："));
        foreach (var p in plans)
            body.Add(new DocumentBlock.Paragraph($"本县年度行动计划（{p.Title}）共 {totals.Single(x => x.PlanId == p.Id).Count} 项任务，逾期 {overdue.GetValueOrDefault(p.Id)} 项。"));
    }
}
