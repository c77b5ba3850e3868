namespace SpecializedTowns.Core.Evaluation;

/// <summary>A subject's figures as the ranking shows them: what an office reviews before it publishes.</summary>
public sealed record RankingFigures(int Rank, decimal Total, string? Band, bool Commended, bool Supervised, IReadOnlyList<IndicatorDetail> Indicators)
{
    public static RankingFigures Of(EvaluationResult r, IReadOnlyList<IndicatorDetail> indicators) =>
        new(r.Rank, r.Total, r.Band, r.Commended, r.Supervised, indicators);
}

/// <summary>
/// One subject whose figures differ between the draft the office reviewed and the recalculation made when it publishes:
/// it entered the ranking (<see cref="Before"/> null), left it (<see cref="After"/> null), or its total, rank, band,
/// 拟表扬/拟督办 or an indicator's score moved.
/// </summary>
public sealed record RankingChange(string SubjectKey, string Subject, string Place, RankingFigures? Before, RankingFigures? After)
{
    /// <summary>The indicators whose measured value or points moved, by name: what a change of total comes from.</summary>
    public IReadOnlyList<string> Indicators { get; init; } = [];

    /// <summary>The change as the office reads it: 总分 61.97 → 65.20，名次 第 5 → 第 4，等次 合格 → 合格 ….</summary>
    public string Describe()
    {
        if (Before is null) return $"新进入排名：第 {After!.Rank} 名，{After.Total:0.00} 分{Band(After)}{Marks(After)}";
        if (After is null) return $"不再参加排名（原第 {Before.Rank} 名，{Before.Total:0.00} 分）：本年度已没有可计量的记录";
        var parts = new List<string>();
        if (Before.Total != After.Total) parts.Add($"总分 {Before.Total:0.00} → {After.Total:0.00}");
        if (Before.Rank != After.Rank) parts.Add($"名次 第 {Before.Rank} → 第 {After.Rank}");
        if (Before.Band != After.Band) parts.Add($"等次 {Before.Band ?? "无"} → {After.Band ?? "无"}");
        if (Before.Commended != After.Commended) parts.Add(After.Commended ? "新列入拟表扬" : "不再拟表扬");
        if (Before.Supervised != After.Supervised) parts.Add(After.Supervised ? "新列入拟督办" : "不再拟督办");
        if (parts.Count == 0) parts.Add("总分、名次、等次不变");
        if (Indicators.Count > 0) parts.Add("变动的指标：" + string.Join("、", Indicators));
        return string.Join("，", parts);
    }

    private static string Band(RankingFigures f) => f.Band is null ? "" : $"，{f.Band}";
    private static string Marks(RankingFigures f) => (f.Commended ? "，拟表扬" : "") + (f.Supervised ? "，拟督办" : "");
}

public static class RankingChanges
{
    /// <summary>
    /// The subjects whose figures differ between two calculations of one evaluation, in the new ranking's order (then the
    /// subjects that left it). Evidence wording is not compared, only what it adds up to: the values and points of every
    /// indicator, and the total, rank, band and 拟表扬/拟督办 they make.
    /// </summary>
    public static IReadOnlyList<RankingChange> Between(
        IReadOnlyList<(string Key, string Subject, string Place, RankingFigures Figures)> reviewed,
        IReadOnlyList<(string Key, string Subject, string Place, RankingFigures Figures)> recalculated)
    {
        var before = reviewed.ToDictionary(r => r.Key);
        var after = recalculated.ToDictionary(r => r.Key);
        var changes = new List<RankingChange>();
        foreach (var a in recalculated.OrderBy(r => r.Figures.Rank).ThenBy(r => r.Subject, StringComparer.Ordinal))
        {
            if (!before.TryGetValue(a.Key, out var b))
            {
                changes.Add(new RankingChange(a.Key, a.Subject, a.Place, null, a.Figures));
                continue;
            }
            var moved = MovedIndicators(b.Figures.Indicators, a.Figures.Indicators);
            var (x, y) = (b.Figures, a.Figures);
            if (moved.Count == 0 && x.Rank == y.Rank && x.Total == y.Total && x.Band == y.Band && x.Commended == y.Commended && x.Supervised == y.Supervised)
                continue;
            changes.Add(new RankingChange(a.Key, a.Subject, a.Place, b.Figures, a.Figures) { Indicators = moved });
        }
        foreach (var b in reviewed.Where(r => !after.ContainsKey(r.Key)).OrderBy(r => r.Figures.Rank))
            changes.Add(new RankingChange(b.Key, b.Subject, b.Place, b.Figures, null));
        return changes;
    }

    private static List<string> MovedIndicators(IReadOnlyList<IndicatorDetail> before, IReadOnlyList<IndicatorDetail> after)
    {
        var old = before.ToDictionary(i => i.Key);
        return after.Where(i => !old.TryGetValue(i.Key, out var o) || o.Value != i.Value || o.Points != i.Points || o.Weighted != i.Weighted)
            .Select(i => i.Name)
            .Concat(before.Where(o => after.All(i => i.Key != o.Key)).Select(o => o.Name))
            .ToList();
    }
}
