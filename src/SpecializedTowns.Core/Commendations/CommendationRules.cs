namespace SpecializedTowns.Core.Commendations;

/// <summary>
/// 已触发: the first year on record that reaches the mark, every earlier year on record and below it, none missing between.
/// 待核实: the mark is reached in the first year on record (首次有数据), or a year before it is missing, so the records
/// cannot say whether it is the first time; the office checks and decides.
/// </summary>
public enum CrossingState
{
    Triggered = 1,
    Unverified = 2,
}

public static class CrossingStates
{
    public static string Chinese(CrossingState state) => state == CrossingState.Triggered ? "已触发" : "待核实";

    public static string Key(CrossingState state) => state == CrossingState.Triggered ? "triggered" : "unverified";
}

/// <summary>One year's figure of a series (revenue in 万元, or a rank).</summary>
public sealed record YearFigure(int Year, decimal Value);

/// <summary>
/// The year a series first reaches a mark, and the earlier years that show it is the first time (all below the mark).
/// <see cref="Note"/> says why a crossing is only 待核实.
/// </summary>
public sealed record FirstCrossing(int Year, decimal Value, CrossingState State, IReadOnlyList<YearFigure> Before, string? Note);

/// <summary>
/// 朔政办发〔2023〕19号 四（九）: "对专业镇主导产业领军企业营收规模首次突破10亿元的，及主导产品市场占有率首次进入全国前10名的
/// 企业给予表彰". Pure: the marks come from the pack (a provision's measure and value), the series from the records.
/// </summary>
public static class CommendationRules
{
    /// <summary>
    /// The first year revenue reaches the mark (突破 read as 达到或超过: revenue of exactly 10亿元 has broken through 10亿).
    /// Only the first crossing counts: a fall below and a second crossing later is not commended again.
    /// </summary>
    public static FirstCrossing? RevenueFirstReaches(IEnumerable<YearFigure> revenue, decimal markWanYuan) =>
        First(revenue, v => v >= markWanYuan, (a, b) => a >= b ? a : b);

    /// <summary>The first year a rank is within the top <paramref name="topN"/> (rank ≤ N); several rankings of one year count by the best.</summary>
    public static FirstCrossing? RankFirstWithin(IEnumerable<YearFigure> ranks, int topN) =>
        First(ranks, v => v <= topN, (a, b) => a <= b ? a : b);

    private static FirstCrossing? First(IEnumerable<YearFigure> series, Func<decimal, bool> reaches, Func<decimal, decimal, decimal> better)
    {
        var years = series.GroupBy(f => f.Year)
            .Select(g => new YearFigure(g.Key, g.Select(f => f.Value).Aggregate(better)))
            .OrderBy(f => f.Year).ToList();
        var index = years.FindIndex(f => reaches(f.Value));
        if (index < 0) return null;
        var hit = years[index];
        var before = years.Take(index).ToList();
        if (before.Count == 0)
            return new FirstCrossing(hit.Year, hit.Value, CrossingState.Unverified, before, $"{hit.Year}年为平台最早的记录（首次有数据），无法判断此前是否已达到");
        // A year missing between the first record and the crossing might have been above the mark.
        var missing = Enumerable.Range(before[0].Year, hit.Year - before[0].Year).Except(before.Select(f => f.Year)).ToList();
        if (missing.Count > 0)
            return new FirstCrossing(hit.Year, hit.Value, CrossingState.Unverified, before, $"缺少{string.Join("、", missing)}年的记录，无法判断是否为首次");
        return new FirstCrossing(hit.Year, hit.Value, CrossingState.Triggered, before, null);
    }
}
