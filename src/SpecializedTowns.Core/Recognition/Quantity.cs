using System.Globalization;

namespace SpecializedTowns.Core.Recognition;

/// <summary>How figures are written for people: 万元 below 1亿, 亿元 from 1亿, counts with their measure word.</summary>
public static class Quantity
{
    /// <summary>For screens and tables: 亿元 with two decimals (UI convention).</summary>
    public static string Format(decimal value, string? unit) => Write(value, unit, exact: false);

    /// <summary>For explanations that compare a figure with a threshold: never rounded, so 4.9999亿元 does not read as 5亿元.</summary>
    public static string Exact(decimal value, string? unit) => Write(value, unit, exact: true);

    /// <summary>A figure and the threshold it is compared with, in the same unit (both in 亿元 once either reaches 1亿).</summary>
    public static (string Figure, string Threshold) Pair(decimal figure, decimal threshold, string? unit)
    {
        if (unit != "万元") return (Exact(figure, unit), Exact(threshold, unit));
        var inYi = Math.Max(Math.Abs(figure), Math.Abs(threshold)) >= 10000;
        return (MoneyIn(figure, inYi, exact: true), MoneyIn(threshold, inYi, exact: true));
    }

    /// <summary>A shortfall: percentages are 个百分点, not %.</summary>
    public static string Shortfall(decimal value, string? unit) =>
        unit == "%" ? $"{Trim(value, exact: true)} 个百分点" : Exact(value, unit);

    public static string Money(decimal wanYuan) => MoneyIn(wanYuan, Math.Abs(wanYuan) >= 10000, exact: false);

    /// <summary>
    /// An amount beside or about a field typed in 万元: in 万元 at full precision with thousands separators, never turned into
    /// 亿元, so that what the person typed and what they are told compare digit by digit (20,150万元 below 20,196万元, where
    /// both would read 2.02亿元).
    /// </summary>
    public static string WanYuan(decimal wanYuan) => $"{Trim(wanYuan, exact: true)}万元";

    /// <summary>
    /// A figure as the pages show it in tables and cards: 亿元 always with two decimals (UI.md), so 1.30亿元 and 12.00亿元
    /// line up in a column. Thresholds quoted from a text keep their own form (<see cref="Money"/>: 首次突破10亿元).
    /// </summary>
    public static string Figure(decimal wanYuan) => Math.Abs(wanYuan) >= 10000
        ? $"{Math.Round(wanYuan / 10000m, 2).ToString("#,0.00", CultureInfo.InvariantCulture)}亿元"
        : MoneyIn(wanYuan, inYi: false, exact: false);

    /// <summary>
    /// An amount in the unit a figure is counted in. A target set in 亿元 stays in 亿元 (its table is headed 单位：亿元),
    /// with two decimals like every other amount on the pages; 万元 as <see cref="Figure(decimal)"/>.
    /// </summary>
    public static string Figure(decimal value, string? unit) => unit switch
    {
        "亿元" => $"{Math.Round(value, 2).ToString("#,0.00", CultureInfo.InvariantCulture)}亿元",
        "万元" => Figure(value),
        _ => Format(value, unit),
    };

    private static string Write(decimal value, string? unit, bool exact) => unit switch
    {
        "万元" => MoneyIn(value, Math.Abs(value) >= 10000, exact),
        "%" => $"{Trim(value, exact)}%",
        null or "" => Trim(value, exact),
        _ => $"{Trim(value, exact)} {unit}",
    };

    private static string MoneyIn(decimal wanYuan, bool inYi, bool exact) =>
        inYi ? $"{Trim(exact ? wanYuan / 10000m : Math.Round(wanYuan / 10000m, 2), exact)}亿元" : $"{Trim(wanYuan, exact)}万元";

    private static string Trim(decimal value, bool exact) =>
        value.ToString(value == decimal.Truncate(value) ? "#,0" : exact ? "#,0.##########" : "#,0.##", CultureInfo.InvariantCulture);

    /// <summary>The same number without trailing zeros (databases return 18000.0 or 18000.00 alike).</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    public static decimal? Normalize(decimal? value) => value is { } v ? Normalize(v) : null;
}
