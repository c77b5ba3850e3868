using System.Globalization;

namespace SpecializedTowns.Core.Recognition;

/// <summary>How figures are written for people: 万元 below 1亿, 亿元 from 1亿, counts with their measure word.</summary>
public static class Quantity
{
    public static string Format(decimal value, string? unit) => unit switch
    {
        "万元" => Money(value),
        "%" => $"{Trim(value)}%",
        null or "" => Trim(value),
        _ => $"{Trim(value)} {unit}",
    };

    public static string Money(decimal wanYuan) =>
        Math.Abs(wanYuan) >= 10000 ? $"{Trim(Math.Round(wanYuan / 10000m, 2))}亿元" : $"{Trim(Math.Round(wanYuan, 2))}万元";

    public static string Trim(decimal value) =>
        value.ToString(value == decimal.Truncate(value) ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);
}
