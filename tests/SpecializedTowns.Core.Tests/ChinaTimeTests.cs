using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Tests;

/// <summary>Dates the workflow derives from a moment are China's (UTC+8): from 00:00 to 08:00 there, the UTC date is still yesterday.</summary>
public class ChinaTimeTests
{
    private static readonly DateTime LateEveningUtc = new(2026, 3, 10, 23, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Half_past_eleven_utc_is_the_next_day_in_china()
    {
        ChinaTime.Date(LateEveningUtc).ShouldBe(new DateOnly(2026, 3, 11));
        ChinaTime.Date(new DateTimeOffset(LateEveningUtc)).ShouldBe(new DateOnly(2026, 3, 11));
        ChinaTime.Today(new FixedClock(new DateTimeOffset(LateEveningUtc))).ShouldBe(new DateOnly(2026, 3, 11));
        ChinaTime.Today(new FixedClock(new DateTimeOffset(2026, 3, 10, 15, 59, 0, TimeSpan.Zero))).ShouldBe(new DateOnly(2026, 3, 10));
        ChinaTime.Today(new FixedClock(new DateTimeOffset(2026, 3, 10, 16, 0, 0, TimeSpan.Zero))).ShouldBe(new DateOnly(2026, 3, 11));
        // The year turns in China eight hours before it does in UTC.
        ChinaTime.Today(new FixedClock(new DateTimeOffset(2026, 12, 31, 20, 0, 0, TimeSpan.Zero))).Year.ShouldBe(2027);
    }

    [Fact]
    public void Publicity_may_end_on_its_last_day_before_eight_in_the_morning_beijing_time()
    {
        var office = new Actor(20, "yuncheng-office", Roles.Office);
        var eligible = new RecognitionResult("yuncheng-municipal", Results.Eligible, [new("output-value", Results.Met, "达到标准", null) { Title = "规模" }]);
        var a = new RecognitionApplication();
        a.Submit(office, LateEveningUtc.AddDays(-10));
        a.Accept(office, LateEveningUtc.AddDays(-10), [30]);
        a.Conclude(office, LateEveningUtc.AddDays(-9), []);
        a.Decide(office, LateEveningUtc.AddDays(-9), Decision.Recognize, "运专领发〔2026〕3号", null, new DateOnly(2026, 3, 11), eligible);

        // 2026-03-10 23:30 UTC is 03-11 07:30 in China, the period's last day.
        a.EndPublicity(office, LateEveningUtc, objectionUpheld: false, null);
        a.State.ShouldBe(ApplicationState.Recognized);
    }

    [Fact]
    public void The_publicity_window_starts_tomorrow_in_china()
    {
        RecognitionApplication.PublicityWindow(LateEveningUtc).First.ShouldBe(new DateOnly(2026, 3, 12));
    }
}
