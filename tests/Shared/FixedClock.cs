namespace SpecializedTowns.Tests.Shared;

/// <summary>
/// The one clock a test sets: it stands where it is put, and a test moves it by setting <see cref="Now"/> (to cross a deadline,
/// a month's end or China's midnight) rather than each test class keeping a copy of its own.
/// </summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>10:00 in China on the day (02:00 UTC): far from either midnight, so the day is the same in UTC and in China.</summary>
    public FixedClock(DateOnly day) : this(MorningOf(day)) { }

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Moves the clock to 10:00 in China on the day.</summary>
    public void MoveTo(DateOnly day) => Now = MorningOf(day);

    public static DateTimeOffset MorningOf(DateOnly day) => new(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
}
