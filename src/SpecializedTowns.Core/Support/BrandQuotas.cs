using System.Globalization;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Core.Support;

/// <summary>
/// A quota of “山西精品”公用品牌 per town of a tier, as a pack's target states it — 朔政办发〔2023〕19号 四（四）:
/// "到2025年每个省级专业镇至少打造1—2个……每个市级专业镇至少打造1个". Read from the pack so that another city's
/// document with its own quota needs no code.
/// </summary>
public sealed record BrandQuotaRule(
    string PackId, string Document, string AreaPath, Tier Tier, int Minimum, int? Maximum, DateOnly? Deadline, string Text, string Source)
{
    /// <summary>至少 1—2 个 / 至少 1 个.</summary>
    public string Requirement => Maximum is { } max && max > Minimum ? $"至少 {Minimum}—{max} 个" : $"至少 {Minimum} 个";
}

/// <summary>绿 met; 黄 not yet, before the deadline; 红 the deadline passed short; 灰 the town's tier has no quota.</summary>
public enum QuotaState { NotRequired = 0, Met = 1, Pending = 2, Missed = 3 }

public sealed record TownBrandQuota(
    int TownId, string Town, string CountyPath, string County, Tier Tier, BrandQuotaRule? Rule, IReadOnlyList<string> Brands, QuotaState State)
{
    public int Count => Brands.Count;
    public int Shortfall => Rule is null ? 0 : Math.Max(0, Rule.Minimum - Count);
}

/// <summary>One line of the roll-up: a county, a city or the province, with the towns the quota applies to below it.</summary>
public sealed record QuotaRollup(string Path, string Name, int Depth, int Towns, int Required, int Met, int Brands, int Shortfall);

public static class BrandQuotas
{
    public const string Metric = "山西精品";

    public static IReadOnlyList<BrandQuotaRule> Rules(PolicyCatalog catalog)
    {
        var rules = new List<BrandQuotaRule>();
        foreach (var pack in catalog.Packs)
        {
            var area = pack.Document.JurisdictionPath.Count > 0 ? string.Join("/", pack.Document.JurisdictionPath) : pack.Document.Jurisdiction;
            foreach (var t in pack.Targets)
            {
                if (!t.Metric.Contains(Metric, StringComparison.Ordinal) || t.Value is not { } min) continue;
                if (TierOf(t.Scope) is not { } tier) continue;
                DateOnly? deadline = DateOnly.TryParseExact(t.Deadline, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
                rules.Add(new BrandQuotaRule(pack.Id, pack.Document.Number ?? pack.Document.Title, area, tier, (int)Math.Ceiling(min),
                    t.MaxValue is { } max ? (int)Math.Floor(max) : null, deadline, t.Text ?? t.Metric, t.Source ?? ""));
            }
        }
        return rules;
    }

    /// <summary>"每个省级专业镇" → 省级; a target on one named town or on the whole area is not a per-town quota.</summary>
    public static Tier? TierOf(string? scope) =>
        scope is null || !scope.StartsWith("每个", StringComparison.Ordinal) ? null
        : scope.Contains("省级", StringComparison.Ordinal) ? Tier.Provincial
        : scope.Contains("市级", StringComparison.Ordinal) ? Tier.Municipal
        : scope.Contains("县级", StringComparison.Ordinal) ? Tier.County
        : null;

    /// <summary>Whether any quota's document governs a county (the town then shows, with or without a quota for its tier).</summary>
    public static bool Governs(IReadOnlyList<BrandQuotaRule> rules, string countyPath) => rules.Any(r => Under(countyPath, r.AreaPath));

    /// <summary>The quota of the nearest document that governs the county and names the tier.</summary>
    public static BrandQuotaRule? RuleFor(IReadOnlyList<BrandQuotaRule> rules, string countyPath, Tier tier) =>
        rules.Where(r => r.Tier == tier && Under(countyPath, r.AreaPath)).OrderByDescending(r => r.AreaPath.Length).FirstOrDefault();

    public static QuotaState Assess(BrandQuotaRule? rule, int count, DateOnly today) =>
        rule is null ? QuotaState.NotRequired
        : count >= rule.Minimum ? QuotaState.Met
        : rule.Deadline is { } deadline && today > deadline ? QuotaState.Missed
        : QuotaState.Pending;

    public static TownBrandQuota Town(IReadOnlyList<BrandQuotaRule> rules, int id, string name, string countyPath, Tier tier, IReadOnlyList<string> brands, DateOnly today)
    {
        var rule = RuleFor(rules, countyPath, tier);
        var county = countyPath[(countyPath.LastIndexOf('/') + 1)..];
        return new TownBrandQuota(id, name, countyPath, county, tier, rule, brands, Assess(rule, brands.Count, today));
    }

    /// <summary>
    /// Each county, city and the province above the towns, counting only towns with a quota: how many, how many brands
    /// they need at the least, how many met it, how many brands they hold and how many are still missing.
    /// </summary>
    public static IReadOnlyList<QuotaRollup> Rollup(IEnumerable<TownBrandQuota> towns)
    {
        var byArea = new SortedDictionary<string, List<TownBrandQuota>>(StringComparer.Ordinal);
        foreach (var town in towns.Where(t => t.Rule is not null))
        {
            var parts = town.CountyPath.Split('/');
            for (var depth = 1; depth <= parts.Length; depth++)
            {
                var path = string.Join("/", parts.Take(depth));
                if (!byArea.TryGetValue(path, out var list)) byArea[path] = list = [];
                list.Add(town);
            }
        }
        return byArea.Select(a => new QuotaRollup(a.Key, a.Key[(a.Key.LastIndexOf('/') + 1)..], a.Key.Count(c => c == '/'),
            a.Value.Count, a.Value.Sum(t => t.Rule!.Minimum), a.Value.Count(t => t.State == QuotaState.Met),
            a.Value.Sum(t => t.Count), a.Value.Sum(t => t.Shortfall))).ToList();
    }

    public static string Chinese(QuotaState state) => state switch
    {
        QuotaState.Met => "已完成",
        QuotaState.Pending => "未完成",
        QuotaState.Missed => "逾期未完成",
        _ => "本梯次无配额",
    };

    private static bool Under(string path, string area) =>
        area.Length > 0 && Jurisdiction.IsWithin(path, area);
}
