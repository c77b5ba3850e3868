using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Core.Targets;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Support;

namespace SpecializedTowns.Data.Targets;

/// <summary>The value of a target at the end of a year; <see cref="SoFar"/> marks the year under way, read as of today.</summary>
public sealed record TargetYear(int Year, decimal Value, bool SoFar);

/// <summary>One pack target with its current value, where it came from, its history and its state (目标监测).</summary>
public sealed record TargetItem(
    string Key, string PackId, int Position, string Document, string DocumentTitle, string Area, Target Target, string Requirement,
    DateOnly? Start, DateOnly? Deadline, decimal? Current, string? CurrentText, decimal? Baseline, string How,
    IReadOnlyList<string> Records, IReadOnlyList<TargetYear> History, TargetAssessment Assessment)
{
    public TargetState State => Assessment.State;
}

public sealed record TargetFilter
{
    /// <summary>Pack id or document number.</summary>
    public string? Document { get; init; }
    public TargetState? State { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record TownRevenueTiers(int TownId, string Town, string County, string PackId, string Document, IReadOnlyList<RevenueTier> Levels, IReadOnlyList<RevenueTierYear> Years);

/// <summary>
/// Gathers the current values of pack targets from the platform's records (tier history, annual statistics, brands,
/// standards) and hands them to the one rule in <see cref="TargetRules"/>; the dashboard and the 目标监测 pages both read here.
/// </summary>
public static class TargetQueries
{
    /// <summary>A town in scope with what the targets are measured from; the dashboard reads its own figures from the same rows.</summary>
    public sealed record TownRow(int Id, string Name, Tier Tier, string CountyPath, string County, string? PolicyId,
        List<TierChange> TierHistory, List<StatRow> Statistics, List<BrandRow> Brands, List<StandardRow> IndustryStandards);

    public sealed record StatRow(int Year, decimal? Output, decimal? Revenue);

    public sealed record BrandRow(string Name, BrandKind Kind, int? Year);

    /// <summary>A 行业标准 (not a national, local or group one) the town's enterprises led or joined, with the year it was issued when known.</summary>
    public sealed record StandardRow(string Name, StandardRole Role, int? Year);

    /// <summary>The packs that govern the person's jurisdiction or lie within it, as the dashboard has always chosen them.</summary>
    public static IEnumerable<PolicyPack> PacksFor(PolicyCatalog catalog, UserScope scope) =>
        catalog.Packs.Where(p => p.Targets.Count > 0 && Relates(AreaOf(p), scope));

    private static string AreaOf(PolicyPack pack) => string.Join("/", pack.Document.JurisdictionPath);

    private static bool Relates(string area, UserScope scope) =>
        scope.IsAdmin || area == scope.JurisdictionPath || area.StartsWith(scope.JurisdictionPath + "/", StringComparison.Ordinal)
        || scope.JurisdictionPath.StartsWith(area + "/", StringComparison.Ordinal);

    public static string KeyOf(PolicyPack pack, int position) => $"{pack.Id}-{position}";

    public static async Task<IReadOnlyList<TargetItem>> AllAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, DateOnly today, CancellationToken ct = default) =>
        await AllAsync(db, catalog, scope, today, towns: null, ct);

    /// <param name="towns">The towns in scope as <see cref="TownsAsync"/> reads them, when the caller has them already.</param>
    public static async Task<IReadOnlyList<TargetItem>> AllAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, DateOnly today,
        IReadOnlyList<TownRow>? towns, CancellationToken ct = default)
    {
        var packs = PacksFor(catalog, scope).ToList();
        if (packs.Count == 0) return [];
        towns ??= await TownsAsync(db, scope, ct);
        var training = await TrainingAsync(db, catalog, scope, packs, today, ct);
        return packs.SelectMany(pack => pack.Targets.Select((t, i) => Evaluate(pack, t, i + 1, towns, training, scope, today))).ToList();
    }

