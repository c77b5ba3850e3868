using System.Globalization;

namespace SpecializedTowns.Core.Recognition;

/// <summary>How a yearly or monthly figure is measured, which decides what is out of range and how it is said.</summary>
public enum FigureKind { MoneyWanYuan, Count, Percent }

/// <summary>
/// The range a figure may take wherever it is entered: a form, an import, a monthly report, an application's facts.
/// Beyond it the figure is a typing or unit slip (元 for 万元), not a fact; one place, so that a form cannot accept what the
/// importer of the same figure refuses.
/// </summary>
public sealed record FigureRule(FigureKind Kind, decimal Max)
{
    /// <summary>What is wrong with the value, named as the form names the field; null when it is in range (or blank).</summary>
    public string? Problem(string name, decimal? value) => value switch
    {
        null => null,
        < 0 => $"{name}不能为负数",
        var v when Kind == FigureKind.Percent && v > Max => $"{name}应在 0 到 {Max:0} 之间",
        var v when v > Max => TooLarge(name),
        var v when Kind == FigureKind.Count && v != decimal.Truncate(v.Value) => $"{name}应为整数",
        _ => null,
    };

    /// <summary>
    /// The same for text the form could not turn into its number (a count beyond int, 1e40 beyond decimal, a word):
    /// said as the value would have been, rather than dropped as a blank.
    /// </summary>
    public string Problem(string name, string typed)
    {
        if (!double.TryParse(typed.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || double.IsNaN(number))
            return $"{name}应填写数字";
        if (number < 0) return $"{name}不能为负数";
        if (number > (double)Max) return Kind == FigureKind.Percent ? $"{name}应在 0 到 {Max:0} 之间" : TooLarge(name);
        if (Kind == FigureKind.Count && number != Math.Floor(number)) return $"{name}应为整数";
        return $"{name}应填写数字";
    }

    private string TooLarge(string name) =>
        Kind == FigureKind.MoneyWanYuan ? $"{name}超出合理范围，请核对单位是否为万元" : $"{name}超出合理范围";
}

/// <summary>
/// The ranges of the facts the platform records about a town, its enterprises and projects. Money up to 1万亿元
/// (100,000,000 万元): no county industry in Shanxi comes near it, and 元 typed for 万元 goes over it.
/// </summary>
public static class FigureLimits
{
    public const decimal MaxMoneyWanYuan = 100_000_000m;
    public const int MaxEmployment = 10_000_000;
    public const int MaxLeadingEnterprises = 100_000;
    public const int MaxSupportingEnterprises = 1_000_000;
    public const int MaxPatents = 1_000_000;
    public const int MaxPlatforms = 10_000;

    public static readonly FigureRule Money = new(FigureKind.MoneyWanYuan, MaxMoneyWanYuan);
    public static readonly FigureRule Percent = new(FigureKind.Percent, 100);
    public static readonly FigureRule Employment = new(FigureKind.Count, MaxEmployment);
    public static readonly FigureRule LeadingEnterprises = new(FigureKind.Count, MaxLeadingEnterprises);
    public static readonly FigureRule SupportingEnterprises = new(FigureKind.Count, MaxSupportingEnterprises);
    public static readonly FigureRule Patents = new(FigureKind.Count, MaxPatents);
    public static readonly FigureRule Platforms = new(FigureKind.Count, MaxPlatforms);

    /// <summary>The range of a numeric fact of the recognition check (<see cref="FactNames.Numeric"/>).</summary>
    public static FigureRule ForFact(string fact) => fact switch
    {
        FactNames.AnnualOutputValueWanYuan => Money,
        FactNames.LeadingEnterprises => LeadingEnterprises,
        FactNames.SupportingEnterprises => SupportingEnterprises,
        FactNames.LocalEmployment => Employment,
        FactNames.ProvincialMarketSharePercent or FactNames.CityMarketSharePercent => Percent,
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, "not a numeric fact"),
    };

    /// <summary>
    /// Tax is paid out of what is sold: above the year's output or revenue it is a slip of unit or column. The same rule for
    /// the form and both statistics imports; the names are the ones the caller's form or file uses.
    /// </summary>
    public static string? TaxProblem(decimal? tax, decimal? output, decimal? revenue, string outputName = "年产值", string revenueName = "营收") =>
        tax switch
        {
            null => null,
            var t when output is { } o && t > o => $"税收不能大于{outputName}",
            var t when revenue is { } r && t > r => $"税收不能大于{revenueName}",
            _ => null,
        };
}
