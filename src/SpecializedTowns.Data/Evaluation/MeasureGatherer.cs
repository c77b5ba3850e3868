using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Core.Targets;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Evaluation;

public sealed record EvaluationSubject(string Key, int Id, string Name, string Place);

/// <summary>Every subject of an area with its measures: the values the indicators score, each with the records it came from.</summary>
public sealed record GatheredMeasures(IReadOnlyList<EvaluationSubject> Subjects, IReadOnlyDictionary<string, IReadOnlyDictionary<string, Measurement>> Measures)
{
    /// <summary>The tiers a town of the area can hold (<see cref="MeasureGatherer.LadderAsync"/>), which the 认定层级 steps keep.</summary>
    public IReadOnlyList<Tier> Ladder { get; init; } = Tiers.OnList.Reverse().ToList();
}

/// <summary>
/// Reads what the platform holds for one area and year and turns it into the measures of the vocabulary
/// (<see cref="EvaluationVocabulary.Measures"/>). Rates with nothing due (no project planned to start, no task due)
/// are "not applicable", not zero, so a town is not punished for what it was never asked to do.
/// </summary>
public sealed class MeasureGatherer(TownsDbContext db, PolicyCatalog catalog, ReportSettings reportSettings)
{
    public async Task<GatheredMeasures> GatherAsync(string areaPath, int year, SubjectKind kind, IReadOnlyList<SchemeIndicator> indicators,
        IReadOnlyList<ManualScore> manual, DateOnly today, CancellationToken ct, PolicyPack? areaPack = null)
    {
        areaPack ??= catalog.PackGoverning(areaPath);
        var data = await LoadAsync(areaPath, year, withReserve: kind == SubjectKind.Township, ct);
        var yearEnd = new DateOnly(year, 12, 31);
        var subjects = new List<EvaluationSubject>();
        var measures = new Dictionary<string, IReadOnlyDictionary<string, Measurement>>();

        foreach (var (subject, scope) in SubjectsOf(kind, data))
        {
            var values = new Dictionary<string, Measurement>();
            foreach (var indicator in indicators)
                values[indicator.Key] = indicator.Measure == "manual"
                    ? Manual(manual, subject.Key, indicator.Key)
                    : Measure(indicator.Measure, scope, data, year, yearEnd, today, areaPack);
            // A unit that led nothing this year, or a township whose towns had nothing due, has nothing to be ranked on.
            if (kind != SubjectKind.Town && values.Values.All(v => v.NotApplicable is not null)) continue;
            subjects.Add(subject);
            measures[subject.Key] = values;
        }
        return new GatheredMeasures(subjects, measures) { Ladder = await LadderAsync(areaPath, ct) };
    }

    /// <summary>
    /// The rungs of an area's ladder: 储备, the tiers some standard sets for it (its own, one above it, or a county's in it), and any
    /// tier a town of the area holds or held. 阳泉's is 储备 → 市级 → 省级 (阳政办发〔2023〕24号 四 “申请市级专业镇”; no county of
    /// 阳泉 sets a 县级 standard), so its towns are never said to fall short of a 县级 that does not exist there; 运城's has 县级
    /// (永济 三) and 新绛's towns hold it by their county's document (decision 0019).
    /// </summary>
    public async Task<IReadOnlyList<Tier>> LadderAsync(string areaPath, CancellationToken ct)
    {
        var under = areaPath + "/";
        bool Related(string path) => path.Length > 0 && (path == areaPath || path.StartsWith(under, StringComparison.Ordinal) || areaPath.StartsWith(path + "/", StringComparison.Ordinal));
        var set = catalog.Standards.Where(s => Related(catalog.AreaOf(s))).Select(s => Tiers.Parse(s.Tier)).OfType<Tier>().ToHashSet();
        set.Add(Tier.Reserve);
        var inArea = db.Towns.Where(t => t.County!.Path == areaPath || t.County.Path.StartsWith(under));
        set.UnionWith(await inArea.Select(t => t.Tier).Distinct().ToListAsync(ct));
        set.UnionWith(await db.TierChanges.Where(c => inArea.Any(t => t.Id == c.SpecializedTownId)).Select(c => c.Tier).Distinct().ToListAsync(ct));
        return set.Where(Tiers.IsListed).Order().ToList();
    }

