namespace SpecializedTowns.Core;

/// <summary>
/// China's calendar (UTC+8, no daylight saving) for every date the workflow derives from a moment: "today", the day a step
/// was taken, the year a figure belongs to. Times are stored in UTC; taken as a date they would put anything done between
/// 00:00 and 08:00 Beijing time on the day before — a deadline met would read as missed, a tier would take effect a day early.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The China date of a UTC moment (a <see cref="DateTimeKind.Local"/> one is converted to UTC first).</summary>
    public static DateOnly Date(DateTime utc) =>
        DateOnly.FromDateTime((utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : utc) + Offset);

    public static DateOnly Date(DateTimeOffset moment) => DateOnly.FromDateTime(moment.UtcDateTime + Offset);

    /// <summary>Today in China, by the clock the application runs on (a fixed one in tests).</summary>
    public static DateOnly Today(TimeProvider time) => Date(time.GetUtcNow());
}
