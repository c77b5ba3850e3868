using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Applications;

/// <summary>One figure of an application: what the platform holds for the town and what the applicant declares.</summary>
public sealed record FactComparison(string Fact, string Name, decimal? Registered, decimal? Declared)
{
    /// <summary>The applicant declares a figure the platform's statistics do not show: 形式审查 and 审定 should see why.</summary>
    public bool Differs => Declared is { } d && Registered != d;

    /// <summary>How far the declared figure lies from the registered one, in words; null when they agree or nothing is registered.</summary>
    public string? Difference => !Differs ? null
        : Registered is not { } r ? "平台无登记数据"
        : r == 0 ? "平台登记为 0"
        : $"申报{(Declared > r ? "高" : "低")}于平台登记 {Math.Round(Math.Abs(Declared!.Value - r) * 100 / r, 0)}%";
}

/// <summary>
/// The declared facts beside the town's registered ones (its latest reported statistics and enterprise library): the
/// reviewer of an application sees the figures the platform holds, so that 25,000万元 declared against 16,000万元 on
/// record is noticed at 形式审查, not after 认定.
/// </summary>
public static class DeclaredFacts
{
    public static IReadOnlyList<FactComparison> Compare(TownFacts? registered, TownFacts declared) =>
        FactNames.Numeric.Select(n => new FactComparison(n.Key, n.Value, registered?.Number(n.Key), declared.Number(n.Key))).ToList();
}
