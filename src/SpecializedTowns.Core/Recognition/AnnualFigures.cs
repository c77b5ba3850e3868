using System.Globalization;

namespace SpecializedTowns.Core.Recognition;

/// <summary>
/// What an annual statistics figure (企业年度统计) may be, beyond its range (<see cref="FigureLimits"/>): the year it is of,
/// and how far it may move from the year before without being questioned.
/// </summary>
public static class AnnualFigures
{
    /// <summary>
    /// The latest year annual statistics may be of on that day: the last finished one. The texts count output and revenue by
    /// the year (年产值, 年度统计, 年度评估 on the year's data); a figure for the year still running is a part of a year, and
    /// the platform has no notion of a 快报 (preliminary figure) to keep it apart, so it would be read as the whole year.
    /// </summary>
    public static int LatestYear(DateOnly today) => today.Year - 1;

    /// <summary>Why a year cannot hold annual statistics on that day; null when it is a finished year.</summary>
    public static string? YearProblem(int year, DateOnly today) =>
        year > LatestYear(today)
            ? $"{year}年{(year == today.Year ? "尚未结束" : "还没有开始")}，年度统计只能填报已结束的年份（{LatestYear(today)}年及以前）"
            : null;

    /// <summary>
    /// How many times a year's output or revenue may be of the year before's (or the year before's of it) before the figure
    /// is questioned: beyond it the usual cause is a unit slip (元 or 亿元 typed for 万元), or a wrong column.
    /// </summary>
    public const decimal JumpFactor = 5m;

    /// <summary>
    /// A warning, not a refusal, when <paramref name="value"/> of <paramref name="year"/> is more than <see cref="JumpFactor"/>
    /// times the year before's or less than its 1/<see cref="JumpFactor"/>: a real jump happens (a plant starts producing), so
    /// the figure is kept and the sender asked to check it. Nothing is said where either year is zero or unknown.
    /// Amounts in 万元 as typed (as the 月报's flags write them), so the sender compares them digit by digit with the file.
    /// </summary>
    public static string? JumpWarning(string figure, int year, decimal? value, decimal? previous)
    {
        if (value is not { } now || previous is not { } before || now <= 0 || before <= 0) return null;
        var ratio = now / before;
        var was = $"{year - 1}年（{Quantity.WanYuan(before)}）";
        if (ratio > JumpFactor)
            return $"{figure} {Quantity.WanYuan(now)}，是{was}的 {Times(ratio)} 倍，请核实单位（万元）是否填对";
        if (ratio < 1 / JumpFactor)
            return Math.Round(ratio * 100, 2) is var percent && percent > 0
                ? $"{figure} {Quantity.WanYuan(now)}，只有{was}的 {percent.ToString("0.##", CultureInfo.InvariantCulture)}%，请核实单位（万元）是否填对"
                : $"{figure} {Quantity.WanYuan(now)}，不到{was}的 0.01%，请核实单位（万元）是否填对";
        return null;
    }

    private static string Times(decimal ratio) => Math.Round(ratio, 1).ToString("#,0.#", CultureInfo.InvariantCulture);
}