    public static async Task<Paged<TargetItem>> ListAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, TargetFilter f, DateOnly today, CancellationToken ct = default)
    {
        var (page, size) = Paged<TargetItem>.Normalize(f.Page, f.PageSize);
        IEnumerable<TargetItem> items = await AllAsync(db, catalog, scope, today, ct);
        if (!string.IsNullOrWhiteSpace(f.Document)) items = items.Where(i => i.PackId == f.Document.Trim() || i.Document == f.Document.Trim());
        if (f.State is { } state) items = items.Where(i => i.State == state);
        var list = items.ToList();
        return new Paged<TargetItem>(list.Skip((page - 1) * size).Take(size).ToList(), list.Count, page, size);
    }

    /// <summary>One target by key; null when there is none or its document is outside the person's scope.</summary>
    public static async Task<TargetItem?> FindAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, string key, DateOnly today, CancellationToken ct = default)
    {
        var pack = PacksFor(catalog, scope).FirstOrDefault(p => key.StartsWith(p.Id + "-", StringComparison.Ordinal));
        if (pack is null || !int.TryParse(key.AsSpan(pack.Id.Length + 1), out var position) || position < 1 || position > pack.Targets.Count) return null;
        var towns = await TownsAsync(db, scope, ct);
        var training = await TrainingAsync(db, catalog, scope, [pack], today, ct);
        return Evaluate(pack, pack.Targets[position - 1], position, towns, training, scope, today);
    }

    // Each collection read on its own (in one query a town's tier changes, statistics and brands would multiply), flat and put
    // together here: EF's asynchronous split query built delegates for every town it read, which on the dashboard of the
    // province cost more than the queries.
    public static async Task<List<TownRow>> TownsAsync(TownsDbContext db, UserScope scope, CancellationToken ct)
    {
        // The towns on the 名录: one taken off it (decision 0024) no longer counts in the dashboard's figures nor toward a target.
        var towns = scope.Towns(db).AsNoTracking().Where(SpecializedTown.Listed);
        var history = (await towns.SelectMany(t => t.TierHistory).OrderBy(h => h.Id).ToListAsync(ct)).ToLookup(h => h.SpecializedTownId);
        var statistics = (await towns.SelectMany(t => t.Statistics).OrderBy(s => s.Id)
            .Select(s => new { s.SpecializedTownId, Row = new StatRow(s.Year, s.OutputValueWanYuan, s.RevenueWanYuan) }).ToListAsync(ct))
            .ToLookup(s => s.SpecializedTownId, s => s.Row);
        var brands = (await towns.SelectMany(t => t.Brands).OrderBy(b => b.Id)
            .Select(b => new { b.SpecializedTownId, Row = new BrandRow(b.Name, b.Kind, b.Year) }).ToListAsync(ct))
            .ToLookup(b => b.SpecializedTownId ?? 0, b => b.Row);
        var standards = (await towns.SelectMany(t => t.IndustryStandards).Where(s => s.Kind == StandardKind.Industry).OrderBy(s => s.Id)
            .Select(s => new { s.SpecializedTownId, Row = new StandardRow(s.Name, s.Role, s.Year) }).ToListAsync(ct))
            .ToLookup(s => s.SpecializedTownId ?? 0, s => s.Row);
        var rows = await towns.OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.Name, t.Tier, t.County!.Path, CountyName = t.County.Name, t.PolicyId })
            .ToListAsync(ct);
        return rows.Select(t => new TownRow(t.Id, t.Name, t.Tier, t.Path, t.CountyName, t.PolicyId,
            history[t.Id].ToList(), statistics[t.Id].ToList(), brands[t.Id].ToList(), standards[t.Id].ToList())).ToList();
    }

    private static TargetItem Evaluate(PolicyPack pack, Target target, int position, IReadOnlyList<TownRow> towns, Dictionary<string, List<(int Year, TrainingLine Line)>> training,
        UserScope scope, DateOnly today)
    {
        var area = AreaOf(pack);
        var start = TargetRules.StartOf(pack.Document);
        var m = IsTrainingRate(target.Metric) && SeesWholeArea(area, scope)
            ? TrainingRate(pack.Document.Jurisdiction, training.GetValueOrDefault(area) ?? [], today)
            : Measure(pack, target, towns.Where(t => t.CountyPath == area || t.CountyPath.StartsWith(area + "/", StringComparison.Ordinal)).ToList(), scope, start, today);
        var assessment = TargetRules.Assess(target, new TargetMeasurement(m.Current, m.Baseline, m.Reason, m.AsOfYear), start ?? today, today);
        var currentText = m.Current is { } c ? TargetRules.Amount(c, target.Unit) : null;
        return new TargetItem(KeyOf(pack, position), pack.Id, position, pack.Document.Number ?? pack.Document.Title, pack.Document.Title, pack.Document.Jurisdiction,
            target, TargetRules.Requirement(target), start, TargetRules.Deadline(target), m.Current, currentText, m.Baseline,
            m.How, m.Records, m.History, assessment);
    }

    private sealed record Measured(decimal? Current, decimal? Baseline, string How, IReadOnlyList<string> Records, IReadOnlyList<TargetYear> History, string? Reason)
    {
        /// <summary>The year an annual figure is of (<see cref="TargetMeasurement.AsOfYear"/>).</summary>
        public int? AsOfYear { get; init; }

        public static Measured Not(string reason) => new(null, null, reason, [], [], reason);
    }

    /// <summary>Which records answer a target's metric, read from its wording; what cannot be read is left 待统计 with the reason.</summary>
    private static Measured Measure(PolicyPack pack, Target target, List<TownRow> inArea, UserScope scope, DateOnly? start, DateOnly today)
    {
        var area = AreaOf(pack);
        var jurisdiction = pack.Document.Jurisdiction;
        var metric = target.Metric;

        // A wider area's target (the province's, seen from a city) would count only what this person sees.
        // Only roles whose town scope is their whole jurisdiction can count it (an expert or a township sees a few towns).
        if (!SeesWholeArea(area, scope)) return Measured.Not($"目标针对{jurisdiction}全域，超出您的数据范围，本级无法完整统计");

        // What the records cannot say, whoever the subject is.
        if (metric.Contains("覆盖")) return Measured.Not("镇域覆盖率需全县乡镇名录与专业镇逐一对应，平台暂未计算");
        if (metric.Contains("山西精品")) return Measured.Not("“山西精品”公用品牌目标按镇核算，逐镇完成情况见 政策与支持 → 品牌标准");
        if (metric.Contains("倍")) return Measured.Not("增长倍数需确定“现有基础”的年份，平台暂未计算");

        // The target's subject: the whole jurisdiction, or one named town ("机电制造专业镇").
        var subject = inArea;
        var subjectName = jurisdiction;
        if (!string.IsNullOrEmpty(target.Scope) && target.Scope != jurisdiction)
        {
            var core = target.Scope.Replace("专业镇", "");
            var named = core.Length >= 2 && !target.Scope.StartsWith("每个") && !target.Scope.StartsWith("其他")
                ? inArea.Where(t => t.Name == target.Scope || t.Name.Contains(core)).ToList() : [];
            if (named.Count != 1) return Measured.Not($"目标对象为“{target.Scope}”，需逐镇核算，平台暂未按此口径计算");
            subject = named;
            subjectName = named[0].Name;
        }

        if (metric.Contains("数量") && TierOf(metric) is { } tier && subject == inArea)
            return TierCount(subject, tier, subjectName, start, today);
        if (metric.Contains("产值") && target.Unit == "亿元")
            return Output(subject, subjectName, start, today);
        if (metric.Contains("集群品牌"))
            return ClusterBrands(subject, subjectName, start, today);
        if (metric.Contains("行业标准"))
            return IndustryStandards(subject, subjectName, start, today);
        return Measured.Not($"平台未采集“{metric}”的数据");
    }

    private static bool SeesWholeArea(string area, UserScope scope) =>
        scope.IsAdmin || (scope.Role is Roles.Office or Roles.MemberUnit or Roles.Leader
            && (area == scope.JurisdictionPath || area.StartsWith(scope.JurisdictionPath + "/", StringComparison.Ordinal)));

    private static bool IsTrainingRate(string metric) => metric.Contains("培训后就业率", StringComparison.Ordinal);

    /// <summary>
    /// The area's 培训后就业率 year by year from the training register (人才培训), for the packs with such a target: the
    /// area's total line of each year in which a counted programme ended.
    /// </summary>
    private static async Task<Dictionary<string, List<(int Year, TrainingLine Line)>>> TrainingAsync(
        TownsDbContext db, PolicyCatalog catalog, UserScope scope, IEnumerable<PolicyPack> packs, DateOnly today, CancellationToken ct)
    {
        var result = new Dictionary<string, List<(int Year, TrainingLine Line)>>();
        foreach (var area in packs.Where(p => p.Targets.Any(t => IsTrainingRate(t.Metric))).Select(AreaOf).Distinct())
        {
            if (!SeesWholeArea(area, scope)) continue;
            var lines = (await TrainingProgrammes.RatesByYearAsync(db, catalog, area, scope, today, ct)).ToList();
            result[area] = lines;
        }
        return result;
    }

    private static Measured TrainingRate(string area, List<(int Year, TrainingLine Line)> years, DateOnly today)
    {
        if (years.Count == 0) return Measured.Not($"{area}尚无已结业并填报就业人数的订单式、项目制、定向式培训（人才培训）");
        // Cut to two places, never rounded up: 79.996 % does not meet 80 %.
        static decimal Rate(TrainingLine l) => Math.Round(l.Employed * 100m / l.CountedTrainees, 2, MidpointRounding.ToZero);
        var (year, latest) = years[^1];
        return new(Rate(latest), null,
            $"人才培训中{area}各年结业的订单式、项目制、定向式培训：培训后就业人数 ÷ 计入就业率的结业人数（以签订就业协议或提供就业证明为准）；现值取最近有结果的年度（{year}年）",
            [$"{year}年 {area}：计入 {latest.CountedTrainees} 人，就业 {latest.Employed} 人"],
            years.Select(y => new TargetYear(y.Year, Rate(y.Line), y.Year == today.Year)).ToList(), null);
    }

    private static Tier? TierOf(string metric) =>
        metric.Contains("省级专业镇") ? Tier.Provincial
        : metric.Contains("市级专业镇") ? Tier.Municipal
        : metric.Contains("县级专业镇") ? Tier.County
        : null;

    /// <summary>A town's tier on a day, from its tier history; null before its first step on the ladder.</summary>
    /// <summary>The tier of the latest change in effect on the day (by date, then by id); null before the first.</summary>
    private static Tier? TierOn(TownRow town, DateOnly day)
    {
        // A loop, not a sort: the dashboard asks this of every town for every year of every tier target.
        TierChange? latest = null;
        foreach (var c in town.TierHistory)
            if (c.EffectiveOn <= day && (latest is null || (c.EffectiveOn, c.Id).CompareTo((latest.EffectiveOn, latest.Id)) > 0))
                latest = c;
        return latest?.Tier;
    }

    private static Measured TierCount(List<TownRow> towns, Tier tier, string area, DateOnly? start, DateOnly today)
    {
        var name = Tiers.Chinese(tier);
        var reached = towns.Where(t => t.Tier >= tier).OrderByDescending(t => t.Tier).ThenBy(t => t.Name).ToList();
        var first = towns.SelectMany(t => t.TierHistory).Select(c => c.EffectiveOn.Year).DefaultIfEmpty(today.Year).Min();
        var from = Math.Min(first, start?.Year ?? first);
        var history = new List<TargetYear>();
        for (var year = from; year <= today.Year; year++)
        {
            var day = year == today.Year ? today : new DateOnly(year, 12, 31);
            history.Add(new TargetYear(year, towns.Count(t => TierOn(t, day) >= tier), year == today.Year));
        }
        decimal? baseline = start is { } s ? towns.Count(t => TierOn(t, s) >= tier) : null;
        return new(reached.Count, baseline,
            $"{area}梯次为{name}及以上的专业镇个数（以专业镇名录的现有梯次计；逐年数值取各年末的梯次变更记录）",
            reached.Select(t => $"{t.Name}（{t.County}，{Tiers.Chinese(t.Tier)}）").ToList(), history, null);
    }

    private static Measured Output(List<TownRow> towns, string area, DateOnly? start, DateOnly today)
    {
        var years = towns.SelectMany(t => t.Statistics).Where(s => s.Output is not null).Select(s => s.Year).Distinct().Order().ToList();
        if (years.Count == 0) return Measured.Not($"{area}的专业镇尚无年度产值统计");
        decimal SumOf(int year) => Math.Round(towns.Sum(t => t.Statistics.Where(s => s.Year == year).Sum(s => s.Output ?? 0)) / 10000m, 2);
        var latest = years[^1];
        var history = years.Select(y => new TargetYear(y, SumOf(y), y == today.Year)).ToList();
        // The baseline is the last full year before the document; without one, the earliest year on record.
        var before = start is { } s ? years.Where(y => y < s.Year).DefaultIfEmpty(years[0]).Max() : years[0];
        return new(SumOf(latest), SumOf(before),
            $"{latest}年{area}各专业镇年度统计的产值合计（专业镇口径，非全口径工业总产值）；基数取文件印发前一年（{before}年）",
            towns.Select(t => (t.Name, Value: t.Statistics.Where(x => x.Year == latest).Sum(x => x.Output ?? 0)))
                .Where(t => t.Value > 0).OrderByDescending(t => t.Value)
                .Select(t => $"{t.Name}：{latest}年产值 {Core.Recognition.Quantity.Money(t.Value)}").ToList(),
            history, null) { AsOfYear = latest };
    }

    private static Measured ClusterBrands(List<TownRow> towns, string area, DateOnly? start, DateOnly today)
    {
        var brands = towns.SelectMany(t => t.Brands.Where(b => b.Kind == BrandKind.Regional).Select(b => (Town: t.Name, Brand: b))).ToList();
        var dated = brands.Where(b => b.Brand.Year is not null).Select(b => b.Brand.Year!.Value).ToList();
        var history = dated.Count == 0 ? [] : Enumerable.Range(dated.Min(), today.Year - dated.Min() + 1)
            .Select(y => new TargetYear(y, brands.Count(b => b.Brand.Year <= y), y == today.Year)).ToList();
        decimal? baseline = start is { } s && dated.Count > 0 ? brands.Count(b => b.Brand.Year < s.Year) : 0;
        return new(brands.Count, baseline,
            $"{area}各专业镇登记的区域（集群）品牌个数；“有影响力和知名度”需另行认定，此处按品牌记录计数" + (dated.Count < brands.Count ? "（部分品牌未登记年份，只计入当前值）" : ""),
            brands.Select(b => $"{b.Brand.Name}（{b.Town}）").ToList(), history, null);
    }

    /// <summary>
    /// 制定行业标准 (阳政办发〔2023〕24号 二 "制定行业标准3项"): the 行业标准 the towns' enterprises led (主导), year by year from
    /// the year each was issued. A standard an enterprise only joined (参与) is not counted: 制定 is the drafting unit's, and a
    /// standard drafted by several towns' enterprises would count once for each; the note names them, so the office sees what
    /// was left out and why.
    /// </summary>
    private static Measured IndustryStandards(List<TownRow> towns, string area, DateOnly? start, DateOnly today)
    {
        var all = towns.SelectMany(t => t.IndustryStandards.Select(s => (Town: t.Name, Standard: s))).ToList();
        var led = all.Where(x => x.Standard.Role == StandardRole.Led).ToList();
        var joined = all.Where(x => x.Standard.Role == StandardRole.Joined).ToList();
        var dated = led.Where(x => x.Standard.Year is not null).Select(x => x.Standard.Year!.Value).ToList();
        // From the year before the document (its 基数) or the first standard on record, whichever is earlier, to this year.
        var from = Math.Min(dated.DefaultIfEmpty(today.Year).Min(), (start?.Year ?? today.Year + 1) - 1);
        var history = Enumerable.Range(from, today.Year - from + 1)
            .Select(y => new TargetYear(y, led.Count(x => x.Standard.Year <= y), y == today.Year)).ToList();
        decimal? baseline = start is { } s ? led.Count(x => x.Standard.Year < s.Year) : null;
        var undated = led.Count - dated.Count;
        var how = $"{area}各专业镇企业主导制定的行业标准项数（按标准发布年度逐年累计；基数为文件印发前，即{(start is { } b ? $"{b.Year - 1}年" : "首年")}末的项数）"
            + (undated > 0 ? $"；{undated} 项未登记发布年度，只计入当前值" : "")
            + "。只计主导制定：参与制定的标准由他人牵头起草，同一标准也可能由几个专业镇的企业共同参与，计入会重复"
            + (joined.Count > 0 ? $"；另有参与制定的行业标准 {joined.Count} 项未计入" : "；目前没有参与制定的行业标准记录");
        var records = led.Select(x => $"{x.Standard.Name}（{x.Town}，主导{(x.Standard.Year is { } y ? $"，{y}年" : "，未登记年度")}）")
            .Concat(joined.Select(x => $"{x.Standard.Name}（{x.Town}，参与{(x.Standard.Year is { } y ? $"，{y}年" : "")}，未计入）")).ToList();
        return new(led.Count, baseline, how, records, history, null);
    }

    /// <summary>营收规模梯次 of every visible town whose document sets revenue levels, year by year.</summary>
    public static async Task<IReadOnlyList<TownRevenueTiers>> RevenueTiersAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, CancellationToken ct = default)
    {
        var towns = await scope.Towns(db).AsNoTracking().Where(t => t.PolicyId != null).OrderByCounty(t => t.County).ThenBy(t => t.Name)
            .Select(t => new
            {
                t.Id, t.Name, County = t.County!.Name, t.PolicyId,
                Revenue = t.Statistics.Where(s => s.RevenueWanYuan != null).Select(s => new { s.Year, s.RevenueWanYuan }).ToList(),
            })
            .ToListAsync(ct);
        var result = new List<TownRevenueTiers>();
        foreach (var town in towns)
        {
            if (catalog.FindPack(town.PolicyId!) is not { Mechanisms.RevenueTiers.Count: > 0 } pack) continue;
            var levels = pack.Mechanisms.RevenueTiers.OrderBy(l => l.ValueYi).ToList();
            result.Add(new TownRevenueTiers(town.Id, town.Name, town.County, pack.Id, pack.Document.Number ?? pack.Document.Title, levels,
                RevenueTiers.Series(town.Revenue.Select(r => (r.Year, r.RevenueWanYuan!.Value)), levels)));
        }
        return result;
    }
}

/// <summary>目标监测 as a clerk downloads it, for the office's own 目标任务台账.</summary>
public static class TargetExport
{
    public static readonly Exports.ExportTable<TargetItem> Table = new("目标监测", [
        new("政策文件", t => t.Document, 22),
        new("指标", t => t.Target.Metric, 24),
        new("范围", t => t.Target.Scope, 14),
        new("目标", t => t.Requirement, 20),
        new("期限", t => t.Deadline is { } d ? d : "未注明", 14),
        // A number a spreadsheet can add and compare, with its unit beside it (当前值 0, 单位 家), not the text “0 家”.
        new("当前值", t => t.Current, 12),
        new("单位", t => t.Target.Unit, 8),
        new("状态", t => TargetRules.Chinese(t.State), 10),
        new("说明", t => t.Assessment.Why, 60),
        new("依据", t => t.Target.Source, 30),
    ]);
}
