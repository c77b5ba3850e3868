using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Commendations;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Towns;

namespace SpecializedTowns.Data.Commendations;

public sealed record TriggerFilter
{
    public int? Year { get; init; }
    public CrossingState? State { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

/// <summary>One line of evidence: a year's figure and, for a ranking, who published it.</summary>
public sealed record TriggerEvidence(int Year, string Text, bool Reaches);

/// <summary>
/// A commendation a pack's provision triggers (<c>measure</c>), for one enterprise or product, in the year it first reached the mark.
/// </summary>
public sealed record CommendationTrigger(
    string Measure, string PackId, string Document, Provision Provision, decimal Mark,
    int TownId, string Town, string County, int? EnterpriseId, string? Enterprise, string? Product,
    FirstCrossing Crossing, IReadOnlyList<TriggerEvidence> Evidence, bool IsDemo)
{
    public string Key => $"{Measure}-{TownId}-{EnterpriseId}-{Product}";

    public string KindName => Measure == PackVocabulary.LeadingEnterpriseRevenueFirst ? $"营收首次突破{Quantity.Money(Mark)}" : $"首次进入全国前{Mark:0}名";

    public string Subject => Measure == PackVocabulary.LeadingEnterpriseRevenueFirst
        ? Enterprise ?? ""
        : Enterprise is null ? Product ?? "" : $"{Enterprise}（{Product}）";

    public string Summary => Measure == PackVocabulary.LeadingEnterpriseRevenueFirst
        ? $"{Enterprise}{Crossing.Year}年营收 {CommendationQueries.Revenue(Crossing.Value, Mark)}，" + (Crossing.State == CrossingState.Triggered ? $"首次突破{Quantity.Money(Mark)}" : $"达到{Quantity.Money(Mark)}以上，是否首次待核实")
        : $"{Product}{Crossing.Year}年全国市场占有率排名第 {Crossing.Value:0} 名，" + (Crossing.State == CrossingState.Triggered ? $"首次进入全国前{Mark:0}名" : $"进入全国前{Mark:0}名，是否首次待核实");
}

/// <summary>
/// 表扬 triggers (朔政办发〔2023〕19号 四（九）): for every pack whose provisions carry a <c>measure</c>, the towns lying in that
/// pack's jurisdiction (a city's provision reaches every county below it), within the person's scope.
/// Revenue counts for enterprises registered as the town's 龙头企业 (the platform's record of its 领军企业).
/// </summary>
public static class CommendationQueries
{
    public static async Task<IReadOnlyList<CommendationTrigger>> AllAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, CancellationToken ct = default)
    {
        var result = new List<CommendationTrigger>();
        foreach (var pack in catalog.Packs)
        {
            var provisions = pack.SupportPolicies.SelectMany(p => p.Provisions)
                .Where(p => p.Measure is not null && PackVocabulary.ProvisionMeasures.ContainsKey(p.Measure) && p.Value > 0).ToList();
            var area = string.Join("/", pack.Document.JurisdictionPath);
            if (provisions.Count == 0 || area.Length == 0) continue;
            var towns = await scope.Towns(db).AsNoTracking().Under(db, area)
                .Select(t => new { t.Id, t.Name, County = t.County!.Name, t.IsDemo }).ToDictionaryAsync(t => t.Id, ct);
            if (towns.Count == 0) continue;
            var ids = towns.Keys.ToList();
            var document = pack.Document.Number ?? pack.Document.Title;

            foreach (var provision in provisions)
            {
                var mark = provision.Value!.Value;
                if (provision.Measure == PackVocabulary.LeadingEnterpriseRevenueFirst)
                {
                    var enterprises = await db.Enterprises.AsNoTracking()
                        .Where(e => e.SpecializedTownId != null && ids.Contains(e.SpecializedTownId.Value) && e.Role == EnterpriseRole.Leading)
                        .Select(e => new
                        {
                            e.Id, e.Name, TownId = e.SpecializedTownId!.Value, e.IsDemo,
                            Revenue = e.Statistics.Where(s => s.RevenueWanYuan != null).Select(s => new YearFigure(s.Year, s.RevenueWanYuan!.Value)).ToList(),
                        })
                        .ToListAsync(ct);
                    foreach (var e in enterprises)
                    {
                        if (CommendationRules.RevenueFirstReaches(e.Revenue, mark) is not { } crossing) continue;
                        var town = towns[e.TownId];
                        var evidence = crossing.Before.Append(new YearFigure(crossing.Year, crossing.Value))
                            .Select(f => new TriggerEvidence(f.Year, $"{f.Year}年营收 {Revenue(f.Value, mark)}" + (f.Value >= mark ? "" : $"（未达{Quantity.Money(mark)}）"), f.Value >= mark))
                            .ToList();
                        result.Add(new CommendationTrigger(provision.Measure!, pack.Id, document, provision, mark, town.Id, town.Name, town.County,
                            e.Id, e.Name, null, crossing, evidence, e.IsDemo || town.IsDemo));
                    }
                }
                else
                {
                    var top = (int)mark;
                    var ranks = await db.MarketRanks.AsNoTracking().Where(r => ids.Contains(r.SpecializedTownId))
                        .Select(r => new { r.SpecializedTownId, r.EnterpriseId, Enterprise = r.Enterprise == null ? null : r.Enterprise.Name, r.Product, r.Year, r.Rank, r.RankingSource, r.IsDemo })
                        .ToListAsync(ct);
                    foreach (var g in ranks.GroupBy(r => (r.SpecializedTownId, r.EnterpriseId, Product: r.Product.Trim())))
                    {
                        if (CommendationRules.RankFirstWithin(g.Select(r => new YearFigure(r.Year, r.Rank)), top) is not { } crossing) continue;
                        var town = towns[g.Key.SpecializedTownId];
                        var evidence = g.Where(r => r.Year <= crossing.Year).OrderBy(r => r.Year).ThenBy(r => r.Rank)
                            .Select(r => new TriggerEvidence(r.Year, $"{r.Year}年全国第 {r.Rank} 名（{r.RankingSource}）" + (r.Rank <= top ? "" : $"（未进入前{top}名）"), r.Rank <= top))
                            .ToList();
                        result.Add(new CommendationTrigger(provision.Measure!, pack.Id, document, provision, mark, town.Id, town.Name, town.County,
                            g.Key.EnterpriseId, g.First().Enterprise, g.Key.Product, crossing, evidence, g.All(r => r.IsDemo) || town.IsDemo));
                    }
                }
            }
        }
        return result.OrderByDescending(t => t.Crossing.Year).ThenBy(t => t.Crossing.State).ThenBy(t => t.Measure, StringComparer.Ordinal)
            .ThenBy(t => t.Town, StringComparer.Ordinal).ThenBy(t => t.Subject, StringComparer.Ordinal).ToList();
    }

    /// <summary>亿元 to two decimals, unless rounding would lift a figure below the mark onto it (9.999亿 is not 10.00亿).</summary>
    public static string Revenue(decimal wanYuan, decimal mark) =>
        wanYuan < mark && Math.Round(wanYuan / 10000m, 2) * 10000m >= mark ? Quantity.Exact(wanYuan, "万元") : Quantity.Money(wanYuan);

    public static IEnumerable<CommendationTrigger> Matching(IEnumerable<CommendationTrigger> all, TriggerFilter filter) =>
        all.Where(t => (filter.Year is null || t.Crossing.Year == filter.Year) && (filter.State is null || t.Crossing.State == filter.State));

    public static Paged<CommendationTrigger> Filter(IReadOnlyList<CommendationTrigger> all, TriggerFilter filter)
    {
        var (page, size) = Paged<CommendationTrigger>.Normalize(filter.Page, filter.PageSize);
        var shown = Matching(all, filter).ToList();
        return new Paged<CommendationTrigger>(shown.Skip((page - 1) * size).Take(size).ToList(), shown.Count, page, size);
    }

    public static byte[] ToCsv(IEnumerable<CommendationTrigger> triggers) => CsvFile.Write(
        ["年度", "状态", "表扬事项", "专业镇", "所在县（市、区）", "企业", "主导产品", "说明", "依据（逐年）", "待核实原因", "条款", "演示数据"],
        triggers.Select(t => new[]
        {
            $"{t.Crossing.Year}", CrossingStates.Chinese(t.Crossing.State), t.KindName, t.Town, t.County, t.Enterprise ?? "", t.Product ?? "",
            t.Summary, string.Join("；", t.Evidence.Select(e => e.Text)), t.Crossing.Note ?? "", t.Provision.Source ?? "", t.IsDemo ? "是" : "",
        }));
}

/// <summary>表扬触发事项 as a clerk downloads them (.xlsx or .csv): the columns of <see cref="CommendationQueries.ToCsv"/>.</summary>
public static class CommendationExport
{
    /// <summary>What a ticked row names: the provision's measure, the town or enterprise, and the year.</summary>
    public static string Key(CommendationTrigger t) => $"{t.Measure}-{t.TownId}-{t.EnterpriseId}-{t.Crossing.Year}";

    public static readonly Exports.ExportTable<CommendationTrigger> Table = new("表扬触发事项", [
        new("年度", t => t.Crossing.Year, 8),
        new("状态", t => CrossingStates.Chinese(t.Crossing.State), 10),
        new("表扬事项", t => t.KindName, 24),
        new("专业镇", t => t.Town, 26),
        new("所在县（市、区）", t => t.County, 14),
        new("企业", t => t.Enterprise, 26),
        new("主导产品", t => t.Product, 16),
        new("说明", t => t.Summary, 40),
        new("依据（逐年）", t => string.Join("；", t.Evidence.Select(e => e.Text)), 50),
        new("待核实原因", t => t.Crossing.Note, 24),
        new("条款", t => t.Provision.Source, 30),
        new("演示数据", t => t.IsDemo ? "是" : null, 10),
    ]);
}