    /// <summary>
    /// The area's towns not recognised at the end of <paramref name="year"/>, as they stood then (<see cref="EvaluatedTowns.AtYearEnd"/>,
    /// by the tier history that picks the year's objects), in name order: what an evaluation with nobody to rank names.
    /// </summary>
    public async Task<IReadOnlyList<TownAtYearEnd>> TownsAtYearEndAsync(string areaPath, int year, CancellationToken ct)
    {
        var under = areaPath + "/";
        var towns = await db.Towns.Where(t => t.County!.Path == areaPath || t.County.Path.StartsWith(under))
            .Select(t => new { t.Id, t.Name, t.Tier }).ToListAsync(ct);
        var ids = towns.Select(t => t.Id).ToList();
        var history = (await db.TierChanges.AsNoTracking().Where(c => ids.Contains(c.SpecializedTownId)).ToListAsync(ct)).ToLookup(c => c.SpecializedTownId);
        return towns.OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => EvaluatedTowns.AtYearEnd(t.Name, history[t.Id].ToList(), t.Tier, year))
            .OfType<TownAtYearEnd>().ToList();
    }

    private static Measurement Manual(IReadOnlyList<ManualScore> manual, string subject, string indicator) =>
        manual.FirstOrDefault(m => m.SubjectKey == subject && m.IndicatorKey == indicator) is { } score
            ? new Measurement(score.Points, [$"{score.GivenBy} 于 {score.GivenAtUtc.AddHours(8):yyyy年M月d日} 评分：{score.Reason}"], score.Reason)
            : Measurement.Absent("未录入人工评分");

    // What a subject covers: its towns, projects, tasks, task forces and problems.
    private sealed record SubjectScope(IReadOnlyList<TownRow> Towns, IReadOnlyList<ProjectRow> Projects, IReadOnlyList<TaskRow> Tasks,
        IReadOnlyList<ForceRow> Forces, IReadOnlyList<ProblemRow> Problems, bool IsTown);

    private IEnumerable<(EvaluationSubject, SubjectScope)> SubjectsOf(SubjectKind kind, AreaData d)
    {
        switch (kind)
        {
            case SubjectKind.Town:
                // Towns, townships and units come read in the official order of their places (LoadAsync).
                foreach (var t in d.Towns)
                    yield return (new EvaluationSubject($"town:{t.Id}", t.Id, t.Name, t.County), ScopeOfTowns([t], d, isTown: true));
                break;
            case SubjectKind.Township:
                foreach (var g in d.Townships.GroupBy(x => x.TownshipId))
                {
                    var towns = d.Towns.Where(t => g.Any(x => x.TownId == t.Id)).ToList();
                    var first = g.First();
                    yield return (new EvaluationSubject($"township:{g.Key}", g.Key, first.Name, first.County), ScopeOfTowns(towns, d, isTown: false));
                }
                break;
            default:
                foreach (var u in d.Units)
                    yield return (new EvaluationSubject($"unit:{u.Id}", u.Id, u.Name, u.Place), new SubjectScope([],
                        d.Projects.Where(p => p.UnitId == u.Id).ToList(),
                        d.Tasks.Where(t => t.LeadUnitIds.Contains(u.Id)).ToList(),
                        d.Forces.Where(f => f.LeadUnitIds.Contains(u.Id)).ToList(),
                        d.Problems.Where(p => p.LeadUnitId == u.Id).ToList(), IsTown: false));
                break;
        }
    }

    private static SubjectScope ScopeOfTowns(IReadOnlyList<TownRow> towns, AreaData d, bool isTown)
    {
        var ids = towns.Select(t => t.Id).ToHashSet();
        return new SubjectScope(towns, d.Projects.Where(p => ids.Contains(p.TownId)).ToList(), d.Tasks.Where(t => Concerns(t, towns, d.Townships)).ToList(),
            d.Forces.Where(f => ids.Contains(f.TownId)).ToList(), d.Problems.Where(p => p.TownId is { } id && ids.Contains(id)).ToList(), isTown);
    }

    /// <summary>
    /// Whether a responsibility-list task concerns the towns: a task of one of their own plans; a task of a county's (or city's)
    /// plan that singles out one of their townships, naming its government as lead or cooperating unit; or one naming the town in
    /// its title. A county task given to every township alike (“各镇人民政府”, 新政办发〔2023〕33号 三: every task of 新绛's plan,
    /// decision 0007) is the lead unit's, measured in the units' ranking: it tells no town from another, and counted for each
    /// it would rank a county that keeps a plan below one that keeps none (12-07: 新绛's four towns under 永济's). Another
    /// town's plan is that town's, whatever township it names.
    /// </summary>
    private static bool Concerns(TaskRow task, IReadOnlyList<TownRow> towns, IReadOnlyList<TownshipRow> townships)
    {
        if (task.TownId is { } own) return towns.Any(t => t.Id == own);
        if (towns.Any(t => task.Title.Contains(t.Name, StringComparison.Ordinal))) return true;
        return townships.Any(x => towns.Any(t => t.Id == x.TownId) && task.SingledOut.Contains(x.Path));
    }

    private Measurement Measure(string measure, SubjectScope s, AreaData d, int year, DateOnly yearEnd, DateOnly today, PolicyPack? areaPack) => measure switch
    {
        "output" => Output(s, year),
        "output-growth" => Growth(s, year, x => x.Output, "产值", "万元"),
        "employment-growth" => Growth(s, year, x => x.Employment, "从业人员", "人"),
        "revenue-tier" => RevenueTier(s, year, areaPack),
        "tier-level" => TierLevel(s, d, yearEnd),
        "new-market-entities" => ReportSum(s, d, year, r => r.NewEntities, "新增市场主体", "户"),
        "new-above-scale" => ReportSum(s, d, year, r => r.NewAboveScale, "新增规上企业", "户"),
        "project-start-rate" => StageRate(s, year, p => p.PlannedStartOn, p => p.StartedOn, "开工"),
        "project-commissioning-rate" => StageRate(s, year, p => p.PlannedProductionOn, p => p.InProductionOn, "投产"),
        "investment-completion" => Investment(s, d, year),
        "task-completion" => Tasks(s, d, year),
        "report-on-time" => Reports(s, d, year, today),
        "problems-solved" => Problems(s, year),
        "brands-gained" => Gained(s, d.Brands, year, "品牌"),
        "standards-gained" => Gained(s, d.Standards, year, "标准"),
        "gi-gained" => Gained(s, d.Brands.Where(b => b.Kind == BrandKind.GeographicalIndication).ToList(), year, "地理标志"),
        _ => Measurement.Absent($"平台不能计算“{measure}”"),
    };

    private static Measurement Output(SubjectScope s, int year)
    {
        var rows = s.Towns.Select(t => (t, v: t.Stats.GetValueOrDefault(year)?.Output)).ToList();
        if (rows.Count == 0 || rows.All(r => r.v is null)) return new Measurement(null, [$"缺少{year}年产值统计"]);
        return new Measurement(Math.Round(rows.Sum(r => r.v ?? 0) / 10000m, 2), rows.Select(r => $"{r.t.Name} {year}年产值 {Money(r.v)}（年度统计）").ToList());
    }

    private static Measurement Growth(SubjectScope s, int year, Func<StatRow, decimal?> pick, string what, string unit)
    {
        if (s.Towns.Count == 0) return Measurement.Absent("辖区内没有专业镇");
        var evidence = new List<string>();
        decimal now = 0, before = 0;
        foreach (var t in s.Towns)
        {
            var a = t.Stats.GetValueOrDefault(year) is { } x ? pick(x) : null;
            var b = t.Stats.GetValueOrDefault(year - 1) is { } y ? pick(y) : null;
            if (a is null || b is null)
                return new Measurement(null, [$"{t.Name} 缺少{(a is null ? year : year - 1)}年{what}统计"]);
            now += a.Value; before += b.Value;
            evidence.Add($"{t.Name} {what} {year}年 {Amount(a.Value, unit)}，{year - 1}年 {Amount(b.Value, unit)}（年度统计）");
        }
        if (before == 0) return new Measurement(null, [.. evidence, $"{year - 1}年{what}为 0，无法计算增速"]);
        return new Measurement(Math.Round((now - before) / before * 100, 2), evidence);
    }

    /// <summary>
    /// The town's 营收规模层级 by the tiers of the evaluated area's own document where it sets them (阳泉's 10/20/50/100亿级,
    /// 阳政办发〔2023〕24号 五（二）): the tiers the scheme's steps are set to (<see cref="SchemeSnapshot.Of"/>), so the town is measured,
    /// scored and told of its shortfall on one ladder. Where the area's document sets none (运城, the province), each town by its own
    /// document's, and the indicator drops out for all when some town's document has none (<see cref="Measurement.NotInRules"/>).
    /// </summary>
    private Measurement RevenueTier(SubjectScope s, int year, PolicyPack? areaPack)
    {
        var t = s.Towns.Single();
        var pack = areaPack is { Mechanisms.RevenueTiers.Count: > 0 } ? areaPack : catalog.FindPack(t.PolicyId ?? "");
        if (pack is not { Mechanisms.RevenueTiers.Count: > 0 })
            return Measurement.NotSetFor("所属文件未设营收规模层级");
        if (t.Stats.GetValueOrDefault(year)?.Revenue is not { } revenue) return new Measurement(null, [$"缺少{year}年营业收入统计"]);
        var level = RevenueTiers.LevelOf(revenue, pack.Mechanisms.RevenueTiers);
        return new Measurement(level, [$"{year}年营业收入 {Money(revenue)}，按{pack.Document.Number ?? pack.Document.Title}的层级为{RevenueTiers.Name(level)}"])
        {
            Reading = $"营业收入 {Money(revenue)}",
        };
    }

    private static Measurement TierLevel(SubjectScope s, AreaData d, DateOnly yearEnd)
    {
        var t = s.Towns.Single();
        var history = d.TierChanges.Where(c => c.SpecializedTownId == t.Id).ToList();
        var held = TierStanding.On(history, yearEnd);
        var tier = TierStanding.HeldOn(history, t.Tier, yearEnd);
        var evidence = held is null
            ? history.Count == 0 ? $"当前层级{Tiers.Chinese(tier)}（无认定记录）" : $"{yearEnd.Year}年底前尚未认定"
            : $"{held.EffectiveOn:yyyy年M月d日}{TierStep(held.Tier, held.StandardId)}{(held.DocumentNumber is null ? "" : $"（{held.DocumentNumber}）")}";
        return new Measurement((int)tier - 1, [evidence]);
    }

    /// <summary>
    /// A tier reached against a standard was recognised (认定); one without a standard was named in a government document
    /// (新政办发〔2023〕33号 二 names its four 特色专业镇 and sets no county standard, decision 0019), and the evidence must not
    /// claim a recognition that never took place.
    /// </summary>
    private static string TierStep(Tier tier, string? standard) =>
        tier == Tier.Reserve ? "列为储备（培育对象）"
        : standard is null ? $"由文件列为{Tiers.Chinese(tier)}（未按认定标准评定）"
        : $"认定为{Tiers.Chinese(tier)}";

    private static Measurement ReportSum(SubjectScope s, AreaData d, int year, Func<ReportRow, int?> pick, string what, string unit)
    {
        if (s.Forces.Count == 0) return Measurement.Absent("未设工作专班，无月报");
        var ids = s.Forces.Select(f => f.Id).ToHashSet();
        var reports = d.Reports.Where(r => ids.Contains(r.ForceId) && r.Year == year && pick(r) is not null).OrderBy(r => r.Month).ToList();
        if (reports.Count == 0) return new Measurement(0, [$"{year}年已报送月报中没有{what}数据"]);
        return new Measurement(reports.Sum(r => pick(r)!.Value), reports.Select(r => $"{r.Force} {r.Year}年{r.Month}月月报：{what} {pick(r)}{unit}").ToList());
    }

    private static Measurement StageRate(SubjectScope s, int year, Func<ProjectRow, DateOnly?> planned, Func<ProjectRow, DateOnly?> reached, string stage)
    {
        var due = s.Projects.Where(p => planned(p)?.Year == year).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        if (due.Count == 0) return Measurement.Absent($"{year}年无计划{stage}的重点项目");
        var yearEnd = new DateOnly(year, 12, 31);
        var done = due.Count(p => reached(p) is { } on && on <= yearEnd);
        return new Measurement(Math.Round(done * 100m / due.Count, 2),
            [$"{year}年计划{stage} {due.Count} 个，年内{stage} {done} 个",
             .. due.Select(p => $"{p.Name}：计划{planned(p):yyyy年M月d日}{stage}，{(reached(p) is { } on ? $"{on:yyyy年M月d日}{stage}" : $"未{stage}")}")]);
    }

    private static Measurement Investment(SubjectScope s, AreaData d, int year)
    {
        var projects = s.Projects.Where(p => p.PlanYear == year && p.Annual > 0).ToList();
        if (projects.Count == 0) return Measurement.Absent($"{year}年无列入计划的投资项目");
        var planned = projects.Sum(p => p.Annual);
        var done = projects.Sum(p => d.InvestmentByProject.GetValueOrDefault((p.Id, year)));
        return new Measurement(Math.Round(done / planned * 100, 2),
            [$"{year}年计划投资 {Money(planned)}，已完成 {Money(done)}（按项目月度进度）",
             .. projects.Select(p => $"{p.Name}：计划 {Money(p.Annual)}，完成 {Money(d.InvestmentByProject.GetValueOrDefault((p.Id, year)))}")]);
    }

    /// <summary>The rule a town's 责任清单按期完成率 counts by (<see cref="Concerns"/>), as the page and the report state it.</summary>
    public const string TownTasksRule = "计入本镇年度行动计划的任务，及县（市、区）行动计划中单列本镇所在乡镇为牵头或配合单位、或写明本镇的任务；" +
        "由各乡镇共同承担的任务（“各镇人民政府”）计入牵头单位，不计入单个专业镇";

    private static Measurement Tasks(SubjectScope s, AreaData d, int year)
    {
        var due = s.Tasks.Where(t => t.Deadline.Year == year).ToList();
        var townships = s.IsTown ? d.Townships.Where(x => s.Towns.Any(t => t.Id == x.TownId)).ToList() : [];
        if (due.Count == 0)
        {
            if (!s.IsTown) return Measurement.Absent($"{year}年无到期的责任清单任务");
            // Said precisely: the county's plan may well have tasks due, shared by every township and so by no town in particular.
            var counties = townships.Select(x => x.Path[..x.Path.LastIndexOf('/')]).Distinct().ToList();
            var shared = d.Tasks.Where(t => t.TownId is null && t.Deadline.Year == year && t.SharedByAll && counties.Contains(t.PlanPath))
                .GroupBy(t => t.PlanArea).Select(g => $"{g.Key}行动计划{year}年到期任务 {g.Count()} 项，均由各乡镇共同承担，未单列本镇所在乡镇（{string.Join("、", townships.Select(x => x.Name).Distinct())}）").ToList();
            return new Measurement(null, [TownTasksRule, .. shared])
            {
                NotApplicable = $"{year}年无指向本镇的到期责任清单任务，本镇没有年度行动计划，县（市、区）行动计划也未单列本镇或所在乡镇",
            };
        }
        var onTime = due.Where(t => t.DoneOn is { } on && on <= t.Deadline).ToList();
        return new Measurement(Math.Round(onTime.Count * 100m / due.Count, 2),
            [.. s.IsTown ? [$"{TownTasksRule}（所在乡镇：{string.Join("、", townships.Select(x => x.Name).Distinct())}）"] : Array.Empty<string>(),
             $"{year}年到期任务 {due.Count} 项，按期完成 {onTime.Count} 项",
             .. due.Where(t => !onTime.Contains(t)).Take(20).Select(t => $"未按期完成：{t.Title}（期限{t.Deadline:yyyy年M月d日}{(t.DoneOn is { } on ? $"，{on:yyyy年M月d日}完成" : "")}）")]);
    }

    private Measurement Reports(SubjectScope s, AreaData d, int year, DateOnly today)
    {
        if (s.Forces.Count == 0) return Measurement.Absent("未设工作专班");
        int due = 0, onTime = 0;
        var evidence = new List<string>();
        foreach (var f in s.Forces)
        {
            var from = ReportMonth.Of(f.ReportsFrom);
            for (var m = 1; m <= 12; m++)
            {
                var month = new ReportMonth(year, m);
                if (month < from) continue;
                var report = d.Reports.FirstOrDefault(r => r.ForceId == f.Id && r.Year == year && r.Month == m);
                var timeliness = ReportDeadline.Classify(month, report?.FirstSubmittedAtUtc, today, reportSettings);
                if (timeliness == Timeliness.NotDue) continue;
                due++;
                if (timeliness == Timeliness.OnTime) onTime++;
                else evidence.Add($"{f.Name} {year}年{m}月：{ReportDeadline.Chinese(timeliness)}");
            }
        }
        if (due == 0) return Measurement.Absent($"{year}年无到期月报");
        return new Measurement(Math.Round(onTime * 100m / due, 2), [$"{year}年应报 {due} 期，按时报送 {onTime} 期", .. evidence.Take(20)]);
    }

    private static Measurement Problems(SubjectScope s, int year)
    {
        var raised = s.Problems.Where(p => p.RaisedYear == year).ToList();
        if (raised.Count == 0) return Measurement.Absent($"{year}年未登记问题");
        var finished = raised.Where(p => ProblemNames.IsFinished(p.State)).ToList();
        return new Measurement(Math.Round(finished.Count * 100m / raised.Count, 2),
            [$"{year}年登记问题 {raised.Count} 个，已办结 {finished.Count} 个",
             .. raised.Where(p => !finished.Contains(p)).Take(20).Select(p => $"未办结：{p.Title}（{ProblemNames.Chinese(p.State)}）")]);
    }

    private static Measurement Gained(SubjectScope s, IReadOnlyList<GainRow> rows, int year, string what)
    {
        var towns = s.Towns.Select(t => t.Id).ToHashSet();
        var gained = rows.Where(r => r.Year == year && towns.Contains(r.TownId)).ToList();
        return new Measurement(gained.Count, gained.Count == 0 ? [$"{year}年无新增{what}记录"] : gained.Select(g => $"{year}年新增{what}：{g.Name}").ToList());
    }

    private static string Money(decimal? wanYuan) => wanYuan is not { } v ? "—"
        : v >= 10000 ? $"{(v / 10000m).ToString("#,0.00", CultureInfo.InvariantCulture)}亿元" : $"{v.ToString("#,0.##", CultureInfo.InvariantCulture)}万元";

    private static string Number(decimal v) => v.ToString("#,0.##", CultureInfo.InvariantCulture);

    // Money in 亿元 from 1亿 (680,000万元 read as 68.00亿元), like every other figure on the evaluation's pages.
    private static string Amount(decimal v, string unit) => unit == "万元" ? Money(v) : Number(v) + unit;

    // ---- loading: a handful of set queries for the whole area, then everything in memory ----

    private sealed record StatRow(decimal? Output, decimal? Revenue, decimal? Employment);
    private sealed record TownRow(int Id, string Name, string County, Tier Tier, string? PolicyId, IReadOnlyDictionary<int, StatRow> Stats);
    private sealed record TownshipRow(int TownshipId, string Name, string Path, string County, int TownId);
    private sealed record UnitRow(int Id, string Name, string Path, string Place);
    private sealed record ProjectRow(int Id, string Name, int TownId, int? UnitId, int PlanYear, decimal Annual,
        DateOnly? PlannedStartOn, DateOnly? StartedOn, DateOnly? PlannedProductionOn, DateOnly? InProductionOn);
    /// <param name="SingledOut">The townships (paths) whose governments the task names, when it does not name every township of its plan's county.</param>
    /// <param name="SharedByAll">The task names every township of its plan's county (“各镇人民政府”).</param>
    private sealed record TaskRow(int Id, string Title, int? TownId, DateOnly Deadline, DateOnly? DoneOn, IReadOnlyList<int> LeadUnitIds,
        string PlanPath, string PlanArea, IReadOnlyList<string> SingledOut, bool SharedByAll);
    private sealed record ForceRow(int Id, string Name, int TownId, DateOnly ReportsFrom, IReadOnlyList<int> LeadUnitIds);
    private sealed record ReportRow(int ForceId, string Force, int Year, int Month, DateTime? FirstSubmittedAtUtc, int? NewEntities, int? NewAboveScale);
    private sealed record ProblemRow(int Id, string Title, int? TownId, int? LeadUnitId, int RaisedYear, ProblemState State);
    private sealed record GainRow(int TownId, string Name, int? Year, BrandKind? Kind = null);

    private sealed record AreaData(IReadOnlyList<TownRow> Towns, IReadOnlyList<TownshipRow> Townships, IReadOnlyList<UnitRow> Units,
        IReadOnlyList<ProjectRow> Projects, IReadOnlyDictionary<(int, int), decimal> InvestmentByProject, IReadOnlyList<TaskRow> Tasks,
        IReadOnlyList<ForceRow> Forces, IReadOnlyList<ReportRow> Reports, IReadOnlyList<ProblemRow> Problems, IReadOnlyList<TierChange> TierChanges,
        IReadOnlyList<GainRow> Brands, IReadOnlyList<GainRow> Standards);

    /// <param name="withReserve">
    /// Whether the 储备 towns count: for the townships they lie in (their cultivation is the townships' work), not as towns
    /// themselves (EvaluatedTowns says why, with the clauses).
    /// </param>
    private async Task<AreaData> LoadAsync(string area, int year, bool withReserve, CancellationToken ct)
    {
        var under = area + "/";
        var townQuery = db.Towns.Where(t => t.County!.Path == area || t.County.Path.StartsWith(under));
        var towns = await townQuery.OrderByCounty(t => t.County).ThenBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, County = t.County!.Name, t.Tier, t.PolicyId }).ToListAsync(ct);
        var allIds = towns.Select(t => t.Id).ToList();
        var tiers = await db.TierChanges.AsNoTracking().Where(c => allIds.Contains(c.SpecializedTownId)).ToListAsync(ct);
        // The towns recognised in the year evaluated, by the tier they held at its end, not today's: a town recognised in 2026 was
        // 储备 through 2024 and is no object of the 2024 evaluation (qa110 4), as the 认定层级 it would be scored on says.
        var yearEnd = new DateOnly(year, 12, 31);
        // A town taken off the list (decision 0024) is an object of the years it was on it, and of none after.
        towns = towns.Where(t => TierStanding.HeldOn(tiers.Where(c => c.SpecializedTownId == t.Id), t.Tier, yearEnd) is var held
            && (withReserve ? Tiers.IsListed(held) : Tiers.IsRecognised(held))).ToList();
        var townIds = towns.Select(t => t.Id).ToList();
        var stats = await db.TownStatistics.Where(s => townIds.Contains(s.SpecializedTownId) && (s.Year == year || s.Year == year - 1))
            .Select(s => new { s.SpecializedTownId, s.Year, s.OutputValueWanYuan, s.RevenueWanYuan, s.Employment }).ToListAsync(ct);
        var townRows = towns.Select(t => new TownRow(t.Id, t.Name, t.County, t.Tier, t.PolicyId,
            stats.Where(s => s.SpecializedTownId == t.Id).ToDictionary(s => s.Year, s => new StatRow(s.OutputValueWanYuan, s.RevenueWanYuan, s.Employment)))).ToList();

        var townships = await db.TownTownships.Where(x => townIds.Contains(x.SpecializedTownId)).OrderByPlace(x => x.Township)
            .Select(x => new TownshipRow(x.TownshipId, x.Township!.Name, x.Township.Path, x.Township.Parent!.Name, x.SpecializedTownId)).ToListAsync(ct);

        var units = await db.Units.Where(u => u.Jurisdiction!.Path == area || u.Jurisdiction.Path.StartsWith(under)).OrderByPlace(u => u.Jurisdiction).ThenBy(u => u.Name)
            .Select(u => new UnitRow(u.Id, u.Name, u.Jurisdiction!.Path, u.Jurisdiction.Name)).ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).ToList();

        var projects = await db.Projects.Where(p => townIds.Contains(p.SpecializedTownId) || (p.ResponsibleUnitId != null && unitIds.Contains(p.ResponsibleUnitId.Value)))
            .Select(p => new ProjectRow(p.Id, p.Name, p.SpecializedTownId, p.ResponsibleUnitId, p.PlanYear, p.AnnualPlannedInvestmentWanYuan,
                p.PlannedStartOn, p.StartedOn, p.PlannedProductionOn, p.InProductionOn)).ToListAsync(ct);
        var projectIds = projects.Select(p => p.Id).ToList();
        var investment = (await db.ProjectProgress.Where(x => projectIds.Contains(x.ProjectId) && x.Year == year)
                .GroupBy(x => x.ProjectId).Select(g => new { g.Key, Sum = g.Sum(x => x.InvestmentCompletedWanYuan) }).ToListAsync(ct))
            .ToDictionary(x => (x.Key, year), x => x.Sum);

        var areaTownships = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Township && j.Path.StartsWith(under))
            .Select(j => new { j.Name, j.Path }).ToListAsync(ct);
        var tasks = (await db.PlanTasks.Where(t => t.Deadline >= new DateOnly(year, 1, 1) && t.Deadline <= new DateOnly(year, 12, 31)
                    && (t.Plan!.Jurisdiction!.Path == area || t.Plan.Jurisdiction.Path.StartsWith(under)))
                .Select(t => new
                {
                    t.Id, t.Title, t.Plan!.SpecializedTownId, t.Deadline, t.DoneOn, Leads = t.Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.UnitId).ToList(),
                    PlanPath = t.Plan.Jurisdiction!.Path, PlanArea = t.Plan.Jurisdiction.Name,
                    Units = t.Units.Select(u => new { u.Unit!.Name, u.Unit.Jurisdiction!.Path }).ToList(),
                })
                .ToListAsync(ct))
            .Select(t =>
            {
                // A township's government is registered at the township, or at the county when the county's plan named it first (TaskService).
                var county = areaTownships.Where(x => x.Path.StartsWith(t.PlanPath + "/", StringComparison.Ordinal) && x.Path.Count(c => c == '/') == t.PlanPath.Count(c => c == '/') + 1).ToList();
                var named = county.Where(x => t.Units.Any(u => u.Name == x.Name && (u.Path == x.Path || u.Path == t.PlanPath))).Select(x => x.Path).ToList();
                var shared = county.Count > 1 && named.Count == county.Count;
                return new TaskRow(t.Id, t.Title, t.SpecializedTownId, t.Deadline, t.DoneOn, t.Leads, t.PlanPath, t.PlanArea, shared ? [] : named, shared);
            }).ToList();

        // A unit leads a task force whatever the tier of the force's town: 垣曲's units lead the 专班 of 储备 towns, which
        // are not among the towns evaluated, and finding forces only through those towns said they led none.
        var forces = (await db.TaskForces.Where(f => townIds.Contains(f.SpecializedTownId)
                    || f.Units.Any(u => u.Role == TaskForceRole.Lead && unitIds.Contains(u.UnitId)))
                .Select(f => new { f.Id, Name = f.Town!.Name + "专班", f.SpecializedTownId, f.ReportsFrom, Leads = f.Units.Where(u => u.Role == TaskForceRole.Lead).Select(u => u.UnitId).ToList() })
                .ToListAsync(ct))
            .Select(f => new ForceRow(f.Id, f.Name, f.SpecializedTownId, f.ReportsFrom, f.Leads)).ToList();
        var forceIds = forces.Select(f => f.Id).ToList();
        var reports = await db.MonthlyReports.Where(r => forceIds.Contains(r.TaskForceId) && r.Year == year)
            .Select(r => new ReportRow(r.TaskForceId, r.TaskForce!.Town!.Name + "专班", r.Year, r.Month, r.FirstSubmittedAtUtc,
                r.State == ReportState.Submitted || r.State == ReportState.Accepted ? r.NewMarketEntities : null,
                r.State == ReportState.Submitted || r.State == ReportState.Accepted ? r.NewAboveScaleEnterprises : null)).ToListAsync(ct);

        var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-8);
        var to = from.AddYears(1);
        var problems = (await db.Problems.Where(p => p.RaisedAtUtc >= from && p.RaisedAtUtc < to
                    && ((p.SpecializedTownId != null && townIds.Contains(p.SpecializedTownId.Value)) || (p.LeadUnitId != null && unitIds.Contains(p.LeadUnitId.Value))))
                .Select(p => new { p.Id, p.Title, p.SpecializedTownId, p.LeadUnitId, p.State }).ToListAsync(ct))
            .Select(p => new ProblemRow(p.Id, p.Title, p.SpecializedTownId, p.LeadUnitId, year, p.State)).ToList();

        tiers = tiers.Where(c => townIds.Contains(c.SpecializedTownId)).ToList();

        // Brands and standards count for a town whether recorded on the town or on one of its enterprises.
        var brands = await db.Brands.Where(b => b.Year == year && ((b.SpecializedTownId != null && townIds.Contains(b.SpecializedTownId.Value))
                || db.Enterprises.Any(e => e.Id == b.EnterpriseId && e.SpecializedTownId != null && townIds.Contains(e.SpecializedTownId.Value))))
            .Select(b => new GainRow(b.SpecializedTownId ?? db.Enterprises.Where(e => e.Id == b.EnterpriseId).Select(e => e.SpecializedTownId!.Value).First(), b.Name, b.Year, b.Kind))
            .ToListAsync(ct);
        var standards = await db.IndustryStandards.Where(b => b.Year == year && ((b.SpecializedTownId != null && townIds.Contains(b.SpecializedTownId.Value))
                || db.Enterprises.Any(e => e.Id == b.EnterpriseId && e.SpecializedTownId != null && townIds.Contains(e.SpecializedTownId.Value))))
            .Select(b => new GainRow(b.SpecializedTownId ?? db.Enterprises.Where(e => e.Id == b.EnterpriseId).Select(e => e.SpecializedTownId!.Value).First(), b.Name, b.Year))
            .ToListAsync(ct);

        // Units are evaluated on what they lead; one that leads nothing in the area is left out by GatherAsync.
        return new AreaData(townRows, townships, units, projects, investment, tasks, forces, reports, problems, tiers, brands, standards);
    }
}
