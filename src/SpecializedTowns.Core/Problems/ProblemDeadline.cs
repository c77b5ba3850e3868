namespace SpecializedTowns.Core.Problems;

/// <summary>红 overdue, 黄 due soon, 绿 on track (UI.md); 灰 when no time limit is set yet; none once answered.</summary>
public enum DeadlineStatus { None = 0, NotSet = 1, OnTrack = 2, DueSoon = 3, Overdue = 4 }

/// <summary>
/// The time limit runs until the lead unit answers. Dates are China's calendar days: a limit of 3月5日 is met by an
/// answer on 3月5日 and overdue from 3月6日.
/// </summary>
public static class ProblemDeadline
{
    public const int DefaultDueSoonDays = 7;

    public static DateOnly ChinaDate(DateTime utc) => ChinaTime.Date(utc);

    public static DeadlineStatus Of(ProblemState state, DateOnly? deadline, DateOnly today, int dueSoonDays)
    {
        if (!ProblemNames.AwaitsAnswer(state)) return DeadlineStatus.None;
        if (deadline is not { } d) return DeadlineStatus.NotSet;
        var left = d.DayNumber - today.DayNumber;
        return left < 0 ? DeadlineStatus.Overdue : left <= dueSoonDays ? DeadlineStatus.DueSoon : DeadlineStatus.OnTrack;
    }

    public static int DaysOverdue(DateOnly deadline, DateOnly today) => Math.Max(0, today.DayNumber - deadline.DayNumber);

    public static int DaysLeft(DateOnly deadline, DateOnly today) => deadline.DayNumber - today.DayNumber;

    /// <summary>
    /// Days past the time limit on which the lead unit answered (0 when on time or not answered). Derived from the answer's
    /// time, which an answered or closed problem keeps (a reopening clears it, and the next answer is the one that counts),
    /// so that the lateness outlives the 逾期 badge that disappears with the answer.
    /// </summary>
    public static int DaysLateAtAnswer(ProblemState state, DateOnly? deadline, DateTime? answeredAtUtc) =>
        LateAtAnswer(state, deadline, answeredAtUtc) ?? 0;

    /// <summary>
    /// <see cref="DaysLateAtAnswer"/>, but null where lateness does not apply (not answered, or answered without a time
    /// limit), so that the API tells “answered on time” (0) from “nothing to measure”.
    /// </summary>
    public static int? LateAtAnswer(ProblemState state, DateOnly? deadline, DateTime? answeredAtUtc) =>
        AnsweredOn(state, answeredAtUtc) is { } on && deadline is { } d ? DaysOverdue(d, on) : null;

    /// <summary>The answer's day (China's calendar), while the problem stands answered or closed; null otherwise.</summary>
    public static DateOnly? AnsweredOn(ProblemState state, DateTime? answeredAtUtc) =>
        state is ProblemState.Answered or ProblemState.Closed && answeredAtUtc is { } at ? ChinaDate(at) : null;

    /// <summary>How the list and the page say it: 逾期 3 天答复.</summary>
    public static string DescribeLateAnswer(int daysLate) => daysLate > 0 ? $"逾期 {daysLate} 天答复" : "";

    /// <summary>How the list says it: 逾期 3 天, 今天到期, 剩 2 天, 未定时限.</summary>
    public static string Describe(DeadlineStatus status, DateOnly? deadline, DateOnly today) => (status, deadline) switch
    {
        (DeadlineStatus.NotSet, _) => "未定时限",
        (DeadlineStatus.Overdue, { } d) => $"逾期 {DaysOverdue(d, today)} 天",
        (DeadlineStatus.DueSoon, { } d) when d == today => "今天到期",
        (DeadlineStatus.DueSoon or DeadlineStatus.OnTrack, { } d) => $"剩 {DaysLeft(d, today)} 天",
        _ => "",
    };
}

/// <summary>One problem as the by-unit figures need it.</summary>
public sealed record ProblemFigureRow(int JurisdictionId, int LeadUnitId, ProblemState State, DateOnly? Deadline, DateTime RaisedAtUtc, DateTime? ClosedAtUtc,
    DateTime? AnsweredAtUtc = null);

/// <summary>
/// A lead unit's problems in one county: open (not yet closed), solved, overdue now, the average days from raising to closing,
/// and how it answers: answered (answered or closed), of them answered after the time limit (逾期答复), and the share answered in
/// time (按期答复率, 0–100, null when nothing is answered yet).
/// </summary>
public sealed record UnitFigures(int JurisdictionId, int LeadUnitId, int Open, int Solved, int Overdue, double? AverageDaysToClose,
    int Answered = 0, int AnsweredLate = 0)
{
    public double? OnTimeAnswerRate => Answered == 0 ? null : Math.Round(100.0 * (Answered - AnsweredLate) / Answered, 1);
}

public static class ProblemFigures
{
    /// <summary>
    /// Figures per county and lead unit. A problem becomes the unit's when the office accepts it: a lead unit merely
    /// proposed at registration, or a refused problem (不予受理), counts nowhere. Average days are calendar time from
    /// raising to the raiser's confirmation, to one decimal.
    /// </summary>
    public static IReadOnlyList<UnitFigures> ByUnit(IEnumerable<ProblemFigureRow> rows, DateOnly today) =>
        rows.Where(r => r.State is not (ProblemState.Registered or ProblemState.Declined))
            .GroupBy(r => (r.JurisdictionId, r.LeadUnitId))
            .Select(g =>
            {
                var solved = g.Where(r => r.State == ProblemState.Closed && r.ClosedAtUtc is not null).ToList();
                return new UnitFigures(
                    g.Key.JurisdictionId, g.Key.LeadUnitId,
                    Open: g.Count(r => r.State != ProblemState.Closed),
                    Solved: solved.Count,
                    Overdue: g.Count(r => ProblemDeadline.Of(r.State, r.Deadline, today, 0) == DeadlineStatus.Overdue),
                    AverageDaysToClose: solved.Count == 0 ? null : Math.Round(solved.Average(r => (r.ClosedAtUtc!.Value - r.RaisedAtUtc).TotalDays), 1),
                    Answered: g.Count(r => r.State is ProblemState.Answered or ProblemState.Closed && r.AnsweredAtUtc is not null),
                    AnsweredLate: g.Count(r => ProblemDeadline.DaysLateAtAnswer(r.State, r.Deadline, r.AnsweredAtUtc) > 0));
            })
            .ToList();
}
