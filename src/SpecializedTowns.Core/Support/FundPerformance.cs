using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Core.Support;

/// <summary>
/// One recipient line of the fund-performance review for a period: the money its grants brought (to the town itself and to
/// its enterprises) and its results at the end of the period against the year before the period began. A line without a
/// town holds the county's enterprises outside any specialized town, so the review adds up to every grant.
/// The output years say which statistics were compared; the money granted after the later of them cannot have brought
/// that change and is left out of the ratio (<paramref name="FundsByOutputYearWanYuan"/>; null: all of it counts).
/// </summary>
public sealed record PerformanceInput(
    int? TownId, string Name, string CountyPath, Tier? Tier,
    decimal TownFundsWanYuan, decimal EnterpriseFundsWanYuan, int Grants,
    decimal? OutputValueWanYuan, decimal? OutputBeforeWanYuan,
    int? Employment, int? EmploymentBefore,
    int Projects, decimal ProjectInvestmentWanYuan,
    int? OutputBeforeYear = null, int? OutputYear = null, decimal? FundsByOutputYearWanYuan = null);

public enum PerformanceLevel { Province = 1, City = 2, County = 3, Town = 4 }

/// <summary>A line as shown: a town, or the total of an area (province, city, county) above the lines it sums.</summary>
public sealed record PerformanceLine(
    PerformanceLevel Level, string Path, string Name, int? TownId, Tier? Tier,
    decimal TownFundsWanYuan, decimal EnterpriseFundsWanYuan, int Grants,
    decimal? OutputValueWanYuan, decimal? OutputChangeWanYuan, int? Employment, int? EmploymentChange,
    int Projects, decimal ProjectInvestmentWanYuan,
    int? OutputBeforeYear = null, int? OutputYear = null, decimal? FundsForRatioWanYuan = null)
{
    public decimal FundsWanYuan => TownFundsWanYuan + EnterpriseFundsWanYuan;

    /// <summary>The years compared for the output change, “2023→2024”; null when unknown or when the lines summed differ.</summary>
    public string? OutputYears => OutputBeforeYear is { } b && OutputYear is { } e ? $"{b}→{e}" : null;

    /// <summary>The money the ratio is of: granted by the end of the later statistics year (all of it when not told).</summary>
    public decimal FundsInRatioWanYuan => FundsForRatioWanYuan ?? FundsWanYuan;

    /// <summary>Money of the period granted after the statistics compared, left out of the ratio.</summary>
    public decimal FundsAfterOutputWanYuan => FundsWanYuan - FundsInRatioWanYuan;

    public bool IsTotal => Level != PerformanceLevel.Town;

    /// <summary>
    /// 每万元资金对应产值增量: the growth of output over the period per 万元 granted by the end of the later statistics year;
    /// null without such money or without the output of both years. A ratio of the sums, never a sum of ratios.
    /// </summary>
    public decimal? OutputChangePerFund => FundsInRatioWanYuan > 0 && OutputChangeWanYuan is { } d ? decimal.Round(d / FundsInRatioWanYuan, 2) : null;
}

public static class FundPerformance
{
    /// <summary>
    /// The lines in reading order: each area's total before what it sums (省 → 市 → 县 → 专业镇). Areas are taken from the
    /// county paths (山西省/朔州市/怀仁市): a figure unknown for every line below stays unknown in the total, and a known one
    /// is summed over the lines that know it. Areas come in the order <paramref name="areas"/> gives their paths (the
    /// official order of places), else in the order of their names.
    /// </summary>
    public static IReadOnlyList<PerformanceLine> Lines(IEnumerable<PerformanceInput> inputs, IComparer<string>? areas = null)
    {
        var towns = inputs.Select(Line).ToList();
        var result = new List<PerformanceLine>();
        Add(result, towns, depth: 0, prefix: null, areas ?? StringComparer.Ordinal);
        return result;
    }

    private static void Add(List<PerformanceLine> into, List<(string[] Segments, PerformanceLine Line)> lines, int depth, string? prefix, IComparer<string> areas)
    {
        // Areas at this depth (province = 0, city = 1, county = 2); a town line's path has three segments.
        foreach (var group in lines.GroupBy(l => l.Segments[depth]).OrderBy(g => prefix is null ? g.Key : prefix + "/" + g.Key, areas))
        {
            var path = prefix is null ? group.Key : prefix + "/" + group.Key;
            var members = group.ToList();
            into.Add(Sum((PerformanceLevel)(depth + 1), path, group.Key, members.Select(m => m.Line).ToList()));
            if (depth < 2 && members.All(m => m.Segments.Length > depth + 1)) Add(into, members, depth + 1, path, areas);
            else
                // The county's towns by money received, most first, then the enterprises outside any town last.
                into.AddRange(members.Select(m => m.Line).OrderBy(l => l.TownId is null).ThenByDescending(l => l.FundsWanYuan).ThenBy(l => l.Name, StringComparer.Ordinal));
        }
    }

    private static (string[] Segments, PerformanceLine Line) Line(PerformanceInput i)
    {
        var segments = i.CountyPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3) segments = [.. segments, .. Enumerable.Repeat("（未分区）", 3 - segments.Length)];
        return (segments, new PerformanceLine(PerformanceLevel.Town, i.CountyPath, i.Name, i.TownId, i.Tier,
            i.TownFundsWanYuan, i.EnterpriseFundsWanYuan, i.Grants,
            i.OutputValueWanYuan, i.OutputValueWanYuan is { } o && i.OutputBeforeWanYuan is { } b ? o - b : null,
            i.Employment, i.Employment is { } e && i.EmploymentBefore is { } eb ? e - eb : null,
            i.Projects, i.ProjectInvestmentWanYuan,
            i.OutputBeforeYear, i.OutputYear, i.FundsByOutputYearWanYuan));
    }

    private static PerformanceLine Sum(PerformanceLevel level, string path, string name, IReadOnlyList<PerformanceLine> lines) => new(
        level, path, name, null, null,
        lines.Sum(l => l.TownFundsWanYuan), lines.Sum(l => l.EnterpriseFundsWanYuan), lines.Sum(l => l.Grants),
        SumKnown(lines.Select(l => l.OutputValueWanYuan)), SumKnown(lines.Select(l => l.OutputChangeWanYuan)),
        SumKnown(lines.Select(l => l.Employment)), SumKnown(lines.Select(l => l.EmploymentChange)),
        lines.Sum(l => l.Projects), lines.Sum(l => l.ProjectInvestmentWanYuan),
        Same(lines, l => l.OutputBeforeYear), Same(lines, l => l.OutputYear), lines.Sum(l => l.FundsInRatioWanYuan));

    /// <summary>The year every line with an output change compared, or null when they differ.</summary>
    private static int? Same(IReadOnlyList<PerformanceLine> lines, Func<PerformanceLine, int?> year)
    {
        var years = lines.Where(l => l.OutputChangeWanYuan is not null).Select(year).Distinct().ToList();
        return years.Count == 1 ? years[0] : null;
    }

    private static decimal? SumKnown(IEnumerable<decimal?> values)
    {
        var known = values.Where(v => v is not null).ToList();
        return known.Count == 0 ? null : known.Sum();
    }

    private static int? SumKnown(IEnumerable<int?> values)
    {
        var known = values.Where(v => v is not null).ToList();
        return known.Count == 0 ? null : known.Sum();
    }
}
