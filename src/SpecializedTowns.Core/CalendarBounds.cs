namespace SpecializedTowns.Core;

/// <summary>
/// The years the platform works in. A year or a date outside them is a typing slip (0、99999、9999-12-31), never a real
/// programme year; refused here with one message, it cannot reach date arithmetic that throws (new DateOnly(99999, 1, 1),
/// a China day start before 0001-01-01) and turn into a server error.
/// </summary>
public static class CalendarBounds
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public static bool Contains(long year) => year is >= MinYear and <= MaxYear;

    public static bool Contains(DateOnly day) => Contains(day.Year);

    /// <summary>The Chinese message for a year outside the bounds, or null when it is inside.</summary>
    public static string? YearProblem(long year, string what = "年度") =>
        Contains(year) ? null : $"{what}应在 {MinYear} 到 {MaxYear} 之间（现为 {year}）";

    /// <summary>The Chinese message for a date outside the bounds, or null when it is inside.</summary>
    public static string? DateProblem(DateOnly day, string what = "日期") =>
        Contains(day) ? null : $"{what} {day:yyyy-MM-dd} 不合理，年份应在 {MinYear} 到 {MaxYear} 之间";
}
