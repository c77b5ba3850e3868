using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Notifications;

namespace SpecializedTowns.Data.Problems;

/// <summary>
/// What the problem ledger asks of a person: the office to accept new problems and to act on overdue ones
/// (they escalate to it), the lead unit to handle and answer, the raiser to confirm an answered problem.
/// </summary>
public static class ProblemReminders
{
    public static async Task<IReadOnlyList<Reminder>> ForAsync(ProblemService problems, UserScope scope, CancellationToken ct)
    {
        var today = problems.Today;
        var office = scope.Role is Roles.Admin or Roles.Office;
        var unit = scope.Role == Roles.MemberUnit ? scope.UnitId ?? -1 : -1;
        var me = scope.UserId;
        var rows = await problems.Visible(scope).AsNoTracking()
            .Where(p => (office && p.State == ProblemState.Registered)
                        || ((office || p.LeadUnitId == unit) && (p.State == ProblemState.Accepted || p.State == ProblemState.Handling))
                        || (p.RaisedByUserId == me && p.State == ProblemState.Answered))
            .OrderBy(p => p.Deadline).Select(p => new { p.Id, p.Title, p.State, p.Deadline, p.LeadUnitId, p.RaisedByUserId }).ToListAsync(ct);

        var reminders = new List<Reminder>();
        foreach (var p in rows)
        {
            var overdue = p.Deadline is { } d && d < today ? ProblemDeadline.DaysOverdue(d, today) : 0;
            var link = $"/Problems/Detail/{p.Id}";
            switch (p.State)
            {
                case ProblemState.Registered:
                    reminders.Add(new Reminder("问题台账", overdue > 0 ? ReminderLevel.Red : ReminderLevel.Yellow, $"{p.Title}：待受理", link));
                    break;
                case ProblemState.Accepted or ProblemState.Handling when p.LeadUnitId == unit && unit > 0:
                    reminders.Add(new Reminder("问题台账", overdue > 0 ? ReminderLevel.Red : ReminderLevel.Yellow,
                        overdue > 0 ? $"{p.Title}：已逾期 {overdue} 天，请尽快办理答复" : $"{p.Title}：请办理并答复", link));
                    break;
                case ProblemState.Accepted or ProblemState.Handling when overdue > 0:
                    // The office hears of a problem in someone else's hands only once it is late.
                    reminders.Add(new Reminder("问题台账", ReminderLevel.Red, $"{p.Title}：逾期 {overdue} 天未答复，请督办", link));
                    break;
                case ProblemState.Answered:
                    reminders.Add(new Reminder("问题台账", ReminderLevel.Yellow, $"{p.Title}：已答复，请确认是否解决", link));
                    break;
            }
        }
        return reminders;
    }
}
