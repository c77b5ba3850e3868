using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Problems;

namespace SpecializedTowns.Core.Tests.Problems;

/// <summary>
/// A problem answered after its time limit keeps that fact once the 逾期 badge has gone (垣政办发〔2023〕19号 五（四）“推进不到位”):
/// derived from the answer's time, counted per unit as 逾期答复 with an 按期答复率.
/// </summary>
public class LateAnswerTests
{
    private static readonly ProblemActor Office = new(20, "垣曲县专业镇办", Roles.Office, 1, true);
    private static readonly ProblemActor Lead = new(30, "垣曲县农业农村局", Roles.MemberUnit, 7, false);
    private static readonly DateTime Raised = new(2025, 3, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Limit = new(2025, 3, 10);

    private static Problem Accepted()
    {
        var p = Problem.Raise(Office, Raised, "菌种技术人员短缺", "仅有技术人员 2 名", ProblemSource.Survey, ProblemKind.Common, ProblemCategory.Talent, 100, null, null, null, [], null);
        p.Accept(Office, Raised, new UnitRef(7, "县农业农村局"), [], Limit, null);
        p.Handle(Lead, Raised, "已对接省农科院");
        return p;
    }

    [Fact]
    public void An_answer_after_the_limit_is_late_by_china_calendar_days_and_stays_so_when_closed()
    {
        var p = Accepted();
        // 3月12日 08:30 in China is still 3月12日 00:30 UTC: two days past 3月10日.
        p.Answer(Lead, new DateTime(2025, 3, 12, 0, 30, 0, DateTimeKind.Utc), "已组织培训");
        ProblemDeadline.DaysLateAtAnswer(p.State, p.Deadline, p.AnsweredAtUtc).ShouldBe(2);
        ProblemDeadline.DescribeLateAnswer(2).ShouldBe("逾期 2 天答复");
        ProblemDeadline.Of(p.State, p.Deadline, new DateOnly(2025, 3, 20), 7).ShouldBe(DeadlineStatus.None, "the 逾期 badge goes with the answer");
        p.Confirm(Office, new DateTime(2025, 3, 15, 2, 0, 0, DateTimeKind.Utc), null);
        ProblemDeadline.DaysLateAtAnswer(p.State, p.Deadline, p.AnsweredAtUtc).ShouldBe(2, "closing keeps the lateness");
    }

    [Fact]
    public void An_answer_on_the_last_day_in_china_is_in_time_and_a_reopened_problem_counts_its_next_answer()
    {
        var p = Accepted();
        // 3月10日 23:30 in China is 15:30 UTC the same day.
        p.Answer(Lead, new DateTime(2025, 3, 10, 15, 30, 0, DateTimeKind.Utc), "已组织培训");
        ProblemDeadline.DaysLateAtAnswer(p.State, p.Deadline, p.AnsweredAtUtc).ShouldBe(0);
        p.Reopen(Office, new DateTime(2025, 3, 11, 2, 0, 0, DateTimeKind.Utc), "仍缺人");
        ProblemDeadline.DaysLateAtAnswer(p.State, p.Deadline, p.AnsweredAtUtc).ShouldBe(0, "being handled again, it is overdue now instead");
        p.Answer(Lead, new DateTime(2025, 3, 14, 2, 0, 0, DateTimeKind.Utc), "已招聘 3 名");
        ProblemDeadline.DaysLateAtAnswer(p.State, p.Deadline, p.AnsweredAtUtc).ShouldBe(4);
    }

    [Fact]
    public void Unit_figures_count_late_answers_and_the_share_answered_in_time()
    {
        var raised = Raised;
        ProblemFigureRow Row(ProblemState state, int? answeredDay) =>
            new(100, 7, state, Limit, raised, state == ProblemState.Closed ? raised.AddDays(20) : null,
                answeredDay is { } d ? new DateTime(2025, 3, d, 2, 0, 0, DateTimeKind.Utc) : null);
        var rows = new[]
        {
            Row(ProblemState.Answered, 12),  // 2 days late
            Row(ProblemState.Closed, 15),    // 5 days late, closed since
            Row(ProblemState.Closed, 9),     // in time
            Row(ProblemState.Answered, 10),  // on the last day
            Row(ProblemState.Handling, null),
        };
        var f = ProblemFigures.ByUnit(rows, new DateOnly(2025, 3, 20)).Single();
        (f.Answered, f.AnsweredLate, f.OnTimeAnswerRate).ShouldBe((4, 2, 50.0));
        f.Overdue.ShouldBe(1, "the unanswered one is overdue now; the late answers are not");
        ProblemFigures.ByUnit([Row(ProblemState.Handling, null)], new DateOnly(2025, 3, 1)).Single().OnTimeAnswerRate.ShouldBeNull();
    }
}
