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

    /// <summary>Both figures in words, as 审定 records them: “配套企业申报 12 家，平台登记 4 家”.</summary>
    public string Described => $"{FactNames.GapNames.GetValueOrDefault(Fact, Name)}申报 {Figure(Fact, Declared)}，{(Registered is null ? "平台无登记数据" : $"平台登记 {Figure(Fact, Registered)}")}";

    /// <summary>A figure with its unit, as the application page writes it (万元/亿元, %, 人, 家).</summary>
    public static string Figure(string fact, decimal? value) => value is not { } v ? "—"
        : fact == FactNames.AnnualOutputValueWanYuan ? Quantity.Figure(v)
        : fact is FactNames.ProvincialMarketSharePercent or FactNames.CityMarketSharePercent ? Quantity.Format(v, "%")
        : v.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) + (fact == FactNames.LocalEmployment ? " 人" : " 家");
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

    /// <summary>
    /// The differences (形式审查's 不一致, <see cref="FactComparison.Differs"/>) that 审定 must settle or explain before a town is
    /// recognised or reserved on the declared figures (qa110 3): “配套企业申报 12 家，平台登记 4 家”; null when there are none.
    /// </summary>
    public static string? ToSettle(IEnumerable<FactComparison> comparisons) =>
        string.Join("；", comparisons.Where(c => c.Differs).Select(c => c.Described)) is { Length: > 0 } s ? s : null;
}
